import ArgumentParser
import ComplaintIntake
import ComplaintRegister
import Foundation

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Show a complaint and its history, or move it on to its next status.",
        discussion: """
            Statuses follow the procedure: open → investigating → responded → followed_up → closed; a case may be \
            closed early, never moved back. With --status the case moves on (the time is now, or --at) and the \
            new state is printed; an invalid move is refused with exit status 64.
            """
    )

    @Argument(help: "The complaint id (the record's id).")
    var id: String

    @Option(help: "Move the case to this status.")
    var status: CaseStatus?

    @Option(help: "A note kept in the history with the move.")
    var note: String?

    @Option(help: ArgumentHelp("When the move happened, ISO 8601 (default: now).", valueName: "time"))
    var at: String?

    @OptionGroup var register: RegisterOption

    @Flag(help: "Indent the JSON.")
    var pretty = false

    func validate() throws {
        if let at, Timestamp.parse(at) == nil { throw ValidationError("--at must be ISO 8601, not '\(at)'") }
        if note != nil, status == nil { throw ValidationError("--note goes with --status") }
    }

    func run() throws {
        let r = try register.open(access: status == nil ? .readOnly : .readWrite)
        let c: ComplaintCase
        do {
            if let status {
                c = try r.transition(id: id, to: status, note: note, at: at.flatMap(Timestamp.parse) ?? Date())
            } else {
                c = try r.complaint(id: id)
            }
        } catch { throw registerFailure(error) }
        try writeOutput(try RecordEncoder(pretty: pretty).line(c))
    }
}
