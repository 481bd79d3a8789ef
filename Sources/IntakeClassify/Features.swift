import IntakeCore
import IntakeText
import IntakeLexicon
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

    /// The features as strings, in text order, each once: what training counts and `--explain` shows.
    public func features(of analysis: TextAnalysis, hits: [LexiconHit], negationScopes: [Range<Int>]) -> [String] {
        var sink = StringFeatures()
        collect(analysis, hits: hits, negationScopes: negationScopes, into: &sink)
        var seen = Set<String>(minimumCapacity: sink.out.count)
        return sink.out.filter { seen.insert($0).inserted }
    }

    /// The same features as ``features(of:hits:negationScopes:)`` as hashed keys, without building a string:
    /// what classification reads on the hot path.
    public func keys(of analysis: TextAnalysis, hits: [LexiconHit], negationScopes: [Range<Int>]) -> [FeatureKey] {
        var sink = KeyFeatures(capacity: analysis.spans.count * 3 + hits.count * 2 + analysis.text.scalars.count)
        collect(analysis, hits: hits, negationScopes: negationScopes, into: &sink)
        return sink.out
    }

    // Both forms come from this one walk, so a model trained on strings reads the same features as keys.
    private func collect<S: FeatureSink>(_ analysis: TextAnalysis, hits: [LexiconHit], negationScopes: [Range<Int>], into sink: inout S) {
        let s = analysis.text.scalars
        var scope = 0
        var last = 0
        func negated(_ at: Int) -> Bool {
            // Positions come in text order (parts share their whole's start), so the scope cursor mostly moves forward.
            if at < last { scope = 0 }
            last = at
            while scope < negationScopes.count, negationScopes[scope].upperBound <= at { scope += 1 }
            return scope < negationScopes.count && negationScopes[scope].contains(at)
        }
        var previousWord: Range<Int>?
        for t in analysis.spans {
            let n = negated(t.range.lowerBound)
            switch t.kind {
            case .word, .ideographic, .emoji, .hashtag:
                if let norm = t.partNorm { sink.add(n, "w:", norm) } else { sink.add(n, "w:", s[t.range]) }
            case .number: sink.add(n, "w:#num", "")
            case .code: sink.add(n, "w:#code", "")
            case .url: sink.add(n, "w:#url", "")
            case .email: sink.add(n, "w:#email", "")
            case .mention: sink.add(n, "w:#mention", "")
            }
            if t.kind == .word, !t.isPart {
                if let p = previousWord, t.range.lowerBound - p.upperBound <= 1 || onlySpaces(s, p.upperBound, t.range.lowerBound) {
                    sink.addPair(n, s[p], s[t.range])
                }
                previousWord = t.range
            } else if t.kind != .word {
                previousWord = nil
            }
        }
        var i = 0
        while i + 1 < s.count {
            if Scalar.isHan(s[i]), Scalar.isHan(s[i + 1]) {
                sink.add(negated(i), "b:", s[i...i + 1])
            }
            i += 1
        }
        for hit in hits {
            sink.add(hit.negated, "t:", hit.entry.term)
            if !hit.negated { sink.add(false, "c:", hit.entry.category.rawValue) }
        }
    }

    private func onlySpaces(_ s: [UInt32], _ from: Int, _ to: Int) -> Bool {
        from <= to && (from..<to).allSatisfy { Scalar.isSpace(s[$0]) }
    }
}

/// A feature by the FNV-1a hash of its UTF-8 string and that string's length in bytes: what the model looks up.
public struct FeatureKey: Sendable, Hashable {
    public let hash: UInt64
    public let length: Int

    public init(hash: UInt64, length: Int) {
        self.hash = hash
        self.length = length
    }

    /// The key of a feature string.
    public init(_ feature: String) {
        var f = feature
        let (h, n) = f.withUTF8 { (FNV.hash($0), $0.count) }
        self.init(hash: h, length: n)
    }
}

private protocol FeatureSink {
    mutating func add(_ negated: Bool, _ prefix: StaticString, _ text: String)
    mutating func add(_ negated: Bool, _ prefix: StaticString, _ scalars: ArraySlice<UInt32>)
    /// `b:` + `a` + space + `b`: a word bigram.
    mutating func addPair(_ negated: Bool, _ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>)
}

private struct StringFeatures: FeatureSink {
    package var out: [String] = []

    package mutating func add(_ negated: Bool, _ prefix: StaticString, _ text: String) {
        out.append((negated ? "¬" : "") + prefix.description + text)
    }

    package mutating func add(_ negated: Bool, _ prefix: StaticString, _ scalars: ArraySlice<UInt32>) {
        add(negated, prefix, NormalizedText.string(scalars))
    }

    package mutating func addPair(_ negated: Bool, _ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>) {
        add(negated, "b:", NormalizedText.string(a) + " " + NormalizedText.string(b))
    }
}

/// Hashes features as they come and keeps each key once, in order (an open-addressing set sized for the text).
private struct KeyFeatures: FeatureSink {
    package var out: [FeatureKey] = []
    private var seen: [UInt64]
    private let mask: Int

    package init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        seen = [UInt64](repeating: 0, count: size)
        mask = size - 1
        out.reserveCapacity(capacity)
    }

    /// The hash state of one feature.
    private struct Hashing {
        package var h = FNV.start
        package var n = 0

        package init(negated: Bool, prefix: StaticString) {
            if negated { mix(0xC2); mix(0xAC) }  // "¬"
            prefix.withUTF8Buffer { for b in $0 { mix(b) } }
        }

        @inline(__always) package mutating func mix(_ b: UInt8) {
            h = FNV.step(h, b)
            n += 1
        }

        @inline(__always) package mutating func mix(_ scalars: ArraySlice<UInt32>) {
            for s in scalars {
                if s < 0x80 { mix(UInt8(truncatingIfNeeded: s)); continue }
                UTF8Bytes.forEachByte(of: s) { mix($0) }
            }
        }

        package var key: FeatureKey { FeatureKey(hash: h, length: n) }
    }

    package mutating func add(_ negated: Bool, _ prefix: StaticString, _ text: String) {
        var x = Hashing(negated: negated, prefix: prefix)
        var text = text
        text.withUTF8 { for b in $0 { x.mix(b) } }
        insert(x.key)
    }

    package mutating func add(_ negated: Bool, _ prefix: StaticString, _ scalars: ArraySlice<UInt32>) {
        var x = Hashing(negated: negated, prefix: prefix)
        x.mix(scalars)
        insert(x.key)
    }

    package mutating func addPair(_ negated: Bool, _ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>) {
        var x = Hashing(negated: negated, prefix: "b:")
        x.mix(a)
        x.mix(0x20)
        x.mix(b)
        insert(x.key)
    }

    private mutating func insert(_ key: FeatureKey) {
        // 0 marks an empty slot; a real hash of 0 is stored as 1 in the set only (the key itself is kept whole).
        let tag = key.hash == 0 ? 1 : key.hash
        var i = Int(truncatingIfNeeded: (tag &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while seen[i] != 0 {
            if seen[i] == tag { return }
            i = (i + 1) & mask
        }
        seen[i] = tag
        out.append(key)
    }
}
