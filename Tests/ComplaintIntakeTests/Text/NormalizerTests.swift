import IntakeTestSupport
import Testing
@testable import ComplaintIntake

@Suite("Normalizer")
struct NormalizerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let input: String
        let normalized: String
        var testDescription: String { input }
    }

    static let cases: [Case] = [
        // Full-width letters, digits and punctuation become ordinary ones, and case folds.
        Case(input: "ＤＤ２０２３１１０５１２３號訂單！", normalized: "dd20231105123号订单!"),
        Case(input: "订单号：ＳＦ１２３４５６７８９０", normalized: "订单号:sf1234567890"),
        // Traditional folds to Simplified for matching.
        Case(input: "客服態度很差，退貨退款都沒下文", normalized: "客服态度很差,退货退款都没下文"),
        Case(input: "唔該幫我查下個訂單", normalized: "唔该帮我查下个订单"),
        // Spanish accents fold; stretched letters and repeated punctuation squeeze.
        Case(input: "El envío llegó tardííísimo!!!!", normalized: "el envio llego tardisimo!"),
        Case(input: "NO ME HAN DEVUELTO EL DINEROOOO ¿¿¿por qué???", normalized: "no me han devuelto el dinero ¿por que?"),
        // Two of a letter stay: ll, rr, cc, ee are Spanish spelling.
        Case(input: "Llamé y me dijeron que lo leerían", normalized: "llame y me dijeron que lo leerian"),
        // Decomposed accents (e + combining acute) fold like composed ones.
        Case(input: "devoluci\u{006F}\u{0301}n", normalized: "devolucion"),
        // URLs and e-mail addresses are not squeezed.
        Case(input: "Ver https://www.tienda.es/pedido?id=4021 o escribir a soporte@tienda.es!!!",
             normalized: "ver https://www.tienda.es/pedido?id=4021 o escribir a soporte@tienda.es!"),
    ]

    @Test("folds and squeezes", arguments: cases)
    func folds(_ c: Case) throws {
        let normalizer = try Normalizer(variants: .builtIn)
        let text = try normalizer.normalize(c.input)
        #expect(text.normalized == c.normalized)
        #expect(text.original == c.input)
    }

    @Test("the offset map is monotonic and covers the whole original",
          arguments: ["我買的手機螢幕有裂痕，客服態度很差，訂單號：DD20231105123",
                      "El envío llegó TARDÍSIMO!!! 😡 #PesimoServicio",
                      "ＡＢＣ　全角　ｔｅｓｔ！！",
                      "👍🏽❤️ muy bien 👨‍👩‍👧 谢谢"])
    func offsetMap(_ input: String) throws {
        let text = try Normalizer(variants: .builtIn).normalize(input)
        let ranges = (0..<text.scalars.count).map { text.originalRange($0..<$0 + 1) }
        for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
        #expect(ranges.first?.lowerBound == 0)
        #expect(ranges.last?.upperBound == input.unicodeScalars.count)
    }

    @Test("white space only is a clear error", arguments: ["", "   ", "\n\t\u{3000}"])
    func empty(_ input: String) throws {
        let normalizer = try Normalizer(variants: .builtIn)
        #expect(throws: TextError.empty) { try normalizer.normalize(input) }
    }

    @Test("a text over the limit is refused with its length")
    func tooLong() throws {
        let normalizer = try Normalizer(maxScalars: 10, variants: .builtIn)
        #expect(throws: TextError.tooLong(scalars: 12, limit: 10)) { try normalizer.normalize("快递太慢了快递太慢了!!") }
        #expect(TextError.tooLong(scalars: 12, limit: 10).description.contains("12"))
    }

    @Test("finds URLs, addresses, mentions and hashtags, but not order numbers after #")
    func specials() throws {
        let normalizer = try Normalizer(variants: .builtIn)
        let text = try normalizer.normalize("@TiendaMX mi pedido #4021-88 no llega #PesimoServicio #快递太慢# ver www.tienda.mx correo ana.perez@gmail.com")
        let kinds = text.specials.map { "\($0.kind.rawValue):\(text.normalizedText($0.range))" }
        #expect(kinds == ["mention:@tiendamx", "hashtag:#pesimoservicio", "hashtag:#快递太慢#", "url:www.tienda.mx",
                          "email:ana.perez@gmail.com"])
    }
}
