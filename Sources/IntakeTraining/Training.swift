import ComplaintIntake
import IntakeCore
import IntakeText
import IntakeLexicon
import IntakeClassify
import Dispatch
import Foundation

/// Hyperparameters of the naive Bayes model, chosen by grouped cross-validation.
public struct Hyperparameters: Sendable, Equatable, Codable {
    public var alpha: Double
    public var priorStrength: Double
    public var minDocumentFrequency: Int
    public var temperature: Double
    /// λ: the weight of the lexicon score beside the words' log-likelihoods (see ``Classifier``).
    public var lexiconWeight: Double

    public init(alpha: Double, priorStrength: Double = 0, minDocumentFrequency: Int, temperature: Double = 1, lexiconWeight: Double = 0) {
        self.alpha = alpha
        self.priorStrength = priorStrength
        self.minDocumentFrequency = minDocumentFrequency
        self.temperature = temperature
        self.lexiconWeight = lexiconWeight
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        alpha = try c.decode(Double.self, forKey: .alpha)
        priorStrength = try c.decodeIfPresent(Double.self, forKey: .priorStrength) ?? 0
        minDocumentFrequency = try c.decodeIfPresent(Int.self, forKey: .minDocumentFrequency) ?? 1
        temperature = try c.decodeIfPresent(Double.self, forKey: .temperature) ?? 1
        lexiconWeight = try c.decodeIfPresent(Double.self, forKey: .lexiconWeight) ?? 0
    }

    /// The grid `intake train` searches: smoothing from light to heavy, the lexicon from a whisper to a strong voice.
    /// A feature must occur in two documents at least: one seen once is a writer's habit more than a category's word,
    /// and dropping them keeps the model file (one binary artifact built into the tool) under a megabyte.
    public static let grid: [Hyperparameters] = {
        var out: [Hyperparameters] = []
        for alpha in [0.1, 0.2, 0.3, 0.5, 1.0] {
            for lambda in [0.0, 0.5, 1.0, 1.5, 2.0, 3.0] {
                for minDF in [2, 3] {
                    out.append(Hyperparameters(alpha: alpha, minDocumentFrequency: minDF, lexiconWeight: lambda))
                }
            }
        }
        return out
    }()
}

/// Folds that keep each group (a corpus slice: one writer, one channel or persona) on one side: the groups, largest
/// first, go to the fold with the fewest documents so far. A model is then scored on writers it never saw, as a
/// desk's real stream will score it.
package func groupedFolds(_ groups: [String], k: Int) -> [Int] {
    var sizes: [String: Int] = [:]
    for g in groups { sizes[g, default: 0] += 1 }
    var load = [Int](repeating: 0, count: k)
    var foldOf: [String: Int] = [:]
    for (g, n) in sizes.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
        let f = load.indices.min { (load[$0], $0) < (load[$1], $1) }!
        foldOf[g] = f
        load[f] += n
    }
    return groups.map { foldOf[$0]! }
}

/// Turns the corpus into features, searches hyperparameters by cross-validation, evaluates, and builds models.
public struct Training: Sendable {
    public let resources: IntakeResources
    package let table: FeatureTable
    /// Lexicon pseudo-counts per feature id: none since the lexicon enters the score apart (λ), kept for the trainer.
    public let priors: [Int32: [Double]]
    public let corpusSHA: String

    /// Featurizes `records` on `jobs` threads.
    public init(resources: IntakeResources, records: [CorpusRecord], corpusSHA: String, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) throws(IntakeError) {
        let texts = try Self.featurize(records.map(\.text), resources: resources, jobs: jobs)
        self.init(resources: resources, records: records, featurized: texts, corpusSHA: corpusSHA)
    }

    /// The table of `records` whose features and lexicon scores `featurized` holds (``featurize(_:resources:jobs:)``).
    /// The documents in `withTerms` also get their lexicon term features (a desk's labels, for ``DeskMixture``).
    package init(resources: IntakeResources, records: [CorpusRecord], featurized texts: [(features: [String], lexicon: [Double], terms: [String])],
                 corpusSHA: String, withTerms: Range<Int> = 0..<0) {
        self.resources = resources
        self.corpusSHA = corpusSHA
        var table = FeatureTable()
        for (d, (r, t)) in zip(records, texts).enumerated() {
            let extra = withTerms.contains(d) ? t.terms : []
            table.append(features: t.features + extra, lexicon: t.lexicon, label: r.label, language: r.language, group: r.group, channel: r.channel ?? "unknown")
        }
        self.table = table
        priors = [:]
    }

    /// Features, lexicon scores and lexicon term features (`t:` and each term found outside a negation, once) of many
    /// texts in parallel, in input order.
    public static func featurize(_ texts: [String], resources: IntakeResources, jobs: Int) throws(IntakeError) -> [(features: [String], lexicon: [Double], terms: [String])] {
        let results = ResultSlots<Result<([String], [Double], [String]), TextError>>(count: texts.count)
        let chunks = max(1, min(jobs * 4, texts.count))
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lo = texts.count * c / chunks, hi = texts.count * (c + 1) / chunks
            do throws(TextError) {
                let worker = try TextWorker(resources: resources)
                for i in lo..<hi {
                    do throws(TextError) {
                        let tf = try worker.features(of: texts[i])
                        results[i] = .success((tf.features, Classifier.lexiconScores(tf.hits), Classifier.termFeatures(tf.hits)))
                    } catch {
                        results[i] = .failure(error)
                    }
                }
            } catch {
                for i in lo..<hi { results[i] = .failure(error) }
            }
        }
        var out: [(features: [String], lexicon: [Double], terms: [String])] = []
        out.reserveCapacity(texts.count)
        for (i, r) in results.values.enumerated() {
            switch r {
            case .success(let f): out.append((f.0, f.1, f.2))
            case .failure(let e): throw .internal("corpus text \(i + 1) cannot be read: \(e.description)")
            case nil: throw .internal("document \(i) was not featurized")
            }
        }
        return out
    }

    package func trainer(_ h: Hyperparameters) -> NaiveBayesTrainer {
        NaiveBayesTrainer(alpha: h.alpha, priorStrength: h.priorStrength, minDocumentFrequency: h.minDocumentFrequency)
    }

    /// The log scores of document `d`: the words' and the lexicon's (λ × its score).
    package func score(_ params: NaiveBayesTrainer.Parameters, _ d: Int, _ h: Hyperparameters) -> [Double] {
        var s = params.scores(table.documents[d])
        if h.lexiconWeight != 0 { for j in s.indices { s[j] += h.lexiconWeight * table.lexicon[d][j] } }
        return s
    }

    /// Fold numbers for `subset`: by group (corpus slice) when `grouped`, else stratified by language and category.
    package func folds(_ subset: [Int], k: Int, grouped: Bool, seed: UInt64 = 7) -> [Int] {
        grouped ? groupedFolds(subset.map { table.groups[$0] }, k: k)
                : stratifiedFolds(subset.map { (table.languages[$0], table.labels[$0]) }, k: k, seed: seed)
    }

    /// Cross-validation with one fold per channel (email, web, social, phone): trained on three channels, scored on
    /// the fourth, with the hyperparameters `h` (no search inside, as a channel's texts are a quarter of the corpus).
    public func crossValidateByChannel(_ h: Hyperparameters) -> (truth: [Category], probabilities: [[Double]], languages: [String], channels: [String]) {
        let channels = Array(Set(table.channels)).sorted()
        var probabilities = [[Double]](repeating: [], count: table.count)
        for ch in channels {
            let train = table.labels.indices.filter { table.channels[$0] != ch }
            let params = trainer(h).train(table, subset: train, priors: priors)
            for d in table.labels.indices where table.channels[d] == ch {
                probabilities[d] = softmax(score(params, d, h), temperature: h.temperature)
            }
        }
        return (table.labels, probabilities, table.languages, table.channels)
    }

    /// Out-of-fold scores of `subset` (all documents when nil) under `folds` (fold number per document).
    package func outOfFoldScores(_ h: Hyperparameters, documents subset: [Int], folds: [Int], k: Int) -> [[Double]] {
        var scores = [[Double]](repeating: [], count: table.count)
        for f in 0..<k {
            let train = subset.filter { folds[$0] != f }
            let params = trainer(h).train(table, subset: train, priors: priors)
            for d in subset where folds[d] == f { scores[d] = score(params, d, h) }
        }
        return subset.map { scores[$0] }
    }

    /// Picks the hyperparameters with the best out-of-fold macro-F1 over `subset` (ties: lower log loss),
    /// then the softmax temperature that minimizes the out-of-fold log loss.
    ///
    /// The folds are grouped by corpus slice: in-corpus folds reward memorizing the writers' style, which real
    /// complaints do not share.
    public func search(documents subset: [Int]? = nil, k: Int = 5, grouped: Bool = true) -> Hyperparameters {
        let subset = subset ?? Array(0..<table.count)
        let folds = folds(subset, k: k, grouped: grouped)
        var foldOf = [Int](repeating: 0, count: table.count)
        for (i, d) in subset.enumerated() { foldOf[d] = folds[i] }
        let foldsByDocument = foldOf
        let truth = subset.map { table.labels[$0] }
        let candidates = Hyperparameters.grid
        let results = ResultSlots<(Double, Double, [[Double]])>(count: candidates.count)
        DispatchQueue.concurrentPerform(iterations: candidates.count) { i in
            let s = outOfFoldScores(candidates[i], documents: subset, folds: foldsByDocument, k: k)
            let report = EvaluationReport(truth: truth, probabilities: s.map { softmax($0) })
            results[i] = (report.macroF1, report.logLoss, s)
        }
        let values = results.values.map { $0! }
        var best = 0
        for i in 1..<candidates.count {
            let (f, l, _) = values[i], (bf, bl, _) = values[best]
            if f > bf + 1e-9 || (abs(f - bf) <= 1e-9 && l < bl) { best = i }
        }
        var chosen = candidates[best]
        chosen.temperature = Self.fitTemperature(scores: values[best].2, truth: truth)
        return chosen
    }

    /// The temperature T minimizing the log loss of softmax(scores / T), on a log-spaced grid.
    package static func fitTemperature(scores: [[Double]], truth: [Category]) -> Double {
        var best = (t: 1.0, loss: Double.infinity)
        var t = 0.5
        while t <= 64 {
            var loss = 0.0
            for (s, c) in zip(scores, truth) { loss -= log(max(softmax(s, temperature: t)[c.index], 1e-12)) }
            if loss < best.loss { best = (t, loss) }
            t *= 1.1
        }
        return (best.t * 1000).rounded() / 1000
    }

    /// Nested cross-validation: for each of `k` outer folds, hyperparameters are searched on the other folds only,
    /// so the report estimates how the whole training procedure does on unseen text.
    /// With `grouped`, the folds keep each corpus slice on one side, inner and outer.
    /// With `fixed`, every fold trains with those hyperparameters instead of searching (not nested).
    public func crossValidate(k: Int, grouped: Bool = false, fixed: Hyperparameters? = nil) -> (truth: [Category], probabilities: [[Double]], languages: [String], chosen: [Hyperparameters]) {
        let all = Array(table.labels.indices)
        let folds = grouped ? folds(all, k: k, grouped: true) : stratifiedFolds(all.map { (table.languages[$0], table.labels[$0]) }, k: k)
        var probabilities = [[Double]](repeating: [], count: table.count)
        var chosen: [Hyperparameters] = []
        for f in 0..<k {
            let train = table.labels.indices.filter { folds[$0] != f }
            let h = fixed ?? search(documents: train, k: max(2, k - 1), grouped: grouped)
            chosen.append(h)
            let params = trainer(h).train(table, subset: train, priors: priors)
            for d in table.labels.indices where folds[d] == f {
                probabilities[d] = softmax(score(params, d, h), temperature: h.temperature)
            }
        }
        return (table.labels, probabilities, table.languages, chosen)
    }

    /// The model file for hyperparameters `h`, trained on every document.
    public func model(_ h: Hyperparameters, name: String = "complaint-intake-nb") throws -> [UInt8] {
        let params = trainer(h).train(table, priors: priors)
        var features: [(String, [Double])] = []
        for (id, l) in params.logLikelihoods.enumerated() {
            if let l { features.append((table.names[id], l)) }
        }
        features.sort { $0.0 < $1.0 }
        let metadata = NaiveBayesModel.Metadata(
            name: name, corpusSHA: corpusSHA, lexiconsSHA: resources.store.modelDigest, alpha: h.alpha,
            priorStrength: h.priorStrength, temperature: h.temperature, documents: table.count,
            minDocumentFrequency: h.minDocumentFrequency, lexiconWeight: h.lexiconWeight)
        return try NaiveBayesModel.encode(metadata: metadata, logPriors: params.logPriors, features: features)
    }
}
