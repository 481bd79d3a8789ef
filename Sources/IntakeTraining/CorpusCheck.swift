import ComplaintIntake
import IntakeCore
import IntakeText
import IntakeLexicon
import IntakeClassify
import Foundation

/// Quality checks on the training corpus: fields, label balance, channel and script mix, near-duplicates.
public struct CorpusCheck: Sendable, Encodable {
    /// A pair of records that share most of their character 4-grams.
    public struct NearDuplicate: Sendable, Encodable {
        public var first: Int
        public var second: Int
        /// Shared 4-grams over the 4-grams of either (Jaccard): a short text that is all common wording is not a copy
        /// of a long one that contains it.
        public var overlap: Double
    }

    public var records: Int
    public var problems: [String]
    public var labels: [String: [String: Int]]
    public var channels: [String: [String: Int]]
    public var variants: [String: [String: Int]]
    public var nearDuplicates: [NearDuplicate]
    /// Near-duplicate pairs per record, in percent.
    public var nearDuplicateRate: Double
    /// Per language and category: the quartiles of the texts' lengths in characters (25%, median, 75%).
    public var lengths: [String: [String: [Int]]]
    /// The largest median length of a category over the smallest, per language: over ``maxLengthRatio`` is a problem,
    /// since a model then learns length instead of content.
    public var lengthRatios: [String: Double]
    public static let maxLengthRatio = 1.5

    public static let channels: Set<String> = ["email", "web", "social", "phone"]
    public static let variants: [String: Set<String>] = [
        "zh": ["zh-Hans", "zh-Hant-TW", "zh-Hant-HK", "zh-Hant"],
        "es": ["es-ES", "es-MX", "es-AR", "es-CO", "es-CL", "es-PE", "es-419"],
    ]

    /// Runs every check; `overlap` is the share of the shorter text's 4-grams that makes a near-duplicate.
    ///
    /// Texts of fewer than `minimumGrams` 4-grams are not compared: a short post that is all generic wording ("no me
    /// ha llegado el pedido") shares its 4-grams with many longer ones without copying any.
    public init(_ corpus: [CorpusRecord], overlap threshold: Double = 0.5, minimumCategoryShare: Double = 0.18, minimumGrams: Int = 12) {
        records = corpus.count
        var problems: [String] = []
        var labels: [String: [String: Int]] = [:], channels: [String: [String: Int]] = [:], variants: [String: [String: Int]] = [:]
        for (i, r) in corpus.enumerated() {
            labels[r.language, default: [:]][r.label.rawValue, default: 0] += 1
            channels[r.language, default: [:]][r.channel ?? "none", default: 0] += 1
            variants[r.language, default: [:]][r.variant ?? "none", default: 0] += 1
            if let c = r.channel, !Self.channels.contains(c) { problems.append("record \(i + 1) (\(r.language)): unknown channel '\(c)'") }
            if r.channel == nil { problems.append("record \(i + 1) (\(r.language)): no channel") }
            if let v = r.variant, let allowed = Self.variants[r.language], !allowed.contains(v) {
                problems.append("record \(i + 1) (\(r.language)): variant '\(v)' does not belong to this language")
            }
            if r.variant == nil { problems.append("record \(i + 1) (\(r.language)): no variant") }
        }
        for (lang, counts) in labels.sorted(by: { $0.key < $1.key }) {
            let total = counts.values.reduce(0, +)
            for c in Category.allCases where Double(counts[c.rawValue] ?? 0) < minimumCategoryShare * Double(total) {
                problems.append("\(lang): \(c.rawValue) is \(counts[c.rawValue] ?? 0) of \(total) records, under \(Int(minimumCategoryShare * 100))%")
            }
        }
        var lengths: [String: [String: [Int]]] = [:], ratios: [String: Double] = [:]
        for lang in Set(corpus.map(\.language)).sorted() {
            var medians: [Double] = []
            for c in Category.allCases {
                let n = corpus.filter { $0.language == lang && $0.label == c }.map { $0.text.count }.sorted()
                guard !n.isEmpty else { continue }
                let q = [n[n.count / 4], n[n.count / 2], n[min(n.count - 1, 3 * n.count / 4)]]
                lengths[lang, default: [:]][c.rawValue] = q
                medians.append(Double(q[1]))
            }
            let ratio = (medians.max() ?? 1) / max(medians.min() ?? 1, 1)
            ratios[lang] = (ratio * 100).rounded() / 100
            if ratio > Self.maxLengthRatio {
                problems.append(String(format: "%@: the median length of one category is %.2f times another's (limit %.1f): a model would learn length", lang, ratio, Self.maxLengthRatio))
            }
        }
        self.lengths = lengths
        lengthRatios = ratios
        var grams: [Set<String>] = []
        var index: [String: [Int]] = [:]
        for (i, r) in corpus.enumerated() {
            let g = Self.fourGrams(r.text)
            grams.append(g)
            for x in g { index[x, default: []].append(i) }
        }
        var dups: [NearDuplicate] = []
        for i in grams.indices where grams[i].count >= minimumGrams {
            var shared: [Int: Int] = [:]
            for x in grams[i] { for j in index[x]! where j > i { shared[j, default: 0] += 1 } }
            for (j, n) in shared where grams[j].count >= minimumGrams {
                let o = Double(n) / Double(grams[i].count + grams[j].count - n)
                if o > threshold { dups.append(NearDuplicate(first: i, second: j, overlap: o)) }
            }
        }
        dups.sort { ($0.first, $0.second) < ($1.first, $1.second) }
        self.problems = problems
        self.labels = labels
        self.channels = channels
        self.variants = variants
        nearDuplicates = dups
        nearDuplicateRate = corpus.isEmpty ? 0 : 100 * Double(dups.count) / Double(corpus.count)
    }

    package static func fourGrams(_ text: String) -> Set<String> {
        let s = Array(text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace })
        guard s.count >= 4 else { return s.isEmpty ? [] : [String(String.UnicodeScalarView(s))] }
        var out = Set<String>()
        for i in 0...(s.count - 4) { out.insert(String(String.UnicodeScalarView(s[i..<i + 4]))) }
        return out
    }
}

/// The style-leak report: the features most predictive of one category that say nothing of a complaint's content
/// (stop words, punctuation, emoji, length). A corpus whose writers' habits differ by category teaches the model
/// those habits; real complaints do not share them.
public struct StyleLeak: Sendable, Encodable {
    public struct Feature: Sendable, Encodable {
        public var feature: String
        public var category: String
        /// Share of that category's texts with the feature over its share of all texts.
        public var lift: Double
        public var documents: Int
    }

    public var features: [String: [Feature]]

    /// `tokens[i]`: the stop words, punctuation and emoji of record `i` (each once); lengths come from the texts.
    public init(_ corpus: [CorpusRecord], tokens: [[String]], top: Int = 12, minimumDocuments: Int = 20) {
        var out: [String: [Feature]] = [:]
        for lang in Set(corpus.map(\.language)).sorted() {
            let idx = corpus.indices.filter { corpus[$0].language == lang }
            var perCategory = [Int](repeating: 0, count: Category.allCases.count)
            for i in idx { perCategory[corpus[i].label.index] += 1 }
            var df: [String: [Int]] = [:]
            let lengths = idx.map { corpus[$0].text.count }.sorted()
            let long = lengths.isEmpty ? 0 : lengths[3 * lengths.count / 4]
            for i in idx {
                var seen = Set(tokens[i])
                if corpus[i].text.count >= long { seen.insert("#length:top-quarter") }
                for t in seen { df[t, default: [Int](repeating: 0, count: 4)][corpus[i].label.index] += 1 }
            }
            var features: [Feature] = []
            for (t, counts) in df {
                let n = counts.reduce(0, +)
                guard n >= minimumDocuments else { continue }
                for c in Category.allCases where perCategory[c.index] > 0 {
                    let share = Double(counts[c.index]) / Double(perCategory[c.index])
                    let overall = Double(n) / Double(idx.count)
                    features.append(Feature(feature: t, category: c.rawValue, lift: (share / overall * 100).rounded() / 100, documents: counts[c.index]))
                }
            }
            out[lang] = Array(features.sorted { ($0.lift, $0.documents, $0.feature) > ($1.lift, $1.documents, $1.feature) }.prefix(top))
        }
        self.features = out
    }
}

