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
/// elsewhere. Stop words, numbers, codes, single letters, and any word a lexicon term matched in any text are left out.
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

    /// The suggestions, best first, at most `limit`.
    public func suggest(_ examples: [Example], limit: Int = 50) throws(IntakeError) -> [Suggestion] {
        let worker: TextWorker
        do { worker = try TextWorker(resources: resources) } catch { throw .text(error) }
        let stop = Set(resources.lexicon.stopWords)
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
            for t in f.analysis.spans where !t.isPart {
                guard t.kind == .word || t.kind == .ideographic || t.kind == .hashtag else { previous = nil; continue }
                let word = NormalizedText.string(s[t.range])
                let inLexicon = covered.contains { $0.overlaps(t.range) }
                if inLexicon { held.insert(word) }
                if stop.contains(word) || t.range.count < 2 { previous = nil; continue }
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
