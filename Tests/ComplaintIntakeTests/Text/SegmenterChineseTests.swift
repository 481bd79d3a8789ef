import IntakeTestSupport
import Testing
@testable import ComplaintIntake

@Suite("Segmenter, Chinese")
struct SegmenterChineseTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let text: String
        /// Norms that must come out as whole tokens.
        let whole: [String]
        var testDescription: String { text }
    }

    static let cases: [Case] = [
        Case(text: "我買的手機螢幕有裂痕，客服態度很差，訂單號：DD20231105123", whole: ["客服", "订单号", "dd20231105123", "态度"]),
        Case(text: "快递员把东西放门口就走了，运单号SF1234567890123", whole: ["快递员", "运单号", "sf1234567890123"]),
        Case(text: "吹风机收到就不能用，申请退款三天了还没到账", whole: ["不能用", "退款", "到账"]),
        Case(text: "亲，你们的售后太垃圾了，我要去12315投诉", whole: ["售后", "垃圾", "12315", "投诉"]),
        Case(text: "送貨師傅態度好差，件貨仲要壞咗", whole: ["师傅", "态度"]),
    ]

    @Test("domain words and codes stay whole", arguments: cases)
    func whole(_ c: Case) {
        let analysis = try! Fixtures.analyzer().analyze(c.text)
        for w in c.whole { #expect(analysis.norms.contains(w), "\(w) in \(analysis.norms)") }
    }

    @Test("token text is the original substring at its offsets", arguments: cases.map(\.text) + ["全角ＤＤ１２３４５６號，快遞太慢！！！😡"])
    func offsets(_ text: String) throws {
        let analysis = try Fixtures.analyzer().analyze(text)
        let scalars = Array(text.unicodeScalars)
        #expect(!analysis.tokens.isEmpty)
        for t in analysis.tokens {
            #expect(String(String.UnicodeScalarView(scalars[t.start..<t.end])) == t.text)
        }
    }

    @Test("the example of the issue: zh-Hant, 客服 and the order number whole with their offsets")
    func issueExample() throws {
        let analysis = try Fixtures.analyzer().analyze("我買的手機螢幕有裂痕，客服態度很差，訂單號：DD20231105123")
        #expect(analysis.language == .chineseTraditional)
        let service = try #require(analysis.token("客服"))
        #expect((service.start, service.end, service.text) == (11, 13, "客服"))
        let order = try #require(analysis.token("dd20231105123"))
        #expect((order.start, order.end, order.text) == (22, 35, "DD20231105123"))
    }

    @Test("full-width digits and letters make one code token")
    func fullWidthCode() throws {
        let analysis = try Fixtures.analyzer().analyze("订单号：ＤＤ２０２３１１０５１２３")
        let code = try #require(analysis.token("dd20231105123"))
        #expect(code.text == "ＤＤ２０２３１１０５１２３")
        #expect(code.kind == .code)
    }

    @Test("emoji are tokens of their own")
    func emoji() throws {
        let analysis = try Fixtures.analyzer().analyze("快递三天没动😡😡")
        #expect(analysis.tokens.filter { $0.kind == .emoji }.count == 2)
        #expect(analysis.norms.contains("快递"))
    }
}
