import ArgumentParser
import ComplaintIntake
import IntakeTraining
import Foundation

/// Where the training data is: the corpus slices and the lexicon folder of the working tree.
struct CorpusOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The folder of corpus slices (zh-*.jsonl, es-*.jsonl, seed-zh.jsonl, seed-es.jsonl), one writer each.", valueName: "dir"))
    var corpus = "corpus/parts"

    @Option(name: .customLong("lexicons"), help: ArgumentHelp("The lexicon folder to train with (all of it; nothing built in is added).", valueName: "dir"))
    var lexicons = "lexicons"

    @Option(help: "Worker threads for featurizing (default: all cores).")
    var jobs: Int?

    func corpusPaths() throws -> [String] {
        do { return try Corpus.slices(in: corpus).map(\.path) } catch { throw CLIError.unreadable(error.description) }
    }

    func records() throws -> [CorpusRecord] {
        let records: [CorpusRecord]
        do { records = try Corpus.loadSlices(in: corpus) } catch { throw CLIError.input(error.description) }
        guard !records.isEmpty else { throw CLIError.input("the corpus in \(corpus) is empty") }
        return records
    }

    func training() throws -> Training {
        let records = try records()
        do {
            let store = try DataStore.directory(lexicons)
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
            """
    )

    @OptionGroup var data: CorpusOptions

    @Option(help: "The model file to write.")
    var output = ".build/default.cimodel"

    @Option(help: "Train with these hyperparameters instead of searching, as JSON: {\"alpha\":0.2,\"lexiconWeight\":1,\"minDocumentFrequency\":1,\"temperature\":2}.")
    var hyperparameters: String?

    @Flag(help: "Also write the model and lexicons into the tool's built-in data (Sources/CIntakeData/blobs.c).")
    var embed = false

    func run() throws {
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
            try writeBuiltinData(lexicons: data.lexicons, model: output, output: "Sources/CIntakeData/blobs.c")
        }
    }
}

func stderr(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
