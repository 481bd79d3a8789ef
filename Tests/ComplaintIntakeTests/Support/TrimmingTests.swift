import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// The e-mail parser and the policy reader trim without Foundation; they must trim exactly what Foundation's
/// `.whitespaces` and `.whitespacesAndNewlines` trim.
@Suite("Trimming")
struct TrimmingTests {
    static let cases: [String] = [
        "  客服態度很差  ",
        "\u{3000}快递一周了还没到\u{3000}",  // ideographic spaces around a Chinese subject
        "\t订单号：DD20240305001\r\n",
        "\u{00A0}El pedido no llegó\u{00A0}",  // no-break spaces from an HTML part
        " \r\n Quiero mi reembolso\n\n",
        "\u{2028}Línea\u{2029}",
        "\u{0085}sin nada más\u{000B}\u{000C}",
        "\u{200B}palabra\u{200B}",  // Foundation counts the zero width space as a space
        "\u{FEFF}palabra\u{FEFF}",
        " \u{301}acento suelto ",  // a combining mark after a space stays
        "   ",
        "",
        "<20240320094107.5521@mail.example.cn>",
        "sin espacios",
    ]

    @Test("spaces and tabs, as Foundation's .whitespaces", arguments: cases)
    func spaces(_ s: String) {
        #expect(s.trimmingSpaces() == s.trimmingCharacters(in: .whitespaces))
        #expect(s[...].trimmingSpaces() == s.trimmingCharacters(in: .whitespaces))
    }

    @Test("white space and line breaks, as Foundation's .whitespacesAndNewlines", arguments: cases)
    func whitespace(_ s: String) {
        #expect(s.trimmingWhitespace() == s.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("a message id loses its angle brackets and spaces only at the ends")
    func messageID() {
        let trim = { (s: String) in s.trimming { $0 == " " || $0 == "<" || $0 == ">" || $0 == "\t" } }
        #expect(trim(" <20240320094107.5521@mail.example.cn>\t") == "20240320094107.5521@mail.example.cn")
        #expect(trim("<a<b>c>") == "a<b>c")
        #expect(trim("<>") == "")
    }

    @Test("every scalar of the Basic Multilingual Plane is trimmed exactly when Foundation trims it")
    func everyScalar() {
        for v in UInt32(0)..<0x10000 {
            guard let u = Unicode.Scalar(v) else { continue }
            let s = String(u) + "x" + String(u)
            #expect(s.trimmingSpaces() == s.trimmingCharacters(in: .whitespaces), "U+\(String(v, radix: 16))")
            #expect(s.trimmingWhitespace() == s.trimmingCharacters(in: .whitespacesAndNewlines), "U+\(String(v, radix: 16))")
        }
    }
}
