import CIntakeData
import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake
import IntakeTraining

@Suite("Built-in model and corpus")
struct BuiltInModelTests {
    static var corpusPaths: [String] { (try? Corpus.slices(in: Repository.path("corpus/parts")).map(\.path)) ?? [] }

    static func corpus() throws -> [CorpusRecord] { try Corpus.loadSlices(in: Repository.path("corpus/parts")) }

    @Test("the built-in model is the one the committed corpus and lexicons produce (run `intake train --embed` after changing them)")
    func reproducible() throws {
        let model = try #require(try IntakeResources.builtInModel(), "this build has no built-in model")
        let m = model.metadata
        #expect(m.corpusSHA == Corpus.digest(paths: Self.corpusPaths), "the corpus changed since the model was trained")
        let store = try DataStore.directory(Repository.path("lexicons"))
        #expect(m.lexiconsSHA == store.modelDigest, "the lexicons the model reads changed since it was trained")
        let resources = try IntakeResources(store: store, model: nil)
        let training = try Training(resources: resources, records: try Self.corpus(), corpusSHA: m.corpusSHA)
        let h = Hyperparameters(alpha: m.alpha, priorStrength: m.priorStrength, minDocumentFrequency: m.minDocumentFrequency, temperature: m.temperature, lexiconWeight: m.lexiconWeight)
        let retrained = try training.model(h, name: m.name)
        #expect(retrained == model.storage.bytes, "retraining with the recorded hyperparameters gives another model")
    }

    @Test("the model file round-trips: every feature is found with its weights")
    func modelFormat() throws {
        let model = try #require(try IntakeResources.builtInModel())
        let features = model.allFeatures()
        #expect(features.count == model.featureCount)
        for (name, weights) in features.prefix(2000) {
            #expect(model.logLikelihoods(name) == weights)
        }
        #expect(model.logLikelihoods("w:no-such-feature-anywhere") == nil)
        #expect(throws: ModelError.notAModel) { try NaiveBayesModel(bytes: ModelBytes(Array("not a model at all".utf8))) }
        var version1 = model.storage.bytes
        version1.replaceSubrange(0..<8, with: Array("CIMODEL1".utf8))
        #expect(throws: ModelError.olderVersion) { try NaiveBayesModel(bytes: ModelBytes(version1)) }
        #expect(throws: ModelError.truncated) { try NaiveBayesModel(bytes: ModelBytes(Array(model.storage.bytes.dropLast(7)))) }
    }

    @Test("a model whose hash table is damaged (no empty slot, entry numbers past the entries) answers misses, without looping or reading outside it")
    func damagedTable() throws {
        let model = try #require(try IntakeResources.builtInModel())
        var bytes = model.storage.bytes
        func u32(_ at: Int) -> Int { (0..<4).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
        let header = (12 + u32(8) + 7) & ~7
        let tableSize = u32(header + 4)
        let table = header + 16 + 16
        // Every slot: the 12 hash bits of w:快递 (so its probes read the entry number) and an entry number past the end.
        let slot = NaiveBayesModel.tag(FeatureKey("w:快递").hash) << NaiveBayesModel.indexBits | NaiveBayesModel.indexMask
        for i in 0..<tableSize {
            for k in 0..<4 { bytes[table + 4 * i + k] = UInt8(truncatingIfNeeded: slot >> (8 * UInt32(k))) }
        }
        let damaged = try NaiveBayesModel(bytes: ModelBytes(bytes))
        #expect(model.logLikelihoods("w:快递") != nil)
        #expect(damaged.logLikelihoods("w:快递") == nil)
        #expect(damaged.logLikelihoods("w:pedido") == nil)
    }

    @Test("the corpus: 3,000+ complaints per language, balanced in labels and lengths, varied, few near-duplicates")
    func corpusCheck() throws {
        let records = try Self.corpus()
        let check = CorpusCheck(records)
        #expect(check.problems.isEmpty, "\(check.problems.prefix(5))")
        #expect(check.nearDuplicateRate <= 2.0)
        for lang in ["zh", "es"] {
            let labels = check.labels[lang] ?? [:]
            let n = labels.values.reduce(0, +)
            #expect(n >= 3000, "\(lang) has \(n) records")
            let channels = check.channels[lang] ?? [:]
            for c in ["email", "web", "social"] { #expect(Double(channels[c] ?? 0) >= 0.12 * Double(n), "\(lang) \(c): \(channels[c] ?? 0)") }
            #expect((check.lengthRatios[lang] ?? 9) <= CorpusCheck.maxLengthRatio, "\(lang): median length ratio \(check.lengthRatios[lang] ?? 0)")
        }
        let zh = check.variants["zh"] ?? [:]
        let traditional = zh.filter { $0.key.hasPrefix("zh-Hant") }.values.reduce(0, +)
        #expect(Double(traditional) >= 0.2 * Double(zh.values.reduce(0, +)))
        let es = check.variants["es"] ?? [:]
        for v in ["es-ES", "es-MX", "es-AR", "es-CO", "es-CL"] { #expect((es[v] ?? 0) > 0, "no \(v)") }
    }

    @Test("the near-duplicate check finds a lightly edited copy")
    func nearDuplicateDetection() {
        let a = CorpusRecord(text: "快递员把包裹扔在门口就走了，里面的杯子全碎了，太过分了", label: .delivery, language: "zh")
        let b = CorpusRecord(text: "快递员把包裹扔在门口就走了，里面的盘子全碎了，太过分了", label: .delivery, language: "zh")
        let c = CorpusRecord(text: "El técnico no vino el martes y nadie me avisó", label: .service, language: "es")
        let check = CorpusCheck([a, b, c])
        #expect(check.nearDuplicates.count == 1)
    }
}
