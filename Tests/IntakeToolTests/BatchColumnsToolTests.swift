import Foundation
import IntakeTestSupport
import Testing

/// `intake batch --field` on a desk's export, as the built tool runs it.
@Suite("intake batch with a desk's own columns")
struct BatchColumnsToolTests {
    static let spanish = """
        fecha,mensaje,correo,nivel
        22/11/2026 09:30,"El pedido PED-88231 llegó con la pantalla rajada, quiero que me lo cambien",carmen.lopez@example.es,A
        24/11/2026 16:45,"El repartidor dejó el paquete en la calle y desapareció",jorge.diaz@example.com,C

        """

    @Test("the columns mapped: received times read day-first in the desk's zone, due dates counted from them")
    func mapped() throws {
        let file = try ExitStatusTests.temp("quejas.csv", Self.spanish)
        let r = try ExitStatusTests.run(["batch", "--format", "csv", "--field", "text=mensaje", "--field", "received_at=fecha",
                                         "--field", "customer.email=correo", "--field", "tier=nivel", "--timezone", "Europe/Madrid", file])
        #expect(r.status == 0, "\(r.err)")
        let records = r.out.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(records.count == 2)
        #expect(records.map { $0["received_at"] as? String } == ["2026-11-22T08:30:00Z", "2026-11-24T15:45:00Z"])
        #expect(records.map { ($0["due"] as? [String: Any])?["investigate_by"] as? String } == ["2026-11-23T08:30:00Z", "2026-11-25T15:45:00Z"])
        #expect(records.map { ($0["customer"] as? [String: Any])?["tier"] as? String } == ["A", "C"])
    }

    @Test("a wrong column is one error naming the header's columns, exit 65, no record written", arguments: [
        ["--field", "text=texto"], ["--text-field", "texto"], ["--field", "received_at=fecha_alta"],
    ])
    func wrongColumn(options: [String]) throws {
        let file = try ExitStatusTests.temp("quejas.csv", Self.spanish)
        var args = ["batch", "--format", "csv"]
        if !options.contains(where: { $0.hasPrefix("text=") }) && !options.contains("--text-field") { args += ["--field", "text=mensaje"] }
        let r = try ExitStatusTests.run(args + options + [file])
        #expect(r.status == 65)
        #expect(r.out.isEmpty)
        #expect(r.err.contains("missing_column"), "\(r.err)")
        #expect(r.err.contains("'fecha', 'mensaje', 'correo', 'nivel'"), "\(r.err)")
        #expect(r.err.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 1, "\(r.err)")
    }

    @Test("Chinese column names from standard input")
    func chineseStdin() throws {
        let csv = "时间,内容,客户\n2026/11/22 09:30,\"耳机用了两天右边就没声音了，要求换货\",张伟\n"
        let r = try ExitStatusTests.run(["batch", "--format", "csv", "--field", "text=内容", "--field", "received_at=时间",
                                         "--field", "customer.name=客户", "--timezone", "+08:00"], stdin: csv)
        #expect(r.status == 0, "\(r.err)")
        let record = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(record["received_at"] as? String == "2026-11-22T01:30:00Z")
        #expect((record["customer"] as? [String: Any])?["name"] as? String == "张伟")
        #expect(record["category"] as? String == "quality")
    }

    @Test("bad mappings and zones are usage errors", arguments: [
        ["--field", "texto=mensaje"], ["--field", "text"], ["--timezone", "Mars/Olympus"], ["--timezone", "+25:00"],
    ])
    func usage(options: [String]) throws {
        let r = try ExitStatusTests.run(["batch", "--format", "csv"] + options, stdin: "")
        #expect(r.status == 64, "\(r.err)")
    }
}
