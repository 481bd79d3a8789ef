import ComplaintIntake
import IntakeCore
import IntakeText
import IntakeLexicon
import IntakeClassify
import Dispatch
import Foundation

/// Hyperparameters of the naive Bayes model, chosen by cross-validation.
public struct Hyperparameters: Sendable, Equatable, Codable {
    public var alpha: Double
    public var priorStrength: Double
    public var minDocumentFrequency: Int
    public var temperature: Double

    public init(alpha: Double, priorStrength: Double, minDocumentFrequency: Int, temperature: Double = 1) {
        self.alpha = alpha
        self.priorStrength = priorStrength
        self.minDocumentFrequency = minDocumentFrequency
        self.temperature = temperature
    }

    /// The grid `intake train` searches: smoothing from light to heavy, lexicon prior off to strong.
    public static let grid: [Hyperparameters] = {
        var out: [Hyperparameters] = []
        for alpha in [0.02, 0.05, 0.1, 0.2, 0.5, 1.0] {
            for strength in [0.0, 1.0, 3.0, 10.0, 30.0] {
                for minDF in [1, 2] {
                    out.append(Hyperparameters(alpha: alpha, priorStrength: strength, minDocumentFrequency: minDF))
                }
            }
        }
        return out
    }()
}

/// Turns the corpus into features, searches hyperparameters by cross-validation, evaluates, and builds models.
public struct Training: Sendable {
    public let resources: IntakeResources
    package let table: FeatureTable
    /// Lexicon pseudo-counts per `t:` feature id.
    public let priors: [Int32: [Double]]
    public let corpusSHA: String

    /// Featurizes `records` on `jobs` threads.
    public init(resources: IntakeResources, records: [CorpusRecord], corpusSHA: String, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) throws(IntakeError) {
        self.resources = resources
        self.corpusSHA = corpusSHA
        let features = try Self.featurize(records.map(\.text), resources: resources, jobs: jobs)
        var table = FeatureTable()
        for (r, f) in zip(records, features) { table.append(features: f, label: r.label, language: r.language) }
        var priors: [Int32: [Double]] = [:]
        for e in resources.lexicon.entries {
            let id = table.id("t:" + e.term)
            priors[id, default: [Double](repeating: 0, count: Category.allCases.count)][e.category.index] += e.weight
        }
        self.table = table
        self.priors = priors
    }

    /// Features of many texts in parallel, in input order.
    public static func featurize(_ texts: [String], resources: IntakeResources, jobs: Int) throws(IntakeError) -> [[String]] {
        let results = ResultSlots<Result<[String], TextError>>(count: texts.count)
        let chunks = max(1, min(jobs * 4, texts.count))
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lo = texts.count * c / chunks, hi = texts.count * (c + 1) / chunks
            do throws(TextError) {
                let worker = try TextWorker(resources: resources)
                for i in lo..<hi {
                    do throws(TextError) {
                        let f = try worker.features(of: texts[i]).features
                        results[i] = .success(f)
                    } catch {
                        results[i] = .failure(error)
                    }
                }
            } catch {
                for i in lo..<hi { results[i] = .failure(error) }
            }
        }
        var out: [[String]] = []
        out.reserveCapacity(texts.count)
        for (i, r) in results.values.enumerated() {
            switch r {
            case .success(let f): out.append(f)
            case .failure(let e): throw .internal("corpus text \(i + 1) cannot be read: \(e.description)")
            case nil: throw .internal("document \(i) was not featurized")
            }
        }
        return out
    }

    package func trainer(_ h: Hyperparameters) -> NaiveBayesTrainer {
        NaiveBayesTrainer(alpha: h.alpha, priorStrength: h.priorStrength, minDocumentFrequency: h.minDocumentFrequency)
    }

    /// Out-of-fold scores of `subset` (all documents when nil) under `folds` (fold number per document).
    package func outOfFoldScores(_ h: Hyperparameters, documents subset: [Int], folds: [Int], k: Int) -> [[Double]] {
        var scores = [[Double]](repeating: [], count: table.count)
        for f in 0..<k {
            let train = subset.filter { folds[$0] != f }
            let params = trainer(h).train(table, subset: train, priors: priors)
            for d in subset where folds[d] == f { scores[d] = params.scores(table.documents[d]) }
        }
        return subset.map { scores[$0] }
    }

    /// Picks the hyperparameters with the best out-of-fold macro-F1 over `subset` (ties: lower log loss),
    /// then the softmax temperature that minimizes the out-of-fold log loss.
    public func search(documents subset: [Int]? = nil, k: Int = 5) -> Hyperparameters {
        let subset = subset ?? Array(0..<table.count)
        let folds = stratifiedFolds(subset.map { (table.languages[$0], table.labels[$0]) }, k: k, seed: 7)
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
    public func crossValidate(k: Int) -> (truth: [Category], probabilities: [[Double]], languages: [String], chosen: [Hyperparameters]) {
        let folds = stratifiedFolds(table.labels.indices.map { (table.languages[$0], table.labels[$0]) }, k: k)
        var probabilities = [[Double]](repeating: [], count: table.count)
        var chosen: [Hyperparameters] = []
        for f in 0..<k {
            let train = table.labels.indices.filter { folds[$0] != f }
            let h = search(documents: train, k: max(2, k - 1))
            chosen.append(h)
            let params = trainer(h).train(table, subset: train, priors: priors)
            for d in table.labels.indices where folds[d] == f {
                probabilities[d] = softmax(params.scores(table.documents[d]), temperature: h.temperature)
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
            name: name, corpusSHA: corpusSHA, lexiconsSHA: resources.store.digest, alpha: h.alpha,
            priorStrength: h.priorStrength, temperature: h.temperature, documents: table.count,
            minDocumentFrequency: h.minDocumentFrequency)
        return try NaiveBayesModel.encode(metadata: metadata, logPriors: params.logPriors, features: features)
    }
}
