import IntakeCore

/// The lines that end the customer's own text in an e-mail body (signature, "sent from my phone", quoted replies,
/// forwarded header blocks), from `lexicons/email-markers.tsv`.
public struct EmailMarkers: Sendable, Equatable {
    public var signature: [String] = []
    public var sentFrom: [String] = []
    public var original: [String] = []
    public var wroteStart: [String] = []
    public var wroteEnd: [String] = []
    public var header: [String] = []
    public var headerNext: [String] = []

    /// A line of `email-markers.tsv` that is not `kind<TAB>marker` of a known kind.
    public struct BadLine: Error, CustomStringConvertible {
        public let line: Int
        public let reason: String
        public var description: String { "email-markers.tsv:\(line): \(reason)" }
    }

    /// Markers from the text of an `email-markers.tsv` file; unknown kinds are refused by name.
    public init(tsv: String) throws(BadLine) {
        // Lines split on the UTF-8 bytes: splitting the String by Character breaks it into graphemes first, which cost
        // more than the rest of start-up's reading of this file. A "\r\n" is one Character and so never split there;
        // the byte split keeps that.
        var lines: [Substring] = []
        let u = tsv.utf8
        var start = u.startIndex, previous: UInt8 = 0
        for i in u.indices {
            let b = u[i]
            if b == 0x0A, previous != 0x0D {
                lines.append(tsv[start..<i])
                start = u.index(after: i)
            }
            previous = b
        }
        lines.append(tsv[start...])
        for (n, raw) in lines.enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            guard !line.hasPrefix("#"), !line.trimmingSpaces().isEmpty else { continue }
            let fields = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard fields.count == 2, !fields[1].isEmpty else { throw BadLine(line: n + 1, reason: "a line is kind<TAB>marker") }
            let marker = String(fields[1]).lowercased()
            switch fields[0] {
            case "signature": signature.append(marker)
            case "sent-from": sentFrom.append(marker)
            case "original": original.append(marker)
            case "wrote-start": wroteStart.append(marker)
            case "wrote-end": wroteEnd.append(marker)
            case "header": header.append(marker)
            case "header-next": headerNext.append(marker)
            default: throw BadLine(line: n + 1, reason: "unknown kind '\(fields[0])' (signature, sent-from, original, wrote-start, wrote-end, header, header-next)")
            }
        }
    }

    public init() {}
}
