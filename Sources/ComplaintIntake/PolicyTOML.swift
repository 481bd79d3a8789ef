import Foundation
import IntakeCore
import TOMLKit

/// A TOML policy file read by TOMLKit (TOML 1.0: tables, inline tables, dotted keys, every number form), turned into
/// the same names and values as the JSON policy, and the line a key is written on, for messages.
package enum PolicyTOML {
    /// The document's keys and values: tables as dictionaries, numbers as `NSNumber`, as JSON gives them.
    /// - Throws: ``PolicyError/invalid(source:key:reason:)`` with the line and column of a syntax error.
    package static func parse(_ text: String, source: String) throws(PolicyError) -> [String: Any] {
        do {
            return dictionary(try TOMLTable(string: text))
        } catch let e as TOMLParseError {
            throw .invalid(source: "\(source):\(e.source.begin.line)", key: nil, reason: "not valid TOML (\(e.description), column \(e.source.begin.column))")
        } catch {
            throw .invalid(source: source, key: nil, reason: "not valid TOML (\(error))")
        }
    }

    private static func dictionary(_ t: TOMLTable) -> [String: Any] {
        var out: [String: Any] = [:]
        for (k, v) in t { out[k] = value(v) }
        return out
    }

    private static func value(_ v: TOMLValueConvertible) -> Any {
        let tv = v.tomlValue
        switch tv.type {
        case .table: return tv.table.map(dictionary) ?? [:]
        case .array: return (tv.array.map { Array($0) } ?? []).map(value)
        case .string: return tv.string ?? ""
        case .int: return NSNumber(value: tv.int ?? 0)
        case .double: return NSNumber(value: tv.double ?? 0)
        // Kept as text: on Linux a Bool bridges to NSNumber and would pass for 1 or 0 where a number is due.
        case .bool: return (tv.bool ?? false) ? "true" : "false"
        default: return tv.debugDescription
        }
    }

    /// The line (from 1) where the key `path` (`signal_levels.insult`) is written: under its `[table]` header, as a
    /// dotted key, or inside an inline table on the line of its parent's key. Nil when it cannot be found.
    package static func line(of path: String, in text: String) -> Int? {
        let parts = path.split(separator: ".").map(String.init)
        var table: [String] = []
        var best: Int?
        for (n, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingSpaces()
            if line.hasPrefix("[") {
                table = line.trimming { $0 == "[" || $0 == "]" || $0 == " " }.split(separator: ".").map { unquoted(String($0)) }
                if table == parts, best == nil { best = n + 1 }
                continue
            }
            guard let eq = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
            let key = table + line[..<eq].split(separator: ".").map { unquoted(String($0)) }
            if key == parts { return n + 1 }
            // A key inside an inline table on this line: `parent = { A = 1, B = 2 }`.
            if key.count < parts.count, Array(parts.prefix(key.count)) == key, line[eq...].contains("{") {
                let rest = line[line.index(after: eq)...]
                if containsKey(parts.last!, in: String(rest)) { return n + 1 }
                if best == nil { best = n + 1 }
            }
        }
        return best
    }

    private static func containsKey(_ key: String, in inline: String) -> Bool {
        inline.split(whereSeparator: { $0 == "{" || $0 == "," || $0 == "}" }).contains { item in
            guard let eq = item.firstIndex(of: "=") else { return false }
            return unquoted(item[..<eq].trimmingSpaces()) == key
        }
    }

    private static func unquoted(_ s: String) -> String {
        let t = s.trimmingSpaces()
        if t.count >= 2, let f = t.first, f == "\"" || f == "'", t.last == f { return String(t.dropFirst().dropLast()) }
        return t
    }
}
