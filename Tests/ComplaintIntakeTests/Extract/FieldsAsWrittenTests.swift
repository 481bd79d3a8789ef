import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// The ways real complaints write amounts, order numbers and days that the first extractor missed (issue 19): the
/// per-language case files of `Tests/Cases/` run by one generic runner, and the tests that need more than a line.
@Suite("Fields as customers write them")
struct FieldsAsWrittenTests {
    /// One line of `Tests/Cases/fields-<lang>.jsonl`: a sentence as a customer writes it and the fields it must give.
    /// A field the line leaves out is not checked; an empty list means "none".
    struct Case: Decodable, CustomStringConvertible, Sendable {
        let text: String
        var reference: String?
        var default_currency: String?
        /// "value currency" per amount, currency `null` when the text names none.
        var amounts: [String]?
        var orders: [String]?
        /// "kind value" per reference number.
        var references: [String]?
        var dates: [String]?
        var description: String { text }
    }

    /// The case files, one per language, beside the rules they test (as Duckling keeps a corpus per language).
    static func cases(_ language: String) -> [Case] {
        let url = Repository.root.appendingPathComponent("Tests/Cases/fields-\(language).jsonl")
        guard let body = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return body.split(separator: "\n").compactMap { try? JSONDecoder().decode(Case.self, from: Data($0.utf8)) }
    }

    @Test("the case files exist and every line reads", arguments: ["zh", "es"])
    func caseFiles(_ language: String) throws {
        let url = Repository.root.appendingPathComponent("Tests/Cases/fields-\(language).jsonl")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count >= 25)
        #expect(Self.cases(language).count == lines.count, "a line of fields-\(language).jsonl does not decode")
    }

    @Test("Chinese cases: approximate and rounded amounts, amounts without a mark, ranges, cues after the number, no-dates",
          arguments: cases("zh"))
    func chinese(_ c: Case) { check(c) }

    @Test("Spanish cases: thousands with dots, mil, lucas, apostrophe decimals, ranges, glued cues, no-dates",
          arguments: cases("es"))
    func spanish(_ c: Case) { check(c) }

    private func check(_ c: Case) {
        let f = Fixtures.fields(c.text, reference: c.reference ?? "2024-03-20", defaultCurrency: c.default_currency)
        if let want = c.amounts {
            #expect(f.amounts.map { "\(HandMarkedFieldsTests.decimal($0.value)) \($0.currency ?? "null")" } == want, "\(c.text)")
        }
        if let want = c.orders { #expect(f.orderNumbers.map(\.value) == want, "\(c.text)") }
        if let want = c.references { #expect(f.referenceNumbers.map { "\($0.kind) \($0.value)" } == want, "\(c.text)") }
        if let want = c.dates { #expect(f.dates.map(\.value) == want, "\(c.text)") }
    }

    @Test("600多元 is marked approximate, ¥299 is not")
    func approximate() {
        #expect(Fixtures.fields("这个电饭煲600多元").amounts.map(\.approximate) == [true])
        #expect(Fixtures.fields("花了¥299买的").amounts.map(\.approximate) == [false])
        #expect(Fixtures.fields("me costó unos 300 euros").amounts.map(\.approximate) == [true])
    }

    @Test("a phone given in the input is read like one in the text", arguments: [
        ("55 1234 5678", "no me llega el pedido", nil as String?, "+525512345678"),
        ("0912 345 678", "訂單一直沒出貨", nil, "+886912345678"),
        ("139 0211 5678", "快递一直没到", nil, "+8613902115678"),
        ("(2) 2345 6789", "no llega", "CL", "+56223456789"),
    ])
    func inputPhone(_ raw: String, _ text: String, _ country: String?, _ e164: String) throws {
        var policy = try Policy.builtIn()
        policy.defaultCountry = country
        let pipeline = try IntakePipeline(resources: Fixtures.resources, policy: policy)
        var m = Message(text: text)
        m.customer.phone = raw
        #expect(try pipeline.process(m).customer.phone == e164)
    }
}
