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
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("max-line-bytes"), help: "Longer input lines become error records (line_too_long).")
    var maxLineBytes = 10 * 1024 * 1024

    @Flag(name: .customLong("exit-zero"), help: "Exit 0 when some lines became error records (they stay in place), for Spark's RDD.pipe and cron jobs, where any other status fails the whole task.")
    var exitZero = false

    @OptionGroup var options: RecordOptions

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxLineBytes < 1 { throw ValidationError("--max-line-bytes must be at least 1") }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let pipeline = try options.pipeline()
        let parser = BatchLineParser(textField: textField, idField: idField, channel: channel.channel)
        let intake = RecordMaker(pipeline: pipeline, register: try options.register(for: pipeline), reference: options.reference, explain: options.explain)
        let runner = BatchRunner(intake: intake, parser: parser, jobs: jobs)
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

/// Records SIGINT and SIGTERM so a batch can stop after flushing what it finished.
final class Interruption: @unchecked Sendable {
    private let lock = NSLock()
    private var received: Int32?
    private var sources: [DispatchSourceSignal] = []

    init() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in self?.lock.withLock { self?.received = sig } }
            source.resume()
            sources.append(source)
        }
    }

    var caught: Int32? { lock.withLock { received } }
}

/// Streams input lines through the library's batch engine and writes each chunk's lines in input order as it
/// finishes; every line read is written, as a record or an error record.
final class BatchRunner {
    let engine: BatchEngine<BatchLine, BatchOutcome>
    let parser: BatchLineParser
    let jobs: Int
    private(set) var errors = 0
    private(set) var records = 0
    private(set) var outputFailed = false
    private var closed = false
    private var categories: [String: Int] = [:]
    private var languages: [String: Int] = [:]
    private var errorCodes: [String: Int] = [:]
    private let started = Date()
    private let progress = isatty(2) == 1

    init(intake: RecordMaker, parser: BatchLineParser, jobs: Int) {
        self.parser = parser
        self.jobs = jobs
        let processor = BatchLineProcessor(parser: parser) { try intake.record($0) }
        engine = BatchEngine(workers: jobs) { processor.process }
    }

    var chunkSize: Int { 256 * jobs }

    /// Returns false when the run must stop (output closed or interrupted). Every line read is written, as a record or
    /// an error record, before it returns.
    func run(handle: FileHandle, format: BatchReader.Format, maxLineBytes: Int, interrupt: Interruption) -> Bool {
        var reader = BatchReader(format: format, parser: parser, maxLineBytes: maxLineBytes)
        var pending: [BatchLine] = []
        func add(_ lines: [BatchLine]) -> Bool {
            for line in lines {
                pending.append(line)
                if pending.count >= chunkSize {
                    for done in engine.submit(pending) { emit(done) }
                    pending.removeAll(keepingCapacity: true)
                    if closed || interrupt.caught != nil { return false }
                }
            }
            return true
        }
        reading: while true {
            let data: Data
            do { data = try handle.read(upToCount: 1 << 20) ?? Data() } catch {
                stderr("intake batch: read error: \(error.localizedDescription)")
                break
            }
            if data.isEmpty { break }
            if !add(reader.feed([UInt8](data))) { break reading }
        }
        if !closed, interrupt.caught == nil { _ = add(reader.finish()) }
        if !pending.isEmpty { for done in engine.submit(pending) { emit(done) } }
        for done in engine.finish() { emit(done) }
        return !closed && interrupt.caught == nil
    }

    private func emit(_ outcomes: [BatchOutcome]) {
        var out = Data()
        out.reserveCapacity(outcomes.count * 2048)
        for o in outcomes {
            switch o {
            case .record(let category, let language, let d):
                records += 1
                categories[category.rawValue, default: 0] += 1
                languages[language.rawValue, default: 0] += 1
                out.append(d)
            case .failure(let code, let d):
                errors += 1
                errorCodes[code, default: 0] += 1
                out.append(d)
            }
        }
        write(out)
        if progress { FileHandle.standardError.write(Data("\r\(records + errors) lines, \(errors) errors".utf8)) }
    }

    private func write(_ data: Data) {
        guard !closed else { return }
        data.withUnsafeBytes { (p: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < p.count {
                let n = Foundation.write(1, p.baseAddress! + offset, p.count - offset)
                if n > 0 { offset += n; continue }
                if n < 0, errno == EINTR { continue }
                if errno == EPIPE { closed = true; return }
                stderr("intake batch: cannot write the output: \(String(cString: strerror(errno)))")
                outputFailed = true
                closed = true
                return
            }
        }
    }

    func summary() {
        if progress { FileHandle.standardError.write(Data("\r".utf8)) }
        let seconds = max(Date().timeIntervalSince(started), 1e-6)
        let total = records + errors
        func list(_ d: [String: Int]) -> String { d.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") }
        var s = "intake batch: \(total) lines, \(records) records, \(errors) errors in \(String(format: "%.2f", seconds)) s (\(Int(Double(total) / seconds)) lines/s)"
        if !categories.isEmpty { s += "\n  categories: " + list(categories) }
        if !languages.isEmpty { s += "\n  languages: " + list(languages) }
        if !errorCodes.isEmpty { s += "\n  errors: " + list(errorCodes) }
        if closed, !outputFailed { s += "\n  the output was closed; stopped early" }
        stderr(s)
    }
}

extension BatchReader.Format: ExpressibleByArgument {}
