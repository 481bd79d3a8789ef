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
            new state is printed; an invalid move is refused with exit status 64. With --category the desk sets \
            the case's category: the history keeps the time, the new and the previous category and the note, the \
            record keeps the model's category and scores, and the department follows the policy (--policy) for \
            the new category; intake export --labels then gives it as a training label.
            """
    )

    @Argument(help: "The complaint id (the record's id).")
    var id: String

    @Option(help: "Move the case to this status.")
    var status: CaseStatus?

    @Option(help: "Set the category as the desk decided (quality, delivery, service, other); the department follows it.")
    var category: Category?

    @Option(help: "A note kept in the history with the move or the correction.")
    var note: String?

    @Option(help: ArgumentHelp("With --category: a JSON or TOML file whose keys override the built-in policy that routes the category to a department.", valueName: "file"))
    var policy: String?

    @Option(help: ArgumentHelp("When the move happened, ISO 8601 (default: now).", valueName: "time"))
    var at: String?

    @OptionGroup var register: RegisterOption

    @Flag(help: "Indent the JSON.")
    var pretty = false

    func validate() throws {
        if let at, Timestamp.parse(at) == nil { throw ValidationError("--at must be ISO 8601, not '\(at)'") }
        if note != nil, status == nil, category == nil { throw ValidationError("--note goes with --status or --category") }
        if status != nil, category != nil { throw ValidationError("--status and --category are two moves; give one at a time") }
        if policy != nil, category == nil { throw ValidationError("--policy goes with --category") }
    }

    func run() throws {
        let r = try register.open(access: status == nil && category == nil ? .readOnly : .readWrite)
        let c: ComplaintCase
        do {
            if let category {
                c = try r.correct(id: id, to: category, department: try department(for: category, policy: policy), note: note,
                                  at: at.flatMap(Timestamp.parse) ?? Date())
            } else if let status {
                c = try r.transition(id: id, to: status, note: note, at: at.flatMap(Timestamp.parse) ?? Date())
            } else {
                c = try r.complaint(id: id)
            }
        } catch { throw registerFailure(error) }
        try writeOutput(try RecordEncoder(pretty: pretty).line(c))
    }
}
