import ArgumentParser
import ComplaintIntake
import ComplaintRegister
import Foundation

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Show a complaint and its history, move it on to its next status, or record the remedy given and the customer's satisfaction.",
        discussion: """
            Statuses follow the procedure: open → investigating → responded → followed_up → closed; a case may be \
            closed early, never moved back. With --status the case moves on (the time is now, or --at) and the \
            new state is printed; an invalid move is refused with exit status 64. --remedy and --satisfaction go \
            into the history with their time (the status stays), for intake report. With --category the desk sets \
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

    @Option(help: "Record a remedy given to the customer.")
    var remedy: GivenRemedy?

    @Option(help: ArgumentHelp("Record the customer's satisfaction, 1 (very unhappy) to 5 (very happy).", valueName: "1..5"))
    var satisfaction: Int?

    @Option(help: ArgumentHelp("With --category: a JSON or TOML file whose keys override the built-in policy that routes the category to a department.", valueName: "file"))
    var policy: String?

    @Option(help: ArgumentHelp("When the move happened, ISO 8601 (default: now).", valueName: "time"))
    var at: String?

    @OptionGroup var register: RegisterOption

    @Flag(help: "Indent the JSON.")
    var pretty = false

    func validate() throws {
        if let at, Timestamp.parse(at) == nil { throw ValidationError("--at must be ISO 8601, not '\(at)'") }
        if note != nil, status == nil, remedy == nil, satisfaction == nil, category == nil {
            throw ValidationError("--note goes with --status, --category, --remedy or --satisfaction")
        }
        if let satisfaction, !ComplaintRegister.satisfactionScale.contains(satisfaction) {
            throw ValidationError("--satisfaction must be 1 (very unhappy) to 5 (very happy), not \(satisfaction)")
        }
        if status != nil, category != nil { throw ValidationError("--status and --category are two moves; give one at a time") }
        if policy != nil, category == nil { throw ValidationError("--policy goes with --category") }
    }

    func run() throws {
        let outcome = remedy != nil || satisfaction != nil
        let r = try register.open(access: status == nil && category == nil && !outcome ? .readOnly : .readWrite)
        let time = at.flatMap(Timestamp.parse) ?? Date()
        let c: ComplaintCase
        do {
            var moved: ComplaintCase?
            if let category {
                moved = try r.correct(id: id, to: category, department: try department(for: category, policy: policy), note: outcome ? nil : note, at: time)
            } else if let status {
                moved = try r.transition(id: id, to: status, note: outcome ? nil : note, at: time)
            }
            if outcome { moved = try r.recordOutcome(id: id, remedy: remedy, satisfaction: satisfaction, note: note, at: time) }
            c = try moved ?? r.complaint(id: id)
        } catch { throw registerFailure(error) }
        try writeOutput(try RecordEncoder(pretty: pretty).line(c))
    }
}

extension GivenRemedy: ExpressibleByArgument {}
