/// Trimming in the standard library alone. Foundation's `trimmingCharacters(in:)` goes through `NSString`, and in
/// the e-mail parser (every header line, every body line) it cost a message 3 million instructions, an eighth of
/// the whole process.
extension Unicode.Scalar {
    /// Foundation's `.whitespaces`: space separators (Zs), the tab, and the zero width space (U+200B, which
    /// Foundation counts, as Unicode did before 4.0.1).
    package var isSpaceOrTab: Bool {
        value == 0x09 || value == 0x20 || (value > 0x7F && (value == 0x200B || properties.generalCategory == .spaceSeparator))
    }

    /// Foundation's `.whitespacesAndNewlines`: Unicode's White_Space (Z*, U+0009 to U+000D, U+0085) and U+200B.
    package var isWhitespaceOrNewline: Bool {
        (0x09...0x0D).contains(value) || value == 0x20 || (value > 0x7F && (value == 0x200B || properties.isWhitespace))
    }
}

extension Substring {
    /// Without the leading and trailing scalars `drop` accepts.
    package func trimming(_ drop: (Unicode.Scalar) -> Bool) -> String {
        let u = unicodeScalars
        var lo = u.startIndex, hi = u.endIndex
        while lo < hi, drop(u[lo]) { u.formIndex(after: &lo) }
        while lo < hi {
            let last = u.index(before: hi)
            guard drop(u[last]) else { break }
            hi = last
        }
        return String(self[lo..<hi])
    }

    /// Without leading and trailing spaces and tabs.
    package func trimmingSpaces() -> String { trimming(\.isSpaceOrTab) }

    /// Without leading and trailing white space and line breaks.
    package func trimmingWhitespace() -> String { trimming(\.isWhitespaceOrNewline) }
}

extension String {
    /// Without the leading and trailing scalars `drop` accepts.
    package func trimming(_ drop: (Unicode.Scalar) -> Bool) -> String { self[...].trimming(drop) }

    /// Without leading and trailing spaces and tabs.
    package func trimmingSpaces() -> String { self[...].trimmingSpaces() }

    /// Without leading and trailing white space and line breaks.
    package func trimmingWhitespace() -> String { self[...].trimmingWhitespace() }
}
