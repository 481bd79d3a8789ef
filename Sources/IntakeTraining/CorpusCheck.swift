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
        /// Shared 4-grams over the 4-grams of the shorter text.
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

    public static let channels: Set<String> = ["email", "web", "social", "phone"]
    public static let variants: [String: Set<String>] = [
        "zh": ["zh-Hans", "zh-Hant-TW", "zh-Hant-HK", "zh-Hant"],
        "es": ["es-ES", "es-MX", "es-AR", "es-CO", "es-CL", "es-PE", "es-419"],
    ]

    /// Runs every check; `overlap` is the share of the shorter text's 4-grams that makes a near-duplicate.
    public init(_ corpus: [CorpusRecord], overlap threshold: Double = 0.5, minimumCategoryShare: Double = 0.18) {
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
        var grams: [Set<String>] = []
        var index: [String: [Int]] = [:]
        for (i, r) in corpus.enumerated() {
            let g = Self.fourGrams(r.text)
            grams.append(g)
            for x in g { index[x, default: []].append(i) }
        }
        var dups: [NearDuplicate] = []
        for i in grams.indices where grams[i].count >= 3 {
            var shared: [Int: Int] = [:]
            for x in grams[i] { for j in index[x]! where j > i { shared[j, default: 0] += 1 } }
            for (j, n) in shared where grams[j].count >= 3 {
                let o = Double(n) / Double(min(grams[i].count, grams[j].count))
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
