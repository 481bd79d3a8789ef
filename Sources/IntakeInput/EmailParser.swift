import IntakeCore
import IntakeText
import Foundation

/// Why an e-mail could not be read at all. Anything smaller becomes a warning on the record: a message with only
/// attachments, or a body lost to a wrong boundary, is still a complaint that a person must see.
public enum EmailError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case tooLarge(bytes: Int, limit: Int)

    public var code: String {
        switch self {
        case .empty: "email_empty"
        case .tooLarge: "email_too_large"
        }
    }

    public var description: String {
        switch self {
        case .empty: "the message is empty"
        case .tooLarge(let bytes, let limit): "the message has \(bytes) bytes, over the limit of \(limit) (--max-message-bytes)"
        }
    }
}

/// Limits that keep a hostile message from exhausting memory or time.
public struct EmailLimits: Sendable {
    public var maxMessageBytes = 10 * 1024 * 1024
    public var maxDepth = 16
    public var maxParts = 500
    public var maxHeaderLineBytes = 64 * 1024
    public init() {}
}

/// Reads an RFC 5322 message with MIME (RFC 2045-2047, 2231) into a ``Message``: headers with encoded words,
/// multipart bodies, quoted-printable and base64, charsets through ICU, HTML-only bodies as text, attachments
/// listed by name, and quoted replies and signatures set apart from the text that is classified.
public struct EmailParser: Sendable {
    public var limits: EmailLimits

    public init(limits: EmailLimits = EmailLimits()) { self.limits = limits }

    public func parse(_ bytes: [UInt8]) throws(EmailError) -> Message {
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else { throw .empty }
        guard bytes.count <= limits.maxMessageBytes else { throw .tooLarge(bytes: bytes.count, limit: limits.maxMessageBytes) }
        var warnings: [String] = []
        let (headers, bodyStart) = Self.headers(bytes[...], limits: limits, warnings: &warnings)
        var state = WalkState()
        walk(headers: headers, body: bytes[bodyStart...], depth: 0, state: &state, warnings: &warnings)
        if state.plain == nil, state.html == nil, let forwarded = state.forwarded {
            // A forward with no covering note: the forwarded message's body is the complaint.
            let (h, start) = Self.headers(forwarded, limits: limits, warnings: &warnings)
            walk(headers: h, body: forwarded[start...], depth: 1, state: &state, warnings: &warnings)
            if state.plain != nil || state.html != nil { warnings.append("forwarded_message_read") }
        }
        var body = state.plain ?? state.html.map(HTML.text) ?? ""
        if body.trimmingWhitespace().isEmpty {
            // Nothing to read but the subject and the attachments: still a complaint, which a person must open.
            warnings.append("no_text_part")
            body = ""
        }
        var customer = Customer()
        if let from = headers.first(where: { $0.name == "from" }) {
            let (name, address) = Self.address(Self.decodeWords(from.value, warnings: &warnings))
            customer.name = name
            customer.email = address
        }
        let subject = headers.first { $0.name == "subject" }.map { Self.decodeWords($0.value, warnings: &warnings).trimmingSpaces() }
        var received: Date?
        if let d = headers.first(where: { $0.name == "date" }) {
            received = Self.date(d.value)
            if received == nil { warnings.append("unreadable_date_header") }
        }
        let id = headers.first { $0.name == "message-id" }.map { $0.value.trimming { $0 == " " || $0 == "<" || $0 == ">" || $0 == "\t" } }
        let content = Self.stripQuotes(body)
        return Message(id: id?.isEmpty == false ? id : nil, channel: .email, receivedAt: received, customer: customer, subject: subject,
                       text: body, content: content == body ? nil : content, attachments: state.attachments,
                       warnings: Array(Set(warnings)).sorted())
    }

    package struct Header {
        package let name: String
        package let value: String
    }

    package struct WalkState {
        package var plain: String?
        package var html: String?
        package var attachments: [String] = []
        package var parts = 0
        /// The first message/rfc822 part, read when the message has no text of its own.
        package var forwarded: ArraySlice<UInt8>?
    }

    /// Headers up to the first empty line, unfolded; returns where the body starts.
    package static func headers(_ b: ArraySlice<UInt8>, limits: EmailLimits, warnings: inout [String]) -> ([Header], Int) {
        var headers: [Header] = []
        var i = b.startIndex
        var current: [UInt8] = []
        func finish() {
            guard !current.isEmpty else { return }
            if let colon = current.firstIndex(of: 0x3A) {
                let name = String(decoding: current[..<colon], as: UTF8.self).trimmingSpaces().lowercased()
                var v = current[(colon + 1)...]
                while v.first == 0x20 || v.first == 0x09 { v = v.dropFirst() }
                // Raw 8-bit headers are usually UTF-8; otherwise Latin-1 keeps every byte.
                let value = String(validating: Array(v), as: UTF8.self) ?? latin1(Array(v))
                headers.append(Header(name: name, value: value.trimmingWhitespace()))
            } else {
                warnings.append("malformed_header")
            }
            current = []
        }
        while i < b.endIndex {
            var end = b[i...].firstIndex(of: 0x0A) ?? b.endIndex
            let lineEnd = end
            if end > i, b[end - 1] == 0x0D { end -= 1 }
            let line = b[i..<end]
            let next = lineEnd < b.endIndex ? lineEnd + 1 : b.endIndex
            if line.isEmpty { finish(); return (headers, next) }
            if line.count > limits.maxHeaderLineBytes {
                if !warnings.contains("header_line_too_long") { warnings.append("header_line_too_long") }
                i = next
                continue
            }
            if line.first == 0x20 || line.first == 0x09 { current.append(0x20); current.append(contentsOf: line.drop { $0 == 0x20 || $0 == 0x09 }) }
            else if headers.isEmpty && current.isEmpty && !line.contains(0x3A) {
                // No header block at all: the whole input is the body.
                return ([], b.startIndex)
            } else { finish(); current = Array(line) }
            i = next
        }
        finish()
        return (headers, b.endIndex)
    }

    /// A header's main value and its parameters (`text/plain; charset="gbk"` → "text/plain", [charset: gbk]),
    /// with RFC 2231 `name*=utf-8''...` values decoded.
    package static func parameters(_ value: String) -> (String, [String: String]) {
        var parts: [String] = []
        var current = ""
        var quoted = false
        for c in value {
            if c == "\"" { quoted.toggle(); continue }
            if c == ";" && !quoted { parts.append(current); current = ""; continue }
            current.append(c)
        }
        parts.append(current)
        let main = parts[0].trimmingSpaces().lowercased()
        var params: [String: String] = [:]
        var continued: [String: [(Int, String)]] = [:]
        for p in parts.dropFirst() {
            guard let eq = p.firstIndex(of: "=") else { continue }
            var key = p[..<eq].trimmingSpaces().lowercased()
            var val = p[p.index(after: eq)...].trimmingSpaces()
            if key.hasSuffix("*") {
                key.removeLast()
                let pieces = val.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if pieces.count == 3 {
                    let bytes = percentDecode(String(pieces[2]))
                    val = CharsetConverter.decode(bytes, charset: pieces[0].isEmpty ? "utf-8" : String(pieces[0]))?.text ?? String(decoding: bytes, as: UTF8.self)
                } else {
                    val = String(decoding: percentDecode(val), as: UTF8.self)
                }
            }
            if let star = key.firstIndex(of: "*"), let n = Int(key[key.index(after: star)...]) {
                continued[String(key[..<star]), default: []].append((n, val))
                continue
            }
            params[key] = val
        }
        for (k, pieces) in continued where params[k] == nil { params[k] = pieces.sorted { $0.0 < $1.0 }.map(\.1).joined() }
        return (main, params)
    }

    package static func percentDecode(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        let u = Array(s.utf8)
        var i = 0
        while i < u.count {
            if u[i] == 0x25, i + 2 < u.count, let v = UInt8(String(decoding: u[i + 1...i + 2], as: UTF8.self), radix: 16) { out.append(v); i += 3 }
            else { out.append(u[i]); i += 1 }
        }
        return out
    }

    private func walk(headers: [Header], body: ArraySlice<UInt8>, depth: Int, state: inout WalkState, warnings: inout [String]) {
        state.parts += 1
        guard state.parts <= limits.maxParts else {
            if !warnings.contains("too_many_parts") { warnings.append("too_many_parts") }
            return
        }
        let (type, params) = Self.parameters(headers.first { $0.name == "content-type" }?.value ?? "text/plain")
        let (disposition, dparams) = Self.parameters(headers.first { $0.name == "content-disposition" }?.value ?? "")
        let encoding = headers.first { $0.name == "content-transfer-encoding" }?.value.lowercased().trimmingSpaces() ?? "7bit"
        if type.hasPrefix("multipart/") {
            guard depth < limits.maxDepth else {
                if !warnings.contains("mime_too_deep") { warnings.append("mime_too_deep") }
                return
            }
            guard let boundary = params["boundary"], !boundary.isEmpty else {
                warnings.append("multipart_without_boundary")
                return
            }
            var parts = Self.split(body, boundary: boundary)
            if parts.isEmpty {
                // The boundary named in the header never occurs: look for the one the body uses, else read it whole.
                if let found = Self.boundaryInBody(body), found != boundary {
                    parts = Self.split(body, boundary: found)
                    warnings.append("multipart_boundary_mismatch")
                }
                if parts.isEmpty {
                    warnings.append("multipart_boundary_not_found")
                    walk(headers: [Header(name: "content-type", value: "text/plain")], body: body, depth: depth + 1, state: &state, warnings: &warnings)
                    return
                }
            }
            for part in parts {
                var w: [String] = []
                let (h, start) = Self.headers(part, limits: limits, warnings: &w)
                warnings += w
                walk(headers: h, body: part[start...], depth: depth + 1, state: &state, warnings: &warnings)
            }
            return
        }
        var filename = dparams["filename"] ?? params["name"]
        if let f = filename { filename = Self.decodeWords(f, warnings: &warnings) }
        if type == "message/rfc822" {
            state.attachments.append(filename ?? "(forwarded message)")
            if state.forwarded == nil, depth < limits.maxDepth {
                state.forwarded = Self.transferDecoded(body, encoding: encoding, warnings: &warnings)[...]
            }
            return
        }
        let isText = type == "text/plain" || type == "text/html" || type.isEmpty
        if disposition == "attachment" || !isText || (filename != nil && disposition != "inline") {
            state.attachments.append(filename ?? "(unnamed \(type))")
            return
        }
        let raw = Self.transferDecoded(body, encoding: encoding, warnings: &warnings)
        let text = Self.decodeCharset(raw, charset: params["charset"], warnings: &warnings)
        if type == "text/html" { if state.html == nil { state.html = text } }
        else if state.plain == nil { state.plain = text }
    }

    package static func transferDecoded(_ body: ArraySlice<UInt8>, encoding: String, warnings: inout [String]) -> [UInt8] {
        switch encoding {
        case "base64":
            let (bytes, clean) = Base64.decode(body)
            if !clean { warnings.append("base64_invalid") }
            return bytes
        case "quoted-printable": return QuotedPrintable.decode(body)
        default: return Array(body)
        }
    }

    /// The boundary a body really uses: the first `--token` line followed by a header line.
    package static func boundaryInBody(_ body: ArraySlice<UInt8>) -> String? {
        var lines = body.split(separator: 0x0A, omittingEmptySubsequences: false).makeIterator()
        var previous: String?
        var checked = 0
        while let raw = lines.next(), checked < 10_000 {
            checked += 1
            let line = String(decoding: raw, as: UTF8.self).trimmingWhitespace()
            if let p = previous, line.contains(":"), !line.hasPrefix(" ") {
                return p
            }
            previous = nil
            if line.hasPrefix("--"), line.count > 2, line.count <= 72, !line.contains(" ") {
                var b = String(line.dropFirst(2))
                if b.hasSuffix("--") { b = String(b.dropLast(2)) }
                if !b.isEmpty { previous = b }
            }
        }
        return nil
    }

    /// The parts between `--boundary` lines.
    package static func split(_ body: ArraySlice<UInt8>, boundary: String) -> [ArraySlice<UInt8>] {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [ArraySlice<UInt8>] = []
        var start: Int?
        var i = body.startIndex
        while i < body.endIndex {
            let end = body[i...].firstIndex(of: 0x0A) ?? body.endIndex
            var line = body[i..<end]
            if line.last == 0x0D { line = line.dropLast() }
            while line.last == 0x20 || line.last == 0x09 { line = line.dropLast() }
            if line.starts(with: delimiter) {
                let rest = line.dropFirst(delimiter.count)
                if let s = start {
                    var partEnd = i
                    // The line break before a boundary belongs to the boundary.
                    if partEnd > s, body[partEnd - 1] == 0x0A { partEnd -= 1 }
                    if partEnd > s, body[partEnd - 1] == 0x0D { partEnd -= 1 }
                    parts.append(body[s..<max(s, partEnd)])
                }
                if rest.starts(with: [0x2D, 0x2D]) { return parts }
                start = end < body.endIndex ? end + 1 : body.endIndex
            }
            i = end < body.endIndex ? end + 1 : body.endIndex
        }
        if let s = start, s < body.endIndex { parts.append(body[s...]) }
        return parts
    }

    package static func decodeCharset(_ bytes: [UInt8], charset: String?, warnings: inout [String]) -> String {
        let name = Self.charsetName(charset)
        if name.isEmpty || name == "us-ascii" || name == "utf-8" {
            if let s = String(validating: bytes, as: UTF8.self) { return s }
            if !name.isEmpty, name != "us-ascii" { warnings.append("invalid_utf8_replaced") }
            if name.isEmpty || name == "us-ascii", let (guess, t) = Self.detected(bytes) {
                warnings.append("charset_guessed_\(guess)")
                return t
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        if let (t, subs) = CharsetConverter.decode(bytes, charset: name) {
            if subs > 0 { warnings.append("charset_errors_replaced") }
            return t
        }
        warnings.append("unknown_charset")
        return String(validating: bytes, as: UTF8.self) ?? latin1(bytes)
    }

    /// The charset a label names, lower-cased, with the spellings mail software writes mapped to names ICU knows.
    /// GB2312 and GBK mail is often really GB18030, its superset, and Big5 mail often uses the HKSCS additions.
    package static func charsetName(_ label: String?) -> String {
        var name = (label ?? "").trimmingSpaces().lowercased()
        if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
        if name.hasPrefix("x-"), !CharsetConverter.isKnown(name) { name = String(name.dropFirst(2)) }
        switch name {
        case "utf8", "utf-8", "unicode-1-1-utf-8": return "utf-8"
        case "gb2312", "gbk", "x-gbk", "x-gb2312", "cp936", "ms936", "windows-936", "gb_2312-80", "euc-cn", "chinese", "csgb2312", "gb18030": return "gb18030"
        case "big5", "x-big5", "big5_tw", "big5-tw", "cn-big5", "csbig5", "big-5", "big5-hkscs", "big5_hkscs", "cp950", "ms950", "windows-950": return "big5-hkscs"
        case "latin1", "latin-1", "iso8859-1", "iso_8859-1", "l1": return "iso-8859-1"
        case "cp1252", "win-1252": return "windows-1252"
        default: return name
        }
    }

    /// Unlabeled 8-bit text: ICU's detector ranks the charsets, and the first that reads every byte without a
    /// substitution wins. Latin-1 bytes then come out as Spanish, not as GB18030 mojibake.
    package static func detected(_ bytes: [UInt8]) -> (String, String)? {
        let accepted = ["gb18030", "big5", "iso-8859-1", "windows-1252", "iso-8859-15", "utf-16le", "utf-16be"]
        for (name, confidence) in CharsetConverter.detect(bytes) where confidence >= 10 {
            let n = name.lowercased()
            guard accepted.contains(n) else { continue }
            // ICU names Latin-1 text with C1-range bytes windows-1252; Big5 is read with the HKSCS additions.
            let charset = n == "big5" ? "big5-hkscs" : n
            if let (t, subs) = CharsetConverter.decode(bytes, charset: charset), subs == 0 { return (n, t) }
        }
        for guess in ["gb18030", "big5-hkscs", "windows-1252"] {
            if let (t, subs) = CharsetConverter.decode(bytes, charset: guess), subs == 0 { return (guess, t) }
        }
        return nil
    }

    /// Decodes RFC 2047 encoded words (`=?GBK?B?...?=`); whitespace between adjacent encoded words is dropped.
    public static func decodeWords(_ value: String, warnings: inout [String]) -> String {
        guard value.contains("=?") else { return value }
        var out = ""
        var rest = Substring(value)
        var lastWasEncoded = false
        while let start = rest.firstRange(of: "=?") {
            let before = rest[..<start.lowerBound]
            let afterStart = rest[start.upperBound...]
            let pieces = afterStart.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
            guard pieces.count == 4, pieces[3].hasPrefix("="), pieces[1].count == 1 else {
                out += rest[..<start.upperBound]
                rest = afterStart
                lastWasEncoded = false
                continue
            }
            if !(lastWasEncoded && before.allSatisfy(\.isWhitespace)) { out += before }
            var charset = String(pieces[0])
            if let star = charset.firstIndex(of: "*") { charset = String(charset[..<star]) }
            let text = Array(pieces[2].utf8)
            let bytes: [UInt8]
            if pieces[1].uppercased() == "B" { bytes = Base64.decode(text[...]).0 }
            else { bytes = QuotedPrintable.decode(text[...], underscoreIsSpace: true) }
            out += decodeCharset(bytes, charset: charset, warnings: &warnings)
            rest = pieces[3].dropFirst()
            lastWasEncoded = true
        }
        out += rest
        return out
    }

    /// Display name and address from a From header.
    package static func address(_ value: String) -> (String?, String?) {
        if let lt = value.lastIndex(of: "<"), let gt = value[lt...].firstIndex(of: ">") {
            let addr = value[value.index(after: lt)..<gt].trimmingSpaces()
            var name = value[..<lt].trimmingSpaces()
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
            return (name.isEmpty ? nil : name, addr.isEmpty ? nil : addr)
        }
        var v = value.trimmingSpaces()
        var name: String?
        if let open = v.firstIndex(of: "("), let close = v.lastIndex(of: ")"), open < close {
            name = String(v[v.index(after: open)..<close])
            v = v[..<open].trimmingSpaces()
        }
        return (name, v.contains("@") ? v : nil)
    }

    /// RFC 5322 dates: `Tue, 5 Mar 2024 10:15:00 +0800` (day name, seconds and zone optional; obsolete zones).
    package static func date(_ value: String) -> Date? {
        var tokens = value.split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init)
        if let paren = tokens.firstIndex(where: { $0.hasPrefix("(") }) { tokens = Array(tokens[..<paren]) }
        if let first = tokens.first, Int(first) == nil { tokens.removeFirst() }
        guard tokens.count >= 4, tokens[0].count <= 2, tokens[2].count <= 4, let d = Int(tokens[0]), var y = Int(tokens[2]) else { return nil }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard let m = months.firstIndex(of: String(tokens[1].prefix(3)).lowercased()) else { return nil }
        if y < 50 { y += 2000 } else if y < 100 { y += 1900 }
        let parts = tokens[3].split(separator: ":", omittingEmptySubsequences: false)
        let time = parts.compactMap { $0.count <= 2 ? Int($0) : nil }
        // RFC 5322 3.3: two-digit hour, minute and second; 60 is a leap second.
        guard (2...3).contains(parts.count), time.count == parts.count, (0...23).contains(time[0]), (0...59).contains(time[1]),
              time.count < 3 || (0...60).contains(time[2]), let day = Day(year: y, month: m + 1, day: d) else { return nil }
        var seconds = day.ordinal * 86_400 + time[0] * 3600 + time[1] * 60 + (time.count > 2 ? time[2] : 0)
        if tokens.count >= 5 {
            let z = tokens[4]
            if (z.hasPrefix("+") || z.hasPrefix("-")), z.count == 5, let v = Int(z.dropFirst()) {
                guard v % 100 < 60, v / 100 < 24 else { return nil }
                let offset = (v / 100) * 3600 + (v % 100) * 60
                seconds -= z.hasPrefix("+") ? offset : -offset
            } else if let h = ["EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7][z.uppercased()] {
                seconds -= h * 3600
            }
        }
        return Date(timeIntervalSince1970: Double(seconds))
    }

    /// The body without quoted replies (lines after "在 … 写道：", "El … escribió:", "On … wrote:",
    /// "-----Original Message-----", Outlook's "De: … Enviado:" block, "> " lines) and without a signature after
    /// "-- " or a "sent from my phone" line.
    public static func stripQuotes(_ body: String) -> String {
        var kept: [Substring] = []
        let lines = body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (n, raw) in lines.enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let t = line.trimmingSpaces()
            let lower = t.lowercased()
            if t == "--" && line.hasPrefix("-- ") || line == "-- " { break }
            if lower.hasPrefix("-----original message") || t.hasPrefix("-----原始邮件") || t.hasPrefix("-----邮件原件") || t.hasPrefix("-----原始郵件")
                || lower.hasPrefix("-----mensaje original") || lower.hasPrefix("________________________________") { break }
            if (t.hasPrefix("在") || t.hasPrefix("於") || t.hasPrefix("于")) && (t.hasSuffix("写道：") || t.hasSuffix("寫道：") || t.hasSuffix("写道:") || t.hasSuffix("寫道:")) { break }
            if (lower.hasPrefix("el ") || lower.hasPrefix("on ")) && (lower.hasSuffix("escribió:") || lower.hasSuffix("escribio:") || lower.hasSuffix("wrote:")) { break }
            if (lower.hasPrefix("de:") || lower.hasPrefix("from:") || t.hasPrefix("发件人:") || t.hasPrefix("发件人：") || t.hasPrefix("寄件者:")),
               lines.dropFirst(n + 1).prefix(4).contains(where: { let l = $0.lowercased(); return l.hasPrefix("enviado") || l.hasPrefix("sent:") || l.hasPrefix("fecha:") || $0.hasPrefix("发送时间") || l.hasPrefix("date:") }) { break }
            if lower.hasPrefix("enviado desde mi") || lower.hasPrefix("sent from my") || t.hasPrefix("发自我的") || t.hasPrefix("從我的") { break }
            if t.hasPrefix(">") { continue }
            kept.append(line)
        }
        while let last = kept.last, last.trimmingSpaces().isEmpty { kept.removeLast() }
        return kept.joined(separator: "\n")
    }
}

/// Every byte as the code point of the same number (ISO-8859-1), which never fails.
package func latin1(_ bytes: [UInt8]) -> String {
    // As UTF-8 bytes, made a String once (appending scalars to a String one by one does not grow it geometrically).
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for b in bytes { UTF8.encode(Unicode.Scalar(b)) { out.append($0) } }
    return String(decoding: out, as: UTF8.self)
}

/// Base64 that skips line breaks and reports anything else it had to skip.
package enum Base64 {
    package static func decode(_ s: ArraySlice<UInt8>) -> ([UInt8], Bool) {
        var out: [UInt8] = []
        out.reserveCapacity(s.count * 3 / 4)
        var acc: UInt32 = 0, bits = 0
        var clean = true
        var padding = false
        for c in s {
            let v: UInt32
            switch c {
            case 0x41...0x5A: v = UInt32(c - 0x41)
            case 0x61...0x7A: v = UInt32(c - 0x61 + 26)
            case 0x30...0x39: v = UInt32(c - 0x30 + 52)
            case 0x2B, 0x2D: v = 62
            case 0x2F, 0x5F: v = 63
            case 0x3D: padding = true; continue
            case 0x0A, 0x0D, 0x20, 0x09: continue
            default: clean = false; continue
            }
            if padding { clean = false }
            acc = acc << 6 | v
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((acc >> UInt32(bits)) & 0xFF))
            }
        }
        return (out, clean)
    }
}

package enum QuotedPrintable {
    package static func decode(_ s: ArraySlice<UInt8>, underscoreIsSpace: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x41...0x46: c - 0x41 + 10
            case 0x61...0x66: c - 0x61 + 10
            default: nil
            }
        }
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == 0x3D {
                if i + 2 < s.endIndex, let h = hex(s[i + 1]), let l = hex(s[i + 2]) {
                    out.append(h << 4 | l); i += 3; continue
                }
                // A soft line break: "=" at the end of a line.
                var j = i + 1
                while j < s.endIndex, s[j] == 0x20 || s[j] == 0x09 { j += 1 }
                if j < s.endIndex, s[j] == 0x0D { j += 1 }
                if j < s.endIndex, s[j] == 0x0A { i = j + 1; continue }
                if j == s.endIndex { break }
                out.append(c); i += 1; continue
            }
            out.append(underscoreIsSpace && c == 0x5F ? 0x20 : c)
            i += 1
        }
        return out
    }
}

/// HTML to readable text: tags dropped, block elements as line breaks, entities decoded, scripts and styles removed.
package enum HTML {
    package static func text(_ html: String) -> String {
        // Built as UTF-8 bytes and made a String once: appending scalars to a String grew it without doubling,
        // which made a large HTML body quadratic.
        var out: [UInt8] = []
        out.reserveCapacity(html.utf8.count)
        func emit(_ c: Unicode.Scalar) { UTF8.encode(c) { out.append($0) } }
        let s = Array(html.unicodeScalars)
        var i = 0
        func lowerAt(_ j: Int, _ word: String) -> Bool {
            let w = Array(word.unicodeScalars)
            guard j + w.count <= s.count else { return false }
            for k in 0..<w.count where Character(s[j + k]).lowercased() != String(w[k]) { return false }
            return true
        }
        // A "<" after the last ">" opens no tag: it is text, and is not scanned for a ">" that never comes.
        let lastClose = s.lastIndex(of: ">") ?? -1
        while i < s.count {
            let c = s[i]
            if c == "<", i < lastClose {
                if lowerAt(i, "<!--") {
                    var j = i + 4
                    while j + 2 < s.count, !(s[j] == "-" && s[j + 1] == "-" && s[j + 2] == ">") { j += 1 }
                    i = min(s.count, j + 3); continue
                }
                var j = i + 1
                while j < s.count, s[j] != ">" { j += 1 }
                let tag = String(String.UnicodeScalarView(s[(i + 1)..<min(j, s.count)])).lowercased()
                let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }
                if !tag.hasPrefix("/"), name == "script" || name == "style" || name == "head" || name == "title" {
                    var k = j
                    while k < s.count, !lowerAt(k, "</\(name)") { k += 1 }
                    while k < s.count, s[k] != ">" { k += 1 }
                    i = k + 1; continue
                }
                if ["br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "blockquote", "table"].contains(String(name)) { emit("\n") }
                else if name == "td" || name == "th" { emit(" ") }
                i = j + 1
                continue
            }
            if c == "&" {
                var j = i + 1
                while j < s.count, j - i < 10, s[j] != ";", s[j] != "&", s[j] != " " { j += 1 }
                if j < s.count, s[j] == ";" {
                    let entity = String(String.UnicodeScalarView(s[(i + 1)..<j]))
                    if let r = decodeEntity(entity) { r.unicodeScalars.forEach(emit); i = j + 1; continue }
                }
            }
            emit(c)
            i += 1
        }
        // Collapse the runs of blank space HTML layout leaves.
        var lines: [String] = []
        for l in String(decoding: out, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let t = l.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
            if t.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(t)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    package static func decodeEntity(_ e: String) -> String? {
        if e.hasPrefix("#x") || e.hasPrefix("#X") { return UInt32(e.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) } }
        if e.hasPrefix("#") { return UInt32(e.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) } }
        return entities[e]
    }

    package static let entities: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "iexcl": "¡", "iquest": "¿",
                "aacute": "á", "eacute": "é", "iacute": "í", "oacute": "ó", "uacute": "ú", "ntilde": "ñ", "Ntilde": "Ñ",
                "uuml": "ü", "Aacute": "Á", "Eacute": "É", "Iacute": "Í", "Oacute": "Ó", "Uacute": "Ú", "euro": "€",
                "yen": "¥", "ordm": "º", "ordf": "ª", "deg": "°", "middot": "·", "hellip": "…", "mdash": "—", "ndash": "–",
                "laquo": "«", "raquo": "»", "copy": "©"]
}
