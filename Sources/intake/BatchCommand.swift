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

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, csv }

    @Argument(help: "Input files; '-' or none reads standard input.")
    var files: [String] = []

    @Option(help: "Input format.")
    var format: Format = .jsonl

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

/// Streams input lines through the pipeline in chunks: the workers take the lines of each chunk, and each chunk is
/// written in input order once all its lines are done, so memory holds at most three chunks whatever the input size.
final class BatchRunner {
    let intake: RecordMaker
    let parser: BatchLineParser
    let jobs: Int
    let encoder: RecordEncoder
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
        self.intake = intake
        self.parser = parser
        self.jobs = jobs
        encoder = RecordEncoder(pretty: false)
    }

    struct Item: Sendable {
        let line: Int
        let input: Input
    }

    /// A line as read: a JSON line is parsed by the worker that processes it, so that parsing runs on all cores.
    enum Input: Sendable {
        case json([UInt8])
        /// A line parsed by the reader, with the id it gives when it could not become a message.
        case parsed(Result<Message, InputError>, id: String? = nil)
    }

    enum Outcome: Sendable {
        /// What the summary counts, and the line to print: the record itself is not kept until the chunk is written.
        case record(category: Category, language: Language, Data)
        case failure(code: String, Data)
    }

    var chunkSize: Int { 256 * jobs }

    /// Returns false when the run must stop (output closed or interrupted). Every line read is written, as a record or
    /// an error record, before it returns.
    func run(handle: FileHandle, format: BatchCommand.Format, maxLineBytes: Int, interrupt: Interruption) -> Bool {
        read(handle: handle, format: format, maxLineBytes: maxLineBytes, interrupt: interrupt)
        finishWriting()
        return !closed && interrupt.caught == nil
    }

    /// Reads lines and hands them to the workers a chunk at a time, until the input ends or the run must stop.
    private func read(handle: FileHandle, format: BatchCommand.Format, maxLineBytes: Int, interrupt: Interruption) {
        var pending: [Item] = []
        var csv = CSVRecordSplitter(maxRecordBytes: maxLineBytes)
        var lines = JSONLinesSplitter(maxLineBytes: maxLineBytes)
        var header: [String]?
        func add(_ item: Item) -> Bool {
            pending.append(item)
            if pending.count >= chunkSize {
                flush(pending)
                pending.removeAll(keepingCapacity: true)
                if closed || interrupt.caught != nil { return false }
            }
            return true
        }
        func csvRecord(_ r: CSVRecordSplitter.Record) -> Bool {
            guard let h = header else {
                if case .success(let names) = r.fields { header = names.map { $0.trimmingCharacters(in: .whitespaces) } }
                else { header = [] }
                return true
            }
            switch r.fields {
            case .failure(let e): return add(Item(line: r.line, input: .parsed(.failure(e))))
            case .success(let values):
                if values == [""] { return true }
                var o: [String: Any] = [:]
                for (k, v) in zip(h, values) { o[k] = v }
                do throws(InputError) {
                    guard values.count == h.count else { throw InputError.badCSV("\(values.count) fields where the header has \(h.count)") }
                    return add(Item(line: r.line, input: .parsed(.success(try parser.message(fields: o)))))
                } catch {
                    return add(Item(line: r.line, input: .parsed(.failure(error), id: try? parser.id(in: o))))
                }
            }
        }
        func jsonLine(_ l: JSONLinesSplitter.Line) -> Bool {
            let line: [UInt8]
            switch l.bytes {
            case .failure(let e): return add(Item(line: l.number, input: .parsed(.failure(e))))
            case .success(let b): line = b
            }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                return add(Item(line: l.number, input: .parsed(.failure(.noText(field: parser.textField)))))
            }
            return add(Item(line: l.number, input: .json(line)))
        }
        while true {
            let data: Data
            do { data = try handle.read(upToCount: 1 << 20) ?? Data() } catch {
                stderr("intake batch: read error: \(error.localizedDescription)")
                break
            }
            if data.isEmpty { break }
            let chunk = [UInt8](data)
            if format == .csv {
                for r in csv.feed(chunk) where !csvRecord(r) { return }
                continue
            }
            for l in lines.feed(chunk) where !jsonLine(l) { return }
        }
        if format == .csv { for r in csv.finishInput() where !csvRecord(r) { return } }
        if format == .jsonl, let l = lines.finishInput() { _ = jsonLine(l) }
        if !pending.isEmpty { flush(pending) }
    }

    /// A chunk of lines, the outcomes the workers write for it, and the signal that all of them are in.
    final class Chunk: @unchecked Sendable {
        let items: [Item]
        let outcomes: ResultSlots<Outcome>
        let done = DispatchSemaphore(value: 0)
        // Guarded by the queue's lock.
        fileprivate var handedOut = 0
        fileprivate var remaining: Int

        init(_ items: [Item]) {
            self.items = items
            outcomes = ResultSlots(count: items.count)
            remaining = items.count
        }
    }

    /// Chunks handed to the workers and not yet written, oldest first.
    private var inFlight: [Chunk] = []
    /// The worker threads' queue; nil with one worker, when everything runs on this thread so that `--jobs 1`
    /// uses one core.
    private var queue: WorkQueue?

    /// Hands `items` to the workers and writes the chunks they have finished, keeping two in flight so that the
    /// workers always have lines while this thread reads and writes.
    private func flush(_ items: [Item]) {
        // An empty chunk would never be done: no worker would finish a line of it.
        guard !items.isEmpty else { return }
        let chunk = Chunk(items)
        guard jobs > 1 else {
            let processor = BatchProcessor(intake: intake, parser: parser)
            for i in items.indices { chunk.outcomes[i] = processor.process(items[i], encoder: encoder) }
            emit(chunk)
            return
        }
        if queue == nil { queue = WorkQueue(workers: jobs, processor: BatchProcessor(intake: intake, parser: parser)) }
        queue!.submit(chunk)
        inFlight.append(chunk)
        while inFlight.count > 2 {
            let oldest = inFlight.removeFirst()
            oldest.done.wait()
            emit(oldest)
        }
    }

    private func finishWriting() {
        for chunk in inFlight {
            chunk.done.wait()
            emit(chunk)
        }
        inFlight = []
        queue?.close()
        queue = nil
    }

    private func emit(_ chunk: Chunk) {
        var out = Data()
        out.reserveCapacity(chunk.outcomes.count * 2048)
        for o in chunk.outcomes.values {
            switch o! {
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

/// The lines of the chunks in flight, handed to long-lived worker threads one at a time, oldest chunk first. A worker
/// that finds a chunk all taken moves on to the next, so none waits for another's last line; each worker keeps its
/// thread, its record encoder and (through the pipeline's pool) its ICU handles for the whole run.
final class WorkQueue: @unchecked Sendable {
    // Guards `chunks`, `closed` and each chunk's counters.
    private let condition = NSCondition()
    private var chunks: [BatchRunner.Chunk] = []
    private var closed = false
    private let finished = DispatchGroup()

    init(workers: Int, processor: BatchProcessor) {
        for _ in 0..<workers {
            finished.enter()
            let thread = Thread { [self] in
                let encoder = RecordEncoder(pretty: false)
                while let (chunk, i) = next() {
                    let outcome = processor.process(chunk.items[i], encoder: encoder)
                    chunk.outcomes[i] = outcome
                    finish(chunk)
                }
                finished.leave()
            }
            thread.start()
        }
    }

    func submit(_ chunk: BatchRunner.Chunk) {
        condition.withLock {
            chunks.append(chunk)
            condition.broadcast()
        }
    }

    /// Stops the workers once every line is taken, and waits for them.
    func close() {
        condition.withLock {
            closed = true
            condition.broadcast()
        }
        finished.wait()
    }

    private func next() -> (BatchRunner.Chunk, Int)? {
        condition.withLock {
            while true {
                while let first = chunks.first, first.handedOut == first.items.count { chunks.removeFirst() }
                if let first = chunks.first {
                    defer { first.handedOut += 1 }
                    return (first, first.handedOut)
                }
                if closed { return nil }
                condition.wait()
            }
        }
    }

    private func finish(_ chunk: BatchRunner.Chunk) {
        let last = condition.withLock {
            chunk.remaining -= 1
            return chunk.remaining == 0
        }
        if last { chunk.done.signal() }
    }
}

/// The per-line work of a batch, shared by the worker threads.
struct BatchProcessor: Sendable {
    let intake: RecordMaker
    let parser: BatchLineParser

    func process(_ item: BatchRunner.Item, encoder: RecordEncoder) -> BatchRunner.Outcome {
        func failure(_ code: String, _ message: String, id: String?) -> BatchRunner.Outcome {
            let d = (try? encoder.line(ErrorRecord(line: item.line, id: id, error: .init(code: code, message: message)))) ?? Data("{\"line\":\(item.line),\"error\":{\"code\":\"internal_error\"}}\n".utf8)
            return .failure(code: code, d)
        }
        let parsed: Result<Message, InputError>
        var givenID: String?
        switch item.input {
        case .parsed(let r, let id): parsed = r; givenID = id
        case .json(let bytes):
            do throws(InputError) { parsed = .success(try parser.message(json: bytes[...])) } catch {
                parsed = .failure(error)
                givenID = parser.id(json: bytes[...])
            }
        }
        switch parsed {
        case .failure(let e): return failure(e.code, e.description, id: givenID)
        case .success(let m):
            do {
                let r = try intake.record(m)
                return .record(category: r.category, language: r.language, try encoder.line(r))
            } catch {
                let (code, message) = error.codeAndMessage
                return failure(code, message, id: m.id)
            }
        }
    }

}
