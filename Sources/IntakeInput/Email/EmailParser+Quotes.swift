import Foundation
import IntakeCore
import IntakeText

/// Quoted replies and signatures, set apart from the text that is classified.
extension EmailParser {
    /// The body without quoted replies (lines after "在 … 写道：", "El … escribió:", "On … wrote:",
    /// "-----Original Message-----", Outlook's "De: … Enviado:" block, "> " lines) and without a signature after
    /// "-- " or a "sent from my phone" line: the markers of `lexicons/email-markers.tsv`.
    public static func stripQuotes(_ body: String, markers: EmailMarkers) -> String {
        split(body, markers: markers).content
    }

    /// The customer's own text, and the signature under it (the lines after "-- " or "sent from my phone" up to a
    /// quoted message), where a customer leaves a phone number the desk may call.
    public static func split(_ body: String, markers: EmailMarkers) -> (content: String, signature: String?) {
        var kept: [Substring] = []
        var signature: [Substring]?
        let lines = body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        func quoteStarts(_ n: Int, _ t: String, _ lower: String) -> Bool {
            if markers.original.contains(where: { lower.hasPrefix($0) }) { return true }
            if markers.wroteStart.contains(where: { lower.hasPrefix($0) }), markers.wroteEnd.contains(where: { lower.hasSuffix($0) }) { return true }
            if markers.header.contains(where: { lower.hasPrefix($0) }),
               lines.dropFirst(n + 1).prefix(4).contains(where: { l in markers.headerNext.contains { l.lowercased().hasPrefix($0) } }) { return true }
            return t.hasPrefix(">")
        }
        for (n, raw) in lines.enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let t = line.trimmingSpaces()
            let lower = t.lowercased()
            if signature != nil {
                if quoteStarts(n, t, lower) { break }
                signature!.append(line)
                continue
            }
            // "-- " (RFC 3676) starts a signature; a bare "--" only with its space.
            if markers.signature.contains(lower) && (line.hasPrefix(lower + " ") || line == lower + " ") { signature = []; continue }
            if markers.sentFrom.contains(where: { lower.hasPrefix($0) }) { signature = [line]; continue }
            if quoteStarts(n, t, lower), !t.hasPrefix(">") { break }
            if t.hasPrefix(">") { continue }
            kept.append(line)
        }
        while let last = kept.last, last.trimmingSpaces().isEmpty { kept.removeLast() }
        let sig = signature?.joined(separator: "\n").trimmingSpaces()
        return (kept.joined(separator: "\n"), sig?.isEmpty == false ? String(sig!) : nil)
    }
}
