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

    @Test("the mixture: the labels' words move their category, and words the labels never held keep the corpus's evidence")
    func mixture() throws {
        var table = FeatureTable()
        for _ in 0..<20 {
            table.append(features: ["w:grosero", "w:cajero"], label: .service, language: "es")
            table.append(features: ["w:tarde", "w:paquete"], label: .delivery, language: "es")
            table.append(features: ["w:roto", "w:pantalla"], label: .quality, language: "es")
        }
        let desk = table.count
        for _ in 0..<3 { table.append(features: ["w:grosero", "w:recepcionista"], label: .quality, language: "es") }
        let corpus = Array(0..<desk), labels = Array(desk..<table.count)
        let mixture = DeskMixture(alpha: 0.3, minDocumentFrequency: 2)
        let alone = mixture.train(table, corpus: corpus, desk: labels, weight: 0)
        let heavy = mixture.train(table, corpus: corpus, desk: labels, weight: 100)
        func s(_ p: NaiveBayesTrainer.Parameters, _ f: String) -> [Double] { p.scores([table.existingID(f)!]) }
        #expect(s(alone, "w:grosero")[Category.service.index] > s(alone, "w:grosero")[Category.quality.index])
        #expect(s(heavy, "w:grosero")[Category.quality.index] > s(heavy, "w:grosero")[Category.service.index])
        // A word only the labels hold is kept (seen in one text of the corpus or none) and speaks for their category.
        #expect(s(heavy, "w:recepcionista")[Category.quality.index] == s(heavy, "w:recepcionista").max())
        // A word the labels never held still points where the corpus does, in a category the labels do not hold.
        #expect(s(heavy, "w:tarde")[Category.delivery.index] == s(heavy, "w:tarde").max())
    }
}
