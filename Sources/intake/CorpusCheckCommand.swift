import ArgumentParser
import ComplaintIntake
import IntakeTraining
import Foundation

struct CorpusCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus-check",
        abstract: "Check the training corpus: fields, labels, balance, and the near-duplicate rate.",
        discussion: """
            Two records are near-duplicates when more than half of the shorter one's character 4-grams (after \
            NFKC, lower-casing, without spaces) also occur in the other. The check fails when problems are found \
            or the near-duplicate pairs exceed --max-rate percent of the records.
            """
    )

    @OptionGroup var data: CorpusOptions

    @Option(help: "The highest near-duplicate rate, in percent, that passes.")
    var maxRate = 2.0

    @Flag(help: "List every near-duplicate pair.")
    var verbose = false

    func run() throws {
        let records = try data.records()
        let check = CorpusCheck(records)
        for lang in check.labels.keys.sorted() {
            let n = check.labels[lang]!.values.reduce(0, +)
            func share(_ d: [String: Int]) -> String {
                d.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value) (\(Int((100 * Double($0.value) / Double(n)).rounded()))%)" }.joined(separator: ", ")
            }
            print("\(lang): \(n) records")
            print("  labels:   " + share(check.labels[lang]!))
            print("  channels: " + share(check.channels[lang]!))
            print("  variants: " + share(check.variants[lang]!))
        }
        for p in check.problems { print("problem: " + p) }
        if verbose {
            for d in check.nearDuplicates {
                print(String(format: "near-duplicate %.2f: ", d.overlap) + "\(records[d.first].language) \(String(records[d.first].text.prefix(40)).debugDescription) ~ \(records[d.second].language) \(String(records[d.second].text.prefix(40)).debugDescription)")
            }
        }
        print(String(format: "near-duplicate pairs: %d (%.2f%% of records; limit %.1f%%)", check.nearDuplicates.count, check.nearDuplicateRate, maxRate))
        if !check.problems.isEmpty || check.nearDuplicateRate > maxRate { throw ExitCode(1) }
    }
}
