import ArgumentParser
import ComplaintIntake
import IntakeTraining
import Foundation

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure the classifier: cross-validation on the corpus, or a labeled test file.",
        discussion: """
            --folds K runs nested cross-validation: for each fold the hyperparameters are searched on the other \
            folds only, so the figures estimate the whole training procedure on unseen text. --test FILE scores \
            the built-in model (or --model) on a JSON Lines file of {"text", "label"}. Both print per-category \
            precision, recall and F1, macro-F1, expected calibration error and the confusion matrix, for all \
            documents and per language.
            """
    )

    @OptionGroup var data: CorpusOptions

    @Option(help: "Cross-validation folds.")
    var folds: Int?

    @Option(help: "A labeled JSON Lines file to score instead of cross-validating.")
    var test: String?

    @Option(help: "With --test: the model file to score (default: the built-in model).")
    var model: String?

    @Flag(help: "Print JSON instead of tables.")
    var json = false

    @Option(help: ArgumentHelp("Write the train/test split of each fold as JSON Lines into this folder (for the peers).", visibility: .hidden))
    var exportFolds: String?

    struct Output: Encodable {
        let mode: String
        let all: EvaluationReport
        let languages: [String: EvaluationReport]
        let hyperparameters: [Hyperparameters]?
    }

    func validate() throws {
        if (folds == nil) == (test == nil) { throw ValidationError("give either --folds K or --test FILE") }
        if let folds, folds < 2 { throw ValidationError("--folds must be at least 2") }
    }

    func run() throws {
        let output: Output
        if let k = folds {
            let training = try data.training()
            if let dir = exportFolds { try export(training: training, records: try data.records(), k: k, to: dir) }
            let cv = training.crossValidate(k: k)
            output = Output(mode: "cross-validation, \(k) folds", all: EvaluationReport(truth: cv.truth, probabilities: cv.probabilities),
                            languages: perLanguage(cv.truth, cv.probabilities, cv.languages), hyperparameters: cv.chosen)
        } else {
            output = try scoreTestFile(test!)
        }
        if json {
            try printJSON(output, pretty: true)
        } else {
            print(output.all.table(title: "all (\(output.mode))"))
            for (lang, report) in output.languages.sorted(by: { $0.key > $1.key }) { print(report.table(title: lang)) }
            if let hs = output.hyperparameters {
                print("chosen per fold: " + hs.map { "alpha \($0.alpha) prior \($0.priorStrength) min-df \($0.minDocumentFrequency) T \($0.temperature)" }.joined(separator: "; "))
            }
        }
    }

    private func perLanguage(_ truth: [Category], _ p: [[Double]], _ languages: [String]) -> [String: EvaluationReport] {
        var out: [String: EvaluationReport] = [:]
        for lang in Set(languages) {
            let idx = languages.indices.filter { languages[$0] == lang }
            out[lang] = EvaluationReport(truth: idx.map { truth[$0] }, probabilities: idx.map { p[$0] })
        }
        return out
    }

    private func scoreTestFile(_ path: String) throws -> Output {
        let resources: IntakeResources
        do { resources = try IntakeResources(modelPath: model) } catch { throw CLIError.data(error.description) }
        guard let classifier = resources.classifier else { throw CLIError.data(ModelError.noBuiltInModel.description) }
        let records: [CorpusRecord]
        do { records = try Corpus.load(path: path, language: "") } catch { throw CLIError.input(error.description) }
        let worker = try TextWorker(resources: resources)
        var truth: [Category] = [], probabilities: [[Double]] = [], languages: [String] = []
        for r in records {
            let f = try worker.features(of: r.text)
            let c = classifier.classify(keys: f.keys)
            truth.append(r.label)
            probabilities.append(Category.allCases.map { c.scores[$0]! })
            languages.append(f.analysis.language.lexiconCode ?? "unknown")
        }
        return Output(mode: "test file \(path)", all: EvaluationReport(truth: truth, probabilities: probabilities),
                      languages: perLanguage(truth, probabilities, languages), hyperparameters: nil)
    }

    private func export(training: Training, records: [CorpusRecord], k: Int, to dir: String) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let folds = stratifiedFolds(records.map { ($0.language, $0.label) }, k: k)
        for f in 0..<k {
            var train = "", test = ""
            for (r, fold) in zip(records, folds) {
                let line = String(decoding: try JSONEncoder.sortedKeys.encode(["text": r.text, "label": r.label.rawValue, "lang": r.language]), as: UTF8.self) + "\n"
                if fold == f { test += line } else { train += line }
            }
            try train.write(toFile: "\(dir)/fold\(f)-train.jsonl", atomically: true, encoding: .utf8)
            try test.write(toFile: "\(dir)/fold\(f)-test.jsonl", atomically: true, encoding: .utf8)
        }
    }
}

extension JSONEncoder {
    static var sortedKeys: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}
