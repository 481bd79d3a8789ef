import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// The words a date phrase is built of (de, del, este mes, feliz, 年, 号, 个) and the words around a bare number that
/// decide whether it is a day (a counted noun, a joiner, a place mark) are `dates.tsv` rows with a role: a desk that
/// adds one through `--lexicons` changes what is read as a date, with no new build.
@Suite("Date words as data")
struct DatesAsDataTests {
    /// Rows a desk might add (Simplified; Traditional text folds to it).
    enum Overlay: Sendable {
        /// A texting-style connector, a plural greeting, a month phrase, a counted noun after a month.
        case grammar
        /// A counted noun, a joiner, and place marks.
        case context

        var rows: [String: String] {
            switch self {
            case .grammar: [
                "es/dates.tsv": "d\tconnector\t-\nfelices\tgreeting\t-\nmes previo\tmonthphrase\t-1\n",
                "zh/dates.tsv": "箱\tcounter\t-\n",
            ]
            case .context: [
                "es/dates.tsv": "cajas\tnotday\t-\nbultos\tnotday\t-\ne\tjoiner\t-\n",
                "zh/dates.tsv": "桥\tplace\t-\n舱\tplace\t-\n",
            ]
            }
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let overlay: Overlay
        let text: String
        /// Dates found with the built-in files, and with the overlay's rows laid over them.
        let builtIn: [String]
        let overlaid: [String]
        var testDescription: String { text }

        init(_ overlay: Overlay, _ text: String, builtIn: [String], overlaid: [String]) {
            self.overlay = overlay
            self.text = text
            self.builtIn = builtIn
            self.overlaid = overlaid
        }
    }

    static let cases: [Case] = [
        Case(.grammar, "Hice el pedido 2 d marzo y me llegó la licuadora rota, quiero mi reembolso", builtIn: [], overlaid: ["2024-03-02"]),
        Case(.grammar, "¡Felices pascuas! El regalo que compré para mi hija llegó con la caja aplastada", builtIn: ["2023-04-09"], overlaid: []),
        Case(.grammar, "El cargo apareció el 5 del mes previo y todavía no me lo devuelven", builtIn: ["2024-03-05"], overlaid: ["2024-02-05"]),
        Case(.grammar, "El cargo apareció el 5 del mes pasado y todavía no me lo devuelven", builtIn: ["2024-02-05"], overlaid: ["2024-02-05"]),
        Case(.grammar, "¡Feliz Navidad! Ojalá este año sí me devuelvan el dinero", builtIn: [], overlaid: []),
        Case(.grammar, "你们仓库说3月12箱货已经全部发出，可我到现在一箱都没收到", builtIn: ["2024-03-12"], overlaid: []),
        Case(.grammar, "你們倉庫說3月12箱貨已經全部發出", builtIn: ["2024-03-12"], overlaid: []),
        Case(.grammar, "我3月12号下的单，到现在还没发货", builtIn: ["2024-03-12"], overlaid: ["2024-03-12"]),
        Case(.grammar, "我上礼拜天下的单，到现在还没发货", builtIn: ["2024-03-17"], overlaid: ["2024-03-17"]),
        Case(.context, "Me cobraron el 15 cajas que nunca pedí", builtIn: ["2024-03-15"], overlaid: []),
        Case(.context, "Llegaron el 12 bultos rotos", builtIn: ["2024-03-12"], overlaid: []),
        Case(.context, "Me cobraron el 15 pesos de más", builtIn: [], overlaid: []),
        // A joiner after a weekday keeps the day; after a bare number it rules the day out.
        Case(.context, "Vinieron el lunes 11 e insistieron", builtIn: ["2024-03-11"], overlaid: ["2024-03-11"]),
        Case(.context, "Me llamaron el 15 e insistieron", builtIn: ["2024-03-15"], overlaid: []),
        Case(.context, "快递员把包裹放在3号桥下面就走了", builtIn: ["2024-03-03"], overlaid: []),
        Case(.context, "快遞員把包裹放在5號艙門口", builtIn: ["2024-03-05"], overlaid: []),
        Case(.context, "快递放在3号楼门口就走了", builtIn: [], overlaid: []),
        Case(.context, "我3月5号买的，到现在还没发货", builtIn: ["2024-03-05"], overlaid: ["2024-03-05"]),
    ]

    static let grammar = Fixtures.resources(overlay: Overlay.grammar.rows)
    static let context = Fixtures.resources(overlay: Overlay.context.rows)

    @Test("built-in files", arguments: cases)
    func builtIn(_ c: Case) { #expect(Fixtures.fields(c.text).dates.map(\.value) == c.builtIn) }

    @Test("with a desk's rows laid over them", arguments: cases)
    func overlaid(_ c: Case) {
        let resources = switch c.overlay { case .grammar: Self.grammar; case .context: Self.context }
        #expect(Fixtures.fields(c.text, resources: resources).dates.map(\.value) == c.overlaid)
    }

    @Test("a row its role does not take is refused with its file, line and reason", arguments: [
        ("es/dates.tsv", "la semana entrante\tweekphrase\tnext\n", "offset"),
        ("es/dates.tsv", "ultimo\tbeforeweekday\tlast\n", "next, past, this, bare"),
        ("zh/dates.tsv", "\u{3000}\tdaymark\t-\n", "empty"),
        ("zh/dates.tsv", "桥下\tplace\t-\n", "one character"),
    ])
    func badRow(_ file: String, _ row: String, _ reason: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dates-\(UUID().uuidString)")
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
