import Foundation
import Testing
@testable import ComplaintIntake

/// Replays the inputs the fuzzers (scripts/fuzz) once crashed on, through the same code each fuzz target runs.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static func inputs(_ target: String) -> [[UInt8]] {
        let dir = Repository.root.appendingPathComponent("Tests/FuzzRegressions/\(target)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted().compactMap { FileManager.default.contents(atPath: dir.appendingPathComponent($0).path).map { [UInt8]($0) } }
    }

    @Test("every saved crash input now gives a result or a typed error")
    func replay() throws {
        let analyzer = Fixtures.analyzer()
        var replayed = 0
        for bytes in Self.inputs("FuzzEmail") + Self.inputs("FuzzRecord") {
            _ = try? EmailParser().parse(bytes)
            replayed += 1
        }
        for bytes in Self.inputs("FuzzText") + Self.inputs("FuzzExtract") + Self.inputs("FuzzRecord") {
            let text = String(decoding: bytes, as: UTF8.self)
            if let a = try? analyzer.analyze(text) {
                _ = Fixtures.extractor.extract(a.text, language: a.language, negationScopes: [], reference: Day(iso: "2024-03-20")!)
            }
            _ = try? Fixtures.pipeline.process(Message(text: text), reference: Day(iso: "2024-03-20"))
            replayed += 1
        }
        for bytes in Self.inputs("FuzzBatchLine") + Self.inputs("FuzzRecord") {
            _ = try? BatchLineParser().message(json: bytes[...])
            replayed += 1
        }
        print("fuzz regressions replayed: \(replayed)")
    }
}
