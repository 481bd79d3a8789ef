import Foundation
import IntakeCore
import IntakeText

/// Header fields: unfolding, parameters with RFC 2231 values, RFC 2047 encoded words, addresses and the Date header.
extension EmailParser {
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
}
