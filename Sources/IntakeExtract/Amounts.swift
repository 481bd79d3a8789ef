import IntakeCore
import IntakeText
import IntakeLexicon

/// Amounts of money: a number with a currency mark before or after it (¥299, 49,99 €, 600多元, 20 lucas), or a
/// number right after a price cue (pagué 45, 花了500), and both ends of a range (200-300元, entre 500 y 600 pesos).
extension Extraction {
    package mutating func amounts() -> [Amount] {
        var out: [Amount] = []
        // A mark both languages know ($) is read by the rules of the text's language.
        let family = language.lexiconCode ?? (isSpanish ? "es" : "zh")
        // The text's own language first, each part in text order: a stable partition, linear where a sort was not.
        let all = hits { $0.word.table == .currency }
        let currencyHits = all.filter { $0.word.language == family } + all.filter { $0.word.language != family }
        let priceCues = hits { $0.word.table == .cue && $0.word.kind == "price" }
        // A generic mark ($, pesos, 元) takes a currency of its family that the text names elsewhere: decided once.
        let named = currencyHits.filter { $0.word.flag.isEmpty }.map(\.word.kind)
        // The longest mark ending (before a number) or starting (after one) at each position, the first of equals:
        // tables by position, whose lookups cost the same however long the text.
        var beforeAt = [Int32](repeating: -1, count: s.count + 1), afterAt = [Int32](repeating: -1, count: s.count + 1)
        for (k, h) in currencyHits.enumerated() {
            let p = h.word.value == "before" ? h.range.upperBound : h.range.lowerBound
            if h.word.value == "before" {
                if beforeAt[p] < 0 || h.range.count > currencyHits[Int(beforeAt[p])].range.count { beforeAt[p] = Int32(k) }
            } else if afterAt[p] < 0 || h.range.count > currencyHits[Int(afterAt[p])].range.count {
                afterAt[p] = Int32(k)
            }
        }
        // It captures locals only: a closure that read `self` (this method is mutating) made every call of `money`
        // below copy the whole extraction state first.
        let last = s.count
        func mark(_ table: [Int32], _ first: Int, _ second: Int) -> WordHit? {
            let k = table[min(first, last)] >= 0 ? table[min(first, last)] : table[min(second, last)]
            return k >= 0 ? currencyHits[Int(k)] : nil
        }
        // The end of the last price cue at or before each position, for the look-back from a number.
        var cueEnd = [Int32](repeating: -1, count: s.count + 1)
        for h in priceCues { cueEnd[h.range.upperBound] = max(cueEnd[h.range.upperBound], Int32(h.range.lowerBound)) }

        // Both ends of a range are amounts of the same currency, each marked approximate.
        func appendRange(_ low: (Range<Int>, String), _ high: (Range<Int>, String), currency: String?) {
            for (r, value) in [low, high] {
                let src = span(r)
                out.append(Amount(value: value, currency: currency, approximate: true, text: src.text, start: src.start, end: src.end))
            }
        }
        var i = 0
        while i < s.count {
            guard !claimed[i], numbers.startsNumber(s[i]), i == 0 || !Scan.isAlnum(s[i - 1]) || !Scan.isDigit(s[i]),
                  let n = numbers.read(s, at: i) else { i += 1; continue }
            meter?.count(n.range.count)
            // 五六百块, 三四百蚊: two neighbouring digits before a unit are both ends of a range.
            if !Scan.isDigit(s[i]), i + 1 < s.count, let d = numbers.chinese[s[i]], (1...8).contains(d),
               numbers.chinese[s[i + 1]] == d + 1, let second = numbers.read(s, at: i + 1), let v = second.integer, v >= 10,
               let m = money(second, beforeAt: beforeAt, afterAt: afterAt, cueEnd: cueEnd, named: named, mark: mark), m.currency != nil || m.range.upperBound > second.range.upperBound,
               isFree(i..<m.range.upperBound) {
                var unit = 1
                while v / unit >= 10 { unit *= 10 }
                claim(i..<m.range.upperBound)
                appendRange((i..<i + 1, String(d * unit)), (i + 1..<m.range.upperBound, m.value), currency: m.currency)
                i = m.range.upperBound
                continue
            }
            let single = money(n, beforeAt: beforeAt, afterAt: afterAt, cueEnd: cueEnd, named: named, mark: mark)
            // 200-300元, entre 500 y 600 pesos: the first end takes the currency (and multiplier) of the second.
            if single == nil || single!.currency == nil, let (second, m) = rangeEnd(after: n),
               let secondMoney = money(second, beforeAt: beforeAt, afterAt: afterAt, cueEnd: cueEnd, named: named, mark: mark),
               secondMoney.currency != nil || single == nil {
                let r1 = n.range, r2 = secondMoney.range
                guard isFree(r1), isFree(r2) else { i = n.range.upperBound; continue }
                claim(r1.lowerBound..<r2.upperBound)
                appendRange((r1, m > 1 ? NumberReader.multiply(n.value, m) : n.value), (r2, secondMoney.value), currency: secondMoney.currency)
                i = r2.upperBound
                continue
            }
            guard let first = single else { i = n.range.upperBound; continue }
            guard isFree(first.range) else { i = n.range.upperBound; continue }
            claim(first.range)
            let src = span(first.range)
            out.append(Amount(value: first.value, currency: first.currency, approximate: first.approximate, text: src.text, start: src.start, end: src.end))
            i = first.range.upperBound
        }
        return out
    }

    package struct Money {
        var range: Range<Int>
        var value: String
        var currency: String?
        var approximate: Bool
    }

    /// The number `n` as money: its currency mark, approximation word and price cue, or nil when nothing says money.
    private func money(_ n: NumberReader.Number, beforeAt: [Int32], afterAt: [Int32], cueEnd: [Int32], named: [String],
                       mark: ([Int32], Int, Int) -> WordHit?) -> Money? {
        // 0412 and the 000 of "000 mil": a piece of a code or of a number split by spaces, not an amount.
        if n.leadingZero { return nil }
        let i = n.range.lowerBound
        var range = n.range
        var currency: String?
        var isMoney = false
        var approximate = false
        var value = n.value
        let back = Scan.skipSpacesBack(s, i)
        if let h = mark(beforeAt, back, i), Scan.startsWord(s, h.range.lowerBound) || !Scan.isLetter(s[h.range.lowerBound]) {
            currency = resolve(h, named: named)
            range = h.range.lowerBound..<range.upperBound
            isMoney = true
        }
        // 600多元, 三千来块, 1000余元, 五百左右: an approximation word between the number and its mark, or after it.
        var after = Scan.skipSpaces(s, n.range.upperBound)
        if let a = hits(startingAt: after).first(where: { $0.word.table == .cue && $0.word.kind == "approx" }) {
            approximate = true
            after = Scan.skipSpaces(s, a.range.upperBound)
            if mark(afterAt, after, after) == nil { range = range.lowerBound..<a.range.upperBound }
        }
        if let m = n.multiplierStart, let h = mark(afterAt, m, m) {
            // 20 lucas: the multiplier is the currency word too.
            currency = resolve(h, named: named)
            isMoney = true
        } else if let h = mark(afterAt, after, after) {
            // A generic unit after the number (元, 块) does not undo a named currency before it (新台币150元).
            if currency == nil || h.word.flag != "generic" { currency = resolve(h, named: named) }
            range = range.lowerBound..<h.range.upperBound
            isMoney = true
            // 58块5 and 两块五: one digit right after 块 counts tenths.
            let e = h.range.upperBound
            if h.word.language == "zh", h.word.flag.contains("CNY"), h.range.count == 1, n.integer != nil, e < s.count,
               let tenth = Scan.isDigit(s[e]) ? Scan.digit(s[e]) : numbers.chinese[s[e]].flatMap({ $0 < 10 ? $0 : nil }), tenth > 0,
               e + 1 >= s.count || !(numbers.startsNumber(s[e + 1])) {
                value = n.value + "." + String(tenth)
                range = range.lowerBound..<e + 1
            }
        }
        // 一块 is as often "a piece" as "one yuan": a small Chinese numeral needs 钱 or a currency before it.
        if isMoney, !Scan.isDigit(s[i]), n.integer ?? 0 < 10, range.lowerBound == i, currency == "CNY" || currency == "HKD",
           !hits(startingAt: after).contains(where: { $0.word.table == .currency && $0.range.count > 1 }) {
            isMoney = false
        }
        if hits(endingAt: Scan.skipSpacesBack(s, range.lowerBound)).contains(where: { $0.word.table == .cue && $0.word.kind == "approx" }) { approximate = true }
        if !isMoney {
            // 一晚, 一平米: a small Chinese numeral after a price cue counts things; 千蚊 and 万多 alone are no figure.
            if !Scan.isDigit(s[i]), n.integer ?? 0 < 10 || (numbers.chinese[s[i]] ?? 0) >= 100 { return nil }
            guard !followedByUnit(n.range.upperBound), priceCue(before: i, cueEnd: cueEnd) || looksLikeMoney(n, after: after) else { return nil }
            isMoney = true
        }
        return Money(range: range, value: value, currency: currency ?? defaultCurrency, approximate: approximate)
    }

    /// A price cue ends right before `i`, or before it with only fillers, approximation words, spaces and a colon
    /// between, in the same clause (pagué 45, el precio era de 300, 花了大概500, 售价：199).
    private func priceCue(before i: Int, cueEnd: [Int32]) -> Bool {
        var j = i
        for _ in 0..<5 {
            while j > 0, Scan.isSpace(s[j - 1]) || s[j - 1] == 0x3A || s[j - 1] == 0xFF1A { j -= 1 }
            if cueEnd[j] >= 0 { return true }
            guard let step = hits(endingAt: j).filter({ $0.word.table == .cue && ($0.word.kind == "filler" || $0.word.kind == "approx") })
                .max(by: { $0.range.count < $1.range.count }) else { return false }
            j = step.range.lowerBound
        }
        return false
    }

    /// With no mark and no cue, the shape says money: 1.2万, 26mil and 3k (digits times a thousand or more), 29,90
    /// after `de` or `por` (two decimals after a `priceweak` word), 六百九十九的衣服 (a `priceafter` word after it).
    private func looksLikeMoney(_ n: NumberReader.Number, after: Int) -> Bool {
        let digits = Scan.isDigit(s[n.range.lowerBound])
        if digits, n.multiplier >= 1000 { return true }
        // 一萬二, 三万五: a sum in Chinese numerals with 万 is money far more often than a count.
        if !digits, let v = n.integer, v >= 10_000, s[n.range].contains(where: { numbers.chinese[$0] == 10_000 }) { return true }
        if let dot = n.value.firstIndex(of: "."), n.value.distance(from: dot, to: n.value.endIndex) == 3,
           hits(endingAt: Scan.skipSpacesBack(s, n.range.lowerBound)).contains(where: { $0.word.table == .cue && $0.word.kind == "priceweak" }) {
            return true
        }
        if let v = n.integer, v >= 10, v < 1_000_000, !Scan.isAlnum(n.range.lowerBound > 0 ? s[n.range.lowerBound - 1] : 0x20),
           hits(startingAt: after).contains(where: { $0.word.table == .cue && $0.word.kind == "priceafter" }) {
            return true
        }
        return false
    }

    /// A count word follows the number (2 veces, 3天, 15 días, 40%): it is no amount.
    private func followedByUnit(_ end: Int) -> Bool {
        let k = Scan.skipSpaces(s, end)
        guard k < s.count else { return false }
        if s[k] == 0x25 || s[k] == 0xFF05 || s[k] == 0x2F { return true }
        return hits(startingAt: k).contains { $0.word.table == .cue && $0.word.kind == "count" }
            || hits(startingAt: k).contains { $0.word.table == .date }
    }

    /// The second end of a range that starts with `n`: a dash, tilde, 至, 到, a, y or hasta, then a number
    /// (`200-300`, `entre 500 y 600`, `de 35 a 42`). Also the factor to carry over to the first end: in
    /// `entre 120 y 150 mil pesos` both ends are thousands.
    private func rangeEnd(after n: NumberReader.Number) -> (NumberReader.Number, Int)? {
        var k = Scan.skipSpaces(s, n.range.upperBound)
        guard k < s.count else { return nil }
        let c = s[k]
        if c == 0x2D || c == 0x2013 || c == 0x7E || c == 0xFF5E || c == 0x81F3 || c == 0x5230 || c == 0x3001 {
            k += 1
        } else if let e = Scan.prefix("a", at: k, in: s) ?? Scan.prefix("y", at: k, in: s) ?? Scan.prefix("hasta", at: k, in: s),
                  e < s.count, Scan.isSpace(s[e]) {
            k = e
        } else {
            return nil
        }
        k = Scan.skipSpaces(s, k)
        guard k < s.count, numbers.startsNumber(s[k]), Scan.isDigit(s[k]) == Scan.isDigit(s[n.range.lowerBound]),
              let second = numbers.read(s, at: k) else { return nil }
        // 120 y 150 mil pesos: both ends are thousands.
        var factor = n.multiplier == 1 ? second.multiplier : 1
        // 五、六百块: the first end is a bare digit in the unit of the second.
        if !Scan.isDigit(s[n.range.lowerBound]), let a = n.integer, a < 10, let b = second.integer, b >= 10 {
            var unit = 1
            while b / unit >= 10 { unit *= 10 }
            if b % unit == 0 { factor = unit }
        }
        return (second, factor)
    }

    /// A generic mark ($, pesos, 元) takes the first currency of its family (its row's fourth field) that the text
    /// names elsewhere, then the desk's default when it is of the family, then its own code.
    private func resolve(_ h: WordHit, named: [String]) -> String {
        guard !h.word.flag.isEmpty else { return h.word.kind }
        let family = h.word.flag.split(separator: ",").map(String.init)
        if let c = named.first(where: family.contains) { return c }
        if let d = defaultCurrency, family.contains(d) { return d }
        return h.word.kind
    }
}
