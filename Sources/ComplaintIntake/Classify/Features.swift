/// The features naive Bayes reads from one complaint.
///
/// - `w:` word tokens (Chinese words after dictionary merging, Spanish words and their parts, emoji, hashtag words);
///   numbers, codes, URLs and addresses by their shape (`w:#num`, `w:#code`, ...), since their values say nothing
///   of the category.
/// - `b:` Chinese character bigrams inside runs of Han characters (robust to segmentation errors and unseen words)
///   and Spanish word bigrams ("no funciona", "no llegó").
/// - `t:` keyword-lexicon terms found in the text, and `c:` one per category the found terms point to.
///
/// Inside the scope of a negation cue ("不是质量问题", "no es culpa del producto") every feature is prefixed with
/// `¬`, so that a negated defect word does not vote for `quality`.
///
/// Features are binary: a document counts each once, which keeps long e-mails from swamping the model with
/// repeated words (binarized multinomial naive Bayes).
public struct FeatureExtractor: Sendable {
    public init() {}

    public func features(of analysis: TextAnalysis, hits: [LexiconHit], negationScopes: [Range<Int>]) -> [String] {
        var out: [String] = []
        out.reserveCapacity(analysis.tokens.count * 3)
        let s = analysis.text.scalars
        func negated(_ at: Int) -> Bool { negationScopes.contains { $0.contains(at) } }
        func add(_ f: String, at: Int) { out.append(negated(at) ? "¬" + f : f) }

        var previousWord: (String, Int)?
        for t in analysis.tokens {
            let at = t.normRange.lowerBound
            switch t.kind {
            case .word, .ideographic, .emoji:
                add("w:" + t.norm, at: at)
            case .number: add("w:#num", at: at)
            case .code: add("w:#code", at: at)
            case .url: add("w:#url", at: at)
            case .email: add("w:#email", at: at)
            case .mention: add("w:#mention", at: at)
            case .hashtag: add("w:" + t.norm, at: at)
            }
            if t.kind == .word, !t.isPart {
                if let (p, end) = previousWord, t.normRange.lowerBound - end <= 1 || onlySpaces(s, end, t.normRange.lowerBound) {
                    add("b:" + p + " " + t.norm, at: at)
                }
                previousWord = (t.norm, t.normRange.upperBound)
            } else if t.kind != .word {
                previousWord = nil
            }
        }
        var i = 0
        while i + 1 < s.count {
            if Scalar.isHan(s[i]), Scalar.isHan(s[i + 1]) {
                add("b:" + NormalizedText.string(s[i...i + 1]), at: i)
            }
            i += 1
        }
        for hit in hits {
            let f = "t:" + hit.entry.term
            out.append(hit.negated ? "¬" + f : f)
            if !hit.negated { out.append("c:" + hit.entry.category.rawValue) }
        }
        // Each feature once, in the order the text gives them: scores then sum in the same order in every process
        // (a Set's order is seeded per process), without the cost of sorting strings.
        var seen = Set<String>(minimumCapacity: out.count)
        return out.filter { seen.insert($0).inserted }
    }

    private func onlySpaces(_ s: [UInt32], _ from: Int, _ to: Int) -> Bool {
        from <= to && (from..<to).allSatisfy { Scalar.isSpace(s[$0]) }
    }
}
