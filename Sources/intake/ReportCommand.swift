import ArgumentParser
import ComplaintIntake
import ComplaintRegister
import Foundation
import IntakeReport

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The analysis report of a register: volume and trends by type, handling times against the deadlines, remedies and satisfaction.",
        discussion: """
            Counts the complaints received from --from through --to (UTC days or ISO 8601 times; a day includes all of \
            it), per week (Monday to Sunday) or month, empty periods included; overdue cases are measured at --at over the \
            whole register, as intake due --overdue lists them. JSON is the contract; CSV gives the same tables (one file \
            each in the --out folder, or one after another on standard output, each after a '# name' line); HTML is one \
            self-contained page with SVG charts, in the --locale's words (lexicons/report/labels.tsv).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case html, json, csv }

    @Option(help: ArgumentHelp("The first day (or time) included.", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("The last day (or time) included.", valueName: "date"))
    var to: String?

    @Option(help: "Count by week or month.")
    var by: PeriodGrain = .week

    @Option(help: ArgumentHelp("The time overdue cases are measured at, ISO 8601 (default: now).", valueName: "time"))
    var at: String?

    @Option(help: "Output format.")
    var format: Format = .html

    @Option(help: ArgumentHelp("Write to this file (for csv: this folder, one file per table) instead of standard output.", valueName: "path"))
    var out: String?

    @Option(help: "The language of the HTML page's labels.")
    var locale: ReportLabels.Locale = .en

    @Option(help: ArgumentHelp("A folder laid out like lexicons/ whose report/ labels and templates replace the built-in ones.", valueName: "dir"))
    var lexicons: String?

    @Option(help: ArgumentHelp("A policy file (JSON or TOML) for the deadlines shown beside the handling times.", valueName: "file"))
    var policy: String?

    @OptionGroup var register: RegisterOption

    @Flag(help: "Indent the JSON.")
    var pretty = false

    func validate() throws {
        do { _ = try request() } catch { throw ValidationError(error.description) }
    }

    func request() throws(ReportError) -> ReportRequest {
        try ReportRequest(from: from, to: to, grain: by, at: at)
    }

    func run() throws {
        let request = try request()
        let store: DataStore
        let policy: Policy
        do {
            store = try lexicons.map { try DataStore.builtIn().overlaid(with: $0) } ?? .builtIn()
            var p = try Policy.builtIn(store: store)
            if let path = self.policy { p = try Policy.load(path: path, over: p) }
            policy = p
        } catch {
            throw CLIError.data(String(describing: error))
        }
        let report: ComplaintReport
        do { report = try ReportBuilder(policy: policy).report(of: try openRegister(), request) } catch let e as CLIError { throw e } catch {
            throw registerFailure(error)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty || format == .html ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
        switch format {
        case .json:
            try emit(Data(json.utf8))
        case .html:
            do {
                let html = try ReportHTML(labels: try ReportLabels(locale: locale, store: store), store: store).render(report, json: json)
                try emit(Data(html.utf8))
            } catch let e as ReportError { throw CLIError.data(e.description) }
        case .csv:
            let tables = ReportCSV.tables(report)
            if let out {
                do {
                    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                    for t in tables { try Data(t.csv.utf8).write(to: URL(fileURLWithPath: out).appendingPathComponent(t.name), options: .atomic) }
                } catch {
                    throw CLIError.output("cannot write the tables into \(out): \(error.localizedDescription)")
                }
            } else {
                try writeOutput(Data(tables.map { "# \($0.name)\n\($0.csv)" }.joined(separator: "\n").utf8))
            }
        }
    }

    /// The register read-only; one of an older schema is migrated once (the report needs the columns it adds).
    private func openRegister() throws -> ComplaintRegister {
        let r = try register.open(access: .readOnly)
        if try r.hasReportColumns() { return r }
        do {
            return try ComplaintRegister(path: register.db, access: .readWrite)
        } catch {
            throw CLIError.data("\(error.code): \(register.db) is a register of an older version and must be upgraded once before a report (\(error.description)); run the report once with write access to the file")
        }
    }

    private func emit(_ data: Data) throws {
        guard let out else { return try writeOutput(data) }
        do { try data.write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
            throw CLIError.output("cannot write \(out): \(error.localizedDescription)")
        }
    }
}

extension PeriodGrain: ExpressibleByArgument {}
extension ReportLabels.Locale: ExpressibleByArgument {}
