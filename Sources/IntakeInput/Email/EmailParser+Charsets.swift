import Foundation
import IntakeCore
import IntakeText

/// Charsets: labels as mail software writes them, conversion through ICU, and detection of unlabeled 8-bit bodies.
extension EmailParser {
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
}
