import IntakeCore
import IntakeText
/// One keyword lexicon entry: a term that points to a category with a weight.
public struct KeywordEntry: Sendable, Equatable {
    public let term: String
    public let category: Category
    public let weight: Double
}

/// A keyword found in a text.
public struct LexiconHit: Sendable, Equatable {
    public let entry: KeywordEntry
    /// Normalized offsets.
    public let range: Range<Int>
    /// True when the term stands in the scope of a negation cue ("不是质量问题", "no es culpa del producto").
    public let negated: Bool
}

/// The keyword lexicons of both languages (`<lang>/keywords/*.tsv`: `term<TAB>category<TAB>weight`) and the
/// negation cues (`<lang>/negation.tsv`: `cue[<TAB>before]`), folded like text and matched leftmost-longest.
/// A cue negates the rest of its clause ("不是质量问题"), or with `before` the clause up to it ("质量没问题").
public struct KeywordLexicon: Sendable {
    public let entries: [KeywordEntry]
    // A term's entries are a slice of `termEntries`: one array for all, not one per term.
    private let terms: WordTrie<Range<Int>>
    private let termEntries: [Int]
    private let negations: WordTrie<Bool>
    // The payload is true for cues that look backwards.
    /// Words the classifier does not read (`<lang>/stopwords.txt`, folded like text): function words, pronouns,
    /// auxiliaries, greetings. They carry the corpus writers' style, not the category.
    public let stopWords: [String]

    /// Reads every keyword file of `store`; user files (the overlay) replace a built-in term's weight.
    public init(store: DataStore, fold: (String) -> [UInt32]) throws(LexiconError) {
        var byKey: [String: Int] = [:]
        var entries: [KeywordEntry] = []
        var trie = WordTrie<[Int]>()
        for lang in ["zh", "es"] {
            for path in store.paths(under: "\(lang)/keywords/", suffix: ".tsv") {
                for file in store.layers(path) {
                    for row in try TSV.rows(file, minFields: 2, maxFields: 3) {
                        guard let category = Category(rawValue: row.fields[1]) else {
                            throw .badLine(source: file.source, line: row.line,
                                           reason: "unknown category '\(row.fields[1])' (quality, delivery, service, other)")
                        }
                        var weight = 1.0
                        if row.fields.count == 3 {
                            guard let w = Double(row.fields[2]), w > 0, w <= 10 else {
                                throw .badLine(source: file.source, line: row.line,
                                               reason: "the weight '\(row.fields[2])' is not a number in (0, 10]")
                            }
                            weight = w
                        }
                        let folded = fold(row.fields[0])
                        guard !folded.isEmpty else {
                            throw .badLine(source: file.source, line: row.line, reason: "the term is empty")
                        }
                        let key = "\(category.rawValue)\t" + NormalizedText.string(folded[...])
                        let entry = KeywordEntry(term: NormalizedText.string(folded[...]), category: category, weight: weight)
                        if let existing = byKey[key] {
                            entries[existing] = entry
                        } else {
                            byKey[key] = entries.count
                            trie.insert(folded, payload: [entries.count], merge: { $0 + $1 })
                            entries.append(entry)
                        }
                    }
                }
            }
        }
        var negations = WordTrie<Bool>()
        for lang in ["zh", "es"] {
            for file in store.layers("\(lang)/negation.tsv") {
                for row in try TSV.rows(file, minFields: 1, maxFields: 2) {
                    let direction = row.fields.count == 2 ? row.fields[1] : "after"
                    guard direction == "after" || direction == "before" else {
                        throw .badLine(source: file.source, line: row.line, reason: "the direction '\(direction)' is neither 'after' nor 'before'")
                    }
                    negations.insert(fold(row.fields[0]), payload: direction == "before")
                }
            }
        }
        var stop = Set<String>()
        for lang in ["zh", "es"] {
            for file in store.layers("\(lang)/stopwords.txt") {
                for row in try TSV.rows(file, minFields: 1, maxFields: 1) {
                    let folded = fold(row.fields[0])
                    guard !folded.isEmpty else { throw .badLine(source: file.source, line: row.line, reason: "the word is empty") }
                    stop.insert(NormalizedText.string(folded[...]))
                }
            }
        }
        self.entries = entries
        (terms, termEntries) = trie.flattened()
        self.negations = negations
        stopWords = stop.sorted()
    }

    package func write(to w: inout BinaryWriter) {
        w.count(entries.count)
        for e in entries {
            w.string(e.term)
            w.u8(UInt8(e.category.index))
            w.double(e.weight)
        }
        terms.write(to: &w) { range, w in w.u32s(termEntries[range].map { UInt32($0) }) }
        negations.write(to: &w) { backwards, w in w.bool(backwards) }
        w.count(stopWords.count)
        for word in stopWords { w.string(word) }
    }

    package init(from r: inout BinaryReader) throws(BinaryFormatError) {
        var entries: [KeywordEntry] = []
        for _ in 0..<(try r.count(itemSize: 16)) {
            let term = try r.string()
            let c = Int(try r.u8())
            guard c < Category.allCases.count else { throw .badValue(at: r.offset, "an unknown category") }
            let category = Category.allCases[c]
            entries.append(KeywordEntry(term: term, category: category, weight: try r.double()))
        }
        self.entries = entries
        var flat: [Int] = []
        terms = try WordTrie(from: &r) { (r: inout BinaryReader) throws(BinaryFormatError) in
            try r.slice(into: &flat, limit: entries.count) { $0 }
        }
        termEntries = flat
        negations = try WordTrie(from: &r) { (r: inout BinaryReader) throws(BinaryFormatError) in try r.bool() }
        var stop: [String] = []
        for _ in 0..<(try r.count(itemSize: 4)) { stop.append(try r.string()) }
        stopWords = stop
    }

    /// Terms to keep whole when segmenting: single words of up to three Han characters (客服, 快递员, 不能用).
    /// Longer entries are phrases (申请退款, 态度很差) whose words should stay separate features; the lexicon
    /// still finds them as phrases.
    public var segmentationWords: [String] {
        entries.map(\.term).filter { t in t.unicodeScalars.count <= 3 && t.unicodeScalars.allSatisfy { Scalar.isHan($0.value) } }
    }

    /// Finds keyword terms in `text`, leftmost-longest. Latin terms match whole words only.
    public func hits(in text: NormalizedText) -> [LexiconHit] {
        hits(in: text, negationScopes: negationScopes(in: text))
    }

    /// Finds keyword terms in `text`, marking those inside `scopes` (what ``negationScopes(in:)`` gave) as negated.
    public func hits(in text: NormalizedText, negationScopes scopes: [Range<Int>]) -> [LexiconHit] {
        let s = text.scalars
        var hits: [LexiconHit] = []
        var scope = 0
        var i = 0
        while i < s.count {
            guard terms.canStart(s[i]), startsWord(s, i) else { i += 1; continue }
            if let m = terms.longestMatch(in: s, from: i), endsWord(s, i, m.length) {
                while scope < scopes.count, scopes[scope].upperBound <= i { scope += 1 }
                let negated = scope < scopes.count && scopes[scope].contains(i)
                for idx in termEntries[m.payload] {
                    hits.append(LexiconHit(entry: entries[idx], range: i..<i + m.length, negated: negated))
                }
                i += m.length
                continue
            }
            i += 1
        }
        return hits
    }

    /// Whether the words at `range` of `text` are, as a whole, one of the negation cues ("不是", "并非", "no es").
    public func isNegationCue(in text: NormalizedText, _ range: Range<Int>) -> Bool {
        negations.lookup(in: text.scalars, range) != nil
    }

    /// Stretches of text under a negation cue, sorted and disjoint: from the end of the cue to the end of its
    /// clause, or for a backward cue from the start of its clause to the cue.
    public func negationScopes(in text: NormalizedText) -> [Range<Int>] {
        let s = text.scalars
        var scopes: [Range<Int>] = []
        var clauseStart = 0
        var i = 0
        while i < s.count {
            if isClauseBreak(s[i]) { clauseStart = i + 1 }
            if negations.canStart(s[i]), startsWord(s, i), let n = negations.longestMatch(in: s, from: i), endsWord(s, i, n.length) {
                if n.payload {
                    let from = max(clauseStart, scopes.last?.upperBound ?? 0)
                    if from < i { scopes.append(from..<i) }
                    i += n.length
                } else {
                    let end = clauseEnd(s, from: i + n.length)
                    if i + n.length < end { scopes.append(i + n.length..<end) }
                    i = end
                }
                continue
            }
            i += 1
        }
        return scopes
    }

    private func startsWord(_ s: [UInt32], _ i: Int) -> Bool {
        i == 0 || !Scalar.isAsciiAlnum(s[i]) || !Scalar.isAsciiAlnum(s[i - 1])
    }

    private func endsWord(_ s: [UInt32], _ start: Int, _ length: Int) -> Bool {
        let end = start + length
        return end >= s.count || !Scalar.isAsciiAlnum(s[end - 1]) || !Scalar.isAsciiAlnum(s[end])
    }

    private func isClauseBreak(_ c: UInt32) -> Bool {
        // , . ; : ! ? and their CJK forms (after NFKC the full-width ones are ASCII), and line breaks.
        c == 0x2C || c == 0x2E || c == 0x3B || c == 0x3A || c == 0x21 || c == 0x3F || c == 0x0A || c == 0x3002 || c == 0x3001
    }

    private func clauseEnd(_ s: [UInt32], from: Int) -> Int {
        var j = from
        while j < s.count, !isClauseBreak(s[j]) { j += 1 }
        return j
    }
}
