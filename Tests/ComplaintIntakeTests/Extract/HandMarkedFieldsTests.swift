import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// Precision and recall of order numbers, dates and amounts on 60 complaints per language whose fields were marked
/// by hand (Tests/Fields/fields-<lang>.jsonl): the near misses included (a phone beside an order number, a date
/// inside an order number, an amount without currency, a tracking number that is no order).
@Suite("Hand-marked fields")
struct HandMarkedFieldsTests {
    struct Case: Decodable {
        struct Money: Decodable, Hashable { let value: String; let currency: String? }
        let text: String
        let reference: String
        let order_numbers: [String]
        let dates: [String]
        let amounts: [Money]
    }

    struct Score: CustomStringConvertible {
        var truePositives = 0, found = 0, expected = 0
        var precision: Double { found == 0 ? 1 : Double(truePositives) / Double(found) }
        var recall: Double { expected == 0 ? 1 : Double(truePositives) / Double(expected) }
        mutating func add(found f: [String], expected e: [String]) {
            let fs = Set(f), es = Set(e)
            truePositives += fs.intersection(es).count
            found += fs.count
            expected += es.count
        }
        var description: String { String(format: "P %.3f R %.3f (%d found, %d expected)", precision, recall, found, expected) }
    }

    static func score(_ language: String) throws -> (orders: Score, dates: Score, amounts: Score, misses: [String]) {
        let url = Repository.root.appendingPathComponent("Tests/Fields/fields-\(language).jsonl")
        var orders = Score(), dates = Score(), amounts = Score()
        var misses: [String] = []
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            let c = try JSONDecoder().decode(Case.self, from: Data(line.utf8))
            let f = Fixtures.fields(c.text, reference: c.reference)
            let o = f.orderNumbers.map(\.value), d = f.dates.map(\.value), a = f.amounts.map { "\(Self.decimal($0.value)) \($0.currency ?? "null")" }
            let ea = c.amounts.map { "\(Self.decimal($0.value)) \($0.currency ?? "null")" }
            orders.add(found: o, expected: c.order_numbers)
            dates.add(found: d, expected: c.dates)
            amounts.add(found: a, expected: ea)
            if Set(o) != Set(c.order_numbers) || Set(d) != Set(c.dates) || Set(a) != Set(ea) {
                misses.append("\(c.text) | orders \(o) want \(c.order_numbers) | dates \(d) want \(c.dates) | amounts \(a) want \(ea)")
            }
        }
        return (orders, dates, amounts, misses)
    }

    /// 88.00 and 88 are the same amount.
    static func decimal(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }

    @Test("order numbers, dates and amounts: precision ≥ 0.95, recall ≥ 0.90", arguments: ["zh", "es"])
    func handMarked(_ language: String) throws {
        let (orders, dates, amounts, misses) = try Self.score(language)
        print("hand-marked fields \(language): orders \(orders); dates \(dates); amounts \(amounts)")
        if ProcessInfo.processInfo.environment["FIELD_MISSES"] != nil { for m in misses { print("  miss " + m) } }
        for (name, s) in [("orders", orders), ("dates", dates), ("amounts", amounts)] {
            #expect(s.expected >= 20, "\(name): too few marked")
            #expect(s.precision >= 0.95, "\(language) \(name) \(s)")
            #expect(s.recall >= 0.90, "\(language) \(name) \(s)")
        }
    }
}
