import ArgumentParser
import ComplaintIntake
import Dispatch
import Foundation

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
    private var progress: BatchProgress?

    init(intake: RecordMaker, parser: BatchLineParser, jobs: Int, pretty: Bool = false, progress: BatchProgress? = nil) {
        self.parser = parser
        self.jobs = jobs
        self.progress = progress
        var processor = BatchLineProcessor(parser: parser) { try intake.record($0) }
        processor.pretty = pretty
        let lineProcessor = processor
        engine = BatchEngine(workers: jobs) { lineProcessor.process }
    }

    var chunkSize: Int { 256 * jobs }

    /// Returns false when the run must stop (output closed or interrupted). Every line read is written, as a record or
    /// an error record, before it returns.
    /// - Throws: the reader's error for a CSV header that lacks a mapped column, before any row is processed.
    func run(handle: FileHandle, format: BatchReader.Format, maxLineBytes: Int, interrupt: Interruption) throws(InputError) -> Bool {
        var reader = BatchReader(format: format, parser: parser, maxLineBytes: maxLineBytes)
        progress?.start(file: handle)
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
            let lines = try reader.feed([UInt8](data))
            progress?.read(bytes: data.count, lines: lines.count)
            if !add(lines) { break reading }
        }
        if !closed, interrupt.caught == nil { _ = add(try reader.finish()) }
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
        progress?.done(lines: outcomes.count, errors: errors)
    }

    private func write(_ data: Data) {
        guard !closed, let failure = writeAll(data) else { return }
        closed = true
        // A reader that went away (head, a closed pipe) ends the run quietly; anything else is an output failure.
        guard failure != EPIPE else { return }
        stderr("intake batch: cannot write the output: \(String(cString: strerror(failure)))")
        outputFailed = true
    }

    func summary() {
        progress?.clear()
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
