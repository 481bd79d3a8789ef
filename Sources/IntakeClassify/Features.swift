import IntakeCore
import IntakeText
import IntakeLexicon
/// The features naive Bayes reads from one complaint.
///
/// - `w:` word tokens (Chinese words after dictionary merging, Spanish words and their parts, emoji, hashtag words),
///   except the stop words (function words, pronouns, auxiliaries, greetings: `<lang>/stopwords.txt`).
/// - `b:` Spanish word bigrams of the words kept, in order ("no funciona", "llegado roto").
///
/// What carries the corpus writers' style more than the category is left out: stop words, numbers, codes, links
/// and addresses, and Chinese character bigrams. The keyword lexicons are not features: their evidence enters the
/// score apart, weighted once (``Classifier``), so that the same words are not counted as term, word and bigram.
///
/// Features are binary: a document counts each once, which keeps long e-mails from swamping the model with
/// repeated words (binarized multinomial naive Bayes).
public struct FeatureExtractor: Sendable {
    /// The name of this feature set, recorded in every model trained on it.
    public static let version = "words-v2"

    /// The keys of `w:` + each stop word.
    private let stopKeys: Set<FeatureKey>

    /// - Parameter stopWords: words not read, folded like text.
    public init(stopWords: [String] = []) {
        stopKeys = Set(stopWords.map { FeatureKey("w:" + $0) })
    }

    /// The features as strings, in text order, each once: what training counts and `--explain` shows.
    public func features(of analysis: TextAnalysis) -> [String] {
        var sink = StringFeatures()
        collect(analysis, into: &sink)
        var seen = Set<String>(minimumCapacity: sink.out.count)
        return sink.out.filter { seen.insert($0).inserted }
    }

    /// The same features as ``features(of:)`` as hashed keys, without building a string: what classification reads
    /// on the hot path.
    public func keys(of analysis: TextAnalysis) -> [FeatureKey] {
        var sink = KeyFeatures(capacity: analysis.spans.count * 2 + 8)
        collect(analysis, into: &sink)
        return sink.out
    }

    // Both forms come from this one walk, so a model trained on strings reads the same features as keys.
    private func collect<S: FeatureSink>(_ analysis: TextAnalysis, into sink: inout S) {
        let s = analysis.text.scalars
        var previousWord: Range<Int>?
        for t in analysis.spans {
            switch t.kind {
            case .word, .ideographic, .emoji, .hashtag:
                let key = t.partNorm.map { FeatureKey("w:" + $0) } ?? KeyFeatures.key("w:", s[t.range])
                if stopKeys.contains(key) { continue }
                sink.addWord(key, part: t.partNorm, s[t.range])
                if t.kind == .word, !t.isPart {
                    if let p = previousWord { sink.addPair(s[p], s[t.range]) }
                    previousWord = t.range
                } else if t.kind != .word {
                    previousWord = nil
                }
            case .number, .code, .url, .email, .mention:
                continue
            }
        }
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
    /// A `w:` feature whose key the walk already computed (to check the stop words): the key sink keeps it as it is.
    mutating func addWord(_ key: FeatureKey, part: String?, _ scalars: ArraySlice<UInt32>)
    /// `b:` + `a` + space + `b`: a word bigram.
    mutating func addPair(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>)
}

private struct StringFeatures: FeatureSink {
    package var out: [String] = []

    package mutating func addWord(_ key: FeatureKey, part: String?, _ scalars: ArraySlice<UInt32>) {
        out.append("w:" + (part ?? NormalizedText.string(scalars)))
    }

    package mutating func addPair(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>) {
        out.append("b:" + NormalizedText.string(a) + " " + NormalizedText.string(b))
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

        package init(prefix: StaticString) {
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

    /// The key of `prefix` + the scalars' UTF-8: the same as ``FeatureKey/init(_:)`` of that string, without building it.
    package static func key(_ prefix: StaticString, _ scalars: ArraySlice<UInt32>) -> FeatureKey {
        var x = Hashing(prefix: prefix)
        x.mix(scalars)
        return x.key
    }

    package mutating func addWord(_ key: FeatureKey, part: String?, _ scalars: ArraySlice<UInt32>) {
        insert(key)
    }

    package mutating func addPair(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>) {
        var x = Hashing(prefix: "b:")
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
