import ComplaintIntake
import IntakeCore
import Foundation

/// Naive Bayes over the corpus and a desk's labels as a mixture: each category's word distribution is
/// (1 − β) × the corpus's + β × the labels', with one β per language, β = W·n ÷ (W·n + N) for n labels and N corpus
/// texts of the language (each label counts as W corpus texts).
///
/// Why not add the labels' counts, W each, to the corpus's: that makes a category the desk labels often heavy in
/// counts, so every word the labels did not hold becomes unlikely under it, and texts are pushed away from the very
/// category the desk files most (on a hotel desk that files the staff under quality, weight 160 sent more texts to
/// service, not fewer). One β for all categories scales every category's corpus part alike, so words the labels never
/// saw keep their corpus evidence, and the labels' words add theirs. The labels' part is Lidstone-smoothed, so a category
/// the labels hold none of gets a flat 1/V there, which favours it slightly for words the labels never held. Smoothing
/// toward the corpus's distribution instead was measured on the services desk of the README: with weight 100 it gained
/// +0.02/+0.06 in Spanish at 100/200 corrections where this gains +0.05/+0.10, so the flat part stays.
package struct DeskMixture: Sendable {
    package var alpha: Double
    /// Corpus words seen in fewer corpus texts are dropped; every word of the labels is kept.
    package var minDocumentFrequency: Int

    package init(alpha: Double, minDocumentFrequency: Int) {
        self.alpha = alpha
        self.minDocumentFrequency = minDocumentFrequency
    }

    /// Trains on the `corpus` and `desk` documents of `table`, each desk document counting `weight` corpus texts.
    package func train(_ table: FeatureTable, corpus: [Int], desk: [Int], weight: Double) -> NaiveBayesTrainer.Parameters {
        let k = Category.allCases.count
        let n = table.names.count
        let languages = Array(Set(table.languages)).sorted()
        let m = max(1, languages.count)
        let languageIndex = Dictionary(uniqueKeysWithValues: languages.enumerated().map { ($1, $0) })
        var df = [[Int32]](repeating: [Int32](repeating: 0, count: n), count: 2)
        var counts = [[Double]](repeating: [Double](repeating: 0, count: n * k), count: 2)
        var byLanguage = [Int32](repeating: 0, count: n * m)
        var documents = [[Double]](repeating: [Double](repeating: 0, count: m), count: 2)
        for (source, subset) in [corpus, desk].enumerated() {
            for d in subset {
                let c = table.labels[d].index
                let l = languageIndex[table.languages[d]] ?? 0
                documents[source][l] += 1
                for id in table.documents[d] {
                    df[source][Int(id)] += 1
                    counts[source][Int(id) * k + c] += 1
                    byLanguage[Int(id) * m + l] += 1
                }
            }
        }
        let inVocabulary = (0..<n).map { Int(df[0][$0]) >= minDocumentFrequency || df[1][$0] > 0 }
        var featureLanguage = [Int](repeating: 0, count: n)
        for id in 0..<n where inVocabulary[id] && m > 1 {
            var best = 0
            for l in 1..<m where byLanguage[id * m + l] > byLanguage[id * m + best] { best = l }
            featureLanguage[id] = best
        }
        var totals = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: k), count: m), count: 2)
        var v = [Double](repeating: 0, count: m)
        for id in 0..<n where inVocabulary[id] {
            let l = featureLanguage[id]
            v[l] += 1
            for s in 0..<2 { for j in 0..<k { totals[s][l][j] += counts[s][id * k + j] } }
        }
        let beta = (0..<m).map { l -> Double in
            let added = weight * documents[1][l]
            return added > 0 ? added / (added + documents[0][l]) : 0
        }
        var logLikelihoods = [[Double]?](repeating: nil, count: n)
        for id in 0..<n where inVocabulary[id] {
            let l = featureLanguage[id]
            logLikelihoods[id] = (0..<k).map { j in
                let corpusPart = (counts[0][id * k + j] + alpha) / (totals[0][l][j] + alpha * v[l])
                let deskPart = (counts[1][id * k + j] + alpha) / (totals[1][l][j] + alpha * v[l])
                return log((1 - beta[l]) * corpusPart + beta[l] * deskPart)
            }
        }
        return NaiveBayesTrainer.Parameters(logPriors: [Double](repeating: log(1 / Double(k)), count: k), logLikelihoods: logLikelihoods)
    }
}
