import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// Adversarial texts of 1 MB (UTF-8): extraction must finish with sane results and its work, counted in scalar steps
/// and hit lookups (not seconds), must grow linearly: ten times the text, about ten times the work.
@Suite("Linear work on adversarial text")
struct LinearWorkTests {
    struct Case: CustomStringConvertible, Sendable {
        let name: String
        let unit: String
        var description: String { name }
    }

    static let cases: [Case] = [
        .init(name: "one long digit run", unit: "9"),
        .init(name: "Chinese numerals", unit: "三"),
        .init(name: "repeated Chinese cue words", unit: "订单号单号运单号"),
        .init(name: "repeated Spanish cue words", unit: "pedido número de pedido guía "),
        .init(name: "nested brackets", unit: "(【a[b{"),
        .init(name: "dollar amounts", unit: "pagué $5 y "),
        .init(name: "peso amounts", unit: "1500 pesos "),
        .init(name: "Spanish thousands in words", unit: "mil "),
        .init(name: "hundreds in words", unit: "cien mil doscientos "),
        .init(name: "phone-like numbers in mixed text", unit: "12345678 el 快递 "),
        .init(name: "date words without dates", unit: "上周上个月昨天前"),
        .init(name: "Spanish date words", unit: "el lunes pasado de marzo de hace "),
        .init(name: "negated remedies", unit: "不要退款不要换货"),
        .init(name: "amount marks", unit: "¥$€ 1.5万 "),
        .init(name: "digits and separators", unit: "1/2-3.4:"),
    ]

    static func steps(_ text: String) throws -> (steps: Int, fields: ExtractedFields) {
        let a = try Fixtures.analyzer().analyze(text)
        let meter = WorkMeter()
        let scopes = Fixtures.resources.lexicon.negationScopes(in: a.text)
        let f = Fixtures.extractor.extract(a.text, language: a.language, negationScopes: scopes, reference: Day(iso: "2024-03-20")!, meter: meter)
        return (meter.steps, f)
    }

    @Test("1 MB of adversarial text: extraction finishes and its work is linear", arguments: cases)
    func linear(_ c: Case) throws {
        let big = String(repeating: c.unit, count: 1_000_000 / c.unit.utf8.count)
        let small = String(repeating: c.unit, count: 100_000 / c.unit.utf8.count)
        let (bigSteps, fields) = try Self.steps(big)
        let (smallSteps, _) = try Self.steps(small)
        let ratio = Double(bigSteps) / Double(smallSteps)
        // The meter must see the text: at least a step per scalar of what normalization kept.
        #expect(smallSteps >= small.unicodeScalars.count / 8, "only \(smallSteps) steps for \(small.unicodeScalars.count) scalars")
        // Normalization squeezes runs of one mark, so some texts shrink: less than ten times is fine.
        #expect(ratio < 12.5, "work grew \(ratio)x for 10x the text (\(smallSteps) -> \(bigSteps) steps)")
        print("linear work, \(c.name): \(smallSteps) -> \(bigSteps) steps (\(String(format: "%.2f", ratio))x)")
        // Whatever was found lies inside the text and is a real day.
        let n = big.unicodeScalars.count
        for d in fields.dates { #expect(Day(iso: d.value) != nil && d.end <= n) }
        #expect(fields.phones.allSatisfy { $0.end <= n })
        if c.unit == "9" {
            // A million-digit run is no phone, date or amount.
            #expect(fields.phones.isEmpty && fields.dates.isEmpty && fields.amounts.isEmpty)
        }
    }
}
