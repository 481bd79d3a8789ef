import ArgumentParser
import ComplaintIntake
import ComplaintRegister
import IntakeTraining
import Foundation

struct LexiconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lexicon",
        abstract: "Work with the keyword lexicons.",
        subcommands: [LexiconSuggestCommand.self]
    )
}

struct LexiconSuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Suggest lexicon terms from the desk's corrections: words and word pairs tied to a corrected category that no lexicon holds.",
        discussion: """
            Reads the register's labels (the desk's category where it set one, else the model's). A term's count is \
            the number of corrected texts of the category holding it, its total the labeled texts holding it, its \
            share the part of those of the category; terms rank by count × log(share ÷ the category's share of all \
            texts). Stop words, negation cues and the words found in a tenth or more of the corpus texts of every \
            category (function words such as "no" or 还) are never suggested. Terms are in the text layer's \
            normalized form (folded, accents removed, Simplified Chinese), as lexicon files match them. With --tsv \
            the lines are ready for a lexicon file of a --lexicons overlay (<lang>/keywords/<category>.tsv: term, \
            category, weight); review them before adding.
            """
    )

    @OptionGroup var register: RegisterOption

    @Option(help: "At most this many terms.")
    var limit = 50

    @Option(name: .customLong("min-count"), help: "The fewest corrected texts a term must be in.")
    var minCount = 2

    @Option(help: ArgumentHelp("A folder laid out like lexicons/ whose terms count as held too (the desk's overlay).", valueName: "dir"))
    var lexicons: String?

    @Option(help: ArgumentHelp("The corpus slices whose common words are never suggested (default: the corpus built into the tool).", valueName: "dir"))
    var corpus: String?

    @Flag(help: "Print term<TAB>category<TAB>weight lines with the counts as comments, instead of JSON Lines.")
    var tsv = false

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
        if minCount < 1 { throw ValidationError("--min-count must be at least 1") }
    }

    func run() throws {
        let r = try register.open(access: .readOnly)
        let labels: [ComplaintRegister.Label]
        do { labels = try r.labels() } catch { throw registerFailure(error) }
        let resources: IntakeResources
        do { resources = try IntakeResources(lexiconDirectory: lexicons) } catch { throw CLIError.data(error.description) }
        let examples = labels.map { LexiconSuggester.Example(text: $0.text, category: $0.label, corrected: $0.corrected) }
        let background: [CorpusRecord]
        do throws(CorpusError) {
            if let corpus { background = try Corpus.loadSlices(in: corpus) } else { background = try Corpus.loadBuiltIn().records }
        } catch {
            throw CLIError.input(error.description)
        }
        var found: [LexiconSuggester.Suggestion] = []
        // Only corrected texts give suggestions: without one, reading the corpus for its common words is wasted.
        if labels.contains(where: \.corrected) {
            do {
                let suggester = LexiconSuggester(resources: resources, minCount: minCount)
                let common = try suggester.commonWords(in: background.map { ($0.text, $0.label, $0.language) })
                found = try suggester.suggest(examples, common: common, limit: limit)
            } catch {
                throw CLIError.data(error.description)
            }
        } else {
            stderr("no corrected cases in \(register.db) yet; correct some with intake case ID --category C")
        }
        var out = Data()
        if tsv {
            for s in found {
                out.append(Data("# \(s.kind) in \(s.count) corrected \(s.category.rawValue) texts, \(s.total) texts in all (share \(s.share))\n\(s.term)\t\(s.category.rawValue)\t1.0\n".utf8))
            }
        } else {
            let encoder = RecordEncoder(pretty: false)
            for s in found { out.append(try encoder.line(s)) }
        }
        try writeOutput(out)
    }
}
