import ComplaintIntake
import IntakeCore
import IntakeText
import IntakeLexicon
import Foundation

/// Words and word pairs that a desk's corrections tie to one category and that no keyword lexicon holds: candidates
/// for a `--lexicons` overlay.
///
/// A term counts once per text. Its count is the number of corrected texts of the category that hold it; its share
/// is the part of all the labeled texts holding it that are of that category (the desk's label where it set one).
/// Terms are ranked by count × log(share ÷ the category's share of all texts): frequent in the corrections, and rare
/// elsewhere. Stop words, negation cues, words common to every category of the training corpus, numbers, codes, single
/// letters, and any word a lexicon term matched in any text are left out.
public struct LexiconSuggester: Sendable {
    /// One labeled text: its text, its category, and whether the desk set that category.
    public struct Example: Sendable {
        public var text: String
        public var category: Category
        public var corrected: Bool

        public init(text: String, category: Category, corrected: Bool) {
            self.text = text
            self.category = category
            self.corrected = corrected
        }
    }

    /// A suggested term.
    public struct Suggestion: Sendable, Equatable, Codable {
        /// The term as the text layer reads it (normalized: folded, accents removed, Simplified).
        public var term: String
        public var category: Category
        /// `word` or `bigram`.
        public var kind: String
        /// Corrected texts of `category` holding the term.
        public var count: Int
        /// Labeled texts holding the term, of any category.
        public var total: Int
        /// count of `category` among `total`, over all labeled texts.
        public var share: Double
        public var score: Double
    }

    public let resources: IntakeResources
    /// The fewest corrected texts a term must be in.
    public var minCount: Int

    public init(resources: IntakeResources, minCount: Int = 2) {
        self.resources = resources
        self.minCount = minCount
    }

    /// A word found in at least this share of the background texts of every category tells no category apart.
    public static let commonShare = 0.1

    /// The words of `background` (the training corpus, say) found in at least ``commonShare`` of the texts of each of
    /// the four categories of one language: function words no stop list holds ("no", "ya", "还"), which a desk's
    /// corrections would otherwise suggest as often as they occur.
    public func commonWords(in background: [(text: String, category: Category, language: String)]) throws(IntakeError) -> Set<String> {
        let worker: TextWorker
        do { worker = try TextWorker(resources: resources) } catch { throw .text(error) }
        let k = Category.allCases.count
        var texts: [String: [Int]] = [:]
        var holding: [String: [String: [Int]]] = [:]
        for b in background {
            let f: TextFeatures
            do { f = try worker.features(of: b.text) } catch { continue }
            texts[b.language, default: [Int](repeating: 0, count: k)][b.category.index] += 1
            let s = f.analysis.text.scalars
            var words = Set<String>()
            for t in f.analysis.spans where !t.isPart && (t.kind == .word || t.kind == .ideographic) {
                words.insert(NormalizedText.string(s[t.range]))
            }
            for w in words { holding[b.language, default: [:]][w, default: [Int](repeating: 0, count: k)][b.category.index] += 1 }
        }
        var common = Set<String>()
        for (language, words) in holding {
            let n = texts[language]!
            guard n.allSatisfy({ $0 > 0 }) else { continue }
            for (w, counts) in words where (0..<k).allSatisfy({ Double(counts[$0]) >= Self.commonShare * Double(n[$0]) }) {
                common.insert(w)
            }
        }
        return common
    }

    /// The word ranges of a text in order, nil where a token that is no word breaks the sequence. A run of two to four
    /// single Han characters that are not stop words is one word: the segmenter splits a word its dictionary lacks
    /// (房務, a hotel desk's housekeeping) into characters, and such words are what a desk's stream adds.
    static func candidates(_ spans: [TokenSpan], _ s: [UInt32], stop: Set<String>) -> [Range<Int>?] {
        var out: [Range<Int>?] = []
        var run: [Range<Int>] = []
        func flush() {
            if (2...4).contains(run.count) { out.append(run[0].lowerBound..<run[run.count - 1].upperBound) } else { out += run.map { $0 } }
            run = []
        }
        for t in spans where !t.isPart {
            guard t.kind == .word || t.kind == .ideographic || t.kind == .hashtag else { flush(); out.append(nil); continue }
            let single = t.kind == .ideographic && t.range.count == 1 && !stop.contains(NormalizedText.string(s[t.range]))
            if single, run.last.map({ $0.upperBound == t.range.lowerBound }) ?? true {
                run.append(t.range)
                continue
            }
            flush()
            if single { run.append(t.range) } else { out.append(t.range) }
        }
        flush()
        return out
    }

    /// The suggestions, best first, at most `limit`; no word of `common` (``commonWords(in:)``) is one, nor in one.
    public func suggest(_ examples: [Example], common: Set<String> = [], limit: Int = 50) throws(IntakeError) -> [Suggestion] {
        let worker: TextWorker
        do { worker = try TextWorker(resources: resources) } catch { throw .text(error) }
        let lexicon = resources.lexicon
        let ignored = Set(lexicon.stopWords).union(common)
        var held = Set<String>()
        var terms: [(Set<String>, Example)] = []
        var kinds: [String: String] = [:]
        for e in examples {
            let f: TextFeatures
            // A text the text layer cannot read (no letters, too long) has no words to suggest; it is a count, not a record.
            do { f = try worker.features(of: e.text) } catch { continue }
            let s = f.analysis.text.scalars
            let covered = f.hits.map(\.range)
            var mine = Set<String>()
            var previous: (String, Bool)?
            for range in Self.candidates(f.analysis.spans, s, stop: ignored) {
                guard let range else { previous = nil; continue }
                let word = NormalizedText.string(s[range])
                let inLexicon = covered.contains { $0.overlaps(range) }
                if inLexicon { held.insert(word) }
                if ignored.contains(word) || range.count < 2 || lexicon.isNegationCue(in: f.analysis.text, range) {
                    previous = nil
                    continue
                }
                mine.insert(word)
                kinds[word] = "word"
                if let (p, pHeld) = previous, !pHeld, !inLexicon {
                    let pair = p + " " + word
                    mine.insert(pair)
                    kinds[pair] = "bigram"
                }
                previous = (word, inLexicon)
            }
            terms.append((mine, e))
        }
        let k = Category.allCases.count
        var all: [String: [Int]] = [:], corrected: [String: [Int]] = [:]
        var categoryTotals = [Int](repeating: 0, count: k)
        for (set, e) in terms {
            categoryTotals[e.category.index] += 1
            for t in set {
                all[t, default: [Int](repeating: 0, count: k)][e.category.index] += 1
                if e.corrected { corrected[t, default: [Int](repeating: 0, count: k)][e.category.index] += 1 }
            }
        }
        let n = Double(max(1, terms.count))
        var out: [Suggestion] = []
        for (term, counts) in corrected {
            if held.contains(term) || term.split(separator: " ").contains(where: { held.contains(String($0)) }) { continue }
            let totals = all[term]!
            let total = totals.reduce(0, +)
            for c in Category.allCases where counts[c.index] >= minCount {
                let share = Double(totals[c.index]) / Double(total)
                let base = Double(categoryTotals[c.index]) / n
                let lift = log(share / base)
                guard lift > 0 else { continue }
                out.append(Suggestion(term: term, category: c, kind: kinds[term] ?? "word", count: counts[c.index], total: total,
                                      share: IntakePipeline.round(share), score: IntakePipeline.round(Double(counts[c.index]) * lift)))
            }
        }
        out.sort { ($1.score, $0.term, $0.category) < ($0.score, $1.term, $1.category) }
        return Array(out.prefix(max(0, limit)))
    }
}
