import Foundation
import IntakeCore
import IntakeInput
import IntakeText

/// One input line of a batch, as read: a JSON line is parsed by the worker that processes it, so that parsing runs on
/// all cores; a CSV row is parsed by the reader, which knows the header.
public struct BatchLine: Sendable {
    public enum Content: Sendable {
        case json([UInt8])
        /// A row already read, with the id it gives when it could not become a message.
        case parsed(Result<Message, InputError>, id: String?)
    }

    /// The line (JSON Lines) or the row's first line (CSV), counted from 1.
    public let number: Int
    public let content: Content

    public init(number: Int, content: Content) {
        self.number = number
        self.content = content
    }
}

/// What one batch line became: a record or an error record, as the JSON line to write, with what a summary counts.
public enum BatchOutcome: Sendable {
    case record(category: Category, language: Language, line: Data)
    case failure(code: String, line: Data)
}

/// Splits a batch stream (JSON Lines or CSV with a header row) fed in chunks of any size into ``BatchLine``s. Every
/// line or row of the input yields exactly one, in order: a line that cannot be read yields its error.
public struct BatchReader: Sendable {
    public enum Format: String, Sendable, CaseIterable { case jsonl, csv }

    public let format: Format
    public let parser: BatchLineParser
    private var csv: CSVRecordSplitter
    private var lines: JSONLinesSplitter
    private var header: [String]?

    public init(format: Format, parser: BatchLineParser, maxLineBytes: Int) {
        self.format = format
        self.parser = parser
        csv = CSVRecordSplitter(maxRecordBytes: maxLineBytes)
        lines = JSONLinesSplitter(maxLineBytes: maxLineBytes)
    }

    /// Feeds bytes; returns the lines they complete.
    /// - Throws: ``InputError/missingColumns(_:header:)`` when a CSV header lacks a mapped column (or the text
    ///   column), before any row is read; the reader yields nothing more.
    public mutating func feed(_ chunk: [UInt8]) throws(InputError) -> [BatchLine] {
        switch format {
        case .csv: return try rows(csv.feed(chunk))
        case .jsonl: return lines.feed(chunk).map(line)
        }
    }

    /// The last lines, when the input does not end with a line break.
    /// - Throws: as ``feed(_:)``, for a header that is the input's only line.
    public mutating func finish() throws(InputError) -> [BatchLine] {
        switch format {
        case .csv: return try rows(csv.finishInput())
        case .jsonl: return lines.finishInput().map { [line($0)] } ?? []
        }
    }

    private mutating func rows(_ records: [CSVRecordSplitter.Record]) throws(InputError) -> [BatchLine] {
        var out: [BatchLine] = []
        for r in records {
            if header == nil {
                let names = try r.fields.get().map { $0.trimmingSpaces() }
                try parser.columns.check(header: names)
                header = names
                continue
            }
            if let line = row(r) { out.append(line) }
        }
        return out
    }

    private func line(_ l: JSONLinesSplitter.Line) -> BatchLine {
        switch l.bytes {
        case .failure(let e): return BatchLine(number: l.number, content: .parsed(.failure(e), id: nil))
        case .success(let b) where b.allSatisfy({ $0 == 0x20 || $0 == 0x09 }):
            return BatchLine(number: l.number, content: .parsed(.failure(.noText(field: parser.textField)), id: nil))
        case .success(let b): return BatchLine(number: l.number, content: .json(b))
        }
    }

    /// A CSV row as a line; nil for blank rows.
    private func row(_ r: CSVRecordSplitter.Record) -> BatchLine? {
        guard let h = header else { return nil }
        switch r.fields {
        case .failure(let e): return BatchLine(number: r.line, content: .parsed(.failure(e), id: nil))
        case .success(let values):
            if values == [""] { return nil }
            var o: [String: Any] = [:]
            for (k, v) in zip(h, values) { o[k] = v }
            do throws(InputError) {
                guard values.count == h.count else { throw InputError.badCSV("\(values.count) fields where the header has \(h.count)") }
                return BatchLine(number: r.line, content: .parsed(.success(try parser.message(fields: o)), id: nil))
            } catch {
                return BatchLine(number: r.line, content: .parsed(.failure(error), id: try? parser.id(in: o)))
            }
        }
    }
}

/// The per-line work of a batch: parse the line, make its record (through the caller's `record`, which may store it
/// in a register), and encode the record or the error record as one JSON line.
public struct BatchLineProcessor: Sendable {
    public let parser: BatchLineParser
    public let record: @Sendable (Message) throws -> IntakeRecord
    /// Write each record and error record indented over several lines (for reading, not for JSON Lines tools).
    public var pretty = false

    public init(parser: BatchLineParser, record: @escaping @Sendable (Message) throws -> IntakeRecord) {
        self.parser = parser
        self.record = record
    }

    public func process(_ line: BatchLine) -> BatchOutcome {
        let parsed: Result<Message, InputError>
        var givenID: String?
        switch line.content {
        case .parsed(let r, let id):
            parsed = r
            givenID = id
        case .json(let bytes):
            do throws(InputError) { parsed = .success(try parser.message(json: bytes[...])) } catch {
                parsed = .failure(error)
                givenID = parser.id(json: bytes[...])
            }
        }
        switch parsed {
        case .failure(let e): return Self.failure(line.number, e.code, e.description, id: givenID, pretty: pretty)
        case .success(let m):
            do {
                let r = try record(m)
                return .record(category: r.category, language: r.language, line: Self.encode(r, pretty: pretty))
            } catch let e as IntakeError {
                return Self.failure(line.number, e.code, e.description, id: m.id, pretty: pretty)
            } catch let e as any CodedError {
                return Self.failure(line.number, e.code, e.description, id: m.id, pretty: pretty)
            } catch {
                return Self.failure(line.number, "internal_error", String(describing: error), id: m.id, pretty: pretty)
            }
        }
    }

    static func encode(_ r: IntakeRecord, pretty: Bool = false) -> Data {
        if !pretty, let bytes = r.jsonLine() { return Data(bytes) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        var d = (try? encoder.encode(r)) ?? Data("{\"id\":\"\(r.id)\",\"error\":{\"code\":\"internal_error\"}}".utf8)
        d.append(0x0A)
        return d
    }

    static func failure(_ line: Int, _ code: String, _ message: String, id: String?, pretty: Bool = false) -> BatchOutcome {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        var d = (try? encoder.encode(ErrorRecord(line: line, id: id, error: .init(code: code, message: message))))
            ?? Data("{\"line\":\(line),\"error\":{\"code\":\"internal_error\"}}".utf8)
        d.append(0x0A)
        return .failure(code: code, line: d)
    }
}

/// An error with a stable code for error records, so that layers above the pipeline (the register) report theirs
/// without the batch engine knowing them.
public protocol CodedError: Error, CustomStringConvertible {
    var code: String { get }
}
