import IntakeCore

/// HTML5 character references: the standard's 2,231 named references (`lexicons/html/entities.tsv`) and numeric
/// ones in decimal and hex, with the standard's replacements (`lexicons/html/numeric.tsv`), read as a browser reads
/// them in text.
package struct HTMLEntities: Sendable {
    /// Names with their `;` where the name needs it, to the characters they stand for.
    package let named: [String: String]
    /// The legacy names that also decode without `;` (`&amp`, `&copy`), longest first is tried by ``match(_:at:)``.
    package let legacy: Set<String>
    let longestLegacy: Int
    let numeric: [UInt32: Unicode.Scalar]

    /// Reads the tables from the text of `html/entities.tsv` (name, then code points in hex) and `html/numeric.tsv`
    /// (a numeric reference's value, then its replacement).
    package init(entities: String, numeric: String) {
        var named: [String: String] = [:]
        var legacy = Set<String>()
        for (name, fields) in Self.rows(entities) {
            var s = String.UnicodeScalarView()
            for f in fields { if let v = UInt32(f, radix: 16), let u = Unicode.Scalar(v) { s.append(u) } }
            named[name] = String(s)
            if !name.hasSuffix(";") { legacy.insert(name) }
        }
        var numbers: [UInt32: Unicode.Scalar] = [:]
        for (code, fields) in Self.rows(numeric) {
            if let c = UInt32(code, radix: 16), let f = fields.first, let v = UInt32(f, radix: 16), let u = Unicode.Scalar(v) { numbers[c] = u }
        }
        self.named = named
        self.legacy = legacy
        self.longestLegacy = legacy.map(\.count).max() ?? 0
        self.numeric = numbers
    }

    private static func rows(_ text: String) -> [(String, [Substring])] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let parts = line.split(separator: "\t")
            guard parts.count == 2 else { return nil }
            return (String(parts[0]), parts[1].split(separator: " "))
        }
    }

    /// The reference that starts at `s[i]` (an `&`): the text it stands for and how many scalars it spans, or nil
    /// when the `&` starts none and is itself text.
    package func match(_ s: [Unicode.Scalar], at i: Int) -> (text: String, length: Int)? {
        guard i + 1 < s.count else { return nil }
        if s[i + 1] == "#" { return number(s, at: i) }
        var j = i + 1
        while j < s.count, j - i <= 32, s[j].properties.isASCIIHexDigit || (s[j].isASCII && s[j].properties.isAlphabetic) { j += 1 }
        guard j > i + 1 else { return nil }
        let name = String(String.UnicodeScalarView(s[(i + 1)..<j]))
        if j < s.count, s[j] == ";", let r = named[name + ";"] { return (r, j - i + 1) }
        // A legacy name without its ';': the longest one the letters begin with (&copy2026 is ©2026).
        var n = min(name.unicodeScalars.count, longestLegacy)
        let scalars = Array(name.unicodeScalars)
        while n > 0 {
            let prefix = String(String.UnicodeScalarView(scalars[0..<n]))
            if legacy.contains(prefix), let r = named[prefix] { return (r, n + 1) }
            n -= 1
        }
        return nil
    }

    /// `&#233;`, `&#xE9;`, with or without the `;`; a value that is no character (0, a surrogate, past U+10FFFF)
    /// becomes U+FFFD, the C1 controls the Windows-1252 letters the page meant.
    private func number(_ s: [Unicode.Scalar], at i: Int) -> (text: String, length: Int)? {
        var j = i + 2
        let hex = j < s.count && (s[j] == "x" || s[j] == "X")
        if hex { j += 1 }
        let start = j
        var value: UInt64 = 0
        while j < s.count, let d = hex ? s[j].hexValue : s[j].decimalValue {
            value = min(value * (hex ? 16 : 10) + UInt64(d), 0x110000)
            j += 1
        }
        guard j > start else { return nil }
        let length = j - i + (j < s.count && s[j] == ";" ? 1 : 0)
        let code = UInt32(value)
        if let mapped = numeric[code] { return (String(mapped), length) }
        guard let u = Unicode.Scalar(code) else { return ("\u{FFFD}", length) }
        return (String(u), length)
    }
}

private extension Unicode.Scalar {
    var decimalValue: Int? { value >= 48 && value <= 57 ? Int(value - 48) : nil }
    var hexValue: Int? {
        switch value {
        case 48...57: Int(value - 48)
        case 65...70: Int(value - 55)
        case 97...102: Int(value - 87)
        default: nil
        }
    }
}
