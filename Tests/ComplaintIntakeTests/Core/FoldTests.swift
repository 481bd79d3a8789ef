import IntakeTestSupport
import IntakeTraining
import Testing
@testable import ComplaintIntake

/// The fold splitter cross-validation uses: deterministic, stratified by language and category, balanced.
@Suite("Fold splitter")
struct FoldTests {
    static let examples: [(language: String, label: Category)] = (0..<400).map { i in
        (i % 3 == 0 ? "zh" : "es", Category.allCases[i % 4])
    }

    @Test("the same seed gives the same folds; another seed another split")
    func deterministic() {
        let a = stratifiedFolds(Self.examples, k: 5), b = stratifiedFolds(Self.examples, k: 5)
        #expect(a == b)
        #expect(stratifiedFolds(Self.examples, k: 5, seed: 7) != a)
    }

    @Test("every fold holds each language and category within one document of the others", arguments: [2, 5, 10])
    func stratified(_ k: Int) {
        let folds = stratifiedFolds(Self.examples, k: k)
        #expect(folds.allSatisfy { (0..<k).contains($0) })
        for language in ["zh", "es"] {
            for label in Category.allCases {
                let members = Self.examples.indices.filter { Self.examples[$0].language == language && Self.examples[$0].label == label }
                let counts = (0..<k).map { f in members.filter { folds[$0] == f }.count }
                #expect(counts.max()! - counts.min()! <= 1, "\(language)/\(label): \(counts)")
            }
        }
    }
}
