import IntakeTestSupport
import Testing
@testable import ComplaintIntake

@Suite("Feature keys")
struct FeatureKeysTests {
    static let extractor = Fixtures.resources.features

    // The classifier reads hashed keys, training reads strings: both must name the same features in the same
    // order, including word bigrams, contraction parts and hashtag words.
    static let texts = [
        "快递一周了还没到，订单号DD20240305001，不是质量问题，是物流太慢 #差评#",
        "快遞員態度很差，螢幕有裂痕，我要退貨😡",
        "El pedido del lunes no llegó, devuélvanme el dinero #PesimoServicio",
        "No es culpa del producto: el repartidor lo dejó tirado en la calle!!!",
    ]

    @Test(arguments: texts)
    func keysNameTheStringFeatures(text: String) throws {
        let analysis = try Fixtures.analyzer().analyze(text)
        let strings = Self.extractor.features(of: analysis)
        #expect(strings.count >= 5)
        #expect(Self.extractor.keys(of: analysis) == strings.map(FeatureKey.init))
    }

    static func features(_ text: String) throws -> [String] {
        Self.extractor.features(of: try Fixtures.analyzer().analyze(text))
    }

    @Test("stop words, numbers and codes carry style, not content: the model does not read them", arguments: [
        ("No me ha llegado el pedido y el vendedor no contesta a mis emails", ["w:me", "w:ha", "w:el", "w:y", "w:a", "w:mis"], ["w:llegado", "w:pedido", "w:vendedor", "w:contesta"]),
        ("我的快递一直没到，你们的客服也不回复我", ["w:的", "w:我", "w:你们"], ["w:快递", "w:客服"]),
        ("pedido 4051-778812 del 12/03", ["w:#num", "w:#code"], ["w:pedido"]),
    ])
    func stopWords(_ text: String, _ absent: [String], _ present: [String]) throws {
        let f = try Self.features(text)
        for a in absent { #expect(!f.contains(a), "\(a) in \(f)") }
        for p in present { #expect(f.contains(p), "\(p) missing from \(f)") }
    }

    @Test("Spanish bigrams join the words kept, across the stop words between them; no lexicon terms, no Han bigrams")
    func bigrams() throws {
        let es = try Self.features("El producto llegó roto y no funciona")
        #expect(es.contains("b:producto llego") && es.contains("b:llego roto"))
        #expect(!es.contains { $0.hasPrefix("t:") || $0.hasPrefix("c:") || $0.hasPrefix("¬") })
        let zh = try Self.features("质量太差，用了两天就坏了")
        #expect(!zh.contains { $0.hasPrefix("b:") || $0.hasPrefix("t:") || $0.hasPrefix("c:") })
    }
}
