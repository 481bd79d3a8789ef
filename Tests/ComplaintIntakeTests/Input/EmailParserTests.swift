import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

@Suite("E-mail parser")
struct EmailParserTests {
    func parse(_ file: String) throws -> Message {
        let data = try #require(FileManager.default.contents(atPath: Repository.path("examples/\(file)")))
        return try EmailParser().parse([UInt8](data))
    }

    @Test("GBK message with a base64 body, encoded-word headers, an attachment and a quoted reply")
    func gbk() throws {
        let m = try parse("email-zh-gbk-base64.eml")
        #expect(m.subject == "电热水壶冒烟，要求退款")
        #expect(m.customer.name == "刘女士")
        #expect(m.customer.email == "liu.fang1988@example.cn")
        #expect(m.id == "20240320094107.5521@mail.example.cn")
        #expect(m.receivedAt.map(Timestamp.iso) == "2024-03-20T01:41:07Z")
        #expect(m.attachments == ["底座照片.jpg"])
        #expect(m.text.contains("底座突然冒烟"))
        #expect(m.text.contains("写道："))
        let content = try #require(m.content)
        #expect(!content.contains("写道"))
        #expect(!content.contains("您的问题已记录"))
        #expect(content.contains("刘女士"))
    }

    @Test("Spanish quoted-printable plain part preferred over its HTML alternative; signature left out")
    func quotedPrintable() throws {
        let m = try parse("email-es-quoted-printable.eml")
        #expect(m.subject == "Reclamación pedido ES-552019: no ha llegado")
        #expect(m.customer.name == "Marta Giménez")
        #expect(m.text.contains("sofá de tres plazas, 649,90 €"))
        #expect(m.text.contains("Enviado desde mi portátil"))
        #expect(m.content?.contains("Enviado desde") == false)
        #expect(m.receivedAt.map(Timestamp.iso) == "2024-03-19T17:22:31Z")
    }

    @Test("Big5 HTML-only message becomes readable text")
    func big5HTML() throws {
        let m = try parse("email-zh-hant-big5-html.eml")
        #expect(m.subject == "除濕機運送損壞")
        #expect(m.text.contains("訂單編號 TW2403118877"))
        #expect(!m.text.contains("<p>"))
        #expect(!m.text.contains("color:#333"))
    }

    @Test("encoded words in several charsets")
    func encodedWords() {
        var w: [String] = []
        #expect(EmailParser.decodeWords("=?GB2312?B?xOO6ww==?=", warnings: &w) == "你好")
        #expect(EmailParser.decodeWords("=?Big5?B?pl7C0A==?=", warnings: &w) == "回覆")
        #expect(EmailParser.decodeWords("=?UTF-8?Q?Env=C3=ADo_retrasado?=", warnings: &w) == "Envío retrasado")
        #expect(EmailParser.decodeWords("=?windows-1252?Q?Reclamaci=F3n?= =?windows-1252?Q?_urgente?=", warnings: &w) == "Reclamación urgente")
        #expect(EmailParser.decodeWords("plain text", warnings: &w) == "plain text")
    }

    @Test("nested multipart: mixed holding alternative; the text part is found")
    func nested() throws {
        let raw = """
            From: cliente@example.mx
            Subject: prueba
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: multipart/alternative; boundary="inner"

            --inner
            Content-Type: text/plain; charset=utf-8

            La licuadora llegó sin la tapa.
            --inner
            Content-Type: text/html; charset=utf-8

            <p>La licuadora llegó sin la tapa.</p>
            --inner--
            --outer
            Content-Type: application/pdf; name="ticket.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --outer--
            """
        let m = try EmailParser().parse(Array(raw.utf8))
        #expect(m.text == "La licuadora llegó sin la tapa.")
        #expect(m.attachments == ["ticket.pdf"])
    }

    @Test("bad input: empty, too large; attachments only is a message with no text, not an error")
    func errors() throws {
        #expect(throws: EmailError.empty) { try EmailParser().parse(Array("\n\n".utf8)) }
        var limits = EmailLimits()
        limits.maxMessageBytes = 10
        #expect(throws: EmailError.tooLarge(bytes: 26, limit: 10)) { try EmailParser(limits: limits).parse(Array("Subject: x\n\nhola hola hola".utf8)) }
        let onlyAttachment = "Content-Type: image/png; name=a.png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n"
        let m = try EmailParser().parse(Array(onlyAttachment.utf8))
        #expect(m.text.isEmpty && m.attachments == ["a.png"] && m.warnings.contains("no_text_part"))
    }

    @Test("unknown charsets and broken base64 become warnings, not failures")
    func warnings() throws {
        let raw = "Subject: x\nContent-Type: text/plain; charset=x-klingon\nContent-Transfer-Encoding: base64\n\n5b+r6YCS!!!5rKh5Yiw\n"
        let m = try EmailParser().parse(Array(raw.utf8))
        #expect(m.warnings.contains("unknown_charset"))
        #expect(m.warnings.contains("base64_invalid"))
    }
}
