import Foundation
import ComplaintIntake

/// Shared, immutable test fixtures. ICU-holding objects are made per test: they are not thread-safe and
/// Swift Testing runs tests in parallel.
package enum Fixtures {
    package static let resources: IntakeResources = {
        do { return try IntakeResources() } catch { fatalError("built-in resources do not load: \(error)") }
    }()

    package static func analyzer() -> TextAnalyzer {
        do { return try TextAnalyzer(model: resources.text) } catch { fatalError("ICU does not open: \(error)") }
    }
}

extension TextAnalysis {
    /// Norms of the tokens, in order.
    package var norms: [String] { tokens.map(\.norm) }

    package func token(_ norm: String) -> Token? { tokens.first { $0.norm == norm } }
}

extension Fixtures {
    package static let extractor = FieldExtractor(data: resources.extraction)

    /// Extracts the fields of `text` with relative dates resolved against `reference`, with the built-in data or
    /// `resources` (an overlay's, ``resources(overlay:)``).
    package static func fields(_ text: String, reference: String = "2024-03-20", defaultCurrency: String? = nil,
                               resources: IntakeResources = resources) -> ExtractedFields {
        do {
            let a = try TextAnalyzer(model: resources.text).analyze(text)
            let scopes = resources.lexicon.negationScopes(in: a.text)
            return FieldExtractor(data: resources.extraction).extract(a.text, language: a.language, negationScopes: scopes,
                                                                      reference: Day(iso: reference)!, defaultCurrency: defaultCurrency)
        } catch { fatalError("cannot analyze \(text): \(error)") }
    }
}

extension Fixtures {
    /// The pipeline over the built-in model, lexicons and policy.
    package static let pipeline: IntakePipeline = {
        do { return try IntakePipeline() } catch { fatalError("the built-in pipeline does not load: \(error)") }
    }()

    package static func email(_ file: String) -> Message {
        guard let data = FileManager.default.contents(atPath: Repository.path("examples/\(file)")),
              let m = try? EmailParser().parse([UInt8](data)) else { fatalError("cannot read examples/\(file)") }
        return m
    }
}

extension Fixtures {
    /// The `intake` built beside this test bundle (`swift build` builds it; the README's test command does).
    package static var tool: URL? {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("intake")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

}

extension Fixtures {
    /// The built-in resources with a desk's files laid over them (`--lexicons`): `files` maps a path under the lexicon
    /// folder (`es/dates.tsv`) to its text.
    package static func resources(overlay files: [String: String]) -> IntakeResources {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("overlay-\(UUID().uuidString)")
        do {
            for (path, text) in files {
                let url = dir.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
            return try IntakeResources(lexiconDirectory: dir.path)
        } catch { fatalError("the overlay does not load: \(error)") }
    }
}
