import IntakeCore
import IntakeText
import IntakeLexicon
/// Finds calendar days in a complaint and resolves them against the reference date.
///
/// Absolute forms: 2024-03-05, 2024/3/5, 2024年3月5日, 二〇二四年三月五日, 3月5号, 5 de marzo (de 2024),
/// 05/03/2024 (day first; flagged ambiguous when both readings are valid), 5-mar-24. Relative forms: day words
/// (今天, 前天, ayer, antier), weekdays (上周三, 周三, el lunes pasado, el próximo lunes), 上个月15号, 三天前,
/// hace 3 días, la semana pasada. A date without a year, or a bare weekday, is the most recent one not after
/// the reference: a complaint speaks of what happened.
package struct DateExtractor {
    package let run: Extraction
    package let reference: Day

    var s: [UInt32] { run.s }

    /// Date and number words by where they start.
    var dateHits: HitIndex {
        HitIndex(run.hits { $0.word.table == .date || $0.word.table == .number }, count: s.count)
    }

    package func extract() -> [DateMention.Found] {
        let starts = dateHits
        var out: [DateMention.Found] = []
        var i = 0
        while i < s.count {
            // Only a digit, a Chinese numeral or a date or number word can start a date.
            guard run.numbers.startsNumber(s[i]) || !starts[i].isEmpty else { i += 1; continue }
            guard run.isFree(i..<i + 1), Scan.startsWord(s, i) || !Scan.isDigit(s[i]) else { i += 1; continue }
            if let found = match(at: i, starts: starts) {
                out.append(found)
                i = found.normRange.upperBound
            } else {
                i += 1
            }
        }
        return out
    }

    /// el próximo 6 de abril, el próximo 12/05: a day without a year after "próximo" is the next one.
    func upcoming(_ f: DateMention.Found) -> DateMention.Found {
        let b = Scan.skipSpacesBack(s, f.normRange.lowerBound)
        guard run.language == .spanish, let from = word(.upcoming, endingAt: b), let day = Day(iso: f.mention.value), day <= reference,
              let next = Day(year: day.year + 1, month: day.month, day: day.day), next > reference else { return f }
        return found(next, from..<f.normRange.upperBound, relative: true) ?? f
    }

    func found(_ day: Day?, _ range: Range<Int>, relative: Bool, ambiguous: Bool = false) -> DateMention.Found? {
        guard let day else { return nil }
        let src = run.span(range)
        return DateMention.Found(
            mention: DateMention(value: day.description, text: src.text, start: src.start, end: src.end, relative: relative,
                                 ambiguous: ambiguous, receipt: isReceipt(range)),
            normRange: range)
    }

    /// A receipt cue (收到, me llegó) in the same clause, just before or just after the date.
    func isReceipt(_ r: Range<Int>) -> Bool {
        let clause = run.clauseStart(r.lowerBound)
        let isReceived = { (h: WordHit) in h.word.table == .cue && h.word.kind == "received" }
        let before = (max(clause, r.lowerBound - 16)...r.lowerBound).contains { e in run.hits(endingAt: e).contains { isReceived($0) && $0.range.lowerBound >= clause } }
        let after = (r.upperBound...r.upperBound + 4).contains { b in run.hits(startingAt: b).contains(where: isReceived) }
        return before || after
    }

    // MARK: matching

    func match(at i: Int, starts: HitIndex) -> DateMention.Found? {
        if Scan.isDigit(s[i]), let f = mixedMonthDate(at: i) { return f }
        if run.numbers.startsNumber(s[i]) {
            if let f = numeric(at: i) ?? chineseDate(at: i) ?? spanishDayMonth(at: i) ?? ago(at: i) { return upcoming(f) }
        }
        if let f = mixedMonthDate(at: i) { return f }
        let words = starts[i]
        guard !words.isEmpty else { return nil }
        if let n = spanishNumber(at: i), let f = spanishLater(count: n.value, start: i, at: Scan.skipSpaces(s, n.end)) { return f }
        if let f = spanishDayWord(at: i, starts: starts) { return f }
        let dateWords = words.filter { $0.word.table == .date }.sorted { $0.range.count > $1.range.count }
        for h in dateWords where h.word.kind == "month" && h.word.language == "es" {
            if let f = spanishMonthDay(h, starts: starts) { return f }
        }
        for h in dateWords {
            if let f = relative(h, starts: starts) { return f }
        }
        return nil
    }

    /// The number at `j` as an Int, digits or Chinese numerals.
    func int(at j: Int) -> (value: Int, end: Int)? {
        guard j < s.count else { return nil }
        if Scan.isDigit(s[j]) {
            let r = Scan.digits(s, from: j)
            guard r.count <= 4 else { return nil }
            return (Scan.number(s, r), r.upperBound)
        }
        guard let n = run.numbers.read(s, at: j), let v = n.integer else { return nil }
        run.meter?.count(n.range.count)
        return (v, n.range.upperBound)
    }

    func char(_ j: Int) -> UInt32? { j < s.count ? s[j] : nil }

    /// The most recent `month`/`day` not after the reference (2月29日 looks back to the last leap year), unless the
    /// day falls within the next 45 days: "la reserva era para el 22 de marzo" said on the 20th is two days ahead.
    func pastDay(month: Int, day: Int) -> Day? {
        for y in [reference.year, reference.year + 1] {
            if let d = Day(year: y, month: month, day: day), d > reference, d.ordinal - reference.ordinal <= 45 { return d }
        }
        for y in stride(from: reference.year, through: reference.year - 8, by: -1) {
            if let d = Day(year: y, month: month, day: day), d <= reference { return d }
        }
        return nil
    }

    /// After "el 15": no unit, currency, percent, time or further digits that would make it something else.
    /// `afterWeekday`: a weekday already says a day is meant, so only units and currencies rule it out.
    func followsNothingDatelike(_ j: Int, afterWeekday: Bool = false) -> Bool {
        guard let c = char(j) else { return true }
        if Scan.isAlnum(c) || c == 0x25 || c == 0x3A || c == 0x2C && char(j + 1).map(Scan.isDigit) == true || c == 0x2E && char(j + 1).map(Scan.isDigit) == true || c == 0x20AC || c == 0x24 { return false }
        let k = Scan.skipSpaces(s, j)
        guard k < s.count, Scan.isLetter(s[k]) else { return true }
        var e = k
        while e < s.count, Scan.isLetter(s[e]) { e += 1 }
        let next = String(String.UnicodeScalarView(s[k..<e].compactMap(Unicode.Scalar.init)))
        // el 15 a las 8:00
        if word(.timeCue, at: k) != nil { return true }
        let context = run.data.dateContext
        if context.joiners.contains(next) { return afterWeekday }
        return !context.notDay.contains(next)
    }

    package func shift(_ n: Int, unit: String, back: Bool) -> Day? {
        // Any count that large leaves the calendar; bounding it first keeps the products below from overflowing.
        guard n.magnitude <= 10_000_000 else { return nil }
        let sign = back ? -1 : 1
        switch unit {
        case "day": return reference.adding(days: sign * n)
        case "week": return reference.adding(days: sign * 7 * n)
        case "month": return reference.adding(months: sign * n)
        case "year": return reference.adding(months: sign * 12 * n)
        // Hours and minutes from the reference stay on its day: the record keeps days, not times.
        case "time": return reference
        default: return nil
        }
    }

    func weekStart(_ d: Day) -> Day? { d.adding(days: 1 - d.weekday) }

    /// The most recent `weekday` on or before the reference (strictly before when `strict`).
    func lastWeekday(_ weekday: Int, strict: Bool) -> Day? {
        var delta = (reference.weekday - weekday + 7) % 7
        if delta == 0, strict { delta = 7 }
        return reference.adding(days: -delta)
    }

    func nextWeekday(_ weekday: Int) -> Day? {
        var delta = (weekday - reference.weekday + 7) % 7
        if delta == 0 { delta = 7 }
        return reference.adding(days: delta)
    }
}
