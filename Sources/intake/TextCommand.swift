import ArgumentParser
import ComplaintIntake
import Foundation

struct TextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: "Turn one complaint text into an intake record.",
        discussion: """
            Reads the complaint from the argument, or from standard input when there is none, and prints one JSON \
            record: category, department, extracted fields, escalation and due dates.
            """
    )

    @Argument(help: "The complaint text; standard input when absent.")
    var text: String?

    @Option(help: "Where the complaint came in.")
    var channel: ChannelArgument = .unknown

    @Option(name: .customLong("received-at"), help: ArgumentHelp("When it was received, ISO 8601 (2024-03-05T10:00:00+08:00); due dates count from it.", valueName: "time"))
    var receivedAt: String?

    @Option(help: "An id for the record (default: derived from the text).")
    var id: String?

    @OptionGroup var options: RecordOptions

    func validate() throws {
        if let receivedAt, Timestamp.parse(receivedAt) == nil { throw ValidationError("--received-at must be ISO 8601, not '\(receivedAt)'") }
    }

    func run() throws {
        let input = try readTextArgument(text)
        let pipeline = try options.pipeline()
        let intake = RecordMaker(pipeline: pipeline, register: try options.register(for: pipeline), reference: options.reference, explain: options.explain)
        let message = Message(id: id, channel: channel.channel, receivedAt: receivedAt.flatMap(Timestamp.parse), text: input)
        let record: IntakeRecord
        do { record = try intake.record(message) } catch {
            let (code, text) = error.codeAndMessage
            throw code.hasPrefix("register") ? CLIError.data("\(code): \(text)") : CLIError.input("\(code): \(text)")
        }
        try writeOutput(try RecordEncoder(pretty: options.pretty).line(record))
    }
}
