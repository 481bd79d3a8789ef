import ArgumentParser
import ComplaintIntake
import Foundation

struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Inspect a model file.",
        subcommands: [ModelInfoCommand.self]
    )
}

struct ModelInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print what a model holds: its training metadata, feature counts by kind and its size.",
        discussion: """
            Without FILE, the model built into the tool. The metadata names the corpus and lexicons it was trained \
            on (their SHA-256), the hyperparameters chosen by grouped cross-validation (alpha, lambda, the minimum \
            document frequency, the temperature) and the feature set it reads.
            """
    )

    @Argument(help: "A model file from `intake train`; the built-in model when absent.")
    var file: String?

    @Flag(help: "Print JSON.")
    var json = false

    struct Info: Encodable {
        let source: String
        let bytes: Int
        let features: Int
        let featuresByKind: [String: Int]
        let metadata: NaiveBayesModel.Metadata
    }

    func run() throws {
        let model: NaiveBayesModel
        let source: String
        do {
            if let file {
                guard let data = FileManager.default.contents(atPath: file) else { throw CLIError.unreadable("cannot read \(file)") }
                model = try NaiveBayesModel(bytes: ModelBytes([UInt8](data)))
                source = file
            } else {
                guard let m = try IntakeResources.builtInModel() else { throw CLIError.data(ModelError.noBuiltInModel.description) }
                model = m
                source = "built in"
            }
        } catch let e as ModelError {
            throw CLIError.data(e.description)
        }
        var kinds: [String: Int] = [:]
        for (name, _) in model.allFeatures() {
            let kind = name.firstIndex(of: ":").map { String(name[...$0]) } ?? "other"
            kinds[kind, default: 0] += 1
        }
        let info = Info(source: source, bytes: model.storage.bytes.count, features: model.featureCount, featuresByKind: kinds, metadata: model.metadata)
        if json { try printJSON(info, pretty: true); return }
        let m = model.metadata
        let lines = [
            "model \(m.name) (\(source)): \(info.bytes) bytes, \(info.features) features (" + kinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")",
            "features read: \(m.features); trained on \(m.documents) documents",
            "corpus sha256 \(m.corpusSHA)",
            "lexicons sha256 \(m.lexiconsSHA) (the files the model reads)",
            "alpha \(m.alpha), lexicon weight (lambda) \(m.lexiconWeight), min document frequency \(m.minDocumentFrequency), temperature \(m.temperature)",
        ] + (m.desk.map { d in
            ["desk labels \(d.labels) (sha256 \(d.labelsSHA)), each counting \(d.weight) corpus texts"
                + (d.termFeatures ? ", lexicon terms learned" : "") + (d.deskPrior ? ", the labels' mix as prior" : "")
                + (d.calibration.map { ", scores mapped for " + $0.keys.sorted().joined(separator: ", ") } ?? "")]
        } ?? [])
        try writeOutput(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
