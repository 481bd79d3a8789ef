import IntakeCore
import IntakeText
import Foundation

/// Why one batch input line could not become a message.
public enum InputError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidUTF8(offset: Int)
    case badJSON(String)
    case notAnObject
    case noText(field: String)
    case badField(name: String, reason: String)
    case lineTooLong(bytes: Int, limit: Int)
    case badCSV(String)
    /// The CSV header lacks mapped columns (each named with its field); the header's own columns follow.
    case missingColumns([String], header: [String])

    /// A stable code for error records (documented in the README).
    public var code: String {
        switch self {
        case .invalidUTF8: "invalid_utf8"
        case .badJSON: "bad_json"
        case .notAnObject: "not_an_object"
        case .noText: "no_text"
        case .badField: "bad_field"
        case .lineTooLong: "line_too_long"
        case .badCSV: "bad_csv"
        case .missingColumns: "missing_column"
        }
    }

    public var description: String {
        switch self {
        case .invalidUTF8(let offset): "the line is not valid UTF-8 (first bad byte at offset \(offset))"
        case .badJSON(let m): "the line is not valid JSON: \(m)"
        case .notAnObject: "the line is JSON but not an object; expected {\"text\": ...}"
        case .noText(let field): "the line has no text in the field '\(field)'"
        case .badField(let name, let reason): "the field '\(name)' \(reason)"
        case .lineTooLong(let bytes, let limit): "the line has \(bytes) bytes, over the limit of \(limit)"
        case .badCSV(let m): "the CSV record is malformed: \(m)"
        case .missingColumns(let missing, let header):
            "the CSV header has no column \(missing.joined(separator: ", ")); its columns are "
                + (header.isEmpty ? "none" : header.map { "'\($0)'" }.joined(separator: ", "))
        }
    }
}

/// Turns one batch input line (JSON Lines or a CSV record) into a ``Message``.
public struct BatchLineParser: Sendable {
    /// The columns of the fields a desk names its own way.
    public var columns: BatchFieldMap
    public var channel: Channel
    /// How `received_at` is read (its forms, and the zone of values without an offset).
    public var times: ReceivedTimeReader

    public init(textField: String = "text", idField: String = "id", channel: Channel = .unknown,
                columns: BatchFieldMap = BatchFieldMap(), times: ReceivedTimeReader = ReceivedTimeReader()) {
        var map = columns
        if textField != "text", map[.text] == nil { map.map(.text, to: textField) }
        if idField != "id", map[.id] == nil { map.map(.id, to: idField) }
        self.columns = map
        self.channel = channel
        self.times = times
    }

    /// The column (or key) the text is read from.
    public var textField: String { columns.textColumn }
    /// The column (or key) the id is read from.
    public var idField: String { columns[.id] ?? "id" }

    /// The offset of the first byte that is not valid UTF-8, or nil.
    public static func invalidUTF8Offset(_ bytes: some Collection<UInt8>) -> Int? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var it = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s): offset += UTF8.width(s)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// Parses a JSON Lines line: `{"text", "id"?, "channel"?, "received_at"?, "customer"?: {name, email, phone, tier}}`.
    public func message(json line: ArraySlice<UInt8>) throws(InputError) -> Message {
        // The quick reader validates the UTF-8 of what it reads and refuses the rest, so a line it takes is valid.
        if let o = SimpleJSON.object(line) { return try message(fields: o) }
        if let bad = Self.invalidUTF8Offset(line) { throw .invalidUTF8(offset: bad) }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed]) } catch {
            throw .badJSON((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "cannot parse it")
        }
        guard let o = object as? [String: Any] else { throw .notAnObject }
        return try message(fields: o)
    }

    /// Builds a message from named fields (a JSON object or a CSV row).
    public func message(fields o: [String: Any]) throws(InputError) -> Message {
        let text: String
        let textValue = value(o, textField)
        switch textValue {
        case nil, is NSNull: throw .noText(field: textField)
        case let t as String where t.isEmpty: throw .noText(field: textField)
        case let t as String: text = t
        default: throw .badField(name: textField, reason: "must be a string, not \(Self.kind(textValue))")
        }
        var m = Message(channel: channel, text: text)
        m.id = try id(in: o)
        if let c = try field(o, .channel), !c.isEmpty {
            guard let ch = Channel(rawValue: c.lowercased()) else { throw .badField(name: column(.channel), reason: "must be email, web, social or phone, not '\(c)'") }
            m.channel = ch
        }
        if let r = try field(o, .receivedAt), !r.isEmpty {
            guard let d = times.date(r) else {
                throw .badField(name: column(.receivedAt), reason: "must be ISO 8601 (2026-11-22T09:30:00+01:00), year-first (2026/11/22 09:30) or day-first (22/11/2026 09:30), not '\(r)'")
            }
            m.receivedAt = d
        }
        m.subject = try field(o, .subject)
        if let r = try field(o, .replyTo), !r.isEmpty { m.replyTo = r.trimmingSpaces() }
        switch o["customer"] {
        case nil, is NSNull: break
        case let c as [String: Any]:
            m.customer = Customer(name: try string(c, "name", in: "customer."), email: try string(c, "email", in: "customer."),
                                  phone: try string(c, "phone", in: "customer."), tier: try string(c, "tier", in: "customer."))
        default: throw .badField(name: "customer", reason: "must be an object {name, email, phone, tier}, not \(Self.kind(o["customer"]))")
        }
        // Mapped columns first; else the flat forms: customer_name, … in JSON; name, email, phone, tier columns in CSV.
        let customerFields: [(BatchField, String, WritableKeyPath<Customer, String?>)] = [
            (.customerName, "name", \.name), (.customerEmail, "email", \.email), (.customerPhone, "phone", \.phone), (.tier, "tier", \.tier),
        ]
        for (f, key, path) in customerFields {
            var flat: String?
            if columns[f] != nil { flat = try field(o, f) } else {
                flat = try string(o, "customer_" + key)
                if flat == nil, key != textField, key != idField { flat = try string(o, key) }
            }
            if let v = flat?.trimmingSpaces(), !v.isEmpty { m.customer[keyPath: path] = v }
        }
        if let t = m.customer.tier, !["A", "B", "C"].contains(t) {
            throw .badField(name: column(.tier, default: "customer.tier"), reason: "must be A, B or C, not '\(t)'")
        }
        return m
    }

    private func column(_ f: BatchField, default name: String? = nil) -> String { columns[f] ?? name ?? f.rawValue }

    /// A field by its mapped column, or by its usual name.
    private func field(_ o: [String: Any], _ f: BatchField) throws(InputError) -> String? {
        let key = column(f)
        let v = value(o, key)
        switch v {
        case nil, is NSNull: return nil
        case let s as String: return s
        default: throw .badField(name: key, reason: "must be a string, not \(Self.kind(v))")
        }
    }

    /// `o[key]`, or for a dotted key that no field has whole, the value down the nested objects it names.
    private func value(_ o: [String: Any], _ key: String) -> Any? {
        if let v = o[key] { return v }
        // The UTF-8 test, not `contains(".")`, which with Foundation imported is a substring search through NSString
        // (thousands of instructions for each field a line does not have).
        guard key.utf8.contains(UInt8(ascii: ".")) else { return nil }
        var current: Any? = o
        for part in key.split(separator: ".", omittingEmptySubsequences: false) {
            guard let d = current as? [String: Any] else { return nil }
            current = d[String(part)]
        }
        return current
    }

    /// The line's id as given (a string or a number), nil when it gives none.
    public func id(in o: [String: Any]) throws(InputError) -> String? {
        let v = value(o, idField)
        switch v {
        case nil, is NSNull: return nil
        case let s as String: return s
        case let n as NSNumber where !(n is Bool): return n.stringValue
        default: throw .badField(name: idField, reason: "must be a string or a number, not \(Self.kind(v))")
        }
    }

    /// The id a JSON line gives, if it can be read at all: error records keep it, so a caller can match them.
    public func id(json line: ArraySlice<UInt8>) -> String? {
        if let o = SimpleJSON.object(line) { return try? id(in: o) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)), let o = object as? [String: Any] else { return nil }
        return try? id(in: o)
    }

    private func string(_ o: [String: Any], _ key: String, in parent: String = "") throws(InputError) -> String? {
        switch o[key] {
        case nil, is NSNull: return nil
        case let s as String: return s
        default: throw .badField(name: parent + key, reason: "must be a string, not \(Self.kind(o[key]))")
        }
    }

    package static func kind(_ v: Any?) -> String {
        switch v {
        case is Bool: "a boolean"
        case is NSNumber: "a number"
        case is [Any]: "an array"
        case is [String: Any]: "an object"
        default: "a value of another type"
        }
    }
}

/// Splits CSV (RFC 4180: quoted fields with commas, doubled quotes and line breaks) into records, one at a time,
/// from bytes fed in any chunks.
///
/// As in Python's csv module, a quote opens a quoted field only at the start of a field; anywhere else it is a
/// literal character (`5" screen`). A quoted field still open at the end of the input is read again with its
/// opening quote as a literal, so one stray quote never swallows the rows after it. A UTF-8 byte order mark at
/// the start of the input is dropped.
public struct CSVRecordSplitter: Sendable {
    private var field: [UInt8] = []
    private var fields: [[UInt8]] = []
    private var inQuotes = false
    private var quoteSeen = false
    private var fieldStarted = false
    private var line = 1
    private var recordLine = 1
    private var bytes = 0
    private var overflow = false
    /// The bytes after the last opening quote of this record and what the record held before it, to read them
    /// again if that quote never closes.
    private var reread: (after: [UInt8], fields: [[UInt8]], line: Int)?
    private var bom = BOMSkipper()
    public let maxRecordBytes: Int

    public init(maxRecordBytes: Int) { self.maxRecordBytes = maxRecordBytes }

    /// A finished record: its fields and the line it started on, or the error that spoiled it.
    public struct Record: Sendable {
        public let line: Int
        public let fields: Result<[String], InputError>
    }

    /// Feeds bytes; returns the records they complete.
    public mutating func feed(_ chunk: some Collection<UInt8>) -> [Record] {
        var out: [Record] = []
        for b in bom.feed(chunk) { step(b, &out) }
        return out
    }

    /// The last records when the input does not end with a line break.
    public mutating func finishInput() -> [Record] {
        var out: [Record] = []
        for b in bom.finish() { step(b, &out) }
        while inQuotes, reread != nil { readAgain(&out) }
        if inQuotes {
            inQuotes = false
            out.append(Record(line: recordLine, fields: .failure(.badCSV("a quoted field is not closed before the end of the input"))))
            field = []; fields = []
        } else if !field.isEmpty || !fields.isEmpty || overflow || fieldStarted {
            out.append(finish())
        }
        return out
    }

    /// The quote that opened the current field never closed (the input ended, or the field outgrew the record limit):
    /// reads the bytes after it again, with it as a literal.
    private mutating func readAgain(_ out: inout [Record]) {
        guard let r = reread else { return }
        inQuotes = false
        quoteSeen = false
        reread = nil
        fields = r.fields
        field = [0x22]
        fieldStarted = true
        line = r.line
        recordLine = r.line
        bytes = r.fields.reduce(1) { $0 + $1.count + 1 }
        for b in r.after { step(b, &out) }
    }

    private mutating func step(_ b: UInt8, _ out: inout [Record]) {
        if b == 0x0A { line += 1 }
        bytes += 1
        if bytes > maxRecordBytes, inQuotes, reread != nil {
            reread?.after.append(b)
            readAgain(&out)
            return
        }
        if bytes > maxRecordBytes, !overflow { overflow = true; field = []; fields = []; reread = nil }
        reread?.after.append(b)
        if inQuotes {
            if b == 0x22 { inQuotes = false; quoteSeen = true } else if !overflow { field.append(b) }
            return
        }
        switch b {
        case 0x22 where quoteSeen:
            // A doubled quote inside a quoted field.
            if !overflow { field.append(0x22) }
            inQuotes = true
            quoteSeen = false
        case 0x22 where !fieldStarted:
            inQuotes = true
            fieldStarted = true
            if !overflow { reread = ([], fields, recordLine) }
        case 0x2C:
            if !overflow { fields.append(field) }
            field = []
            quoteSeen = false
            fieldStarted = false
        case 0x0A:
            if field.last == 0x0D { field.removeLast() }
            out.append(finish())
        default:
            if !overflow { field.append(b) }
            quoteSeen = false
            fieldStarted = true
        }
    }

    private mutating func finish() -> Record {
        defer {
            field = []; fields = []; quoteSeen = false; overflow = false; bytes = 0; fieldStarted = false; reread = nil
            recordLine = line
        }
        if overflow { return Record(line: recordLine, fields: .failure(.lineTooLong(bytes: bytes, limit: maxRecordBytes))) }
        fields.append(field)
        var strings: [String] = []
        for f in fields {
            if let bad = BatchLineParser.invalidUTF8Offset(f) { return Record(line: recordLine, fields: .failure(.invalidUTF8(offset: bad))) }
            strings.append(String(decoding: f, as: UTF8.self))
        }
        return Record(line: recordLine, fields: .success(strings))
    }
}

/// Drops a UTF-8 byte order mark at the start of a stream fed in chunks of any size.
package struct BOMSkipper: Sendable {
    private static let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
    private var held: [UInt8] = []
    private var done = false

    package mutating func feed(_ chunk: some Collection<UInt8>) -> [UInt8] {
        guard !done else { return Array(chunk) }
        held += chunk
        if held.count < 3, Self.mark.starts(with: held) { return [] }
        return finish()
    }

    package mutating func finish() -> [UInt8] {
        guard !done else { return [] }
        done = true
        defer { held = [] }
        return held.starts(with: Self.mark) ? Array(held.dropFirst(3)) : held
    }
}

/// Splits a JSON Lines stream fed in chunks of any size into lines, numbered from 1. A line longer than the limit
/// is reported as `line_too_long` without being held in memory, so a 50 MB line costs no more than a short one.
public struct JSONLinesSplitter: Sendable {
    public let maxLineBytes: Int
    private var partial: [UInt8] = []
    private var overflow = 0
    private var line = 0

    public init(maxLineBytes: Int) { self.maxLineBytes = maxLineBytes }

    /// A line without its line break (and without a CR before it), or the error that spoiled it.
    public struct Line: Sendable {
        public let number: Int
        public let bytes: Result<[UInt8], InputError>
    }

    private var bom = BOMSkipper()

    /// Feeds bytes; returns the lines they complete. A UTF-8 byte order mark at the start of the stream is dropped.
    public mutating func feed(_ chunk: [UInt8]) -> [Line] {
        split(bom.feed(chunk))
    }

    private mutating func split(_ chunk: [UInt8]) -> [Line] {
        var out: [Line] = []
        var start = 0
        while let nl = chunk[start...].firstIndex(of: 0x0A) {
            let piece = chunk[start..<nl]
            if overflow > 0 {
                out.append(tooLong(overflow + piece.count))
                overflow = 0
            } else if partial.count + piece.count > maxLineBytes {
                out.append(tooLong(partial.count + piece.count))
                partial = []
            } else {
                // Each line gets its own buffer of its own size. Handing out `partial` itself made the next
                // removeAll(keepingCapacity:) allocate a fresh buffer as large as the longest line so far, for every
                // line of a read, and a read holds thousands: peak memory crept up with the input's length.
                var line: [UInt8] = []
                line.reserveCapacity(partial.count + piece.count)
                line += partial
                line += piece
                out.append(finished(line))
                partial.removeAll(keepingCapacity: partial.count < 1 << 16)
            }
            start = nl + 1
        }
        let rest = chunk[start...]
        if overflow > 0 { overflow += rest.count }
        else if partial.count + rest.count > maxLineBytes { overflow = partial.count + rest.count; partial = [] }
        else { partial.append(contentsOf: rest) }
        return out
    }

    /// The last line when the input does not end with a line break.
    public mutating func finishInput() -> Line? {
        let held = bom.finish()
        // What was held is a prefix of the mark (bytes 0xEF 0xBB), never a line break: it joins the last line.
        partial += held
        defer { partial = []; overflow = 0 }
        if overflow > 0 { return tooLong(overflow) }
        return partial.isEmpty ? nil : finished(partial)
    }

    private mutating func tooLong(_ bytes: Int) -> Line {
        line += 1
        return Line(number: line, bytes: .failure(.lineTooLong(bytes: bytes, limit: maxLineBytes)))
    }

    private mutating func finished(_ bytes: [UInt8]) -> Line {
        line += 1
        return Line(number: line, bytes: .success(bytes.last == 0x0D ? Array(bytes.dropLast()) : bytes))
    }
}
