import ArgumentParser
import ComplaintIntake
import Dispatch
import Foundation

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Turn JSON Lines or CSV complaints into intake records, one output line per input line.",
        discussion: """
            Input lines are objects with "text" and optionally "id", "channel", "received_at", "subject" and \
            "customer" ({name, email, phone, tier}); CSV needs a header row and uses --text-field and --id-field. \
            Output is JSON Lines in input order. A line that cannot be processed yields an error record \
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

    @Option(name: .customLong("text-field"), help: "The field that holds the complaint text.")
    var textField = "text"

    @Option(name: .customLong("id-field"), help: "The field that holds the record id.")
    var idField = "id"

    @Option(help: "Channel for lines that do not name one.")
    var channel: ChannelArgument = .unknown

    @Option(help: "Worker threads (default: all cores).")
    var jobs: Int?

    @Option(name: .customLong("max-line-bytes"), help: "Longer input lines become error records (line_too_long).")
    var maxLineBytes = 10 * 1024 * 1024

    @Flag(name: .customLong("exit-zero"), help: "Exit 0 when some lines became error records (they stay in place), for Spark's RDD.pipe and cron jobs, where any other status fails the whole task.")
    var exitZero = false

    @OptionGroup var options: RecordOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxLineBytes < 1 { throw ValidationError("--max-line-bytes must be at least 1") }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let pipeline = try options.pipeline()
        let parser = BatchLineParser(textField: textField, idField: idField, channel: channel.channel)
        let intake = RecordMaker(pipeline: pipeline, register: try options.register(for: pipeline), reference: options.reference, explain: options.explain)
        let runner = BatchRunner(intake: intake, parser: parser, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        let interrupt = Interruption()
        let sources = files.isEmpty ? ["-"] : files
        var unreadable = false
        for path in sources {
            guard let handle = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path) else {
                stderr("intake batch: cannot read \(path)")
                unreadable = true
                continue
            }
            let keepGoing = runner.run(handle: handle, format: format, maxLineBytes: maxLineBytes, interrupt: interrupt)
            if !keepGoing { break }
        }
        runner.summary()
        if let sig = interrupt.caught { throw ExitCode(128 + sig) }
        if runner.outputFailed { throw ExitCode(74) }
        if unreadable { throw ExitCode(66) }
        if runner.errors > 0, !exitZero { throw ExitCode(65) }
    }
}
