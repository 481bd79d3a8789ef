import IntakeTestSupport
import Testing
@testable import ComplaintIntake

@Suite("Language identification")
struct LanguageIdentifierTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let text: String
        let language: Language
        var testDescription: String { "\(language.rawValue): \(text)" }
    }

    static let cases: [Case] = [
        // Short posts: six characters are enough.
        Case(text: "垃圾快递!!", language: .chineseSimplified),
        Case(text: "爛透了的客服", language: .chineseTraditional),
        Case(text: "物流超慢😡", language: .chineseSimplified),
        Case(text: "宅配遲到三天", language: .chineseTraditional),
        Case(text: "q mal xq", language: .spanish),
        Case(text: "Pésimo", language: .spanish),
        // Longer texts in each script and variety.
        Case(text: "您好，我在贵店购买的电饭煲用了两次就坏了，要求退货。", language: .chineseSimplified),
        Case(text: "你們的客服人員態度很差，訂單已經取消了還扣款。", language: .chineseTraditional),
        Case(text: "我部電話送咗去維修兩個禮拜都未有回覆", language: .chineseTraditional),
        Case(text: "Os escribo porque el móvil que compré no enciende desde el lunes.", language: .spanish),
        Case(text: "Che, el paquete de Andreani nunca llegó y nadie me responde, ¿qué onda?", language: .spanish),
        // Codes and brand names inside Chinese do not make it mixed.
        Case(text: "我的iPhone 15屏幕坏了，SF1234567890", language: .chineseSimplified),
        // Both languages in earnest.
        Case(text: "El pedido no llegó, 快递太慢了，我要退款，quiero mi dinero", language: .mixed),
        // Not a language served here.
        Case(text: "The package never arrived and nobody answers my emails", language: .unknown),
        Case(text: "注文した商品がまだ届きません", language: .unknown),
        Case(text: "12345 !!! 😡😡", language: .unknown),
    ]

    @Test("identifies", arguments: cases)
    func identifies(_ c: Case) throws {
        #expect(try Fixtures.analyzer().analyze(c.text).language == c.language)
    }

    @Test("text with no letters at all still yields tokens and offsets, language unknown")
    func noLetters() throws {
        let analysis = try Fixtures.analyzer().analyze("😡😡😡 12345 ？？？")
        #expect(analysis.language == .unknown)
        #expect(analysis.tokens.map(\.kind) == [.emoji, .emoji, .emoji, .number])
    }
}
