import IntakeCore
import IntakeText
import IntakeLexicon
import IntakeClassify
import IntakeExtract
import IntakeInput
/// What one complaint text becomes before extraction and routing: its analysis, keyword hits and features.
public struct TextFeatures: Sendable {
    public let analysis: TextAnalysis
    public let hits: [LexiconHit]
    public let negationScopes: [Range<Int>]
    /// The features as the classifier reads them.
    public let keys: [FeatureKey]

    /// What read them, for ``features``.
    let extractor: FeatureExtractor

    /// The features as strings (for training and explanations); built on demand.
    public var features: [String] { extractor.features(of: analysis) }
}

/// The per-worker half of the pipeline: ICU handles (not thread-safe) over the shared ``IntakeResources``.
public final class TextWorker {
    public let resources: IntakeResources
    private let analyzer: TextAnalyzer

    public init(resources: IntakeResources) throws(TextError) {
        self.resources = resources
        analyzer = try TextAnalyzer(model: resources.text)
    }

    public func features(of text: String) throws(TextError) -> TextFeatures {
        let analysis = try analyzer.analyze(text)
        let scopes = resources.lexicon.negationScopes(in: analysis.text)
        let hits = resources.lexicon.hits(in: analysis.text, negationScopes: scopes)
        let keys = resources.features.keys(of: analysis)
        return TextFeatures(analysis: analysis, hits: hits, negationScopes: scopes, keys: keys, extractor: resources.features)
    }
}
