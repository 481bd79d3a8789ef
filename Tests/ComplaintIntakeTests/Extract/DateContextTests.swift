import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// The words around a bare number that decide whether it is a day live in `dates.tsv` (kinds daycue, datecue,
/// notday, joiner, place): a desk that adds one changes what is read as a date, with no new build.
@Suite("Date context words as data")
struct DateContextTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let text: String
        /// Dates found with the built-in files, and with the rows below laid over them.
        let builtIn: [String]
        let overlaid: [String]
        var testDescription: String { text }
    }

    /// Rows a desk might add: a counted noun, a joiner, and place marks (Simplified; Traditional text folds to it).
    static let overlay: [String: String] = [
        "es/dates.tsv": "cajas\tnotday\t-\nbultos\tnotday\t-\ne\tjoiner\t-\n",
        "zh/dates.tsv": "桥\tplace\t-\n舱\tplace\t-\n",
    ]

    static let cases: [Case] = [
        Case(text: "Me cobraron el 15 cajas que nunca pedí", builtIn: ["2024-03-15"], overlaid: []),
        Case(text: "Llegaron el 12 bultos rotos", builtIn: ["2024-03-12"], overlaid: []),
        Case(text: "Me cobraron el 15 pesos de más", builtIn: [], overlaid: []),
        // A joiner after a weekday keeps the day; after a bare number it rules the day out.
        Case(text: "Vinieron el lunes 11 e insistieron", builtIn: ["2024-03-11"], overlaid: ["2024-03-11"]),
        Case(text: "Me llamaron el 15 e insistieron", builtIn: ["2024-03-15"], overlaid: []),
        Case(text: "快递员把包裹放在3号桥下面就走了", builtIn: ["2024-03-03"], overlaid: []),
        Case(text: "快遞員把包裹放在5號艙門口", builtIn: ["2024-03-05"], overlaid: []),
        Case(text: "快递放在3号楼门口就走了", builtIn: [], overlaid: []),
        Case(text: "我3月5号买的，到现在还没发货", builtIn: ["2024-03-05"], overlaid: ["2024-03-05"]),
    ]

    static let overlaidResources = Fixtures.resources(overlay: overlay)

    @Test("built-in files", arguments: cases)
    func builtIn(_ c: Case) { #expect(Fixtures.fields(c.text).dates.map(\.value) == c.builtIn) }

    @Test("with a desk's rows laid over them", arguments: cases)
    func overlaid(_ c: Case) { #expect(Fixtures.fields(c.text, resources: Self.overlaidResources).dates.map(\.value) == c.overlaid) }

    @Test("a place mark of more than one character is refused with its file and line")
    func longPlace() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("date-context-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("zh"), withIntermediateDirectories: true)
        try "桥下\tplace\t-\n".write(to: dir.appendingPathComponent("zh/dates.tsv"), atomically: true, encoding: .utf8)
        #expect {
            _ = try IntakeResources(lexiconDirectory: dir.path)
        } throws: { error in
            String(describing: error).contains("dates.tsv") && String(describing: error).contains("one character")
        }
    }
}
