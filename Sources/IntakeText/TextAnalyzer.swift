import IntakeCore
/// What the text layer sees in a complaint: its language, normalized form and tokens.
public struct TextAnalysis: Sendable {
    public let language: Language
    public let text: NormalizedText
    /// The tokens as spans of the normalized text: what the pipeline reads.
    package let spans: [TokenSpan]

    /// The tokens with their original and normalized strings; built on demand.
    public var tokens: [Token] { spans.map { Token($0, in: text) } }
}

/// The prepared, shareable data of the text layer: the dictionary of words kept whole, Spanish morphology,
/// and language-identification words, all folded once.
public struct TextModel: Sendable {
    package let dictionary: WordTrie<Bool>
    package let morphology: SpanishMorphology
    public let identifier: LanguageIdentifier
    /// Upper limit on a text's length in Unicode scalars.
    public let maxScalars: Int
    /// The Traditional-Simplified table texts are folded with.
    public let variants: HanVariants

    /// Folds the given words with `normalizer` (the same folding the text gets) and builds the lookup structures.
    package init(dictionaryWords: [String], morphology: SpanishMorphology, languageWords: [String: [String]],
                maxScalars: Int = 10_000_000, normalizer: Normalizer) {
        var trie = WordTrie<Bool>()
        for w in dictionaryWords {
            let folded = normalizer.fold(w)
            if folded.count >= 2 { trie.insert(folded, payload: true) }
        }
        dictionary = trie
        self.morphology = morphology
        identifier = LanguageIdentifier(words: languageWords.mapValues { Set($0.map { NormalizedText.string(normalizer.fold($0)[...]) }) })
        self.maxScalars = maxScalars
        variants = normalizer.variants
    }
}

/// Normalizes, identifies and segments complaint texts. Holds ICU handles: not thread-safe, one per worker;
/// the ``TextModel`` it reads is shared.
public final class TextAnalyzer {
    public let model: TextModel
    private let normalizer: Normalizer
    private let segmenter: Segmenter

    public init(model: TextModel) throws(TextError) {
        self.model = model
        normalizer = try Normalizer(maxScalars: model.maxScalars, variants: model.variants)
        segmenter = try Segmenter(dictionary: model.dictionary, morphology: model.morphology)
    }

    public func analyze(_ text: String) throws(TextError) -> TextAnalysis {
        let normalized = try normalizer.normalize(text)
        let language = model.identifier.identify(normalized, normalizer: normalizer)
        return TextAnalysis(language: language, text: normalized, spans: segmenter.spans(normalized))
    }

    /// Folds a term as texts are folded (for lexicon matching).
    public func fold(_ term: String) -> [UInt32] { normalizer.fold(term) }
}

extension TextModel {
    package func write(to w: inout BinaryWriter) {
        dictionary.write(to: &w) { _, _ in }
        morphology.write(to: &w)
        identifier.write(to: &w)
        variants.write(to: &w)
    }

    package init(from r: inout BinaryReader, maxScalars: Int) throws(BinaryFormatError) {
        dictionary = try WordTrie(from: &r) { (_: inout BinaryReader) throws(BinaryFormatError) in true }
        morphology = try SpanishMorphology(from: &r)
        identifier = try LanguageIdentifier(from: &r)
        variants = try HanVariants(from: &r)
        self.maxScalars = maxScalars
    }
}
