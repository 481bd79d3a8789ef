import ComplaintIntake
import IntakeCore
import IntakeClassify
import Dispatch
import Foundation

/// A desk model: the corpus and a desk's own labels in one naive Bayes model, each label counting `weight` corpus
/// texts, the weight chosen by cross-validation on the labels.
///
/// A desk gives about a hundred labels beside some four thousand corpus texts per language; counted once each they
/// would hardly move the model, so they count more. How much more is measured: the labels are split into folds, and
/// for each weight of ``weightGrid`` the model trained on the corpus and the other folds scores the held-out fold.
/// Smoothing and the minimum document frequency are those of the base model. λ (the lexicon's weight) may go down and
/// the class prior may follow the labels' mix where that scores better on the held-out labels: a desk's stream can use
/// the lexicon's words otherwise, and hold more of one category. The temperature is refitted on the held-out labels, as
/// the weight changes the scale of the scores.
public struct DeskTraining: Sendable {
    public let training: Training
    /// The labels used, in table order after the corpus.
    public let labels: [DeskLabel]
    /// Labels left out because their language is neither Chinese nor Spanish (each language is its own model).
    public let skipped: [DeskLabel]
    public let base: Hyperparameters
    private let corpusCount: Int

    /// The weights the cross-validation tries.
    public static let weightGrid: [Double] = [1, 3, 10, 20, 40, 80, 160]

    /// Featurizes the corpus and the labels together.
    public init(resources: IntakeResources, corpus: [CorpusRecord], corpusSHA: String, labels: [DeskLabel], base: Hyperparameters,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount) throws(IntakeError) {
        let worker: TextWorker
        do { worker = try TextWorker(resources: resources) } catch { throw .text(error) }
        var used: [DeskLabel] = [], skipped: [DeskLabel] = []
        for var l in labels {
            if l.language == nil {
                do { l.language = try worker.features(of: l.text).analysis.language.lexiconCode } catch { l.language = nil }
            }
            if l.language == nil { skipped.append(l) } else { used.append(l) }
        }
        let desk = used.map { l in
            var r = CorpusRecord(text: l.text, label: l.label, channel: l.channel, language: l.language!)
            r.group = "desk"
            return r
        }
        training = try Training(resources: resources, records: corpus + desk, corpusSHA: corpusSHA, jobs: jobs)
        self.labels = used
        self.skipped = skipped
        self.base = base
        corpusCount = corpus.count
    }

    /// The documents of the table that are the desk's labels.
    public var deskDocuments: [Int] { Array(corpusCount..<training.table.count) }

    /// The weight per document: 1 for the corpus, `weight` for the labels.
    private func weights(_ weight: Double) -> [Double] {
        (0..<training.table.count).map { $0 < corpusCount ? 1 : weight }
    }

    /// What a desk model is trained with beside the base hyperparameters.
    public struct Setting: Sendable, Equatable {
        /// How many corpus texts each label counts as (0: the corpus alone).
        public var weight: Double
        /// λ, the lexicon's weight: the base model's, or less where the desk's stream makes the lexicon mislead.
        public var lexiconWeight: Double
        /// Whether the class prior is the labels' category mix (smoothed) instead of uniform.
        public var deskPrior: Bool

        public init(weight: Double, lexiconWeight: Double, deskPrior: Bool) {
            self.weight = weight
            self.lexiconWeight = lexiconWeight
            self.deskPrior = deskPrior
        }
    }

    /// Held-out word scores of every label (log likelihoods and a uniform prior) and the log class prior of the labels
    /// its model was trained with.
    private struct HeldOut {
        var words: [[Double]]
        var priors: [[Double]]
    }

    /// Each fold of the labels scored by the model trained on the corpus and the other folds, the labels counting
    /// `weight` each. Weight 0 is the corpus alone: the built-in model when the corpus, lexicons and hyperparameters
    /// are the built-in ones.
    private func heldOut(weight: Double, folds k: Int) -> HeldOut {
        let desk = deskDocuments
        var h = base
        h.lexiconWeight = 0
        let trainer = training.trainer(h)
        let corpus = Array(0..<corpusCount)
        let uniform = [Double](repeating: log(0.25), count: Category.allCases.count)
        guard weight > 0 else {
            let params = trainer.train(training.table, subset: corpus, priors: training.priors)
            return HeldOut(words: desk.map { training.score(params, $0, h) }, priors: desk.map { _ in uniform })
        }
        let folds = stratifiedFolds(desk.map { (training.table.languages[$0], training.table.labels[$0]) }, k: k)
        let w = weights(weight)
        var out = HeldOut(words: [[Double]](repeating: [], count: desk.count), priors: [[Double]](repeating: uniform, count: desk.count))
        for f in 0..<k where folds.contains(f) {
            let own = desk.indices.filter { folds[$0] != f }
            let params = trainer.train(training.table, subset: corpus + own.map { desk[$0] }, priors: training.priors, weights: w)
            let prior = Self.logPrior(own.map { labels[$0].label })
            for i in desk.indices where folds[i] == f {
                out.words[i] = training.score(params, desk[i], h)
                out.priors[i] = prior
            }
        }
        return out
    }

    /// The log class prior of `labels`, add-one smoothed.
    static func logPrior(_ labels: [Category]) -> [Double] {
        var n = [Double](repeating: 1, count: Category.allCases.count)
        for l in labels { n[l.index] += 1 }
        let total = n.reduce(0, +)
        return n.map { log($0 / total) }
    }

    /// Cross-validated figures on the labels for one setting, per language (`zh`, `es`).
    public struct Trial: Sendable {
        public var setting: Setting
        public var temperature: Double
        public var reports: [String: EvaluationReport]

        /// The mean macro-F1 over the languages the labels hold: what the setting is chosen by.
        public var macroF1: Double {
            reports.isEmpty ? 0 : reports.values.map(\.macroF1).reduce(0, +) / Double(reports.count)
        }
        public var logLoss: Double {
            reports.isEmpty ? 0 : reports.values.map(\.logLoss).reduce(0, +) / Double(reports.count)
        }
    }

    private func trial(_ held: HeldOut, _ setting: Setting, temperature: Double?) -> Trial {
        let scores = labels.indices.map { i in
            (0..<Category.allCases.count).map { j in
                held.words[i][j] + setting.lexiconWeight * training.table.lexicon[deskDocuments[i]][j]
                    + (setting.deskPrior ? held.priors[i][j] - log(0.25) : 0)
            }
        }
        let truth = labels.map(\.label)
        let t = temperature ?? Training.fitTemperature(scores: scores, truth: truth)
        var reports: [String: EvaluationReport] = [:]
        for lang in Set(labels.compactMap(\.language)).sorted() {
            let idx = labels.indices.filter { labels[$0].language == lang }
            reports[lang] = EvaluationReport(truth: idx.map { truth[$0] }, probabilities: idx.map { softmax(scores[$0], temperature: t) })
        }
        return Trial(setting: setting, temperature: t, reports: reports)
    }

    /// The corpus alone with the base hyperparameters: how the built-in model does on the labels.
    public func baseline() -> Trial {
        trial(heldOut(weight: 0, folds: 2), Setting(weight: 0, lexiconWeight: base.lexiconWeight, deskPrior: false), temperature: base.temperature)
    }

    /// The figures of labels counting `weight` each, with the base λ and a uniform prior.
    public func trial(weight: Double, folds k: Int = 5) -> Trial {
        trial(heldOut(weight: weight, folds: k), Setting(weight: weight, lexiconWeight: base.lexiconWeight, deskPrior: false), temperature: nil)
    }

    /// The settings tried: every weight of ``weightGrid`` (or only `weight`), λ at the base value, half of it and none,
    /// the prior uniform or the labels' mix; the best has the highest mean macro-F1 (ties: lower log loss, then the
    /// earlier in the grid: smaller weights, the base λ, the uniform prior).
    public func search(weight: Double? = nil, folds k: Int = 5) -> (best: Trial, trials: [Trial]) {
        let grid = weight.map { [$0] } ?? Self.weightGrid
        let lambdas = Array(Set([base.lexiconWeight, base.lexiconWeight / 2, 0])).sorted(by: >)
        let slots = ResultSlots<[Trial]>(count: grid.count)
        DispatchQueue.concurrentPerform(iterations: grid.count) { i in
            let held = heldOut(weight: grid[i], folds: k)
            var out: [Trial] = []
            for lambda in lambdas {
                for prior in [false, true] { out.append(trial(held, Setting(weight: grid[i], lexiconWeight: lambda, deskPrior: prior), temperature: nil)) }
            }
            slots[i] = out
        }
        let trials = slots.values.flatMap { $0! }
        var best = trials[0]
        for t in trials.dropFirst() where t.macroF1 > best.macroF1 + 1e-9 || (abs(t.macroF1 - best.macroF1) <= 1e-9 && t.logLoss < best.logLoss - 1e-9) {
            best = t
        }
        return (best, trials)
    }

    /// The desk model: trained on the corpus and every label with `setting`, at `temperature`.
    public func model(_ setting: Setting, temperature: Double, name: String, labelsSHA: String) throws -> [UInt8] {
        var h = base
        h.temperature = temperature
        h.lexiconWeight = setting.lexiconWeight
        let params = training.trainer(h).train(training.table, priors: training.priors, weights: weights(setting.weight))
        var features: [(String, [Double])] = []
        for (id, l) in params.logLikelihoods.enumerated() {
            if let l { features.append((training.table.names[id], l)) }
        }
        features.sort { $0.0 < $1.0 }
        var metadata = NaiveBayesModel.Metadata(
            name: name, corpusSHA: training.corpusSHA, lexiconsSHA: training.resources.store.modelDigest, alpha: h.alpha,
            priorStrength: h.priorStrength, temperature: h.temperature, documents: training.table.count,
            minDocumentFrequency: h.minDocumentFrequency, lexiconWeight: h.lexiconWeight)
        metadata.desk = .init(labels: labels.count, weight: setting.weight, labelsSHA: labelsSHA, deskPrior: setting.deskPrior)
        let priors = setting.deskPrior ? Self.logPrior(labels.map(\.label)) : params.logPriors
        return try NaiveBayesModel.encode(metadata: metadata, logPriors: priors, features: features)
    }
}
