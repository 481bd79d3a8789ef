import ComplaintIntake
import IntakeCore
import IntakeText
import IntakeLexicon
import IntakeClassify
import Foundation

/// Per-category and overall classification quality, as `intake eval` reports it.
public struct EvaluationReport: Codable, Sendable {
    public struct PerCategory: Codable, Sendable {
        public var precision: Double
        public var recall: Double
        public var f1: Double
        public var support: Int
    }

    public var documents: Int
    public var accuracy: Double
    public var macroF1: Double
    /// Expected calibration error over 10 equal-width confidence bins.
    public var expectedCalibrationError: Double
    /// Mean negative log-likelihood of the true category.
    public var logLoss: Double
    public var categories: [String: PerCategory]
    /// confusion[true][predicted], in ``Category/allCases`` order.
    public var confusion: [[Int]]

    package enum CodingKeys: String, CodingKey {
        case documents, accuracy, categories, confusion
        case macroF1 = "macro_f1", expectedCalibrationError = "ece", logLoss = "log_loss"
    }

    /// Scores predictions: `probabilities[i]` for the document whose true category is `truth[i]`.
    public init(truth: [Category], probabilities: [[Double]]) {
        let k = Category.allCases.count
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        var correct = 0
        var logLoss = 0.0
        var bins = [(count: Int, confidence: Double, correct: Int)](repeating: (0, 0, 0), count: 10)
        for (t, p) in zip(truth, probabilities) {
            let predicted = p.indices.max { p[$0] < p[$1] } ?? 0
            confusion[t.index][predicted] += 1
            let hit = predicted == t.index
            if hit { correct += 1 }
            logLoss -= log(max(p[t.index], 1e-12))
            let conf = p[predicted]
            let b = min(9, Int(conf * 10))
            bins[b].count += 1
            bins[b].confidence += conf
            bins[b].correct += hit ? 1 : 0
        }
        let n = max(truth.count, 1)
        documents = truth.count
        accuracy = Double(correct) / Double(n)
        self.logLoss = logLoss / Double(n)
        expectedCalibrationError = bins.reduce(0.0) { acc, b in
            b.count == 0 ? acc : acc + Double(b.count) / Double(n) * abs(b.confidence / Double(b.count) - Double(b.correct) / Double(b.count))
        }
        var categories: [String: PerCategory] = [:]
        var f1s: [Double] = []
        for c in Category.allCases {
            let tp = Double(confusion[c.index][c.index])
            let predicted = Double((0..<k).map { confusion[$0][c.index] }.reduce(0, +))
            let actual = Double(confusion[c.index].reduce(0, +))
            let precision = predicted > 0 ? tp / predicted : 0
            let recall = actual > 0 ? tp / actual : 0
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            categories[c.rawValue] = PerCategory(precision: precision, recall: recall, f1: f1, support: Int(actual))
            if actual > 0 { f1s.append(f1) }
        }
        self.categories = categories
        macroF1 = f1s.isEmpty ? 0 : f1s.reduce(0, +) / Double(f1s.count)
        self.confusion = confusion
    }

    /// A plain-text table: per-category precision, recall, F1, then the confusion matrix.
    public func table(title: String) -> String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        var out = "\(title): \(documents) documents, accuracy \(f(accuracy)), macro-F1 \(f(macroF1)), ECE \(f(expectedCalibrationError)), log loss \(f(logLoss))\n"
        out += "  category   precision  recall  F1     support\n"
        for c in Category.allCases {
            let m = categories[c.rawValue]!
            out += "  " + c.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                + " " + f(m.precision) + "      " + f(m.recall) + "   " + f(m.f1) + "  " + String(m.support) + "\n"
        }
        out += "  confusion (rows: true, columns: predicted)\n             " + Category.allCases.map { String($0.rawValue.prefix(8)).padding(toLength: 9, withPad: " ", startingAt: 0) }.joined() + "\n"
        for c in Category.allCases {
            out += "  " + c.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + " "
                + confusion[c.index].map { String($0).padding(toLength: 9, withPad: " ", startingAt: 0) }.joined() + "\n"
        }
        return out
    }
}

/// Deterministic stratified folds: documents of each (language, category) are shuffled with a fixed seed and
/// dealt round-robin, so every fold has the same mix and every run the same folds.
package func stratifiedFolds(_ examples: [(language: String, label: Category)], k: Int, seed: UInt64 = 20_261_122) -> [Int] {
    var fold = [Int](repeating: 0, count: examples.count)
    var strata: [String: [Int]] = [:]
    for (i, e) in examples.enumerated() { strata["\(e.language)/\(e.label.rawValue)", default: []].append(i) }
    var rng = SplitMix64(seed: seed)
    for key in strata.keys.sorted() {
        var members = strata[key]!
        for i in stride(from: members.count - 1, to: 0, by: -1) {
            let j = Int(rng.next() % UInt64(i + 1))
            members.swapAt(i, j)
        }
        for (n, idx) in members.enumerated() { fold[idx] = n % k }
    }
    return fold
}

package struct SplitMix64 {
    package var state: UInt64
    package init(seed: UInt64) { state = seed }
    package mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
