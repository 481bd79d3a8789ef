import IntakeCore
import IntakeLexicon
import IntakeText

/// Numeric dates in both languages: 2024-03-05, 05/03/2024, 3/5 after a date cue, 2024年3月5日 in digits.
extension DateExtractor {
    /// Two-digit years up to thirty years past the reference are this century, the rest the last one (89: 1989).
    func fullYear(_ y: Int, digits: Int) -> Int {
        guard digits <= 2 else { return y }
        return 2000 + y > reference.year + 30 ? 1900 + y : 2000 + y
    }

    /// 2024-03-05, 2024/3/5, 2024.3.5, 05/03/2024, 5-3-24, and 3/5 or 5/3 after a date cue.
    func numeric(at i: Int) -> DateMention.Found? {
        guard Scan.isDigit(s[i]), i == 0 || !Scan.isDigit(s[i - 1]) else { return nil }
        if let iso = isoDate(at: i) { return iso }
        guard i == 0 || !Scan.isAlnum(s[i - 1]) && s[i - 1] != 0x2E && s[i - 1] != 0x2F && s[i - 1] != 0x2D else { return nil }
        let a = Scan.digits(s, from: i)
        guard let sep = char(a.upperBound), sep == 0x2D || sep == 0x2F || sep == 0x2E || (sep == 0x20 && a.count == 4) else { return nil }
        if sep == 0x20 { return spacedDate(at: i, year: a) }
        let b = Scan.digits(s, from: a.upperBound + 1)
        guard !b.isEmpty, b.count <= 2 || a.count <= 2 else { return nil }
        var end = b.upperBound
        var c: Range<Int>?
        if char(end) == sep, end + 1 < s.count, Scan.isDigit(s[end + 1]) {
            let r = Scan.digits(s, from: end + 1)
            c = r
            end = r.upperBound
        }
        let x = Scan.number(s, a), y = Scan.number(s, b)
        if c == nil, a.count <= 2, b.count <= 2, sep != 0x2E || !run.language.isChinese, let (cy, cEnd) = commaYear(after: end) {
            // 08/12,2015
            let ambiguous = x <= 12 && y <= 12 && x != y
            return found(Day(year: cy, month: y, day: x) ?? Day(year: cy, month: x, day: y), i..<cEnd, relative: false, ambiguous: ambiguous)
        }
        if let after = char(end), Scan.isAlnum(after) || ((after == 0x2E || after == 0x2C) && end + 1 < s.count && Scan.isDigit(s[end + 1])) { return nil }
        if a.count == 4, let c, c.count <= 2 {
            var e = end
            if isDayMark(at: e) { e += 1 }
            return found(Day(year: x, month: y, day: Scan.number(s, c)), i..<e, relative: false)
        }
        guard a.count <= 2, b.count <= 2 else { return nil }
        if let c, run.language.isChinese, c.count <= 2 {
            // Chinese writes dates year first (12-11-10 is 2012-11-10), but no year is written with one digit and
            // 05/05/89 has no year-first reading: those are day, month, year.
            let z = Scan.number(s, c)
            let yearFirst = a.count == 1 && c.count == 2 ? nil : Day(year: fullYear(x, digits: 2), month: y, day: z)
            return found(yearFirst ?? Day(year: fullYear(z, digits: 2), month: y, day: x), i..<end, relative: false)
        }
        if let c {
            guard c.count == 4 || c.count == 2 else { return nil }
            let year = fullYear(Scan.number(s, c), digits: c.count)
            if x > 12 || y > 12 || x == y || !run.language.isChinese {
                let ambiguous = x <= 12 && y <= 12 && x != y
                return found(Day(year: year, month: y, day: x) ?? Day(year: year, month: x, day: y), i..<end, relative: false, ambiguous: ambiguous)
            }
            return found(Day(year: year, month: y, day: x), i..<end, relative: false, ambiguous: true)
        }
        guard (1...31).contains(x), (1...31).contains(y), x <= 12 || y <= 12 else { return nil }
        // Day and month alone: when only one reading is a date (22/04, 4/22), or after a cue that says a date
        // follows (el, del, 日期, 于).
        let cued = hasDateCue(before: i)
        if x > 12 || y > 12 {
            guard sep != 0x2E || cued else { return nil }
            return found(x > 12 ? pastDay(month: y, day: x) : pastDay(month: x, day: y), i..<end, relative: false)
        }
        // Chinese writes month/day with a slash (12/1 is 1 December) with or without a cue.
        if run.language.isChinese, sep == 0x2F { return found(pastDay(month: x, day: y), i..<end, relative: false) }
        guard sep == 0x2F, cued else { return nil }
        return found(pastDay(month: y, day: x), i..<end, relative: false, ambiguous: x != y)
    }

    /// 2016-12-16 inside a file name or before a time (2016-12-16T12:23:59): four-two-two with one separator.
    func isoDate(at i: Int) -> DateMention.Found? {
        let a = Scan.digits(s, from: i)
        guard a.count == 4, let sep = char(a.upperBound), sep == 0x2D || sep == 0x2F else { return nil }
        let b = Scan.digits(s, from: a.upperBound + 1)
        guard (1...2).contains(b.count), char(b.upperBound) == sep else { return nil }
        let c = Scan.digits(s, from: b.upperBound + 1)
        guard (1...2).contains(c.count) else { return nil }
        if i > 0 {
            let p = s[i - 1]
            let gluedToName = (p == 0x2D || p == 0x5F) && i >= 2 && Scan.isLetter(s[i - 2])
            guard gluedToName || !(Scan.isAlnum(p) || p == 0x2E || p == 0x2F || p == 0x2D) else { return nil }
        }
        if let after = char(c.upperBound), Scan.isDigit(after) || (Scan.isLetter(after) && after != 0x74) { return nil }
        var end = c.upperBound
        if isDayMark(at: end) { end += 1 }
        return found(Day(year: Scan.number(s, a), month: Scan.number(s, b), day: Scan.number(s, c)), i..<end, relative: false)
    }

    /// 2010 01 29: a four-digit year, then two-digit month and day, separated by single spaces.
    func spacedDate(at i: Int, year a: Range<Int>) -> DateMention.Found? {
        let b = Scan.digits(s, from: a.upperBound + 1)
        guard b.count == 2, char(b.upperBound) == 0x20 else { return nil }
        let c = Scan.digits(s, from: b.upperBound + 1)
        guard c.count == 2, char(c.upperBound).map({ !Scan.isDigit($0) && $0 != 0x2C && $0 != 0x2E }) ?? true else { return nil }
        return found(Day(year: Scan.number(s, a), month: Scan.number(s, b), day: Scan.number(s, c)), i..<c.upperBound, relative: false)
    }

    /// The month that closes a list of days after `j`: ", 21 y 22 de marzo", " y el 18 de marzo".
    func listMonth(after j: Int) -> Int? {
        var k = j
        for _ in 0..<6 {
            var q = Scan.skipSpaces(s, k)
            if char(q) == 0x2C { q += 1 } else if let w = word(.dayList, at: q) { q = w } else { return nil }
            q = Scan.skipSpaces(s, q)
            if let w = word(.article, at: q) { q = Scan.skipSpaces(s, w) }
            let r = Scan.digits(s, from: q)
            guard (1...2).contains(r.count), (1...31).contains(Scan.number(s, r)) else { return nil }
            var m = Scan.skipSpaces(s, r.upperBound)
            if let w = word(.connector, at: m) { m = Scan.skipSpaces(s, w) }
            if let month = monthWord(at: m) { return month.month }
            k = r.upperBound
        }
        return nil
    }

    /// A day cue (`daycue` in dates.tsv: el, el día, del) right before a number.
    func dayCue(before i: Int) -> Bool {
        let b = Scan.skipSpacesBack(s, i)
        return run.data.dateContext.dayCues.contains { Scan.word($0, endingAt: b, in: s) != nil }
    }

    /// `,2015` or `,15` right after a day and month.
    func commaYear(after j: Int) -> (Int, Int)? {
        guard char(j) == 0x2C else { return nil }
        let k = Scan.skipSpaces(s, j + 1)
        let r = Scan.digits(s, from: k)
        // "20/11, 22/11" and "10/11, 12 de noviembre" list dates; a year after a spaced comma has four digits.
        guard r.count == 4 || (r.count == 2 && k == j + 1), char(r.upperBound).map({ !Scan.isAlnum($0) && $0 != 0x2F && $0 != 0x2D }) ?? true else { return nil }
        return (fullYear(Scan.number(s, r), digits: r.count), r.upperBound)
    }

    /// A date cue (`datecue` in dates.tsv: fecha, desde, 日期, 于) right before `i`.
    func hasDateCue(before i: Int) -> Bool {
        let j = Scan.skipSpacesBack(s, i)
        return run.data.dateContext.dateCues.contains { Scan.word($0, endingAt: j, in: s) != nil }
    }
}
