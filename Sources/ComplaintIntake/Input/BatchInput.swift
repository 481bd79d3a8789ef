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
        }
    }

    public var description: String {
        switch self {
        case .invalidUTF8(let offset): "the line is not valid UTF-8 (first bad byte at offset \(offset))"
        case .badJSON(let m): "the line is not valid JSON: \(m)"
        case .notAnObject: "the line is JSON but not an object; expected {\"text\": ...}"
        case .noText(let field): "the line has no text in the field '\(field)'"
        case .badField(let name, let reason): "the field '\(name)' \(reason)"
        case .lineTooLong(let bytes, let limit): "the line has \(bytes) bytes, over the limit of \(limit) (--max-line-bytes)"
        case .badCSV(let m): "the CSV record is malformed: \(m)"
        }
    }
}

/// Turns one batch input line (JSON Lines or a CSV record) into a ``Message``.
public struct BatchLineParser: Sendable {
    public var textField: String
    public var idField: String
    public var channel: Channel

    public init(textField: String = "text", idField: String = "id", channel: Channel = .unknown) {
        self.textField = textField
        self.idField = idField
        self.channel = channel
    }

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
        guard let text = o[textField] as? String, !text.isEmpty else { throw .noText(field: textField) }
        var m = Message(channel: channel, text: text)
        if let id = o[idField] {
            if let s = id as? String { m.id = s } else if let n = id as? NSNumber { m.id = n.stringValue }
            else if !(id is NSNull) { throw .badField(name: idField, reason: "must be a string or a number") }
        }
        if let c = o["channel"] as? String, !c.isEmpty {
            guard let ch = Channel(rawValue: c) else { throw .badField(name: "channel", reason: "must be email, web, social or phone, not '\(c)'") }
            m.channel = ch
        }
        if let r = o["received_at"] as? String, !r.isEmpty {
            guard let d = Timestamp.parse(r) else { throw .badField(name: "received_at", reason: "must be ISO 8601, not '\(r)'") }
            m.receivedAt = d
        }
        if let s = o["subject"] as? String { m.subject = s }
        if let c = o["customer"] as? [String: Any] {
            m.customer = Customer(name: c["name"] as? String, email: c["email"] as? String, phone: c["phone"] as? String, tier: c["tier"] as? String)
        }
        // Flat forms: customer_name, … in JSON; name, email, phone, tier columns in CSV.
        for key in ["name", "email", "phone", "tier"] {
            if let v = (o["customer_" + key] ?? (key == textField || key == idField ? nil : o[key])) as? String, !v.isEmpty {
                switch key {
                case "name": m.customer.name = v
                case "email": m.customer.email = v
                case "phone": m.customer.phone = v
                default: m.customer.tier = v
                }
            }
        }
        if let t = m.customer.tier, !["A", "B", "C"].contains(t) {
            throw .badField(name: "customer.tier", reason: "must be A, B or C, not '\(t)'")
        }
        return m
    }
}

/// Splits CSV (RFC 4180: quoted fields with commas, doubled quotes and line breaks) into records, one at a time,
/// from bytes fed in any chunks.
public struct CSVRecordSplitter {
    private var field: [UInt8] = []
    private var fields: [[UInt8]] = []
    private var inQuotes = false
    private var quoteSeen = false
    private var line = 1
    private var recordLine = 1
    private var bytes = 0
    public let maxRecordBytes: Int

    public init(maxRecordBytes: Int) { self.maxRecordBytes = maxRecordBytes }

    /// A finished record: its fields and the line it started on, or the error that spoiled it.
    public struct Record {
        public let line: Int
        public let fields: Result<[String], InputError>
    }

    private var overflow = false

    /// Feeds bytes; returns the records they complete.
    public mutating func feed(_ chunk: some Collection<UInt8>) -> [Record] {
        var out: [Record] = []
        for b in chunk {
            if b == 0x0A { line += 1 }
            bytes += 1
            if bytes > maxRecordBytes, !overflow { overflow = true; field = []; fields = [] }
            if inQuotes {
                if b == 0x22 { inQuotes = false; quoteSeen = true } else if !overflow { field.append(b) }
                continue
            }
            switch b {
            case 0x22:
                if quoteSeen, !overflow { field.append(0x22) }
                inQuotes = true
                quoteSeen = false
            case 0x2C:
                if !overflow { fields.append(field) }
                field = []
                quoteSeen = false
            case 0x0A:
                if field.last == 0x0D { field.removeLast() }
                out.append(finish())
            default:
                if !overflow { field.append(b) }
                quoteSeen = false
            }
        }
        return out
    }

    /// The last record when the input does not end with a line break.
    public mutating func finishInput() -> Record? {
        if field.isEmpty && fields.isEmpty && !inQuotes && !overflow { return nil }
        if inQuotes {
            inQuotes = false
            let r = Record(line: recordLine, fields: .failure(.badCSV("a quoted field is not closed before the end of the input")))
            field = []; fields = []
            return r
        }
        return finish()
    }

    private mutating func finish() -> Record {
        defer {
            field = []; fields = []; quoteSeen = false; overflow = false; bytes = 0
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

/// Splits a JSON Lines stream fed in chunks of any size into lines, numbered from 1. A line longer than the limit
/// is reported as `line_too_long` without being held in memory, so a 50 MB line costs no more than a short one.
public struct JSONLinesSplitter {
    public let maxLineBytes: Int
    private var partial: [UInt8] = []
    private var overflow = 0
    private var line = 0

    public init(maxLineBytes: Int) { self.maxLineBytes = maxLineBytes }

    /// A line without its line break (and without a CR before it), or the error that spoiled it.
    public struct Line {
        public let number: Int
        public let bytes: Result<[UInt8], InputError>
    }

    /// Feeds bytes; returns the lines they complete.
    public mutating func feed(_ chunk: [UInt8]) -> [Line] {
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
