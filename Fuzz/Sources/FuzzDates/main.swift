import ComplaintIntake
import FuzzSupport

let resources = try! IntakeResources()
nonisolated(unsafe) let analyzer = try! TextAnalyzer(model: resources.text)
let extractor = FieldExtractor(data: try! ExtractionData(store: resources.store, fold: try! Normalizer(variants: .builtIn).fold))

/// Date phrases against extreme reference days: the first four bytes choose the day (any ordinal from year 1 to
/// 9999, with the two ends and leap days most often), the rest is text in which numbers and date words abound.
/// Every date found must be a real day written as YYYY-MM-DD, and nothing may trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let b = bytes(data, size)
    guard b.count >= 4 else { return 0 }
    let pick = Int(b[0]) << 16 | Int(b[1]) << 8 | Int(b[2])
    let ends = ["0001-01-01", "0001-01-20", "9999-12-20", "9999-12-31", "2024-02-29", "2000-02-29"]
    let reference = b[3] < 128 ? Day(iso: ends[Int(b[3]) % ends.count])! : Day(ordinal: -719_162 + pick % 3_652_059)!
    let text = String(decoding: b[4...], as: UTF8.self)
    guard let a = try? analyzer.analyze(text) else { return 0 }
    let f = extractor.extract(a.text, language: a.language, negationScopes: [], reference: reference)
    for d in f.dates {
        precondition(d.value.utf8.count == 10 && Day(iso: d.value) != nil, "a date that is no day: \(d.value)")
    }
    return 0
}

runFuzzer(fuzzOne)
