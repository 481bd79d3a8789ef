import ComplaintIntake
import FuzzSupport

let resources = try! IntakeResources()
nonisolated(unsafe) let analyzer = try! TextAnalyzer(model: resources.text)

/// Normalization, language identification and segmentation of arbitrary text; every token's span must lie inside
/// the original text and name its scalars.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: bytes(data, size), as: UTF8.self)
    guard let a = try? analyzer.analyze(text) else { return 0 }
    let scalars = Array(text.unicodeScalars)
    for t in a.tokens {
        precondition(0 <= t.start && t.start <= t.end && t.end <= scalars.count, "token span out of the text")
        precondition(String(String.UnicodeScalarView(scalars[t.start..<t.end])) == t.text, "token text differs from its span")
    }
    return 0
}

runFuzzer(fuzzOne)
