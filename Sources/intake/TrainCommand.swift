import ArgumentParser
import ComplaintIntake
import IntakeTraining
import Foundation

/// Where the training data is: the corpus slices and the lexicon folder of the working tree.
struct CorpusOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The folder of corpus slices (zh-*.jsonl, es-*.jsonl, seed-zh.jsonl, seed-es.jsonl), one writer each (default: corpus/parts; with train --add, the corpus built into the tool).", valueName: "dir"))
    var corpus: String?

    @Option(name: .customLong("lexicons"), help: ArgumentHelp("The lexicon folder to train with, all of it, nothing built in added (default: lexicons; with train --add, a folder laid over the built-in lexicons).", valueName: "dir"))
    var lexicons: String?

    @Option(help: "Worker threads for featurizing (default: all cores).")
    var jobs: Int?

    /// The corpus folder: --corpus, or the working tree's.
    var corpusDirectory: String { corpus ?? "corpus/parts" }
    /// The lexicon folder: --lexicons, or the working tree's.
    var lexiconDirectory: String { lexicons ?? "lexicons" }

    func corpusPaths() throws -> [String] {
        do { return try Corpus.slices(in: corpusDirectory).map(\.path) } catch { throw CLIError.unreadable(error.description) }
    }

    func records() throws -> [CorpusRecord] {
        let records: [CorpusRecord]
        do { records = try Corpus.loadSlices(in: corpusDirectory) } catch { throw CLIError.input(error.description) }
        guard !records.isEmpty else { throw CLIError.input("the corpus in \(corpusDirectory) is empty") }
        return records
    }

    func training() throws -> Training {
        let records = try records()
        do {
            let store = try DataStore.directory(lexiconDirectory)
            let resources = try IntakeResources(store: store, model: nil)
            return try Training(resources: resources, records: records, corpusSHA: Corpus.digest(paths: try corpusPaths()),
                                jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        } catch let e as LexiconError {
            throw CLIError.data(e.description)
        } catch let e as IntakeError {
            throw CLIError.data(e.description)
        }
    }
}

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the naive Bayes model from the corpus and lexicons.",
        discussion: """
            Smoothing (alpha), the weight of the lexicon score (lambda), the minimum document frequency and the \
            softmax temperature are chosen by 5-fold cross-validation grouped by corpus slice, so that no writer is \
            on both sides (macro-F1, then log loss). With --embed the model and the lexicons are written into \
            Sources/CIntakeData/blobs.c and become the built-in default after the next build.

            With --add FILE... it trains a desk model: the corpus built into the tool (or --corpus) and the desk's \
            labels, each label counting --weight corpus texts (chosen by cross-validation on the labels unless \
            given), with the built-in model's hyperparameters, over the built-in lexicons (and --lexicons laid over \
            them). It works from any folder. It prints, per language, cross-validated figures on the labels for the \
            built-in model and the desk model; use the model with --model on every record command, or "model" in \
            the policy file.
            """
    )

    @OptionGroup var data: CorpusOptions

    @Option(name: [.customLong("output"), .customLong("out")], help: "The model file to write.")
    var output = ".build/default.cimodel"

    @Option(parsing: .upToNextOption, help: ArgumentHelp("A desk's labels (JSON Lines of {\"text\", \"label\"}, as intake export --labels writes them) to train on beside the corpus: a desk model.", valueName: "file"))
    var add: [String] = []

    @Option(help: ArgumentHelp("With --add: how many corpus texts each label counts as (default: chosen by cross-validation on the labels).", valueName: "w"))
    var weight: Double?

    @Option(help: ArgumentHelp("With --add: the model's name in the records (default: the --out file's name without its extension).", valueName: "name"))
    var name: String?

    @Option(help: "With --add: the folds of the cross-validation on the labels.")
    var folds = 5

    @Option(help: "Train with these hyperparameters instead of searching, as JSON: {\"alpha\":0.2,\"lexiconWeight\":1,\"minDocumentFrequency\":1,\"temperature\":2}.")
    var hyperparameters: String?

    @Flag(help: "Also write the model and lexicons into the tool's built-in data (Sources/CIntakeData/blobs.c).")
    var embed = false

    func validate() throws {
        if add.isEmpty, weight != nil || name != nil { throw ValidationError("--weight and --name go with --add") }
        if !add.isEmpty, embed { throw ValidationError("--embed builds the corpus model into the tool; a desk model (--add) is used with --model") }
        if let weight, !(weight > 0 && weight <= 10_000) { throw ValidationError("--weight must be a number above 0 and at most 10000, not \(weight)") }
        if folds < 2 { throw ValidationError("--folds must be at least 2") }
    }

    func run() throws {
        if !add.isEmpty {
            try DeskTrainJob(labelFiles: add, corpus: data.corpus, lexicons: data.lexicons, jobs: data.jobs, output: output, weight: weight,
                             name: name, folds: folds, hyperparameters: hyperparameters).run()
            return
        }
        let start = Date()
        let training = try data.training()
        let h: Hyperparameters
        if let json = hyperparameters {
            do { h = try JSONDecoder().decode(Hyperparameters.self, from: Data(json.utf8)) } catch {
                throw ValidationError("--hyperparameters is not valid: \(error)")
            }
        } else {
            h = training.search()
        }
        let bytes = try training.model(h)
        try FileManager.default.createDirectory(atPath: (output as NSString).deletingLastPathComponent.isEmpty ? "." : (output as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: output))
        let model = try NaiveBayesModel(bytes: ModelBytes(bytes))
        stderr("trained on \(training.table.count) documents in \(String(format: "%.1f", Date().timeIntervalSince(start))) s: alpha \(h.alpha), lexicon weight \(h.lexiconWeight), min df \(h.minDocumentFrequency), temperature \(h.temperature); \(model.featureCount) features, \(bytes.count) bytes -> \(output)")
        if embed {
            try writeBuiltinData(lexicons: data.lexiconDirectory, model: output, output: "Sources/CIntakeData/blobs.c")
            try writeBuiltinCorpus(directory: data.corpusDirectory, output: "Sources/CIntakeData/corpus.c")
        }
    }
}

func stderr(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
