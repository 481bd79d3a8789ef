import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake
@testable import IntakeTraining

/// Reading a desk's labels, and the corpus built into the tool that a desk model is trained from.
@Suite("Desk labels and the built-in corpus")
struct DeskLabelsTests {
    @Test("label lines as intake export --labels writes them, in both languages")
    func exported() throws {
        let text = """
            {"id":"tw-88","text":"快遞員態度很差，包裹直接丟在門口就走了。","label":"delivery","model_category":"service","corrected":true,"channel":"social","language":"zh-Hant","received_at":"2024-03-02T08:00:00Z"}

            {"id":"mx-12","text":"La licuadora huele a quemado desde el primer uso.","label":"quality","model_category":"quality","corrected":false,"channel":"web","language":"es","received_at":null}
            {"text":"Me cobraron dos veces la misma compra.","label":"other"}
            """
        let labels = try DeskLabels.parse(Array(text.utf8), path: "desk.jsonl")
        #expect(labels.map(\.label) == [.delivery, .quality, .other])
        #expect(labels.map(\.language) == ["zh", "es", nil])
        #expect(labels.map(\.id) == ["tw-88", "mx-12", nil])
        #expect(labels.map(\.source) == ["desk.jsonl:1", "desk.jsonl:3", "desk.jsonl:4"])
    }

    @Test("a bad line is an error naming its file and line", arguments: [
        (#"{"text":"El envío llegó tarde","label":"envio"}"#, "label 'envio' is not a category"),
        (#"{"text":"   ","label":"delivery"}"#, "no \"text\""),
        (#"{"text":"快递三天还没到"}"#, "no \"label\""),
        (#"{"text":"快递三天还没到","label":"delivery""#, "not a JSON object"),
        (#"["快递三天还没到","delivery"]"#, "not a JSON object"),
    ])
    func bad(_ line: String, _ reason: String) throws {
        let good = #"{"text":"La cafetera no enciende.","label":"quality"}"#
        let bytes = Array((good + "\n" + good + "\n" + line + "\n").utf8)
        #expect {
            _ = try DeskLabels.parse(bytes, path: "desk.jsonl")
        } throws: { e in
            guard case .badLine(let path, let n, let why) = e as? CorpusError else { return false }
            return path == "desk.jsonl" && n == 3 && why.contains(reason)
        }
    }

    @Test("the corpus built into the tool is corpus/parts as committed, and the built-in model was trained on it")
    func builtInCorpus() throws {
        let dir = Repository.path("corpus/parts")
        let committed = try Corpus.slices(in: dir)
        let built = Corpus.builtInFiles()
        #expect(built.map(\.name) == committed.map { ($0.path as NSString).lastPathComponent },
                "the built-in corpus is stale: run intake embed")
        for (b, c) in zip(built, committed) {
            #expect(b.bytes == [UInt8](FileManager.default.contents(atPath: c.path) ?? Data()), "\(b.name) differs: run intake embed")
        }
        let loaded = try Corpus.loadBuiltIn()
        #expect(loaded.records.count == (try Corpus.loadSlices(in: dir)).count)
        #expect(loaded.sha == Corpus.digest(paths: committed.map(\.path)))
        let model = try #require(try IntakeResources.builtInModel())
        #expect(model.metadata.corpusSHA == loaded.sha)
        #expect(Set(loaded.records.map(\.language)) == ["zh", "es"])
    }

    @Test("weights count in the likelihoods: a label counted 40 times moves its words as 40 texts would")
    func weights() throws {
        var table = FeatureTable()
        table.append(features: ["w:repartidor", "w:grosero"], label: .service, language: "es")
        table.append(features: ["w:repartidor", "w:tarde"], label: .delivery, language: "es")
        table.append(features: ["w:repartidor", "w:grosero"], label: .delivery, language: "es", weight: 40)
        let p = NaiveBayesTrainer(alpha: 0.5, priorStrength: 0, minDocumentFrequency: 1).train(table, priors: [:])
        let s = p.scores([table.existingID("w:grosero")!])
        #expect(s[Category.delivery.index] > s[Category.service.index])
        let unweighted = NaiveBayesTrainer(alpha: 0.5, priorStrength: 0, minDocumentFrequency: 1).train(table, priors: [:], weights: [1, 1, 1])
        let u = unweighted.scores([table.existingID("w:grosero")!])
        #expect(u[Category.delivery.index] - u[Category.service.index] < s[Category.delivery.index] - s[Category.service.index])
    }
}
