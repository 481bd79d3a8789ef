import ArgumentParser
import ComplaintIntake
import ComplaintRegister
import Foundation

/// The --db option of the register commands, and opening the register it names.
struct RegisterOption: ParsableArguments {
    @Option(help: ArgumentHelp("The complaint register (SQLite) written by --db on email, text and batch.", valueName: "file"))
    var db: String

    /// Opens the register; commands that only read open it read-only, so they work on a file the user may only
    /// read and never change it.
    func open(access: ComplaintRegister.Access) throws -> ComplaintRegister {
        do { return try ComplaintRegister(path: db, access: access) } catch { throw CLIError(register: error) }
    }
}

func registerFailure(_ error: any Error) -> CLIError {
    guard let e = error as? RegisterError else { return .data(String(describing: error)) }
    return CLIError(register: e)
}

extension CaseStatus: ExpressibleByArgument {}

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

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the tracking sheet: every complaint in the register, as CSV or JSON Lines.",
        discussion: """
            CSV has one row per complaint (id, received_at, channel, language, category, department, severity, \
            escalation_level, repeat_count, repeat_of, status, customer, order numbers, deadlines, last note); \
            JSON Lines has the whole case: record, status and history.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, jsonl }

    @Option(help: "Output format.")
    var format: Format = .csv

    @Option(help: ArgumentHelp("Only complaints received on or after this day or time (ISO 8601).", valueName: "date"))
    var since: String?

    @OptionGroup var register: RegisterOption

    func validate() throws {
        if let since, Timestamp.parse(since) == nil { throw ValidationError("--since must be ISO 8601, not '\(since)'") }
    }

    func run() throws {
        let r = try register.open(access: .readOnly)
        let cases: [ComplaintCase]
        do { cases = try r.export(since: since.flatMap(Timestamp.parse)) } catch { throw registerFailure(error) }
        var out = Data()
        switch format {
        case .jsonl:
            let encoder = RecordEncoder(pretty: false)
            for c in cases { out.append(try encoder.line(c)) }
        case .csv:
            let header = ["id", "received_at", "channel", "language", "category", "department", "severity", "escalation_level",
                          "repeat_count", "repeat_of", "status", "customer_name", "customer_email", "customer_phone", "order_numbers",
                          "investigate_by", "respond_by", "follow_up_by", "next_deadline", "last_note"]
            out.append(Data((header.joined(separator: ",") + "\n").utf8))
            for c in cases {
                let r = c.record
                let row = [c.id, r.receivedAt ?? "", r.channel.rawValue, r.language.rawValue, r.category.rawValue, r.department,
                           r.severity, String(r.escalation.level), String(r.repeatCount), (r.repeatOf ?? []).joined(separator: " "),
                           c.status.rawValue, r.customer.name ?? "", r.customer.email ?? "", r.customer.phone ?? "",
                           r.fields.orderNumbers.map(\.value).joined(separator: " "), r.due.investigateBy, r.due.respondBy,
                           r.due.followUpBy, c.nextDeadline ?? "", c.history.last(where: { $0.note != nil })?.note ?? ""]
                out.append(Data((row.map(Self.csvField).joined(separator: ",") + "\n").utf8))
            }
        }
        try writeOutput(out)
    }

    /// A CSV cell. A cell that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
    /// return) gets a leading apostrophe, as OWASP advises, so a customer's text never runs on a desk's machine.
    static func csvField(_ raw: String) -> String {
        var s = raw
        if let first = s.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { s = "'" + s }
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
