import Foundation
import IntakeCore
import IntakeText

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
