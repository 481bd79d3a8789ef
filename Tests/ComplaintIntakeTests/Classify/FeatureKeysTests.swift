import IntakeTestSupport
import Testing
@testable import ComplaintIntake

@Suite("Feature keys")
struct FeatureKeysTests {
    // The classifier reads hashed keys, training reads strings: both must name the same features in the same
    // order, including negated ones, word bigrams, contraction parts, hashtag words and lexicon terms.
    static let texts = [
        "快递一周了还没到，订单号DD20240305001，不是质量问题，是物流太慢 #差评#",
        "快遞員態度很差，螢幕有裂痕，我要退貨😡",
        "El pedido del lunes no llegó, devuélvanme el dinero #PesimoServicio",
        "No es culpa del producto: el repartidor lo dejó tirado en la calle!!!",
    ]

    @Test(arguments: texts)
    func keysNameTheStringFeatures(text: String) throws {
        let analysis = try Fixtures.analyzer().analyze(text)
        let lexicon = Fixtures.resources.lexicon
        let hits = lexicon.hits(in: analysis.text), scopes = lexicon.negationScopes(in: analysis.text)
        let strings = FeatureExtractor().features(of: analysis, hits: hits, negationScopes: scopes)
        #expect(strings.count > 10)
        #expect(FeatureExtractor().keys(of: analysis, hits: hits, negationScopes: scopes) == strings.map(FeatureKey.init))
    }
}
