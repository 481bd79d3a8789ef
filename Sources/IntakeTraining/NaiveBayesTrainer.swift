import ComplaintIntake
import IntakeCore
import IntakeText
import IntakeLexicon
import IntakeClassify
import Foundation

/// Labeled documents as interned feature ids, the form training and cross-validation work on.
package struct FeatureTable: Sendable {
    /// Feature names by id.
    public private(set) var names: [String] = []
    private var ids: [String: Int32] = [:]
    /// Each document's distinct feature ids.
    public private(set) var documents: [[Int32]] = []
    public private(set) var labels: [Category] = []
    /// `zh` or `es` per document.
    public private(set) var languages: [String] = []
    /// The corpus slice each document came from, for grouped folds.
    public private(set) var groups: [String] = []
    /// Each document's lexicon score per category (``Classifier/lexiconScores(_:)``).
    public private(set) var lexicon: [[Double]] = []
    /// Each document's channel, for folds by channel.
    public private(set) var channels: [String] = []

    public init() {}

    public var count: Int { documents.count }

    public mutating func id(_ name: String) -> Int32 {
        if let id = ids[name] { return id }
        let id = Int32(names.count)
        names.append(name)
        ids[name] = id
        return id
    }

    public func existingID(_ name: String) -> Int32? { ids[name] }

    public mutating func append(features: [String], lexicon: [Double] = [0, 0, 0, 0], label: Category, language: String, group: String = "",
                                channel: String = "unknown") {
        documents.append(features.map { id($0) })
        labels.append(label)
        languages.append(language)
        groups.append(group)
        self.lexicon.append(lexicon)
        channels.append(channel)
    }
}

/// Trains multinomial naive Bayes with additive smoothing and the keyword lexicons as an informative prior.
///
/// How lexicon and corpus combine: each category's feature distribution gets a Dirichlet prior. Every feature
/// has the symmetric part `alpha` (ordinary Lidstone smoothing); a lexicon term's feature `t:term` also has
/// `priorStrength × weight` pseudo-counts in the category the lexicon gives it. The estimate is the posterior
/// mean, (count + alpha + prior) / (category total + alpha·V + category prior total). Where the corpus has seen
/// a term often, its counts dominate; where it never has (real text uses words a corpus lacks), the lexicon still
/// speaks. The `c:category` features count lexicon hits per category and are learned from the corpus like any
/// word, which tells the model how far to trust each lexicon as a whole.
public struct NaiveBayesTrainer: Sendable {
    public var alpha: Double
    public var priorStrength: Double
    /// Features seen in fewer training documents are dropped (except lexicon terms, which carry their prior).
    public var minDocumentFrequency: Int

    public init(alpha: Double = 0.1, priorStrength: Double = 1.0, minDocumentFrequency: Int = 2) {
        self.alpha = alpha
        self.priorStrength = priorStrength
        self.minDocumentFrequency = minDocumentFrequency
    }

    /// A trained model in memory: log-likelihoods by feature id (nil outside the vocabulary).
    public struct Parameters: Sendable {
        public var logPriors: [Double]
        public var logLikelihoods: [[Double]?]

        /// Unnormalized log scores per category.
        public func scores(_ document: [Int32]) -> [Double] {
            var s = logPriors
            for id in document where Int(id) < logLikelihoods.count {
                guard let l = logLikelihoods[Int(id)] else { continue }
                for j in 0..<s.count { s[j] += l[j] }
            }
            return s
        }
    }

    /// Trains on the documents of `table` listed in `subset` (all when nil). `priors[id]` holds the lexicon
    /// pseudo-counts per category (before `priorStrength`).
    ///
    /// Each language is its own naive Bayes model: a feature's likelihoods are normalized by the totals of the
    /// language it occurs in (the language of most documents holding it). One shared denominator would let the mix
    /// of categories in one language's documents bias the other's: with few Chinese service texts in a fold and
    /// many Spanish ones, every Chinese word would look unlikely under service.
    package func train(_ table: FeatureTable, subset: [Int]? = nil, priors: [Int32: [Double]]) -> Parameters {
        let k = Category.allCases.count
        let n = table.names.count
        let languages = Array(Set(table.languages)).sorted()
        let languageIndex = Dictionary(uniqueKeysWithValues: languages.enumerated().map { ($1, $0) })
        var df = [Int32](repeating: 0, count: n)
        var counts = [Double](repeating: 0, count: n * k)
        var byLanguage = [Int32](repeating: 0, count: n * max(1, languages.count))
        for d in subset ?? Array(0..<table.count) {
            let c = table.labels[d].index
            let l = languageIndex[table.languages[d]] ?? 0
            for id in table.documents[d] {
                df[Int(id)] += 1
                counts[Int(id) * k + c] += 1
                byLanguage[Int(id) * languages.count + l] += 1
            }
        }
        var inVocabulary = df.map { Int($0) >= minDocumentFrequency }
        for id in priors.keys { inVocabulary[Int(id)] = true }
        // The language of each feature: where it occurs most (ties to the first in name order).
        var featureLanguage = [Int](repeating: 0, count: n)
        for id in 0..<n where inVocabulary[id] && languages.count > 1 {
            var best = 0
            for l in 1..<languages.count where byLanguage[id * languages.count + l] > byLanguage[id * languages.count + best] { best = l }
            featureLanguage[id] = best
        }
        // Sums run in id order, so the same corpus always gives the same bytes.
        var totals = [[Double]](repeating: [Double](repeating: 0, count: k), count: max(1, languages.count))
        var v = [Double](repeating: 0, count: max(1, languages.count))
        for id in 0..<n where inVocabulary[id] {
            let p = priors[Int32(id)]
            let l = featureLanguage[id]
            v[l] += 1
            for j in 0..<k { totals[l][j] += counts[id * k + j] + priorStrength * (p?[j] ?? 0) }
        }
        var logLikelihoods = [[Double]?](repeating: nil, count: n)
        for id in 0..<n where inVocabulary[id] {
            let p = priors[Int32(id)]
            let l = featureLanguage[id]
            logLikelihoods[id] = (0..<k).map { j in
                log((counts[id * k + j] + alpha + priorStrength * (p?[j] ?? 0)) / (totals[l][j] + alpha * v[l]))
            }
        }
        // A uniform class prior: the mix of categories in a corpus (or in a fold of slices, some of one category only)
        // says nothing of a desk's stream.
        return Parameters(logPriors: [Double](repeating: log(1 / Double(k)), count: k), logLikelihoods: logLikelihoods)
    }
}

