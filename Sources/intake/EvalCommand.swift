import ArgumentParser
import ComplaintIntake
import Foundation
import IntakeTraining

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure the classifier: in-corpus and grouped cross-validation and the dev set, or a labeled test file.",
        discussion: """
            Without --test it prints, per language, figures side by side: nested cross-validation with random \
            folds (in-corpus: it rewards the corpus writers' style), nested cross-validation with folds grouped by \
            corpus slice (no writer on both sides), cross-validation holding out one channel at a time, and the \
            development set (--dev, written blind and never trained \
            on) scored by a model trained on the whole corpus with hyperparameters chosen by grouped cross-validation. \
            Each comes with the lexicon-only baseline on the same texts (sum of the weights of the terms found, the \
            largest category wins, no term gives other), per category, per channel, calibration error and the \
            confusion table. --test FILE scores the built-in model (or --model) on a JSON Lines file of \
            {"text", "label"}.
            """
    )

    @OptionGroup var data: CorpusOptions

    @Option(help: "Cross-validation folds.")
    var folds = 5

    @Option(help: ArgumentHelp("The development set: a folder of zh-*.jsonl and es-*.jsonl files of {\"text\", \"label\", \"channel\", \"source\"}.", valueName: "dir"))
    var dev = "devset"

    @Option(help: "A labeled JSON Lines file to score instead.")
    var test: String?

    @Option(help: "With --test: the model file to score (default: the built-in model).")
    var model: String?

    @Flag(help: "Print JSON instead of tables.")
    var json = false

    @Option(help: ArgumentHelp("Cross-validate with these hyperparameters in every fold instead of searching them (not nested), as JSON like `intake train --hyperparameters`.", valueName: "json"))
    var hyperparameters: String?

    struct Figures: Encodable {
        let mode: String
        let language: String
        let model: EvaluationReport
        let lexiconOnly: EvaluationReport
        let channels: [String: EvaluationReport]?
        let hyperparameters: [Hyperparameters]?
    }

    func validate() throws {
        if folds < 2 { throw ValidationError("--folds must be at least 2") }
    }

    func run() throws {
        var out: [Figures] = []
        if let test {
            out = try scoreTestFile(test)
        } else {
            let training = try data.training()
            var fixed: Hyperparameters?
            if let json = hyperparameters {
                do { fixed = try JSONDecoder().decode(Hyperparameters.self, from: Data(json.utf8)) } catch {
                    throw ValidationError("--hyperparameters is not valid: \(error)")
                }
            }
            for grouped in [false, true] {
                let cv = training.crossValidate(k: folds, grouped: grouped, fixed: fixed)
                let mode = grouped ? "grouped CV by slice, \(folds) folds" : "in-corpus CV, \(folds) folds"
                for lang in ["zh", "es"] {
                    let idx = cv.languages.indices.filter { cv.languages[$0] == lang }
                    out.append(Figures(mode: mode, language: lang,
                                       model: EvaluationReport(truth: idx.map { cv.truth[$0] }, probabilities: idx.map { cv.probabilities[$0] }),
                                       lexiconOnly: lexiconOnly(idx.map { cv.truth[$0] }, idx.map { training.table.lexicon[$0] }),
                                       channels: nil, hyperparameters: cv.chosen))
                }
            }
            let chosen = fixed ?? training.search()
            let byChannel = training.crossValidateByChannel(chosen)
            for lang in ["zh", "es"] {
                let idx = byChannel.languages.indices.filter { byChannel.languages[$0] == lang }
                var channels: [String: EvaluationReport] = [:]
                for ch in Set(idx.map { byChannel.channels[$0] }) {
                    let m = idx.filter { byChannel.channels[$0] == ch }
                    channels[ch] = EvaluationReport(truth: m.map { byChannel.truth[$0] }, probabilities: m.map { byChannel.probabilities[$0] })
                }
                out.append(Figures(mode: "grouped CV by channel (each channel held out)", language: lang,
                                   model: EvaluationReport(truth: idx.map { byChannel.truth[$0] }, probabilities: idx.map { byChannel.probabilities[$0] }),
                                   lexiconOnly: lexiconOnly(idx.map { byChannel.truth[$0] }, idx.map { training.table.lexicon[$0] }),
                                   channels: channels, hyperparameters: [chosen]))
            }
            if FileManager.default.fileExists(atPath: dev) { out += try scoreDevSet(training, chosen: chosen) }
        }
        if json {
            try printJSON(out, pretty: true)
            return
        }
        for f in out {
            print(f.model.table(title: "\(f.language) \(f.mode)"))
            print("  lexicon only on the same texts: macro-F1 \(String(format: "%.3f", f.lexiconOnly.macroF1)), accuracy \(String(format: "%.3f", f.lexiconOnly.accuracy))")
            for (channel, r) in (f.channels ?? [:]).sorted(by: { $0.key < $1.key }) {
                print("  \(channel.padding(toLength: 20, withPad: " ", startingAt: 0)) \(r.documents) texts, macro-F1 \(String(format: "%.3f", r.macroF1)), accuracy \(String(format: "%.3f", r.accuracy))")
            }
            if let hs = f.hyperparameters {
                print("  chosen: " + Set(hs.map { "alpha \($0.alpha) lambda \($0.lexiconWeight) min-df \($0.minDocumentFrequency) T \($0.temperature)" }).sorted().joined(separator: "; "))
            }
            print("")
        }
    }

    /// The lexicon-only baseline as a report: all probability on its choice.
    private func lexiconOnly(_ truth: [Category], _ scores: [[Double]]) -> EvaluationReport {
        EvaluationReport(truth: truth, probabilities: scores.map { s in
            let best = s.max() ?? 0
            let c = best > 0 ? s.firstIndex(of: best)! : Category.other.index
            return Category.allCases.map { $0.index == c ? 1 : 0 }
        })
    }

    private func scoreDevSet(_ training: Training, chosen h: Hyperparameters) throws -> [Figures] {
        var records: [CorpusRecord] = []
        do { records = try Corpus.loadSlices(in: dev) } catch { throw CLIError.input(error.description) }
        let bytes = try training.model(h)
        let model: NaiveBayesModel
        do { model = try NaiveBayesModel(bytes: ModelBytes(bytes)) } catch { throw CLIError.data(error.description) }
        return try score(records, resources: training.resources, classifier: Classifier(model: model), mode: "dev set (\(dev)), trained on the whole corpus", chosen: [h])
    }

    private func scoreTestFile(_ path: String) throws -> [Figures] {
        let resources: IntakeResources
        do { resources = try IntakeResources(modelPath: model) } catch { throw CLIError.data(error.description) }
        guard let classifier = resources.classifier else { throw CLIError.data(ModelError.noBuiltInModel.description) }
        let records: [CorpusRecord]
        do { records = try Corpus.load(path: path, language: "") } catch { throw CLIError.input(error.description) }
        return try score(records, resources: resources, classifier: classifier, mode: "test file \(path)", chosen: nil)
    }

    private func score(_ records: [CorpusRecord], resources: IntakeResources, classifier: Classifier, mode: String, chosen: [Hyperparameters]?) throws -> [Figures] {
        let worker = try TextWorker(resources: resources)
        var rows: [(language: String, channel: String, truth: Category, p: [Double], lexicon: [Double])] = []
        for r in records {
            let f = try worker.features(of: r.text)
            let c = classifier.classify(keys: f.keys, hits: f.hits, language: f.analysis.language.lexiconCode)
            let language = r.language.isEmpty ? (f.analysis.language.lexiconCode ?? "unknown") : r.language
            rows.append((language, r.source ?? r.channel ?? "unknown", r.label, Category.allCases.map { c.scores[$0]! }, Classifier.lexiconScores(f.hits)))
        }
        var out: [Figures] = []
        for lang in ["zh", "es"] {
            let mine = rows.filter { $0.language == lang }
            guard !mine.isEmpty else { continue }
            var channels: [String: EvaluationReport] = [:]
            for ch in Set(mine.map(\.channel)) {
                let m = mine.filter { $0.channel == ch }
                channels[ch] = EvaluationReport(truth: m.map(\.truth), probabilities: m.map(\.p))
            }
            out.append(Figures(mode: mode, language: lang, model: EvaluationReport(truth: mine.map(\.truth), probabilities: mine.map(\.p)),
                               lexiconOnly: lexiconOnly(mine.map(\.truth), mine.map(\.lexicon)), channels: channels, hyperparameters: chosen))
        }
        return out
    }
}

extension JSONEncoder {
    static var sortedKeys: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}
