import IntakeCore
import IntakeText
import Foundation

/// A strict reader for the JSON objects batch lines hold: strings, `null` and nested objects.
///
/// Foundation's JSONSerialization costs more per line than classifying it; this reader does the common case in
/// one pass over the bytes. It answers nil for anything it does not take (numbers, booleans, arrays, duplicate keys,
/// bytes that are not UTF-8, any syntax error; a lone surrogate escape it reads as U+FFFD), and the caller then checks the bytes and asks
/// JSONSerialization, so errors and rare forms read exactly as before.
package enum SimpleJSON {
    package static func object(_ line: ArraySlice<UInt8>) -> [String: Any]? {
        line.withUnsafeBufferPointer { u -> [String: Any]? in
            var r = Reader(u: u)
            r.skipSpace()
            guard let o = r.object(depth: 0) else { return nil }
            r.skipSpace()
            return r.i == u.count ? o : nil
        }
    }

    private struct Reader {
        package let u: UnsafeBufferPointer<UInt8>
        package var i = 0

        package mutating func skipSpace() {
            while i < u.count, u[i] == 0x20 || u[i] == 0x09 || u[i] == 0x0A || u[i] == 0x0D { i += 1 }
        }

        package mutating func literal(_ word: StaticString) -> Bool {
            // Only `null` is read here; numbers and booleans go to JSONSerialization, whose NSNumber the fields expect.
            let n = word.utf8CodeUnitCount
            guard i + n <= u.count else { return false }
            for k in 0..<n where u[i + k] != word.utf8Start[k] { return false }
            i += n
            return true
        }

        package mutating func object(depth: Int) -> [String: Any]? {
            guard depth < 4, i < u.count, u[i] == 0x7B else { return nil }
            i += 1
            var out: [String: Any] = [:]
            skipSpace()
            if i < u.count, u[i] == 0x7D { i += 1; return out }
            while true {
                skipSpace()
                guard let key = string() else { return nil }
                skipSpace()
                guard i < u.count, u[i] == 0x3A else { return nil }
                i += 1
                skipSpace()
                guard i < u.count else { return nil }
                let value: Any
                switch u[i] {
                case 0x22: guard let s = string() else { return nil }; value = s
                case 0x7B: guard let o = object(depth: depth + 1) else { return nil }; value = o
                case 0x6E: guard literal("null") else { return nil }; value = NSNull()
                default: return nil
                }
                guard out.updateValue(value, forKey: key) == nil else { return nil }
                skipSpace()
                guard i < u.count else { return nil }
                if u[i] == 0x2C { i += 1; continue }
                if u[i] == 0x7D { i += 1; return out }
                return nil
            }
        }

        package mutating func string() -> String? {
            guard i < u.count, u[i] == 0x22 else { return nil }
            i += 1
            let start = i
            while i < u.count, u[i] != 0x22, u[i] != 0x5C, u[i] >= 0x20 { i += 1 }
            guard i < u.count else { return nil }
            if u[i] == 0x22 {
                defer { i += 1 }
                return String(validating: UnsafeBufferPointer(rebasing: u[start..<i]), as: UTF8.self)
            }
            guard u[i] == 0x5C else { return nil }
            var bytes = Array(UnsafeBufferPointer(rebasing: u[start..<i]))
            while i < u.count {
                let b = u[i]
                if b == 0x22 {
                    i += 1
                    return String(validating: bytes, as: UTF8.self)
                }
                guard b >= 0x20 else { return nil }
                if b != 0x5C { bytes.append(b); i += 1; continue }
                guard i + 1 < u.count else { return nil }
                let e = u[i + 1]
                i += 2
                switch e {
                case 0x22, 0x5C, 0x2F: bytes.append(e)
                case 0x62: bytes.append(0x08)
                case 0x66: bytes.append(0x0C)
                case 0x6E: bytes.append(0x0A)
                case 0x72: bytes.append(0x0D)
                case 0x74: bytes.append(0x09)
                case 0x75:
                    guard var scalar = hex4() else { return nil }
                    // A surrogate escape without its pair (which JSON allows and UTF-8 cannot hold) becomes U+FFFD, as
                    // Python and browsers read it: the rest of the complaint is kept, not refused.
                    if scalar >= 0xD800, scalar < 0xDC00 {
                        let mark = i
                        if i + 1 < u.count, u[i] == 0x5C, u[i + 1] == 0x75 {
                            i += 2
                            if let low = hex4(), low >= 0xDC00, low < 0xE000 {
                                scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
                            } else {
                                i = mark
                                scalar = 0xFFFD
                            }
                        } else {
                            scalar = 0xFFFD
                        }
                    } else if scalar >= 0xDC00, scalar < 0xE000 {
                        scalar = 0xFFFD
                    }
                    UTF8Bytes.forEachByte(of: scalar) { bytes.append($0) }
                default: return nil
                }
            }
            return nil
        }

        package mutating func hex4() -> UInt32? {
            guard i + 4 <= u.count else { return nil }
            var v: UInt32 = 0
            for k in 0..<4 {
                let c = u[i + k]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: return nil
                }
                v = v << 4 | d
            }
            i += 4
            return v
        }
    }
}
