import ComplaintIntake
import IntakeCore
import IntakeClassify
import Dispatch
import Foundation

/// A desk model: the corpus and a desk's own labels in one naive Bayes model (``DeskMixture``), each label counting
/// `weight` corpus texts, the setting chosen by cross-validation on the labels (``search(weight:folds:)``).
///
/// A desk gives about a hundred labels beside some four thousand corpus texts per language; counted once each they
/// would hardly move the model, so they count more. How much more is measured: the labels are split into folds, and
/// each setting's model, trained on the corpus and the other folds, scores the held-out fold. Smoothing and the minimum
/// document frequency are those of the base model. λ (the lexicon's weight) may drop to none, the lexicon terms of the
/// labels may be learned as features, and the class prior may follow the labels' mix, where that scores better on the
/// held-out labels: a desk's stream can use the lexicon's words otherwise, and hold more of one category. The
/// temperature is refitted on the held-out labels, as the weight changes the scale of the scores. A setting may also
/// map the scores through a ``DeskCalibration`` fitted on the held-out labels (``CalibrationFit``): the mistakes a
/// desk's stream makes the same way again, such as service read where the desk files quality, are undone there even
/// where the words alone do not tell.
public struct DeskTraining: Sendable {
    public let training: Training
    /// The same documents, the labels with their lexicon term features (``Classifier/termFeatures(_:)``).
    public let termTraining: Training
    /// The labels used, in table order after the corpus.
    public let labels: [DeskLabel]
    /// Labels left out because their language is neither Chinese nor Spanish (each language is its own model).
    public let skipped: [DeskLabel]
    public let base: Hyperparameters
    private let corpusCount: Int

    static let uniform = [Double](repeating: log(1 / Double(Category.allCases.count)), count: Category.allCases.count)

    /// The log class prior of `labels`, add-one smoothed.
    static func logPrior(_ labels: [Category]) -> [Double] {
        var n = [Double](repeating: 1, count: Category.allCases.count)
        for l in labels { n[l.index] += 1 }
        let total = n.reduce(0, +)
        return n.map { log($0 / total) }
    }

    /// How sure the held-out figures must be that a desk setting beats the corpus alone: the share of bootstrap
    /// resamples of the labels on which its mean log loss is lower.
    public static let requiredConfidence = 0.9

    /// Fewer labels than this are no evidence for a desk setting: the built-in model is kept unless a weight is given.
    /// On the services desk of the README, desk models chosen on 50 labels lost up to 0.12 macro-F1 on the rest of the
    /// stream in two shuffles of three (a first 50 far more often wrong than the rest), and every one chosen on 100 or
    /// more gained.
    public static let minimumLabels = 60

    /// Fewer labels than this that the corpus alone gets wrong are no pattern to learn: the built-in model is kept
    /// unless a weight is given. On two desks of the dev set the built-in model was wrong on 4 to 12 of 100 to 120
    /// labels, and the one desk model the other rules let through there lost 0.02.
    public static let minimumDisagreements = 15

    /// The weights the cross-validation tries.
    public static let weightGrid: [Double] = [1, 3, 10, 30, 100, 300, 1000]

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
        let records = corpus + desk
        let featurized = try Training.featurize(records.map(\.text), resources: resources, jobs: jobs)
        training = Training(resources: resources, records: records, featurized: featurized, corpusSHA: corpusSHA)
        termTraining = Training(resources: resources, records: records, featurized: featurized, corpusSHA: corpusSHA,
                                withTerms: corpus.count..<records.count)
        self.labels = used
        self.skipped = skipped
        self.base = base
        corpusCount = corpus.count
    }

    /// The documents of the table that are the desk's labels.
    public var deskDocuments: [Int] { Array(corpusCount..<training.table.count) }

    /// What a desk model is trained with beside the base hyperparameters.
    public struct Setting: Sendable, Equatable {
        /// How many corpus texts each label counts as (0: the corpus alone).
        public var weight: Double
        /// λ, the lexicon's weight: the base model's, or less where the desk's stream makes the lexicon mislead.
        public var lexiconWeight: Double
        /// Whether the lexicon terms of the labels are features too, so that the labels can overrule a term.
        public var termFeatures: Bool
        /// Whether the class prior is the labels' category mix (add-one smoothed) instead of uniform.
        public var deskPrior: Bool
        /// With a ``DeskCalibration`` learned from the labels, how strongly it is pulled toward changing nothing; nil: none.
        public var calibrationPull: Double?

        public init(weight: Double, lexiconWeight: Double, termFeatures: Bool = false, deskPrior: Bool = false, calibrationPull: Double? = nil) {
            self.weight = weight
            self.lexiconWeight = lexiconWeight
            self.termFeatures = termFeatures
            self.deskPrior = deskPrior
            self.calibrationPull = calibrationPull
        }

        /// Whether this is the corpus alone, unchanged: the built-in model when the corpus and lexicons are the built-in ones.
        public var isBuiltIn: Bool { weight == 0 && calibrationPull == nil }
    }

    /// Held-out word scores of some labels (log likelihoods and a uniform prior), and the log class prior of the labels
    /// each one's model was trained with; `labels[i]` is the label of row `i`.
    private struct HeldOut {
        var labels: [Int]
        var words: [[Double]]
        var priors: [[Double]]
    }

    /// The labels `test` scored by the model of the corpus and the labels `train`, each counting `weight` corpus texts
    /// (0: the corpus alone, the built-in model when the corpus, lexicons and hyperparameters are the built-in ones).
    private func split(weight: Double, terms: Bool, train: [Int], test: [Int]) -> HeldOut {
        let training = terms ? termTraining : training
        let desk = deskDocuments
        var h = base
        h.lexiconWeight = 0
        let corpus = Array(0..<corpusCount)
        let params = weight > 0
            ? DeskMixture(alpha: h.alpha, minDocumentFrequency: h.minDocumentFrequency).train(training.table, corpus: corpus, desk: train.map { desk[$0] }, weight: weight)
            : training.trainer(h).train(training.table, subset: corpus, priors: training.priors)
        let prior = weight > 0 ? Self.logPrior(train.map { labels[$0].label }) : Self.uniform
        return HeldOut(labels: test, words: test.map { training.score(params, desk[$0], h) }, priors: test.map { _ in prior })
    }

    /// Each fold of the labels `among` scored by the model trained on the corpus and the other folds.
    private func heldOut(weight: Double, terms: Bool = false, among: [Int], folds k: Int) -> HeldOut {
        guard weight > 0 else { return split(weight: 0, terms: false, train: [], test: among) }
        let folds = stratifiedFolds(among.map { (labels[$0].language ?? "", labels[$0].label) }, k: k)
        var out = HeldOut(labels: [], words: [], priors: [])
        for f in 0..<k where folds.contains(f) {
            let part = split(weight: weight, terms: terms, train: among.indices.filter { folds[$0] != f }.map { among[$0] },
                             test: among.indices.filter { folds[$0] == f }.map { among[$0] })
            out.labels += part.labels
            out.words += part.words
            out.priors += part.priors
        }
        return out
    }

    /// Cross-validated figures on the labels for one setting, per language (`zh`, `es`).
    public struct Trial: Sendable {
        public var setting: Setting
        public var temperature: Double
        public var reports: [String: EvaluationReport]
        /// The labels scored (indices into ``DeskTraining/labels``), and for each its held-out log loss and category
        /// (an index of ``Category/allCases``).
        public var labels: [Int]
        public var losses: [Double]
        public var predicted: [Int]
        /// The map learned from all the labels scored, per language, for the chosen setting with a calibration (the
        /// other trials are judged by their cross-fitted maps alone).
        public var calibration: [String: DeskCalibration]?

        /// The mean macro-F1 over the languages the labels hold: what the setting is chosen by.
        public var macroF1: Double {
            reports.isEmpty ? 0 : reports.values.map(\.macroF1).reduce(0, +) / Double(reports.count)
        }
        /// The mean held-out log loss of the labels.
        public var logLoss: Double { losses.isEmpty ? 0 : losses.reduce(0, +) / Double(losses.count) }
    }

    private func trial(_ held: HeldOut, _ setting: Setting, temperature: Double?) -> Trial {
        let rows = held.labels.indices.map { self.scores(held, $0, setting) }
        guard let pull = setting.calibrationPull else { return trial(held, scores: rows, setting, temperature: temperature) }
        // The map is judged on labels it was not fitted on: folds within each language, as the map is per language.
        let t = Training.fitTemperature(scores: rows, truth: held.labels.map { labels[$0].label })
        let scaled = held.labels.indices.map { inputs(held, $0, setting, temperature: t) }
        let fit = CalibrationFit(pull: pull)
        var mapped = scaled
        for lang in Set(held.labels.compactMap { labels[$0].language }) {
            let idx = held.labels.indices.filter { labels[held.labels[$0]].language == lang }
            let truth = idx.map { labels[held.labels[$0]].label }
            let folds = stratifiedFolds(idx.map { (lang, labels[held.labels[$0]].label) }, k: min(5, max(2, idx.count)))
            for f in Set(folds) {
                let train = idx.indices.filter { folds[$0] != f }, test = idx.indices.filter { folds[$0] == f }
                let map = fit.fit(train.map { scaled[idx[$0]] }, truth: train.map { truth[$0] })
                for i in test { mapped[idx[i]] = map.apply(scaled[idx[i]]) }
            }
        }
        var out = trial(held, scores: mapped, setting, temperature: 1)
        out.temperature = t
        return out
    }

    /// The map of a calibrated `chosen` trial, per language, fitted on every row of `held` it was judged on.
    private func maps(_ held: HeldOut, _ chosen: Trial) -> [String: DeskCalibration]? {
        guard let pull = chosen.setting.calibrationPull else { return nil }
        let fit = CalibrationFit(pull: pull)
        var maps: [String: DeskCalibration] = [:]
        for lang in Set(held.labels.compactMap { labels[$0].language }) {
            let idx = held.labels.indices.filter { labels[held.labels[$0]].language == lang }
            maps[lang] = fit.fit(idx.map { inputs(held, $0, chosen.setting, temperature: chosen.temperature) },
                                 truth: idx.map { labels[held.labels[$0]].label })
        }
        return maps
    }

    /// Row `i` of `held` under `setting`: the words, λ × the lexicon, and the prior.
    private func scores(_ held: HeldOut, _ i: Int, _ setting: Setting) -> [Double] {
        let (words, lexicon) = parts(held, i, setting)
        return zip(words, lexicon).map { $0 + $1 }
    }

    /// Row `i` of `held` under `setting`, the words with the prior apart from λ × the lexicon.
    private func parts(_ held: HeldOut, _ i: Int, _ setting: Setting) -> (words: [Double], lexicon: [Double]) {
        let k = Category.allCases.count
        return ((0..<k).map { j in held.words[i][j] + (setting.deskPrior ? held.priors[i][j] - Self.uniform[j] : 0) },
                (0..<k).map { j in setting.lexiconWeight * training.table.lexicon[deskDocuments[held.labels[i]]][j] })
    }

    /// Row `i` of `held` under `setting` as a ``DeskCalibration`` reads it.
    private func inputs(_ held: HeldOut, _ i: Int, _ setting: Setting, temperature: Double) -> [Double] {
        let (words, lexicon) = parts(held, i, setting)
        return DeskCalibration.inputs(words: words, lexicon: lexicon, temperature: temperature)
    }

    private func trial(_ held: HeldOut, scores: [[Double]], _ setting: Setting, temperature: Double?) -> Trial {
        let truth = held.labels.map { labels[$0].label }
        let t = temperature ?? Training.fitTemperature(scores: scores, truth: truth)
        var reports: [String: EvaluationReport] = [:]
        for lang in Set(held.labels.compactMap { labels[$0].language }).sorted() {
            let idx = held.labels.indices.filter { labels[held.labels[$0]].language == lang }
            reports[lang] = EvaluationReport(truth: idx.map { truth[$0] }, probabilities: idx.map { softmax(scores[$0], temperature: t) })
        }
        let losses = scores.indices.map { -log(max(softmax(scores[$0], temperature: t)[truth[$0].index], 1e-12)) }
        let predicted = scores.map { s in s.indices.max { s[$0] < s[$1] }! }
        return Trial(setting: setting, temperature: t, reports: reports, labels: held.labels, losses: losses, predicted: predicted)
    }

    /// The corpus alone with the base hyperparameters: how the built-in model does on the labels. Its temperature is
    /// fitted on the labels as every desk setting's is, so that the comparison is of the models, not of a temperature
    /// fitted on the very labels it is scored on.
    public func baseline() -> Trial {
        trial(split(weight: 0, terms: false, train: [], test: Array(labels.indices)), Setting(weight: 0, lexiconWeight: base.lexiconWeight),
              temperature: nil)
    }

    /// The settings tried: every weight of ``weightGrid`` (or only `weight`), without and with the labels' lexicon term
    /// features, λ at the base value and none, the class prior uniform or the labels' mix or a calibration of every
    /// pull of ``CalibrationFit/grid``; and the corpus alone with a calibration. A `weight` given is taken as it is,
    /// without a calibration: the labels then count that much, and the corrected texts read again come out as labelled
    /// (a map fitted on texts the model had not seen over-corrects the texts it has).
    private func settings(weight: Double?) -> [(weight: Double, terms: Bool, settings: [Setting])] {
        let lambdas = Array(Set([base.lexiconWeight, 0])).sorted(by: >)
        let pulls: [Double?] = weight == nil ? [nil] + CalibrationFit.grid.map { $0 } : [nil]
        let weighted = (weight.map { [$0] } ?? Self.weightGrid).flatMap { w in
            [false, true].map { terms in
                (w, terms, lambdas.flatMap { l in
                    // A map's bias learns the desk's category mix itself, so the labels' prior is tried without one.
                    [Setting(weight: w, lexiconWeight: l, termFeatures: terms, deskPrior: true)]
                        + pulls.map { Setting(weight: w, lexiconWeight: l, termFeatures: terms, calibrationPull: $0) }
                })
            }
        }
        guard weight == nil else { return weighted }
        return [(0, false, CalibrationFit.grid.map { Setting(weight: 0, lexiconWeight: base.lexiconWeight, calibrationPull: $0) })] + weighted
    }

    /// Every setting cross-validated on the labels `among`; the best has the lowest held-out log loss (ties: the earlier
    /// in the grid, smaller weights first). Log loss, not macro-F1: on a hundred labels the highest of some hundred
    /// macro-F1 figures is mostly luck, and on the services desk of the README choosing by it lost up to 0.03 where
    /// choosing by log loss gained.
    private func trials(weight: Double?, among: [Int], folds k: Int) -> (best: Trial, all: [Trial]) {
        let runs = settings(weight: weight)
        let slots = ResultSlots<(HeldOut, [Trial])>(count: runs.count)
        DispatchQueue.concurrentPerform(iterations: runs.count) { i in
            let held = heldOut(weight: runs[i].weight, terms: runs[i].terms, among: among, folds: k)
            slots[i] = (held, runs[i].settings.map { trial(held, $0, temperature: nil) })
        }
        let results = slots.values.map { $0! }
        var (bestHeld, best) = (results[0].0, results[0].1[0])
        for (held, trials) in results {
            for t in trials where t.logLoss < best.logLoss - 1e-9 { (bestHeld, best) = (held, t) }
        }
        best.calibration = maps(bestHeld, best)
        return (best, results.flatMap(\.1))
    }

    /// What `intake train --add` reports and trains with: the setting chosen on all the labels, every setting's figures,
    /// and the figures of the whole choice scored honestly (nested: each fold of the labels scored by the setting chosen
    /// on the other folds alone). With `weight` nil the desk setting must beat the corpus alone in the nested figures:
    /// a higher macro-F1, and a lower log loss on ``requiredConfidence`` of bootstrap resamples of the labels; otherwise
    /// the chosen setting is the corpus alone and the desk model is the built-in model: corrections that no setting
    /// predicts on labels it has not seen are left to the desk, not learned as noise. (Choosing by held-out figures and
    /// judging by the same figures was tried first: on 50 labels it chose settings that lost up to 0.11 macro-F1 on the
    /// rest of the stream. A bootstrap of macro-F1 was tried next: on 120 labels it refused desk models that gained
    /// 0.11 to 0.14 on the rest, as macro-F1 on a hundred texts moves by whole texts; log loss moves with every one.)
    public func search(weight: Double? = nil, folds k: Int = 5) -> (best: Trial, trials: [Trial], nested: Trial, kept: Kept?) {
        let everyone = Array(labels.indices)
        var (best, all) = trials(weight: weight, among: everyone, folds: k)
        let outer = stratifiedFolds(labels.map { ($0.language ?? "", $0.label) }, k: k)
        var held = HeldOut(labels: [], words: [], priors: [])
        var rows: [[Double]] = []
        for f in 0..<k where outer.contains(f) {
            let train = everyone.filter { outer[$0] != f }, test = everyone.filter { outer[$0] == f }
            let inner = trials(weight: weight, among: train, folds: max(2, min(k - 1, train.count))).best
            let chosen = inner.setting
            let part = split(weight: chosen.weight, terms: chosen.termFeatures, train: train, test: test)
            // Each fold's rows as the chosen model would give them: over its temperature, through its map.
            rows += part.labels.indices.map { i in
                guard let map = labels[part.labels[i]].language.flatMap({ inner.calibration?[$0] }) else {
                    return scores(part, i, chosen).map { $0 / inner.temperature }
                }
                return map.apply(inputs(part, i, chosen, temperature: inner.temperature))
            }
            held.labels += part.labels
            held.words += part.words
            held.priors += part.priors
        }
        let nested = trial(held, scores: rows, best.setting, temperature: 1)
        var kept: Kept?
        if weight == nil {
            let base = baseline()
            let disagreements = zip(base.labels, base.predicted).filter { labels[$0.0].label.index != $0.1 }.count
            if labels.count < Self.minimumLabels {
                kept = .fewLabels(labels.count)
            } else if disagreements < Self.minimumDisagreements {
                kept = .fewDisagreements(disagreements)
            } else if nested.macroF1 <= base.macroF1 || lossWins(nested, over: base) < Self.requiredConfidence {
                kept = .notShownBetter
            }
            if kept != nil { best = base }
        }
        return (best, all, nested, kept)
    }

    /// Why the built-in model was kept instead of a desk setting.
    public enum Kept: Sendable, Equatable, CustomStringConvertible {
        /// Fewer labels than ``DeskTraining/minimumLabels``.
        case fewLabels(Int)
        /// Fewer labels the corpus alone gets wrong than ``DeskTraining/minimumDisagreements``.
        case fewDisagreements(Int)
        /// No setting beat the corpus alone in the nested figures, by macro-F1 and by log loss on
        /// ``DeskTraining/requiredConfidence`` of bootstrap resamples.
        case notShownBetter

        public var description: String {
            switch self {
            case .fewLabels(let n): "\(n) labels are fewer than the \(DeskTraining.minimumLabels) that can show a desk setting better"
            case .fewDisagreements(let n):
                "the built-in model already files all but \(n) of the labels as the desk does, fewer than the \(DeskTraining.minimumDisagreements) a desk setting can learn from"
            case .notShownBetter:
                "no desk setting has a higher held-out macro-F1 and a lower log loss on \(Int(DeskTraining.requiredConfidence * 100))% of bootstrap resamples of the labels"
            }
        }
    }

    /// The share of 400 bootstrap resamples of the labels on which `a`'s mean held-out log loss is below `b`'s.
    func lossWins(_ a: Trial, over b: Trial) -> Double {
        let lossA = Dictionary(uniqueKeysWithValues: zip(a.labels, a.losses))
        let lossB = Dictionary(uniqueKeysWithValues: zip(b.labels, b.losses))
        let both = labels.indices.filter { lossA[$0] != nil && lossB[$0] != nil }
        guard !both.isEmpty else { return 0 }
        let differences = both.map { lossB[$0]! - lossA[$0]! }
        var rng = SplitMix64(seed: 20_241_120)
        var wins = 0
        let rounds = 400
        for _ in 0..<rounds {
            var total = 0.0
            for _ in differences.indices { total += differences[Int(rng.next() % UInt64(differences.count))] }
            if total > 1e-12 { wins += 1 }
        }
        return Double(wins) / Double(rounds)
    }

    /// The desk model: trained on the corpus and every label with `setting`, at `temperature`.
    public func model(_ setting: Setting, temperature: Double, name: String, labelsSHA: String, calibration: [String: DeskCalibration]? = nil) throws -> [UInt8] {
        let training = setting.termFeatures ? termTraining : training
        var h = base
        h.temperature = temperature
        h.lexiconWeight = setting.lexiconWeight
        let corpus = Array(0..<corpusCount)
        let params = setting.weight > 0
            ? DeskMixture(alpha: h.alpha, minDocumentFrequency: h.minDocumentFrequency).train(training.table, corpus: corpus, desk: deskDocuments, weight: setting.weight)
            : training.trainer(h).train(training.table, subset: corpus, priors: training.priors)
        var features: [(String, [Double])] = []
        for (id, l) in params.logLikelihoods.enumerated() {
            if let l { features.append((training.table.names[id], l)) }
        }
        features.sort { $0.0 < $1.0 }
        var metadata = NaiveBayesModel.Metadata(
            name: name, corpusSHA: training.corpusSHA, lexiconsSHA: training.resources.store.modelDigest, alpha: h.alpha,
            priorStrength: h.priorStrength, temperature: h.temperature, documents: training.table.count,
            minDocumentFrequency: h.minDocumentFrequency, lexiconWeight: h.lexiconWeight)
        metadata.desk = .init(labels: labels.count, weight: setting.weight, labelsSHA: labelsSHA, termFeatures: setting.termFeatures,
                              deskPrior: setting.deskPrior, calibration: setting.calibrationPull == nil ? nil : calibration)
        let priors = setting.deskPrior ? Self.logPrior(labels.map(\.label)) : params.logPriors
        return try NaiveBayesModel.encode(metadata: metadata, logPriors: priors, features: features)
    }
}
