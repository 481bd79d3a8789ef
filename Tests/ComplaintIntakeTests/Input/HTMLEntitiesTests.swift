import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// HTML bodies as shops' web forms and mail clients write them: every HTML5 named reference, numeric ones in both
/// bases, the Windows-1252 references of old pages, and ampersands that are only text.
@Suite("HTML character references")
struct HTMLEntitiesTests {
    @Test("the built-in table is the standard's: 2,231 names, 106 of them legacy names that need no ';'")
    func table() {
        let t = HTMLEntities.builtIn
        #expect(t.named.count == 2231)
        #expect(t.legacy.count == 106)
        #expect(t.named["NotEqualTilde;"] == "\u{2242}\u{338}")
    }

    @Test("references in Spanish and Chinese complaint bodies", arguments: [
        ("<p>El t&eacute;cnico dijo &ldquo;no tiene arreglo&rdquo; &iexcl;y me cobr&oacute; 45&nbsp;&euro;!</p>",
         "El técnico dijo “no tiene arreglo” ¡y me cobró 45\u{A0}€!"),
        ("<div>Pedido N&ordm; 4471 &mdash; &Ntilde;o&ntilde;o &amp; C&iacute;a. &rarr; sin respuesta&hellip;</div>",
         "Pedido Nº 4471 — Ñoño & Cía. → sin respuesta…"),
        ("<p>&#35746;&#21333;&#21495;&#65306;DD20261122 &#x5FEB;&#x9012;&#x6CA1;&#x5230;&#xFF01;</p>", "订单号：DD20261122 快递没到！"),
        ("<p>客服说&lsquo;明天到&rsquo;，结果等了一周&hellip;&hellip;退款&yen;299什么时候到&quest;</p>", "客服说‘明天到’，结果等了一周……退款¥299什么时候到?"),
        ("<p>&#147;Garant&#237;a&#148; &#150; tres a&#241;os</p>", "“Garantía” – tres años"),
        ("<p>&copy2026 Tienda &amp Hogar, AT&T, &notaname; y 5 &lt 6</p>", "©2026 Tienda & Hogar, AT&T, ¬aname; y 5 < 6"),
        ("<p>&#0;&#xD800;&#1114112;&#x41</p>", "\u{FFFD}\u{FFFD}\u{FFFD}A"),
        ("<p>R&amp;D &unknownentity; &#; &# x; &</p>", "R&D &unknownentity; &#; &# x; &"),
    ])
    func decoded(html: String, text: String) {
        #expect(HTML.text(html, entities: .builtIn) == text)
    }

    @Test("an HTML-only e-mail reads with its references decoded and classified on them")
    func email() throws {
        let raw = """
            From: =?UTF-8?Q?Sof=C3=ADa_Ram=C3=ADrez?= <sofia.ramirez@example.com.ar>
            Subject: Reclamo
            Date: Mon, 23 Nov 2026 14:02:00 -0300
            Message-ID: <ar-5520@correo.example.com.ar>
            Content-Type: text/html; charset=us-ascii

            <html><body><p>Hola, la heladera lleg&oacute; con la puerta abollada y &ldquo;no enfr&iacute;a&rdquo;.</p>
            <p>Pedido N&deg; AR-99812. Quiero el reembolso &mdash; &iexcl;ya!</p></body></html>
            """.replacingOccurrences(of: "\n", with: "\r\n")
        let m = try EmailParser().parse(Array(raw.utf8))
        #expect(m.text.contains("llegó con la puerta abollada y “no enfría”."))
        #expect(m.text.contains("Quiero el reembolso — ¡ya!"))
        let r = try Fixtures.pipeline.process(m)
        #expect(r.fields.remedies.contains(.refund))
    }
}
