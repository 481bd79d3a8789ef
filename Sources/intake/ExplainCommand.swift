import ArgumentParser
import ComplaintIntake
import Foundation

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show the record of a complaint and why: the features and lexicon hits behind its category.",
        discussion: "Prints the indented record with its explanation; nothing is stored."
    )

    @Argument(help: "The complaint text; standard input when absent.")
    var text: String?

    @Option(help: ArgumentHelp("A model file from `intake train` instead of the built-in model.", valueName: "file"))
    var model: String?

    @Option(help: ArgumentHelp("A folder laid out like lexicons/ whose files are added to the built-in ones.", valueName: "dir"))
    var lexicons: String?

    @Option(help: ArgumentHelp("A JSON or TOML file whose keys override the built-in routing and deadline policy.", valueName: "file"))
    var policy: String?

    @Option(name: .customLong("reference-date"), help: ArgumentHelp("The day relative dates resolve against (default: today).", valueName: "YYYY-MM-DD"))
    var referenceDate: String?

    func validate() throws {
        if let referenceDate, Day(iso: referenceDate) == nil || referenceDate.count != 10 {
            throw ValidationError("--reference-date must be a day as YYYY-MM-DD, not '\(referenceDate)'")
        }
    }

    func run() throws {
        let input = try readTextArgument(text)
        let settings = RecordSettings(model: model, lexicons: lexicons, policy: policy, reference: referenceDate.flatMap(Day.init(iso:)),
                                      db: nil, pretty: true, explain: true)
        let pipeline = try settings.pipeline()
        let record: IntakeRecord
        do { record = try pipeline.process(Message(text: input), reference: settings.reference, explain: true) } catch {
            let (code, text) = error.codeAndMessage
            throw CLIError.input("\(code): \(text)")
        }
        try writeOutput(try RecordEncoder(pretty: true).line(record))
    }
}
