import Foundation
import IntakeCore
import IntakeText
import IntakeLexicon
/// The category of a complaint with its probabilities.
public struct Classification: Sendable, Equatable {
    public var category: Category
    /// The probability of `category`.
    public var confidence: Double
    /// Probability per category; they sum to 1.
    public var scores: [Category: Double]
    /// Other categories whose probability reaches the secondary threshold, most probable first.
    public var secondary: [Category]
}

/// One feature's pull on the scores, for `intake explain`.
public struct FeatureContribution: Sendable, Codable, Equatable {
    public var feature: String
    /// Log-likelihood of the feature under each category minus their mean: positive pulls toward the category.
    public var weights: [String: Double]
}

/// Scores features with a trained ``NaiveBayesModel``.
public struct Classifier: Sendable {
    public let model: NaiveBayesModel
    /// A category other than the first is secondary when its probability reaches this.
    public let secondaryThreshold: Double

    /// Whether the model has learned lexicon terms as features (a desk model that does, ``NaiveBayesModel/Metadata/Desk/termFeatures``).
    private let readsTerms: Bool
    private let calibration: [String: DeskCalibration]

    public init(model: NaiveBayesModel, secondaryThreshold: Double = 0.2) {
        self.model = model
        self.secondaryThreshold = secondaryThreshold
        readsTerms = model.metadata.desk?.termFeatures ?? false
        calibration = model.metadata.desk?.calibration ?? [:]
    }

    /// The lexicon terms found outside a negation as features (`t:` and the term as the lexicon writes it), each once, in
    /// order: what a desk model learns from a desk's labels where the lexicon's terms mislead on its stream.
    public static func termFeatures(_ hits: [LexiconHit]) -> [String] {
        var seen = Set<String>()
        return hits.filter { !$0.negated && seen.insert($0.entry.term).inserted }.map { "t:" + $0.entry.term }
    }

    /// Classifies feature strings (as ``FeatureExtractor/features(of:)`` gives them) and lexicon hits.
    public func classify(features: [String], hits: [LexiconHit] = [], language: String? = nil, secondaryThreshold: Double? = nil) -> Classification {
        classify(keys: features.map(FeatureKey.init), hits: hits, language: language, secondaryThreshold: secondaryThreshold)
    }

    /// The lexicon's evidence per category, in ``Category/allCases`` order: the sum of the weights of the terms found
    /// outside a negation, each occurrence once.
    public static func lexiconScores(_ hits: [LexiconHit]) -> [Double] {
        var l = [0.0, 0.0, 0.0, 0.0]
        for h in hits where !h.negated { l[h.entry.category.index] += h.entry.weight }
        return l
    }

    /// Classifies hashed features (as ``FeatureExtractor/keys(of:)`` gives them) and lexicon hits.
    ///
    /// The score of a category is its log prior, plus the log-likelihood of every feature, plus λ times the lexicon
    /// score (``lexiconScores(_:)``); the probabilities are the softmax of the scores over the model's temperature.
    /// A clear lexicon hit thus counts once, with the weight that grouped cross-validation chose, and is not
    /// outvoted by the writer's function words or length. A desk model with a ``DeskCalibration`` for the text's
    /// `language` (`zh`, `es`) maps the scores over the temperature before the softmax.
    public func classify(keys: [FeatureKey], hits: [LexiconHit] = [], language: String? = nil, secondaryThreshold: Double? = nil) -> Classification {
        let threshold = secondaryThreshold ?? self.secondaryThreshold
        var t = model.priors
        for k in keys { model.accumulate(k, into: &t) }
        if readsTerms {
            for f in Self.termFeatures(hits) { model.accumulate(FeatureKey(f), into: &t) }
        }
        let lambda = model.metadata.lexiconWeight
        let p: [Double]
        if let language, let map = calibration[language] {
            let l = Self.lexiconScores(hits).map { lambda * $0 }
            p = softmax(map.apply(DeskCalibration.inputs(words: [t.0, t.1, t.2, t.3], lexicon: l, temperature: model.metadata.temperature)))
        } else {
            if lambda != 0 {
                let l = Self.lexiconScores(hits)
                t.0 += lambda * l[0]
                t.1 += lambda * l[1]
                t.2 += lambda * l[2]
                t.3 += lambda * l[3]
            }
            p = softmax([t.0, t.1, t.2, t.3], temperature: model.metadata.temperature)
        }
        var order = Self.categories
        // Insertion sort of four: most probable first, ties in category order.
        for i in 1..<order.count {
            var j = i
            while j > 0, p[order[j].index] > p[order[j - 1].index] {
                order.swapAt(j, j - 1)
                j -= 1
            }
        }
        let top = order[0]
        return Classification(
            category: top,
            confidence: p[top.index],
            scores: [.quality: p[0], .delivery: p[1], .service: p[2], .other: p[3]],
            secondary: order.dropFirst().filter { p[$0.index] >= threshold }
        )
    }

    private static let categories = Category.allCases

    /// The features the model knows, by their strongest pull, strongest first.
    public func contributions(features: [String], limit: Int = 12) -> [FeatureContribution] {
        var out: [(Double, FeatureContribution)] = []
        for f in features {
            guard let l = model.logLikelihoods(f) else { continue }
            let mean = l.reduce(0, +) / Double(l.count)
            let w = l.map { ($0 - mean) / model.metadata.temperature }
            let strength = w.map(abs).max() ?? 0
            out.append((strength, FeatureContribution(
                feature: f, weights: Dictionary(uniqueKeysWithValues: Category.allCases.map { ($0.rawValue, (w[$0.index] * 1000).rounded() / 1000) }))))
        }
        return out.sorted { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1.feature < $1.1.feature) }.prefix(limit).map(\.1)
    }
}

/// Softmax of scores divided by a temperature (T > 1 softens naive Bayes' overconfidence).
package func softmax(_ scores: [Double], temperature: Double = 1) -> [Double] {
    let m = scores.max() ?? 0
    let e = scores.map { exp(($0 - m) / temperature) }
    let z = e.reduce(0, +)
    return e.map { $0 / z }
}
