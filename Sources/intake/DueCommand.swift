import ArgumentParser
import ComplaintIntake
import ComplaintRegister
import Foundation

struct DueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "List open complaints with the deadline each must meet next, soonest first.",
        discussion: """
            The deadline follows the status: open cases must be investigated (investigate_by), cases under \
            investigation answered (respond_by), answered ones followed up (follow_up_by). One JSON line per case.
            """
    )

    @Flag(help: "Only cases past their deadline.")
    var overdue = false

    @Option(help: "Only this department, as the records name it (see lexicons/policy.json).")
    var department: String?

    @Option(help: ArgumentHelp("The time to measure against, ISO 8601 (default: now).", valueName: "time"))
    var at: String?

    @OptionGroup var register: RegisterOption

    func validate() throws {
        if let at, Timestamp.parse(at) == nil { throw ValidationError("--at must be ISO 8601, not '\(at)'") }
    }

    func run() throws {
        let r = try register.open(access: .readOnly)
        let items: [ComplaintRegister.DueItem]
        do { items = try r.due(at: at.flatMap(Timestamp.parse) ?? Date(), overdueOnly: overdue, department: department) } catch { throw registerFailure(error) }
        let encoder = RecordEncoder(pretty: false)
        var out = Data()
        for i in items { out.append(try encoder.line(i)) }
        try writeOutput(out)
    }
}
