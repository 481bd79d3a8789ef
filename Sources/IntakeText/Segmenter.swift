import IntakeCore
/// Spanish word-formation data the segmenter needs, loaded from `lexicons/es/` (contractions, clitics, endings).
package struct SpanishMorphology: Sendable {
    /// "del" -> ["de", "el"].
    public var contractions: [String: [String]]
    /// Enclitic pronouns, longest first when matching (`selo`, `melo`, `me`, `lo`, ...).
    public var clitics: [String]
    /// Endings that mark a verb form able to carry clitics (infinitive `ar`, gerund `ando`, ...).
    public var verbEndings: [String]
    /// Endings of stressed imperatives that carry clitics when the word has a written accent (`devuélvan|me`).
    public var imperativeEndings: [String]
    /// Endings of words that carry no clitic though they end like one: adverbs in `mente` (rápidamente).
    public var adverbEndings: [String]

    public init(contractions: [String: [String]] = [:], clitics: [String] = [], verbEndings: [String] = [],
                imperativeEndings: [String] = [], adverbEndings: [String] = []) {
        self.contractions = contractions
        self.clitics = clitics.sorted { $0.count > $1.count }
        self.verbEndings = verbEndings
        self.imperativeEndings = imperativeEndings
        self.adverbEndings = adverbEndings
    }

    /// The same data as scalar arrays, for matching inside the normalized text without building strings.
    package struct Scalars: Sendable {
        package let contractions: WordTrie<[String]>
        package let clitics: [[UInt32]]
        package let verbEndings: [[UInt32]]
        package let imperativeEndings: [[UInt32]]
        package let adverbEndings: [[UInt32]]
        /// No clitic is found in a word shorter than this.
        package let minWord = 5

        package init(_ m: SpanishMorphology) {
            var trie = WordTrie<[String]>()
            for (k, v) in m.contractions { trie.insert(k.unicodeScalars.map(\.value), payload: v) }
            contractions = trie
            clitics = m.clitics.map { $0.unicodeScalars.map(\.value) }
            verbEndings = m.verbEndings.map { $0.unicodeScalars.map(\.value) }
            imperativeEndings = m.imperativeEndings.map { $0.unicodeScalars.map(\.value) }
            adverbEndings = m.adverbEndings.map { $0.unicodeScalars.map(\.value) }
        }
    }

    package func write(to w: inout BinaryWriter) {
        w.pairs(contractions) { w, word, parts in
            w.string(word)
            w.strings(parts)
        }
        w.strings(clitics)
        w.strings(verbEndings)
        w.strings(imperativeEndings)
        w.strings(adverbEndings)
    }

    package init(from r: inout BinaryReader) throws(BinaryFormatError) {
        contractions = try r.pairs(itemSize: 8) { (r: inout BinaryReader) throws(BinaryFormatError) in (try r.string(), try r.strings()) }
        clitics = try r.strings()
        verbEndings = try r.strings()
        imperativeEndings = try r.strings()
        adverbEndings = try r.strings()
    }
}

/// Splits normalized text into tokens: ICU word break, merged with a dictionary of domain words so that
/// terms like 客服 or 不能用 stay whole, codes like DD20231105123 or 4021-88 stay whole, and Spanish
/// contractions and clitics yield their parts.
///
/// Owns an ICU break iterator: not thread-safe, one per worker.
package final class Segmenter {
    private let breaker: ICUWordBreaker
    private let dictionary: WordTrie<Bool>
    private let morphology: SpanishMorphology.Scalars

    /// - Parameters:
    ///   - dictionary: normalized words to keep whole (from the lexicons and user dictionaries).
    ///   - morphology: Spanish contractions and clitics.
    public init(dictionary: WordTrie<Bool>, morphology: SpanishMorphology) throws(TextError) {
        breaker = try ICUWordBreaker()
        self.dictionary = dictionary
        self.morphology = SpanishMorphology.Scalars(morphology)
    }

    /// The tokens of `text` as full values with their strings (see ``spans(_:)`` for the compact form).
    public func tokens(_ text: NormalizedText) -> [Token] { spans(text).map { Token($0, in: text) } }

    /// The tokens of `text` as spans of the normalized text, in text order; parts follow the token they come from.
    public func spans(_ text: NormalizedText) -> [TokenSpan] {
        let s = text.scalars
        let segments = breaker.segments(s)
        var tokens: [TokenSpan] = []
        tokens.reserveCapacity(segments.count / 2 + 4)
        var specialIndex = 0
        var start = 0
        var k = 0
        while k < segments.count {
            let seg = segments[k]
            let range = start..<seg.end
            // Kept-whole spans win over whatever ICU found inside them.
            if specialIndex < text.specials.count, text.specials[specialIndex].range.lowerBound < seg.end {
                let span = text.specials[specialIndex]
                let kind: Token.Kind = switch span.kind {
                case .url: .url
                case .email: .email
                case .mention: .mention
                case .hashtag: .hashtag
                }
                if start < span.range.lowerBound {
                    emitPlain(start..<span.range.lowerBound, kind: seg.kind, text: text, into: &tokens)
                }
                tokens.append(TokenSpan(range: span.range, kind: kind))
                for w in span.words { tokens.append(TokenSpan(range: w, kind: .word, isPart: true)) }
                specialIndex += 1
                while k < segments.count, segments[k].end <= span.range.upperBound { k += 1 }
                start = span.range.upperBound
                continue
            }
            switch seg.kind {
            case .ideographic, .kana:
                // Gather the whole run of ideographic segments and re-split it with the dictionary.
                var runEnd = k
                var bounds: [Int] = [seg.end]
                while runEnd + 1 < segments.count, segments[runEnd + 1].kind == .ideographic || segments[runEnd + 1].kind == .kana,
                      !(specialIndex < text.specials.count && text.specials[specialIndex].range.lowerBound < segments[runEnd + 1].end) {
                    runEnd += 1
                    bounds.append(segments[runEnd].end)
                }
                dictionarySplit(s, from: start, icuEnds: bounds, into: &tokens)
                start = bounds.last!
                k = runEnd + 1
                continue
            case .letter, .number:
                // Codes: alphanumerics joined by - or / with a digit somewhere (4021-88, ES-552019, 2024/3/5).
                var end = seg.end
                var last = k
                var hasDigit = range.contains { Scalar.isDigit(s[$0]) }
                while last + 2 < segments.count,
                      segments[last + 1].end == end + 1, s[end] == 0x2D || s[end] == 0x2F || s[end] == 0x5F,
                      segments[last + 2].kind == .letter || segments[last + 2].kind == .number,
                      !(specialIndex < text.specials.count && text.specials[specialIndex].range.lowerBound < segments[last + 2].end) {
                    let nextRange = end + 1..<segments[last + 2].end
                    let nextHasDigit = nextRange.contains { Scalar.isDigit(s[$0]) }
                    guard hasDigit || nextHasDigit else { break }
                    hasDigit = true
                    end = segments[last + 2].end
                    last += 2
                }
                if last > k {
                    tokens.append(TokenSpan(range: start..<end, kind: .code))
                } else {
                    emitPlain(range, kind: seg.kind, text: text, into: &tokens)
                }
                start = end
                k = last + 1
                continue
            case .none:
                emitPlain(range, kind: .none, text: text, into: &tokens)
            }
            start = seg.end
            k += 1
        }
        return tokens
    }

    /// Tokens for one ICU segment outside any special span.
    private func emitPlain(_ range: Range<Int>, kind: ICUWordBreaker.Kind, text: NormalizedText, into tokens: inout [TokenSpan]) {
        let s = text.scalars
        switch kind {
        case .none:
            for i in range where UnicodeClass.isEmoji(s[i]) { tokens.append(TokenSpan(range: i..<i + 1, kind: .emoji)) }
        case .number:
            tokens.append(TokenSpan(range: range, kind: range.allSatisfy { Scalar.isDigit(s[$0]) || s[$0] == 0x2E || s[$0] == 0x2C } ? .number : .code))
        case .letter:
            let hasDigit = range.contains { Scalar.isDigit(s[$0]) }
            if hasDigit {
                tokens.append(TokenSpan(range: range, kind: .code))
                return
            }
            tokens.append(TokenSpan(range: range, kind: .word))
            if let parts = morphology.contractions.lookup(in: s, range) {
                for p in parts { tokens.append(TokenSpan(range: range, kind: .word, isPart: true, partNorm: p)) }
            } else if let parts = cliticParts(range, text: text) {
                for p in parts { tokens.append(TokenSpan(range: range, kind: .word, isPart: true, partNorm: p)) }
            }
        case .ideographic, .kana:
            dictionarySplit(s, from: range.lowerBound, icuEnds: [range.upperBound], into: &tokens)
        }
    }

    /// Splits a run of ideographs: the longest dictionary word wins at each position; elsewhere ICU's segments
    /// stand, cut short where a dictionary word that ICU split begins.
    private func dictionarySplit(_ s: [UInt32], from start: Int, icuEnds: [Int], into tokens: inout [TokenSpan]) {
        let end = icuEnds.last ?? start
        var p = start
        var b = 0
        while p < end {
            while b < icuEnds.count, icuEnds[b] <= p { b += 1 }
            if let m = dictionary.longestMatch(in: s, from: p, limit: end), m.length >= 2 {
                tokens.append(TokenSpan(range: p..<p + m.length, kind: .ideographic))
                p += m.length
                continue
            }
            var pieceEnd = b < icuEnds.count ? icuEnds[b] : end
            var q = p + 1
            while q < pieceEnd {
                if let m = dictionary.longestMatch(in: s, from: q, limit: end), m.length >= 2, q + m.length > pieceEnd {
                    pieceEnd = q
                    break
                }
                q += 1
            }
            tokens.append(TokenSpan(range: p..<pieceEnd, kind: .ideographic))
            p = pieceEnd
        }
    }

    /// "devolverme" -> ["devolver", "me"]; "dámelo" -> ["da", "me", "lo"]. Only verb forms carry clitics: an
    /// infinitive or gerund stem, or a stressed imperative (the written accent the clitic forced).
    private func cliticParts(_ range: Range<Int>, text: NormalizedText) -> [String]? {
        let s = text.scalars
        guard range.count >= morphology.minWord, !morphology.clitics.isEmpty, !morphology.adverbEndings.contains(where: { hasSuffix(s, range, $0) }) else { return nil }
        var stemEnd = range.upperBound
        var found: [Range<Int>] = []
        while found.count < 2,
              let c = morphology.clitics.first(where: { hasSuffix(s, range.lowerBound..<stemEnd, $0) && stemEnd - range.lowerBound - $0.count >= 2 }) {
            found.insert(stemEnd - c.count..<stemEnd, at: 0)
            stemEnd -= c.count
        }
        let stem = range.lowerBound..<stemEnd
        guard !found.isEmpty, stem.count >= 2 else { return nil }
        let isVerbForm = stem.count >= 4 && morphology.verbEndings.contains { hasSuffix(s, stem, $0) }
        let isImperative = morphology.imperativeEndings.contains { hasSuffix(s, stem, $0) } && {
            let o = text.originalRange(range)
            return text.originalScalars[o].contains { Self.accented.contains($0) }
        }()
        guard isVerbForm || isImperative else { return nil }
        return ([stem] + found).map { text.normalizedText($0) }
    }

    private static let accented: Set<UInt32> = Set("áéíóúÁÉÍÓÚ".unicodeScalars.map(\.value))

    private func hasSuffix(_ s: [UInt32], _ range: Range<Int>, _ suffix: [UInt32]) -> Bool {
        guard suffix.count <= range.count else { return false }
        var i = range.upperBound - suffix.count
        for c in suffix {
            if s[i] != c { return false }
            i += 1
        }
        return true
    }
}

/// A token as a span of the normalized text: what the pipeline reads. ``Token`` is the full form with strings.
package struct TokenSpan: Sendable, Equatable {
    /// The token's range in the normalized text.
    public var range: Range<Int>
    public var kind: Token.Kind
    /// True for tokens derived from a larger one, which share its span.
    public var isPart: Bool
    /// The normalized form when it is not the text at `range` (the parts of "del" are "de" and "el").
    public var partNorm: String?

    public init(range: Range<Int>, kind: Token.Kind, isPart: Bool = false, partNorm: String? = nil) {
        self.range = range
        self.kind = kind
        self.isPart = isPart
        self.partNorm = partNorm
    }
}
