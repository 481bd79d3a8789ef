import ArgumentParser
import ComplaintIntake
import Dispatch
import Foundation

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Turn JSON Lines or CSV complaints into intake records, one output line per input line.",
        discussion: """
            Input lines are objects with "text" and optionally "id", "channel", "received_at", "subject", \
            "reply_to" and "customer" ({name, email, phone, tier}); CSV needs a header row. A desk's own column \
            (CSV) or key (JSON) is named with --field NAME=COLUMN, e.g. --field text=mensaje --field \
            received_at=fecha --field customer.email=correo; a mapped column missing from the header stops the run \
            with one error naming the header's columns (exit 65) before any row is read. received_at is ISO 8601, \
            year-first (2026/11/22 09:30) or day-first (22/11/2026 09:30), in --timezone when it has no offset. \
            Output is JSON Lines in input order (indented with --pretty). A line that cannot be processed yields an error record \
            {"line", "id", "error": {"code", "message"}} in its place and the run goes on. A summary goes to \
            standard error. Exit status: 0 all processed, 65 some lines were invalid (0 with --exit-zero), 66 an input \
            cannot be read, 64 bad usage, 74 the output cannot be written, 75 the register is busy or the disk \
            full, 130/143 interrupted (finished records are flushed).
            """
    )


    @Argument(help: "Input files; '-' or none reads standard input.")
    var files: [String] = []

    @Option(help: "Input format.")
    var format: BatchReader.Format = .jsonl

    @Option(name: .customLong("field"), help: ArgumentHelp(
        "Read a field from the desk's own column or key (repeatable). Fields: \(BatchField.allCases.map(\.rawValue).joined(separator: ", ")).",
        valueName: "name=column"))
    var fields: [String] = []

    @Option(name: .customLong("text-field"), help: ArgumentHelp("The column that holds the complaint text (short for --field text=COLUMN).", valueName: "column"))
    var textField = "text"

    @Option(name: .customLong("id-field"), help: ArgumentHelp("The column that holds the record id (short for --field id=COLUMN).", valueName: "column"))
    var idField = "id"

    @Option(help: ArgumentHelp("The zone of received_at values without an offset: an IANA name (Europe/Madrid, Asia/Shanghai), UTC or +08:00.", valueName: "zone"))
    var timezone = "UTC"

    @Option(help: "Channel for lines that do not name one.")
    var channel: ChannelArgument = .unknown

    @Option(help: "Worker threads (default: all cores).")
    var jobs: Int?

    @Option(name: .customLong("max-line-bytes"), help: "Longer input lines become error records (line_too_long).")
    var maxLineBytes = 10 * 1024 * 1024

    @Flag(name: .shortAndLong, help: "No progress line on a terminal (the summary still goes to standard error).")
    var quiet = false

    @Flag(name: .customLong("exit-zero"), help: "Exit 0 when some lines became error records (they stay in place), for Spark's RDD.pipe and cron jobs, where any other status fails the whole task.")
    var exitZero = false

    @OptionGroup var options: RecordOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxLineBytes < 1 { throw ValidationError("--max-line-bytes must be at least 1") }
        _ = try columns()
        if ReceivedTimeReader.zone(named: timezone) == nil {
            throw ValidationError("--timezone must be an IANA zone name (Europe/Madrid, America/Mexico_City, Asia/Shanghai), UTC or an offset such as +08:00, not '\(timezone)'")
        }
    }

    /// The --field mappings, over the --text-field and --id-field shorthands.
    func columns() throws -> BatchFieldMap {
        var map = BatchFieldMap()
        if textField != "text" { map.map(.text, to: textField) }
        if idField != "id" { map.map(.id, to: idField) }
        for spec in fields {
            do {
                let (field, column) = try BatchFieldMap.mapping(spec)
                map.map(field, to: column)
            } catch { throw ValidationError("--field: \(error.description)") }
        }
        return map
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let pipeline = try options.pipeline()
        let parser = BatchLineParser(channel: channel.channel, columns: try columns(),
                                     times: ReceivedTimeReader(timeZone: ReceivedTimeReader.zone(named: timezone)!))
        let intake = RecordMaker(pipeline: pipeline, register: try options.register(for: pipeline), reference: options.reference, explain: options.explain)
        let runner = BatchRunner(intake: intake, parser: parser, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                 pretty: options.pretty, progress: !quiet && isatty(2) == 1 ? BatchProgress() : nil)
        let interrupt = Interruption()
        let sources = files.isEmpty ? ["-"] : files
        var unreadable = false
        for path in sources {
            guard let handle = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path) else {
                stderr("intake batch: cannot read \(path)")
                unreadable = true
                continue
            }
            let keepGoing: Bool
            do { keepGoing = try runner.run(handle: handle, format: format, maxLineBytes: maxLineBytes, interrupt: interrupt) } catch {
                let hint = error.code == "missing_column" ? "; name the columns with --field NAME=COLUMN" : ""
                throw CLIError.input("\(path == "-" ? "standard input" : path): \(error.code): \(error.description)\(hint)")
            }
            if !keepGoing { break }
        }
        runner.summary()
        if let sig = interrupt.caught { throw ExitCode(128 + sig) }
        if runner.outputFailed { throw ExitCode(74) }
        if unreadable { throw ExitCode(66) }
        if runner.errors > 0, !exitZero { throw ExitCode(65) }
    }
}
