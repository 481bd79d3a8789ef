import IntakeTestSupport
import Testing
@testable import ComplaintIntake

@Suite("Built-in data")
struct BuiltinDataTests {
    @Test("the copy built into the tool is the lexicons/ folder as committed (run `intake embed` after changing it)")
    func builtinMatchesFolder() throws {
        let folder = try DataStore.files(in: Repository.path("lexicons"))
        let builtin = DataStore.builtIn().builtin
        #expect(Set(folder.keys) == Set(builtin.keys))
        for (path, file) in folder {
            #expect(builtin[path]?.bytes == file.bytes, "\(path) differs from its built-in copy")
        }
    }

    @Test("a bad line names its file and line")
    func badLine() throws {
        let file = DataStore.File(path: "es/morphology.tsv", source: "mine/es/morphology.tsv",
                                  bytes: Array("# ok\nclitic\tme\nsuffix\tmente\n".utf8))
        let store = DataStore(builtin: [:], overlay: ["es/morphology.tsv": file])
        #expect(throws: LexiconError.badLine(source: "mine/es/morphology.tsv", line: 3,
                                             reason: "unknown kind 'suffix' (contraction, clitic, verb_ending, imperative_ending, adverb_ending)")) {
            _ = try TextData.model(from: store, extraTerms: [], normalizer: try Normalizer(variants: .builtIn))
        }
    }

    @Test("a user folder adds words the segmenter keeps whole")
    func overlayAddsWords() throws {
        let dict = DataStore.File(path: "zh/dictionary.txt", source: "mine", bytes: Array("萤幕 10 n\n".utf8))
        let base = Fixtures.resources.store
        let store = DataStore(builtin: base.builtin, overlay: ["zh/dictionary.txt": dict])
        let model = try TextData.model(from: store, extraTerms: [], normalizer: try Normalizer(variants: .builtIn))
        let analysis = try TextAnalyzer(model: model).analyze("手機螢幕有裂痕")
        #expect(analysis.tokens.map(\.norm).contains("萤幕"))
        #expect(analysis.tokens.first { $0.norm == "萤幕" }?.text == "螢幕")
    }
}
