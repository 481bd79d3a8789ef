import IntakeCore
import IntakeText
/// Loads the text layer's data from a ``DataStore``: words kept whole, Spanish morphology, language words.
public enum TextData {
    /// Builds the ``TextModel``: dictionary words from `zh/dictionary.txt` (jieba format: `word [freq] [tag]`) and
    /// every keyword lexicon term, Spanish morphology from `es/morphology.tsv`, language words from `langid.tsv`.
    public static func model(from store: DataStore, extraTerms: [String], normalizer: Normalizer,
                             maxScalars: Int = 10_000_000) throws(LexiconError) -> TextModel {
        var words = extraTerms
        for path in store.paths(under: "", suffix: "dictionary.txt") {
            for file in store.layers(path) {
                for row in try jiebaRows(file) { words.append(row) }
            }
        }
        var contractions: [String: [String]] = [:]
        var clitics: [String] = [], verbEndings: [String] = [], imperativeEndings: [String] = [], adverbEndings: [String] = []
        for file in store.layers("es/morphology.tsv") {
            for row in try TSV.rows(file, minFields: 2) {
                let value = row.fields[1]
                switch row.fields[0] {
                case "contraction":
                    guard row.fields.count >= 3 else {
                        throw .badLine(source: file.source, line: row.line, reason: "a contraction needs its parts in a third field")
                    }
                    contractions[value] = row.fields[2].split(separator: " ").map(String.init)
                case "clitic": clitics.append(value)
                case "verb_ending": verbEndings.append(value)
                case "imperative_ending": imperativeEndings.append(value)
                case "adverb_ending": adverbEndings.append(value)
                default:
                    throw .badLine(source: file.source, line: row.line,
                                   reason: "unknown kind '\(row.fields[0])' (contraction, clitic, verb_ending, imperative_ending, adverb_ending)")
                }
            }
        }
        var languageWords: [String: [String]] = [:]
        for file in store.layers("langid.tsv") {
            for row in try TSV.rows(file, minFields: 2, maxFields: 2) {
                languageWords[row.fields[1], default: []].append(row.fields[0])
            }
        }
        let morphology = SpanishMorphology(contractions: contractions, clitics: clitics, verbEndings: verbEndings,
                                           imperativeEndings: imperativeEndings, adverbEndings: adverbEndings)
        return TextModel(dictionaryWords: words, morphology: morphology, languageWords: languageWords,
                         maxScalars: maxScalars, normalizer: normalizer)
    }

    /// Words of a jieba dictionary: `word [freq] [tag]` per line, separated by spaces.
    package static func jiebaRows(_ file: DataStore.File) throws(LexiconError) -> [String] {
        var words: [String] = []
        var lineNumber = 0
        for raw in file.text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let line = raw.trimming { $0 == " " }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let word = parts.first else { continue }
            if parts.count > 2, Int(parts[1]) == nil {
                throw .badLine(source: file.source, line: lineNumber, reason: "the frequency '\(parts[1])' is not a whole number")
            }
            words.append(String(word))
        }
        return words
    }
}
