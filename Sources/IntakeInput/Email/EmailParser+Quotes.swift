import Foundation
import IntakeCore
import IntakeText

/// Quoted replies and signatures, set apart from the text that is classified.
extension EmailParser {
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
