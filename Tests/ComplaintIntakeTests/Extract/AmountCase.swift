import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// A text with one amount, and the value and currency the extractor must give it: the cases of each language's
/// extraction tests.
struct AmountCase: Sendable, CustomStringConvertible {
    let text: String
    let value: String
    let currency: String
    var description: String { text }

    func check(sourceLocation: SourceLocation = #_sourceLocation) {
        let a = Fixtures.fields(text).amounts
        #expect(a.map(\.value) == [value], sourceLocation: sourceLocation)
        #expect(a.map(\.currency) == [currency], sourceLocation: sourceLocation)
    }
}
