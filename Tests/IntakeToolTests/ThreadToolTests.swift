import Foundation
import IntakeTestSupport
import Testing

/// The mail hook with a register: a customer's reply lands in its case's thread.
@Suite("intake email threads replies")
struct ThreadToolTests {
    static func mail(id: String, subject: String, body: String, inReplyTo: String? = nil) -> String {
        var raw = "From: Pablo Ortega <pablo.ortega@example.mx>\r\nTo: quejas@tienda.example\r\nSubject: \(subject)\r\n"
        raw += "Date: Tue, 17 Nov 2026 09:00:00 -0600\r\nMessage-ID: <\(id)>\r\n"
        if let inReplyTo { raw += "In-Reply-To: <\(inReplyTo)>\r\nReferences: <\(inReplyTo)>\r\n" }
        return raw + "Content-Type: text/plain; charset=utf-8\r\n\r\n\(body)\r\n"
    }

    @Test("the reply's record names the case; the case's history holds the reply; the register still holds one complaint")
    func reply() throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("intake-thread-\(UUID().uuidString).sqlite").path
        let first = try ExitStatusTests.temp("queja.eml", Self.mail(id: "mx-4410@correo.example.mx", subject: "Refrigerador sin enfriar",
            body: "El refrigerador que compré (pedido PED-330912) no enfría desde que lo instalaron. Exijo que lo cambien."))
        let second = try ExitStatusTests.temp("respuesta.eml", Self.mail(id: "mx-4431@correo.example.mx", subject: "Re: Refrigerador sin enfriar",
            body: "Ya les mandé las fotos que pidieron, ¿cuándo viene el técnico?", inReplyTo: "mx-4410@correo.example.mx"))
        let a = try ExitStatusTests.run(["email", "--db", db, first])
        #expect(a.status == 0, "\(a.err)")
        let b = try ExitStatusTests.run(["email", "--db", db, second])
        #expect(b.status == 0, "\(b.err)")
        let record = try #require(try JSONSerialization.jsonObject(with: Data(b.out.utf8)) as? [String: Any])
        #expect(record["reply_to"] as? String == "mx-4410@correo.example.mx")
        #expect(record["repeat_count"] as? Int == 1)
        #expect((record["escalation"] as? [String: Any])?["level"] as? Int == 0)
        let c = try ExitStatusTests.run(["case", "--db", db, "mx-4410@correo.example.mx"])
        #expect(c.status == 0, "\(c.err)")
        #expect(c.out.contains("mx-4431@correo.example.mx"))
        let export = try ExitStatusTests.run(["export", "--db", db, "--format", "jsonl"])
        #expect(export.out.split(separator: "\n").count == 1, "\(export.out)")
    }
}
