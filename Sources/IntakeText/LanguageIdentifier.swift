import IntakeCore
/// Tells which language a complaint is written in: Chinese (Simplified or Traditional), Spanish, mixed or unknown.
///
/// Chinese scripts are told apart by the characters themselves: characters written only in Traditional
/// (客服態度) against characters written only in Simplified (客服态度). Spanish is recognized by its common words
/// and its accents, so that a Latin-script text in another language (English, say) is `unknown`, and codes or
/// brand names inside a Chinese text (iPhone, SF1234567890) do not make it mixed.
public struct LanguageIdentifier: Sendable {
    /// Folded common words: payload bit 1 for Spanish, bit 2 for another language (`en`, `pt`: evidence against it).
    private let words: WordTrie<UInt8>

    /// - Parameter words: folded common words per language: `es` for Spanish, others (`en`, `pt`) as evidence against it.
    public init(words: [String: Set<String>]) {
        var trie = WordTrie<UInt8>()
        for (language, list) in words {
            for w in list { trie.insert(w.unicodeScalars.map(\.value), payload: language == "es" ? 1 : 2, merge: { $0 | $1 }) }
        }
        self.words = trie
    }

    public struct Evidence: Sendable, Equatable {
        public var han = 0
        public var traditionalOnly = 0
        public var simplifiedOnly = 0
        public var kanaOrHangul = 0
        public var latinWords = 0
        public var spanishWords = 0
        public var otherLanguageWords = 0
        public var spanishMarks = 0
    }

    public func identify(_ text: NormalizedText, normalizer: Normalizer) -> Language {
        classify(evidence(text, normalizer: normalizer))
    }

    public func evidence(_ text: NormalizedText, normalizer: Normalizer) -> Evidence {
        var e = Evidence()
        for s in text.originalScalars {
            if Scalar.isHan(s) {
                e.han += 1
                switch normalizer.hanVariant(s) {
                case .traditionalOnly: e.traditionalOnly += 1
                case .simplifiedOnly: e.simplifiedOnly += 1
                case .neutral: break
                }
            } else if s >= 0x3040 && s <= 0x30FF || s >= 0xAC00 && s <= 0xD7AF {
                e.kanaOrHangul += 1
            } else if s == 0xF1 || s == 0xD1 || s == 0xBF || s == 0xA1 {  // ñ Ñ ¿ ¡
                e.spanishMarks += 1
            }
        }
        let s = text.scalars
        var i = 0
        while i < s.count {
            guard Scalar.isAsciiLetter(s[i]) else { i += 1; continue }
            var j = i
            while j < s.count, Scalar.isAsciiLetter(s[j]) { j += 1 }
            let attachedToDigits = (i > 0 && Scalar.isDigit(s[i - 1])) || (j < s.count && Scalar.isDigit(s[j]))
            if !attachedToDigits {
                e.latinWords += 1
                let known = words.lookup(in: s, i..<j) ?? 0
                if known & 1 != 0 {
                    e.spanishWords += 1
                } else if known & 2 != 0 {
                    e.otherLanguageWords += 1
                }
            }
            i = j
        }
        return e
    }

    public func classify(_ e: Evidence) -> Language {
        let spanishScore = e.spanishWords + min(e.spanishMarks, 2)
        let spanish = spanishScore > 0 && spanishScore >= e.otherLanguageWords
        // Latin text with no evidence either way is read as Spanish: the only Latin-script language served.
        let latinOnlySpanish = e.latinWords > 0 && e.otherLanguageWords == 0 && e.han == 0
        let chineseUnits = e.han
        let spanishUnits = spanish ? 2 * e.spanishWords + e.spanishMarks : 0
        if chineseUnits == 0 {
            if e.kanaOrHangul > 0 { return .unknown }
            return spanish || latinOnlySpanish ? .spanish : .unknown
        }
        if e.kanaOrHangul > chineseUnits { return .unknown }
        if spanish, e.spanishWords >= 2, chineseUnits >= 2 {
            let minor = min(chineseUnits, spanishUnits), major = max(chineseUnits, spanishUnits)
            if Double(minor) >= 0.25 * Double(major) { return .mixed }
            if spanishUnits > chineseUnits { return .spanish }
        }
        return e.traditionalOnly > e.simplifiedOnly ? .chineseTraditional : .chineseSimplified
    }
}

extension LanguageIdentifier {
    package func write(to w: inout BinaryWriter) { words.write(to: &w) { bits, w in w.u8(bits) } }

    package init(from r: inout BinaryReader) throws(BinaryFormatError) {
        words = try WordTrie(from: &r) { (r: inout BinaryReader) throws(BinaryFormatError) in try r.u8() }
    }
}
