import ComplaintIntake
import FuzzSupport

let resources = try! IntakeResources()
nonisolated(unsafe) let analyzer = try! TextAnalyzer(model: resources.text)
let extractor = FieldExtractor(data: try! ExtractionData(store: resources.store, fold: try! Normalizer(variants: .builtIn).fold))

/// Every extractor (orders, tracking, dates, amounts, phones, e-mails, remedies, signals) over arbitrary text;
/// every span must point into the text and every date must be a real day.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: bytes(data, size), as: UTF8.self)
    guard let a = try? analyzer.analyze(text) else { return 0 }
    let f = extractor.extract(a.text, language: a.language, negationScopes: [], reference: Day(year: 2024, month: 3, day: 20)!)
    let n = text.unicodeScalars.count
    let spans = f.orderNumbers.map { ($0.start, $0.end) } + f.trackingNumbers.map { ($0.start, $0.end) }
        + f.dates.map { ($0.start, $0.end) } + f.amounts.map { ($0.start, $0.end) } + f.phones.map { ($0.start, $0.end) }
        + f.emails.map { ($0.start, $0.end) }
    for (s, e) in spans { precondition(0 <= s && s < e && e <= n, "span out of the text") }
    for d in f.dates { precondition(Day(iso: d.value) != nil, "a date that is no day: \(d.value)") }
    return 0
}

runFuzzer(fuzzOne)
