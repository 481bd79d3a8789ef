import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// The words a date phrase is built of (de, del, este mes, feliz, 年, 号, 个) are `dates.tsv` rows with a role: a
/// desk that adds one through `--lexicons` changes what is read as a date, with no new build.
@Suite("Date grammar words as data")
struct DateGrammarTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let text: String
        /// Dates found with the built-in files, and with the rows below laid over them.
        let builtIn: [String]
        let overlaid: [String]
        var testDescription: String { text }
    }

    /// Rows a desk might add: a texting-style connector, a plural greeting, a month phrase, a counted noun after a
    /// month (Simplified; Traditional text folds to it).
    static let overlay: [String: String] = [
        "es/dates.tsv": "d\tconnector\t-\nfelices\tgreeting\t-\nmes previo\tmonthphrase\t-1\n",
        "zh/dates.tsv": "箱\tcounter\t-\n",
    ]

    static let cases: [Case] = [
        Case(text: "Hice el pedido 2 d marzo y me llegó la licuadora rota, quiero mi reembolso", builtIn: [], overlaid: ["2024-03-02"]),
        Case(text: "¡Felices pascuas! El regalo que compré para mi hija llegó con la caja aplastada", builtIn: ["2023-04-09"], overlaid: []),
        Case(text: "El cargo apareció el 5 del mes previo y todavía no me lo devuelven", builtIn: ["2024-03-05"], overlaid: ["2024-02-05"]),
        Case(text: "El cargo apareció el 5 del mes pasado y todavía no me lo devuelven", builtIn: ["2024-02-05"], overlaid: ["2024-02-05"]),
        Case(text: "¡Feliz Navidad! Ojalá este año sí me devuelvan el dinero", builtIn: [], overlaid: []),
        Case(text: "你们仓库说3月12箱货已经全部发出，可我到现在一箱都没收到", builtIn: ["2024-03-12"], overlaid: []),
        Case(text: "你們倉庫說3月12箱貨已經全部發出", builtIn: ["2024-03-12"], overlaid: []),
        Case(text: "我3月12号下的单，到现在还没发货", builtIn: ["2024-03-12"], overlaid: ["2024-03-12"]),
        Case(text: "我上礼拜天下的单，到现在还没发货", builtIn: ["2024-03-17"], overlaid: ["2024-03-17"]),
    ]

    static let overlaidResources = Fixtures.resources(overlay: overlay)

    @Test("built-in files", arguments: cases)
    func builtIn(_ c: Case) { #expect(Fixtures.fields(c.text).dates.map(\.value) == c.builtIn) }

    @Test("with a desk's rows laid over them", arguments: cases)
    func overlaid(_ c: Case) { #expect(Fixtures.fields(c.text, resources: Self.overlaidResources).dates.map(\.value) == c.overlaid) }

    @Test("a row with a value its role does not take is refused with its file, line and reason", arguments: [
        ("es/dates.tsv", "la semana entrante\tweekphrase\tnext\n", "offset"),
        ("es/dates.tsv", "ultimo\tbeforeweekday\tlast\n", "next, past, this, bare"),
        ("zh/dates.tsv", "\u{3000}\tdaymark\t-\n", "empty"),
    ])
    func badRow(_ file: String, _ row: String, _ reason: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("date-grammar-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent((file as NSString).deletingLastPathComponent), withIntermediateDirectories: true)
        try row.write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8)
        #expect {
            _ = try IntakeResources(lexiconDirectory: dir.path)
        } throws: { error in
            let message = String(describing: error)
            return message.contains("dates.tsv:1:") && message.contains(reason)
        }
    }
}
