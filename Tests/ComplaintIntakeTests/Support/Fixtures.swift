@testable import ComplaintIntake

/// Shared, immutable test fixtures. ICU-holding objects are made per test: they are not thread-safe and
/// Swift Testing runs tests in parallel.
enum Fixtures {
    static let resources: IntakeResources = {
        do { return try IntakeResources() } catch { fatalError("built-in resources do not load: \(error)") }
    }()

    static func analyzer() -> TextAnalyzer {
        do { return try TextAnalyzer(model: resources.text) } catch { fatalError("ICU does not open: \(error)") }
    }
}

extension TextAnalysis {
    /// Norms of the tokens, in order.
    var norms: [String] { tokens.map(\.norm) }

    func token(_ norm: String) -> Token? { tokens.first { $0.norm == norm } }
}
