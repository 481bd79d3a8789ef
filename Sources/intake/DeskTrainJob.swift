import ComplaintIntake
import IntakeTraining
import Foundation

/// `intake train --add`: a desk model from the corpus and a desk's labels, with the figures that say whether it helps.
struct DeskTrainJob {
    let labelFiles: [String]
    let corpus: String?
    let lexicons: String?
    let jobs: Int?
    let output: String
    let weight: Double?
    let name: String?
    let folds: Int
    let hyperparameters: String?

    func run() throws {
        let start = Date()
        var labels: [DeskLabel] = []
        var files: [(name: String, bytes: [UInt8])] = []
        for path in labelFiles {
            guard let data = FileManager.default.contents(atPath: path) else { throw CLIError.unreadable("cannot read the label file \(path)") }
            do { labels += try DeskLabels.parse([UInt8](data), path: path) } catch { throw CLIError.input(error.description) }
            files.append(((path as NSString).lastPathComponent, [UInt8](data)))
        }
        guard !labels.isEmpty else { throw CLIError.input("no labels in \(labelFiles.joined(separator: ", ")); export them with intake export --labels") }
        let (records, corpusSHA) = try corpusRecords()
        let resources = try self.resources()
        let base = try baseHyperparameters()
        let desk: DeskTraining
        do {
            desk = try DeskTraining(resources: resources, corpus: records, corpusSHA: corpusSHA, labels: labels, base: base,
                                    jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        } catch { throw CLIError.data(error.description) }
        if !desk.skipped.isEmpty {
            stderr("\(desk.skipped.count) labels left out, their text neither Chinese nor Spanish: " + desk.skipped.prefix(10).map(\.source).joined(separator: ", ")
                   + (desk.skipped.count > 10 ? ", ..." : ""))
        }
        guard !desk.labels.isEmpty else { throw CLIError.input("none of the labels is in Chinese or Spanish; nothing to train on") }
        let k = min(folds, desk.labels.count)
        let builtIn = desk.baseline()
        let (chosen, trials, nested, kept) = desk.search(weight: weight, folds: k)
        // The built-in model kept keeps its own temperature, not one fitted on the labels it was not changed for.
        let temperature = chosen.setting.isBuiltIn ? desk.base.temperature : chosen.temperature
        let modelName = name ?? ((output as NSString).lastPathComponent as NSString).deletingPathExtension
        let bytes: [UInt8]
        do {
            bytes = try desk.model(chosen.setting, temperature: temperature, name: modelName, labelsSHA: Corpus.digest(files: files),
                                   calibration: chosen.calibration)
        } catch { throw CLIError.data(String(describing: error)) }
        let folder = (output as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try Data(bytes).write(to: URL(fileURLWithPath: output))
        } catch { throw CLIError.output("cannot write the model \(output): \(error.localizedDescription)") }
        try writeOutput(Data(report(builtIn: builtIn, desk: chosen, nested: nested, trials: trials, k: k, given: weight != nil, kept: kept).utf8))
        stderr("trained \(modelName) on \(records.count) corpus texts and \(desk.labels.count) labels (\(Self.describe(chosen.setting)), temperature \(temperature)) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s: \(bytes.count) bytes -> \(output)")
    }

    /// The figures: per language, the built-in model and the desk model on the labels, each label scored by a model that
    /// never saw it, with its setting chosen on the other folds alone.
    func report(builtIn: DeskTraining.Trial, desk: DeskTraining.Trial, nested: DeskTraining.Trial, trials: [DeskTraining.Trial], k: Int, given: Bool,
                kept: DeskTraining.Kept?) -> String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        var out = "cross-validated on the added labels (\(k) folds, nested: the desk model of each fold never saw its labels, and its setting was chosen on the other folds):\n"
        out += "  language  labels  built-in macro-F1  accuracy   desk macro-F1  accuracy\n"
        for lang in nested.reports.keys.sorted() {
            let b = builtIn.reports[lang]!, d = nested.reports[lang]!
            out += "  " + lang.padding(toLength: 8, withPad: " ", startingAt: 0) + "  " + String(d.documents).padding(toLength: 6, withPad: " ", startingAt: 0)
                + "  " + f(b.macroF1) + "              " + f(b.accuracy) + "      " + f(d.macroF1) + "          " + f(d.accuracy) + "\n"
        }
        if let kept {
            out += "chosen: the built-in model as it is: \(kept); correct more cases, or give --weight\n"
        } else {
            out += "chosen: \(Self.describe(desk.setting))" + (given ? " (weight given)" : "") + "\n"
        }
        let weights = Array(Set(trials.map(\.setting.weight))).sorted()
        if weights.count > 1 {
            out += "held-out macro-F1 of the best setting of each weight (built-in \(f(builtIn.macroF1))): "
                + weights.map { w in "\(Self.number(w)): \(f(trials.filter { $0.setting.weight == w }.map(\.macroF1).max()!))" }
                .joined(separator: ", ") + "\n"
        }
        return out
    }

    static func describe(_ s: DeskTraining.Setting) -> String {
        "weight \(number(s.weight)), lexicon weight \(number(s.lexiconWeight))" + (s.termFeatures ? ", lexicon terms learned from the labels" : "")
            + (s.deskPrior ? ", the labels' category mix as prior" : "")
            + (s.calibrationPull.map { ", the scores mapped as the labels showed (pull \(number($0)))" } ?? "")
    }

    static func number(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }

    private func corpusRecords() throws -> ([CorpusRecord], String) {
        do {
            if let corpus {
                return (try Corpus.loadSlices(in: corpus), Corpus.digest(paths: try Corpus.slices(in: corpus).map(\.path)))
            }
            let c = try Corpus.loadBuiltIn()
            return (c.records, c.sha)
        } catch {
            throw CLIError.data(error.description)
        }
    }

    private func resources() throws -> IntakeResources {
        do {
            var store = DataStore.builtIn()
            if let lexicons { store = try store.overlaid(with: lexicons) }
            return try IntakeResources(store: store, model: nil)
        } catch let e as LexiconError {
            throw CLIError.data(e.description)
        } catch {
            throw CLIError.data(String(describing: error))
        }
    }

    /// The hyperparameters: given as JSON, else the built-in model's.
    private func baseHyperparameters() throws -> Hyperparameters {
        if let json = hyperparameters {
            do { return try JSONDecoder().decode(Hyperparameters.self, from: Data(json.utf8)) } catch {
                throw CLIError.usage("--hyperparameters is not valid: \(error)")
            }
        }
        let m: NaiveBayesModel?
        do { m = try IntakeResources.builtInModel() } catch { throw CLIError.data(error.description) }
        guard let m = m?.metadata else { throw CLIError.data(ModelError.noBuiltInModel.description) }
        return Hyperparameters(alpha: m.alpha, priorStrength: m.priorStrength, minDocumentFrequency: m.minDocumentFrequency,
                               temperature: m.temperature, lexiconWeight: m.lexiconWeight)
    }
}
