import IntakeCore
import IntakeText
import IntakeLexicon
import Foundation

/// Order, tracking and reference numbers: named by a cue word before or after them, or known by their shape.
extension Extraction {
    /// Maximal runs of letters and digits joined by single hyphens or underscores, holding at least one digit:
    /// the candidates for order and tracking numbers.
    package static func codeRuns(_ s: [UInt32]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i < s.count {
            guard Scan.isAlnum(s[i]), Scan.startsWord(s, i) else { i += 1; continue }
            var j = i
            while j < s.count {
                if Scan.isAlnum(s[j]) { j += 1; continue }
                if (s[j] == 0x2D || s[j] == 0x5F), j + 1 < s.count, Scan.isAlnum(s[j + 1]) { j += 1; continue }
                break
            }
            if s[i..<j].contains(where: Scan.isDigit) { out.append(i..<j) }
            i = j
        }
        return out
    }

    /// The kinds of cue word that name the number next to them.
    package static let numberCues: Set<String> = ["order", "tracking", "phone", "ticket", "complaint", "invoice", "contract", "reference"]

    /// The cue (order, tracking, phone or a reference kind) that names the number starting at `start`: a cue word,
    /// then only fillers (是, número, nº) and separators (: # . spaces) up to the number.
    package func cue(before start: Int) -> WordHit? {
        var j = start
        for _ in 0..<6 {
            while j > 0, Self.isSeparator(s[j - 1]) { j -= 1 }
            let ending = hitsEndingAt[j]
            guard !ending.isEmpty else { return nil }
            if let cue = ending.filter({ Self.numberCues.contains($0.word.kind) && $0.word.table == .cue }).max(by: { $0.range.count < $1.range.count }) {
                return cue
            }
            // Fillers (是, número, de) and carrier names (guía de Estafeta 7788…) may stand between.
            guard let filler = ending.first(where: { $0.word.kind == "filler" || $0.word.table == .carrier }) else { return nil }
            j = filler.range.lowerBound
        }
        return nil
    }

    /// The cue after the number ending at `end`, with only fillers between: 174208675是我的订单编号,
    /// el 778201 es mi número de incidencia. Order and reference kinds only: a phone or parcel is named before.
    package func cue(after end: Int) -> WordHit? {
        var j = end
        for _ in 0..<4 {
            while j < s.count, Scan.isSpace(s[j]) { j += 1 }
            let starting = hitsStartingAt[j]
            guard !starting.isEmpty else { return nil }
            if let cue = starting.filter({ Self.numberCues.contains($0.word.kind) && $0.word.kind != "phone" && $0.word.kind != "tracking" && $0.word.table == .cue })
                .max(by: { $0.range.count < $1.range.count }) {
                return cue
            }
            guard let filler = starting.filter({ $0.word.kind == "filler" }).max(by: { $0.range.count < $1.range.count }) else { return nil }
            j = filler.range.upperBound
        }
        return nil
    }

    /// A cue glued to the front of a run (NÚMERO DE PEDIDO406-3348377-1789132): the cue, and where its number starts.
    package func gluedCue(in r: Range<Int>) -> (WordHit, Int)? {
        var best: (WordHit, Int)?
        for p in (r.lowerBound + 1)..<r.upperBound where Scan.isLetter(s[p - 1]) && Scan.isDigit(s[p]) {
            for h in hits(endingAt: p) where h.word.table == .cue && Self.numberCues.contains(h.word.kind) && h.range.lowerBound <= r.lowerBound {
                if best == nil || h.range.count > best!.0.range.count { best = (h, p) }
            }
            break
        }
        return best
    }

    package static func isSeparator(_ c: UInt32) -> Bool {
        Scan.isSpace(c) || c == 0x3A || c == 0x23 || c == 0x2E || c == 0x3D || c == 0x28 || c == 0x5B || c == 0x2D
            || c == 0xB0 || c == 0xBA || c == 0x2116
    }

    package func value(_ r: Range<Int>) -> String {
        let text = span(r).text
        // Nearly every code is ASCII, where NFKC changes nothing and upper case is a byte away; Foundation's
        // path costs ten to thirty thousand instructions a call.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.compactMap { b -> UInt8? in
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) { return nil }
                return b >= 0x61 && b <= 0x7A ? b - 0x20 : b
            }, as: UTF8.self)
        }
        return text.precomposedStringWithCompatibilityMapping.uppercased().filter { !$0.isWhitespace }
    }

    /// The carrier named near a number: from 24 scalars before `at` to 12 after `end`.
    package func carrierNear(_ at: Int, end: Int) -> String? {
        var best: WordHit?
        for e in max(0, at - 24)...max(0, end + 40) {
            for h in hits(endingAt: e) where h.word.table == .carrier && h.range.lowerBound <= end + 12 {
                if best == nil || abs(h.range.lowerBound - at) < abs(best!.range.lowerBound - at) { best = h }
            }
        }
        return best?.word.kind
    }

    package mutating func cuedNumbers() -> ([OrderNumber], [TrackingNumber], [ReferenceNumber]) {
        var orders: [OrderNumber] = [], tracking: [TrackingNumber] = [], references: [ReferenceNumber] = []
        for whole in codes where isFree(whole) {
            var r = whole
            var found = cue(before: r.lowerBound)
            if found == nil, let (glued, start) = gluedCue(in: r) { found = glued; r = start..<r.upperBound }
            if found == nil { found = cue(after: r.upperBound) }
            guard let cue = found else { continue }
            let digits = s[r].filter(Scan.isDigit).count
            guard digits >= 4 || (digits >= 2 && r.count >= 5) || (digits >= 3 && cue.word.kind != "order" && cue.word.kind != "tracking") else { continue }
            let src = span(r)
            let v = value(r)
            switch cue.word.kind {
            case "order":
                // 单号 and pedido also name parcels: a courier's own shape (SF…, YT…, 1Z…), or a courier named right
                // before the cue (中通单号, 黑貓單號), makes it a tracking number.
                if let c = carrier(ofShape: v), c != "JD" {
                    tracking.append(TrackingNumber(value: v, carrier: c, text: src.text, start: src.start, end: src.end))
                } else if let c = hits(endingAt: cue.range.lowerBound).first(where: { $0.word.table == .carrier }) {
                    tracking.append(TrackingNumber(value: v, carrier: c.word.kind, text: src.text, start: src.start, end: src.end))
                } else {
                    orders.append(OrderNumber(value: v, text: src.text, start: src.start, end: src.end, confidence: "cue"))
                }
            case "tracking":
                tracking.append(TrackingNumber(value: v, carrier: carrier(ofShape: v) ?? carrierNear(cue.range.lowerBound, end: r.upperBound),
                                               text: src.text, start: src.start, end: src.end))
            case "phone":
                continue
            default:
                references.append(ReferenceNumber(value: v, kind: cue.word.kind == "reference" ? "other" : cue.word.kind, text: src.text, start: src.start, end: src.end))
            }
            claim(whole)
        }
        return (orders, tracking, references)
    }

    /// The carrier whose parcel numbers have the shape of `v` (`carrier-shapes.tsv`), if any.
    package func carrier(ofShape v: String) -> String? {
        let u = Array(v.unicodeScalars.map(\.value))
        return data.carrierShapes.first { $0.matches(u) }?.carrier
    }

    package mutating func shapedNumbers() -> ([OrderNumber], [TrackingNumber]) {
        var orders: [OrderNumber] = [], tracking: [TrackingNumber] = []
        // A long bare number is an order only in a text that speaks of orders or purchases (订单, 买, pedido, compré): in a bank
        // or police complaint the same shape is a transfer or receipt number. Decided once for the text.
        var speaksOfOrders: Bool?
        for r in codes where isFree(r) {
            let v = value(r)
            let src = span(r)
            if let carrier = self.carrier(ofShape: v) {
                tracking.append(TrackingNumber(value: v, carrier: carrier, text: src.text, start: src.start, end: src.end))
                claim(r)
                continue
            }
            let u = Array(v.unicodeScalars.map(\.value))
            let digits = u.filter(Scan.isDigit).count
            let amazon = u.count == 19 && u[3] == 0x2D && u[11] == 0x2D && digits == 17
            let prefixed = u.prefix { Scan.isLetter($0) }.count
            let letterPrefix = (1...4).contains(prefixed) && digits >= 8 && digits == u.count - prefixed
            let longRun = digits == u.count && digits >= 12 && digits <= 24
            guard amazon || letterPrefix || longRun else { continue }
            if !amazon {
                if speaksOfOrders == nil { speaksOfOrders = !hits(where: { $0.word.table == .cue && ($0.word.kind == "order" || $0.word.kind == "purchase") }).isEmpty }
                guard speaksOfOrders! else { continue }
            }
            orders.append(OrderNumber(value: v, text: src.text, start: src.start, end: src.end, confidence: "shape"))
            claim(r)
        }
        return (orders, tracking)
    }

}
