import ArgumentParser
import ComplaintIntake
import IntakeTraining
import Foundation

struct CorpusCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus-check",
        abstract: "Check the training corpus: fields, labels, balance, lengths, style leaks and the near-duplicate rate.",
        discussion: """
            Two records are near-duplicates when the character 4-grams (after NFKC, lower-casing, without spaces) \
            they share are more than half of those either has (Jaccard). Lengths are reported as quartiles per \
            category; one category's median more than 1.5 times another's is a problem. The style-leak report lists \
            the stop words, punctuation, emoji and lengths most predictive of one category. The check fails when \
            problems are found or the near-duplicate pairs exceed --max-rate percent of the records.
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
        for lang in check.lengths.keys.sorted() {
            let q = check.lengths[lang]!
            print("\(lang) length quartiles (characters): " + Category.allCases.compactMap { c in q[c.rawValue].map { "\(c.rawValue) \($0.map(String.init).joined(separator: "/"))" } }.joined(separator: ", ")
                  + String(format: "; median ratio %.2f (limit %.1f)", check.lengthRatios[lang] ?? 0, CorpusCheck.maxLengthRatio))
        }
        let leak = try styleLeak(records)
        for lang in leak.features.keys.sorted() {
            print("\(lang) style leak (stop words, punctuation, emoji, length most predictive of one category):")
            for f in leak.features[lang]! { print(String(format: "  %-24@ %-9@ lift %.2f in %d texts", f.feature as NSString, f.category as NSString, f.lift, f.documents)) }
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

    /// The stop words, punctuation and emoji of each record, as the text layer reads them.
    private func styleLeak(_ records: [CorpusRecord]) throws -> StyleLeak {
        let resources: IntakeResources
        do { resources = try IntakeResources(store: try DataStore.directory(data.lexiconDirectory), model: nil) } catch { throw CLIError.data(String(describing: error)) }
        let stop = Set(resources.lexicon.stopWords)
        let worker = try TextWorker(resources: resources)
        var tokens: [[String]] = []
        for r in records {
            var out: [String] = []
            if let f = try? worker.features(of: r.text) {
                for t in f.analysis.tokens {
                    if stop.contains(t.norm) { out.append(t.norm) } else if t.kind == .emoji { out.append("#emoji") }
                }
            }
            for c in r.text.unicodeScalars where "!?¡¿。！？…~".unicodeScalars.contains(c) { out.append(String(c)) }
            tokens.append(Array(Set(out)))
        }
        return StyleLeak(records, tokens: tokens)
    }
}
