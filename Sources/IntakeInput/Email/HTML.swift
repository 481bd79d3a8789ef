import Foundation
import IntakeCore
import IntakeText

/// HTML to readable text: tags dropped, block elements as line breaks, entities decoded, scripts and styles removed.
package enum HTML {
    package static func text(_ html: String, entities: HTMLEntities) -> String {
        // Built as UTF-8 bytes and made a String once: appending scalars to a String grew it without doubling,
        // which made a large HTML body quadratic.
        var out: [UInt8] = []
        out.reserveCapacity(html.utf8.count)
        func emit(_ c: Unicode.Scalar) { UTF8.encode(c) { out.append($0) } }
        let s = Array(html.unicodeScalars)
        var i = 0
        func lowerAt(_ j: Int, _ word: String) -> Bool {
            let w = Array(word.unicodeScalars)
            guard j + w.count <= s.count else { return false }
            for k in 0..<w.count where Character(s[j + k]).lowercased() != String(w[k]) { return false }
            return true
        }
        // A "<" after the last ">" opens no tag: it is text, and is not scanned for a ">" that never comes.
        let lastClose = s.lastIndex(of: ">") ?? -1
        while i < s.count {
            let c = s[i]
            if c == "<", i < lastClose {
                if lowerAt(i, "<!--") {
                    var j = i + 4
                    while j + 2 < s.count, !(s[j] == "-" && s[j + 1] == "-" && s[j + 2] == ">") { j += 1 }
                    i = min(s.count, j + 3); continue
                }
                var j = i + 1
                while j < s.count, s[j] != ">" { j += 1 }
                let tag = String(String.UnicodeScalarView(s[(i + 1)..<min(j, s.count)])).lowercased()
                let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }
                if !tag.hasPrefix("/"), name == "script" || name == "style" || name == "head" || name == "title" {
                    var k = j
                    while k < s.count, !lowerAt(k, "</\(name)") { k += 1 }
                    while k < s.count, s[k] != ">" { k += 1 }
                    i = k + 1; continue
                }
                if ["br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "blockquote", "table"].contains(String(name)) { emit("\n") }
                else if name == "td" || name == "th" { emit(" ") }
                i = j + 1
                continue
            }
            if c == "&", let (r, n) = entities.match(s, at: i) {
                r.unicodeScalars.forEach(emit)
                i += n
                continue
            }
            emit(c)
            i += 1
        }
        // Collapse the runs of blank space HTML layout leaves.
        var lines: [String] = []
        for l in String(decoding: out, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let t = l.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
            if t.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(t)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
