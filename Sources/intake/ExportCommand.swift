import ArgumentParser
import ComplaintIntake
import ComplaintRegister
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the tracking sheet: every complaint in the register, as CSV or JSON Lines.",
        discussion: """
            CSV has one row per complaint (id, received_at, channel, language, category, department, severity, \
            escalation_level, repeat_count, repeat_of, status, customer, order numbers, deadlines, last note, \
            model_category, corrected); JSON Lines has the whole case: record, status and history. category and \
            department are the desk's where it corrected the case (intake case --category), model_category the \
            model's. With --labels it writes training labels instead, one JSON line per complaint: \
            {"id", "text", "label", "model_category", "corrected", "channel", "language", "received_at"}, the label \
            being the desk's category where it set one, else the model's (for intake train --add).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, jsonl }

    @Option(help: "Output format.")
    var format: Format = .csv

    @Option(help: ArgumentHelp("Only complaints received on or after this day or time (ISO 8601).", valueName: "date"))
    var since: String?

    @Flag(help: "Write training labels (JSON Lines) for intake train --add instead of the tracking sheet.")
    var labels = false

    @Flag(name: .customLong("corrected-only"), help: "With --labels: only the complaints whose category the desk set.")
    var correctedOnly = false

    @OptionGroup var register: RegisterOption

    func validate() throws {
        if let since, Timestamp.parse(since) == nil { throw ValidationError("--since must be ISO 8601, not '\(since)'") }
        if correctedOnly, !labels { throw ValidationError("--corrected-only goes with --labels") }
    }

    func run() throws {
        let r = try register.open(access: .readOnly)
        if labels {
            try writeLabels(r, since: since.flatMap(Timestamp.parse), correctedOnly: correctedOnly)
            return
        }
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
                          "investigate_by", "respond_by", "follow_up_by", "next_deadline", "last_note", "model_category", "corrected"]
            out.append(Data((header.joined(separator: ",") + "\n").utf8))
            for c in cases {
                let r = c.record
                let row = [c.id, r.receivedAt ?? "", r.channel.rawValue, r.language.rawValue, c.category.rawValue, c.department,
                           r.severity, String(r.escalation.level), String(r.repeatCount), (r.repeatOf ?? []).joined(separator: " "),
                           c.status.rawValue, r.customer.name ?? "", r.customer.email ?? "", r.customer.phone ?? "",
                           r.fields.orderNumbers.map(\.value).joined(separator: " "), r.due.investigateBy, r.due.respondBy,
                           r.due.followUpBy, c.nextDeadline ?? "", c.history.last(where: { $0.note != nil })?.note ?? "",
                           r.category.rawValue, c.corrected ? "true" : "false"]
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
