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

    private var s: [UInt32] { run.s }

    /// Date and number words by where they start.
    private var dateHits: HitIndex {
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
    private func upcoming(_ f: DateMention.Found) -> DateMention.Found {
        let b = Scan.skipSpacesBack(s, f.normRange.lowerBound)
        guard run.language == .spanish, b >= 7, word(at: b - 7, "proximo") != nil, let day = Day(iso: f.mention.value), day <= reference,
              let next = Day(year: day.year + 1, month: day.month, day: day.day), next > reference else { return f }
        return found(next, (b - 7)..<f.normRange.upperBound, relative: true) ?? f
    }

    private func found(_ day: Day?, _ range: Range<Int>, relative: Bool, ambiguous: Bool = false) -> DateMention.Found? {
        guard let day else { return nil }
        let src = run.span(range)
        return DateMention.Found(
            mention: DateMention(value: day.description, text: src.text, start: src.start, end: src.end, relative: relative,
                                 ambiguous: ambiguous, receipt: isReceipt(range)),
            normRange: range)
    }

    /// A receipt cue (收到, me llegó) in the same clause, just before or just after the date.
    private func isReceipt(_ r: Range<Int>) -> Bool {
        let clause = run.clauseStart(r.lowerBound)
        let isReceived = { (h: WordHit) in h.word.table == .cue && h.word.kind == "received" }
        let before = (max(clause, r.lowerBound - 16)...r.lowerBound).contains { e in run.hits(endingAt: e).contains { isReceived($0) && $0.range.lowerBound >= clause } }
        let after = (r.upperBound...r.upperBound + 4).contains { b in run.hits(startingAt: b).contains(where: isReceived) }
        return before || after
    }

    // MARK: matching

    private func match(at i: Int, starts: HitIndex) -> DateMention.Found? {
        if run.numbers.startsNumber(s[i]) {
            if let f = numeric(at: i) ?? chineseDate(at: i) ?? spanishDayMonth(at: i) ?? ago(at: i) { return upcoming(f) }
        }
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
    private func int(at j: Int) -> (value: Int, end: Int)? {
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

    private func char(_ j: Int) -> UInt32? { j < s.count ? s[j] : nil }
    private func isChar(_ j: Int, _ c: Character) -> Bool { char(j) == c.unicodeScalars.first!.value }

    /// The most recent `month`/`day` not after the reference (2月29日 looks back to the last leap year), unless the
    /// day falls within the next 45 days: "la reserva era para el 22 de marzo" said on the 20th is two days ahead.
    private func pastDay(month: Int, day: Int) -> Day? {
        for y in [reference.year, reference.year + 1] {
            if let d = Day(year: y, month: month, day: day), d > reference, d.ordinal - reference.ordinal <= 45 { return d }
        }
        for y in stride(from: reference.year, through: reference.year - 8, by: -1) {
            if let d = Day(year: y, month: month, day: day), d <= reference { return d }
        }
        return nil
    }

    /// Two-digit years up to thirty years past the reference are this century, the rest the last one (89: 1989).
    private func fullYear(_ y: Int, digits: Int) -> Int {
        guard digits <= 2 else { return y }
        return 2000 + y > reference.year + 30 ? 1900 + y : 2000 + y
    }

    /// 2024-03-05, 2024/3/5, 2024.3.5, 05/03/2024, 5-3-24, and 3/5 or 5/3 after a date cue.
    private func numeric(at i: Int) -> DateMention.Found? {
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
            if let ch = char(e), ch == "日".unicodeScalars.first!.value || ch == "号".unicodeScalars.first!.value { e += 1 }
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
    private func isoDate(at i: Int) -> DateMention.Found? {
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
        if let ch = char(end), ch == "日".unicodeScalars.first!.value || ch == "号".unicodeScalars.first!.value { end += 1 }
        return found(Day(year: Scan.number(s, a), month: Scan.number(s, b), day: Scan.number(s, c)), i..<end, relative: false)
    }

    /// 2010 01 29: a four-digit year, then two-digit month and day, separated by single spaces.
    private func spacedDate(at i: Int, year a: Range<Int>) -> DateMention.Found? {
        let b = Scan.digits(s, from: a.upperBound + 1)
        guard b.count == 2, char(b.upperBound) == 0x20 else { return nil }
        let c = Scan.digits(s, from: b.upperBound + 1)
        guard c.count == 2, char(c.upperBound).map({ !Scan.isDigit($0) && $0 != 0x2C && $0 != 0x2E }) ?? true else { return nil }
        return found(Day(year: Scan.number(s, a), month: Scan.number(s, b), day: Scan.number(s, c)), i..<c.upperBound, relative: false)
    }

    /// The month that closes a list of days after `j`: ", 21 y 22 de marzo", " y el 18 de marzo".
    private func listMonth(after j: Int) -> Int? {
        var k = j
        for _ in 0..<6 {
            var q = Scan.skipSpaces(s, k)
            if char(q) == 0x2C { q += 1 } else if let w = word(at: q, "y") ?? word(at: q, "o") ?? word(at: q, "al") { q = w } else { return nil }
            q = Scan.skipSpaces(s, q)
            if let w = word(at: q, "el") { q = Scan.skipSpaces(s, w) }
            let r = Scan.digits(s, from: q)
            guard (1...2).contains(r.count), (1...31).contains(Scan.number(s, r)) else { return nil }
            var m = Scan.skipSpaces(s, r.upperBound)
            if let w = word(at: m, "de") { m = Scan.skipSpaces(s, w) }
            if let month = monthWord(at: m) { return month.month }
            k = r.upperBound
        }
        return nil
    }

    private func phraseRaw(_ w: String, at j: Int) -> Bool {
        guard let end = Scan.prefix(w, at: j, in: s) else { return false }
        return end == s.count || !Scan.isLetter(s[end])
    }

    private func afterDia(_ i: Int) -> Bool {
        let b = Scan.skipSpacesBack(s, i)
        return b >= 3 && word(at: b - 3, "dia") != nil
    }

    /// A day cue (`daycue` in dates.tsv: el, el día, del) right before a number.
    private func dayCue(before i: Int) -> Bool {
        let b = Scan.skipSpacesBack(s, i)
        return run.data.dateContext.dayCues.contains { Scan.word($0, endingAt: b, in: s) != nil }
    }

    /// After "el 15": no unit, currency, percent, time or further digits that would make it something else.
    /// `afterWeekday`: a weekday already says a day is meant, so only units and currencies rule it out.
    private func followsNothingDatelike(_ j: Int, afterWeekday: Bool = false) -> Bool {
        guard let c = char(j) else { return true }
        if Scan.isAlnum(c) || c == 0x25 || c == 0x3A || c == 0x2C && char(j + 1).map(Scan.isDigit) == true || c == 0x2E && char(j + 1).map(Scan.isDigit) == true || c == 0x20AC || c == 0x24 { return false }
        let k = Scan.skipSpaces(s, j)
        guard k < s.count, Scan.isLetter(s[k]) else { return true }
        var e = k
        while e < s.count, Scan.isLetter(s[e]) { e += 1 }
        let next = String(String.UnicodeScalarView(s[k..<e].compactMap(Unicode.Scalar.init)))
        // el 15 a las 8:00
        if next == "a", word(at: Scan.skipSpaces(s, e), "las") ?? word(at: Scan.skipSpaces(s, e), "la") != nil { return true }
        let context = run.data.dateContext
        if context.joiners.contains(next) { return afterWeekday }
        return !context.notDay.contains(next)
    }

    /// `,2015` or `,15` right after a day and month.
    private func commaYear(after j: Int) -> (Int, Int)? {
        guard char(j) == 0x2C else { return nil }
        let k = Scan.skipSpaces(s, j + 1)
        let r = Scan.digits(s, from: k)
        // "20/11, 22/11" and "10/11, 12 de noviembre" list dates; a year after a spaced comma has four digits.
        guard r.count == 4 || (r.count == 2 && k == j + 1), char(r.upperBound).map({ !Scan.isAlnum($0) && $0 != 0x2F && $0 != 0x2D }) ?? true else { return nil }
        return (fullYear(Scan.number(s, r), digits: r.count), r.upperBound)
    }

    /// A date cue (`datecue` in dates.tsv: fecha, desde, 日期, 于) right before `i`.
    private func hasDateCue(before i: Int) -> Bool {
        let j = Scan.skipSpacesBack(s, i)
        return run.data.dateContext.dateCues.contains { Scan.word($0, endingAt: j, in: s) != nil }
    }

    /// 2024年3月5日, 二〇二四年三月五日, 3月5号, 29日, 24年3月5日.
    private func chineseDate(at i: Int) -> DateMention.Found? {
        guard let first = int(at: i) else { return nil }
        var j = first.end
        var year: Int?, month: Int?, day: Int?
        if isChar(j, "年") {
            let digits = first.end - i
            year = digits == 2 && Scan.isDigit(s[i]) ? 2000 + first.value : first.value
            j += 1
            guard let m = int(at: j), isChar(m.end, "月") else { return nil }
            month = m.value
            j = m.end + 1
        } else if isChar(j, "月") {
            month = first.value
            j += 1
        } else if isChar(j, "日") || isChar(j, "号") {
            guard (1...31).contains(first.value), isChar(j, "日") || followsMonthWord(i) || !isNumberedPlace(j + 1) else { return nil }
            let d = first.value
            var candidate = Day(year: reference.year, month: reference.month, day: d)
            if candidate == nil || candidate! > reference { candidate = reference.firstOfMonth.adding(months: -1) }
            let m = candidate.map { Day(year: $0.year, month: $0.month, day: d) } ?? nil
            return found(m, i..<j + 1, relative: false)
        } else {
            return nil
        }
        guard let d = int(at: j), (1...31).contains(d.value) else { return nil }
        let marked = isChar(d.end, "日") || isChar(d.end, "号")
        // 八月十五 without 日: only when no digit or unit follows (not 3月15个).
        guard marked || (d.end >= s.count || !(Scan.isDigit(s[d.end]) || run.numbers.chinese[s[d.end]] != nil || isChar(d.end, "个") || isChar(d.end, "天"))) else { return nil }
        day = d.value
        let range = i..<(marked ? d.end + 1 : d.end)
        if let year { return found(Day(year: year, month: month!, day: day!), range, relative: false) }
        return found(pastDay(month: month!, day: day!), range, relative: false)
    }

    /// 3号楼, 5号线, 2号门: a number with 号 followed by a place mark (`place` in dates.tsv) names a place, not a day.
    private func isNumberedPlace(_ j: Int) -> Bool {
        guard let c = char(j) else { return false }
        return run.data.dateContext.places.contains(c)
    }

    private func followsMonthWord(_ i: Int) -> Bool {
        run.hits(endingAt: i).contains { $0.word.table == .date && $0.word.kind.hasSuffix("month") }
    }

    /// 5 de marzo (de 2024), 5 marzo 2024, 5-mar-24, 2/Oct, 15 de octubre del 2023.
    private func spanishDayMonth(at i: Int) -> DateMention.Found? {
        guard Scan.isDigit(s[i]), let d = int(at: i), (1...31).contains(d.value), d.end - i <= 2 else { return nil }
        return spanishDayMonth(day: d.value, start: i, end: d.end)
    }

    /// A Spanish day word (primero, veintiuno, 1ro) starting a date.
    private func spanishDayWord(at i: Int, starts: HitIndex) -> DateMention.Found? {
        guard let w = starts[i].filter({ $0.word.table == .number && $0.word.language == "es" }).max(by: { $0.range.count < $1.range.count }),
              let v = Int(w.word.kind), (1...31).contains(v) else { return nil }
        return spanishDayMonth(day: v, start: i, end: w.range.upperBound)
    }

    private func spanishDayMonth(day: Int, start i: Int, end dEnd: Int) -> DateMention.Found? {
        var j = dEnd
        // Ordinal marks: 9º, 1.º, 1er, 1ro, 4.º
        if char(j) == 0x2E, char(j + 1) == 0xBA || char(j + 1) == 0x6F { j += 2 }
        else if char(j) == 0xBA || char(j) == 0xB0 { j += 1 }
        else if let k = word(at: j, "er") ?? word(at: j, "ro") ?? word(at: j, "ero") ?? word(at: j, "o") { j = k }
        let d = (value: day, end: j)
        // 21 del 3: the month as a number.
        let afterDay = Scan.skipSpaces(s, j)
        if let k = word(at: afterDay, "de") ?? word(at: afterDay, "del") {
            // el 21 de este mes, el 5 del mes pasado
            var q = Scan.skipSpaces(s, k)
            var offset: Int?
            if let e = word(at: q, "este"), let m = word(at: Scan.skipSpaces(s, e), "mes") { offset = 0; q = m }
            else if let m = word(at: q, "mes"), let p = word(at: Scan.skipSpaces(s, m), "pasado") ?? word(at: Scan.skipSpaces(s, m), "anterior") { offset = -1; q = p }
            if let offset {
                let f = reference.firstOfMonth.adding(months: offset)
                return found(f.flatMap { Day(year: $0.year, month: $0.month, day: d.value) }, i..<q, relative: true)
            }
            // 9 de 8 de 1971: a month number only with a year after it.
            let m = Scan.digits(s, from: q)
            if (1...2).contains(m.count), (1...12).contains(Scan.number(s, m)) {
                var r = Scan.skipSpaces(s, m.upperBound)
                if let w = word(at: r, "de") ?? word(at: r, "del") {
                    r = Scan.skipSpaces(s, w)
                    let y = Scan.digits(s, from: r)
                    if y.count == 4, char(y.upperBound).map({ !Scan.isAlnum($0) }) ?? true {
                        return found(Day(year: Scan.number(s, y), month: Scan.number(s, m), day: d.value), i..<y.upperBound, relative: false)
                    }
                }
            }
        }
        if let k = word(at: afterDay, "del") {
            let m = Scan.digits(s, from: Scan.skipSpaces(s, k))
            if (1...2).contains(m.count), (1...12).contains(Scan.number(s, m)), char(m.upperBound).map({ !Scan.isAlnum($0) }) ?? true {
                return found(pastDay(month: Scan.number(s, m), day: d.value), i..<m.upperBound, relative: false)
            }
        }
        var sep: UInt32 = 0x20
        if let c = char(j), c == 0x2D || c == 0x2F || c == 0x2E { sep = c; j += 1 }
        j = Scan.skipSpaces(s, j)
        if sep == 0x20, let k = word(at: j, "de") { j = Scan.skipSpaces(s, k) }
        guard let month = monthWord(at: j) else {
            // el 14 y el 18 de marzo, los días 18 y 19 de junio: the month named at the end of the list.
            if Scan.isDigit(s[i]), dayCue(before: i), let month = listMonth(after: d.end) {
                return found(pastDay(month: month, day: d.value), i..<d.end, relative: false)
            }
            // el 15, el día 18, el día veintinueve: a day of this month or the last.
            guard Scan.isDigit(s[i]) ? dayCue(before: i) : afterDia(i), followsNothingDatelike(d.end) else { return nil }
            var c = reference.firstOfMonth
            if d.value > reference.day {
                guard let previous = c.adding(months: -1) else { return nil }
                c = previous
            }
            guard d.value <= Day.daysIn(c.year, c.month) else { return nil }
            return found(Day(year: c.year, month: c.month, day: d.value), i..<d.end, relative: false)
        }
        var end = month.range.upperBound
        if char(end) == 0x2E { end += 1 }
        var year: Int?
        var k = end
        if let c = char(k), c == 0x2D || c == 0x2F || c == 0x2C { k += 1 }
        k = Scan.skipSpaces(s, k)
        if let w = word(at: k, "del") ?? word(at: k, "de") { k = Scan.skipSpaces(s, w) }
        let y = Scan.digits(s, from: k)
        if y.count == 4 || (y.count == 2 && sep != 0x20), char(y.upperBound).map({ !Scan.isAlnum($0) }) ?? true {
            year = fullYear(Scan.number(s, y), digits: y.count)
            end = y.upperBound
        } else if y.isEmpty, k > end, let w = spanishNumber(at: k), (1900...2100).contains(w.value) {
            // de dos mil dieciocho
            year = w.value
            end = w.end
        }
        let day: Day? = year.map { Day(year: $0, month: month.month, day: d.value) } ?? pastDay(month: month.month, day: d.value)
        return found(day, i..<end, relative: false)
    }

    /// marzo 5, Mayo veintiuno, octubre 2 de 2023.
    private func spanishMonthDay(_ h: WordHit, starts: HitIndex) -> DateMention.Found? {
        guard let month = Int(h.word.value) else { return nil }
        let j = Scan.skipSpaces(s, h.range.upperBound)
        guard j > h.range.upperBound, j < s.count else { return nil }
        var day: Int?, end = j
        if Scan.isDigit(s[j]) {
            let r = Scan.digits(s, from: j)
            guard r.count <= 2, char(r.upperBound).map({ !Scan.isAlnum($0) && $0 != 0x3A && $0 != 0x2E && $0 != 0x2C || $0 == 0x2C }) ?? true else { return nil }
            day = Scan.number(s, r); end = r.upperBound
        } else if let w = starts[j].filter({ $0.word.table == .number && $0.word.language == "es" }).max(by: { $0.range.count < $1.range.count }), let v = Int(w.word.kind), v >= 1 {
            day = v; end = w.range.upperBound
        }
        guard let day, (1...31).contains(day) else { return nil }
        if let (y, yEnd) = commaYear(after: end) { return found(Day(year: y, month: month, day: day), h.range.lowerBound..<yEnd, relative: false) }
        var k = Scan.skipSpaces(s, end)
        if let w = word(at: k, "de") ?? word(at: k, "del") {
            k = Scan.skipSpaces(s, w)
            let y = Scan.digits(s, from: k)
            if y.count == 4 { return found(Day(year: Scan.number(s, y), month: month, day: day), h.range.lowerBound..<y.upperBound, relative: false) }
        }
        return found(pastDay(month: month, day: day), h.range.lowerBound..<end, relative: false)
    }

    private func word(at j: Int, _ w: String) -> Int? {
        guard let k = Scan.prefix(w, at: j, in: s), Scan.endsWord(s, j, k - j) else { return nil }
        return k
    }

    private func monthWord(at j: Int) -> (month: Int, range: Range<Int>)? {
        run.hits(startingAt: j).filter { $0.word.table == .date && $0.word.kind == "month" && $0.word.language == "es" }
            .max { $0.range.count < $1.range.count }
            .flatMap { h in Int(h.word.value).map { ($0, h.range) } }
    }

    /// 三天前, 3天前, 两周前, 一个月前.
    private func ago(at i: Int) -> DateMention.Found? {
        guard let n = int(at: i), (1...400).contains(n.value) else { return nil }
        if run.language == .spanish { return spanishLater(count: n.value, start: i, at: Scan.skipSpaces(s, n.end)) }
        guard let unit = run.hits(startingAt: n.end).filter({ $0.word.table == .date && $0.word.kind == "unit" && $0.word.language == "zh" }).max(by: { $0.range.count < $1.range.count }),
              let ago = run.hits(startingAt: unit.range.upperBound).filter({ ($0.word.kind == "ago" || $0.word.kind == "later") && $0.word.language == "zh" }).max(by: { $0.range.count < $1.range.count })
        else { return nil }
        return found(shift(n.value, unit: unit.word.value, back: ago.word.kind == "ago"), i..<ago.range.upperBound, relative: true)
    }

    /// 30 minutos después, 3 días después de hoy, 2 días a partir de mañana, 2 días antes de hoy.
    private func spanishLater(count: Int, start i: Int, at j: Int) -> DateMention.Found? {
        guard let unit = run.hits(startingAt: j).filter({ $0.word.kind == "unit" && $0.word.language == "es" }).max(by: { $0.range.count < $1.range.count }) else { return nil }
        let k = Scan.skipSpaces(s, unit.range.upperBound)
        var connector: (end: Int, back: Bool)?
        if let later = run.hits(startingAt: k).first(where: { $0.word.kind == "later" && $0.word.language == "es" }) {
            connector = (later.range.upperBound, false)
        } else if let a = word(at: k, "a"), let p = word(at: Scan.skipSpaces(s, a), "partir") {
            connector = (p, false)
        } else if let a = word(at: k, "antes") {
            connector = (a, true)
        }
        guard let connector else { return nil }
        // An anchor day after "de": hoy, mañana, ahora, ayer.
        var q = Scan.skipSpaces(s, connector.end)
        if let d = word(at: q, "de") {
            q = Scan.skipSpaces(s, d)
            if let anchor = run.hits(startingAt: q).filter({ $0.word.kind == "day" && $0.word.language == "es" }).max(by: { $0.range.count < $1.range.count }),
               let offset = Int(anchor.word.value) {
                guard let moved = reference.adding(days: offset) else { return nil }
                let base = DateExtractor(run: run, reference: moved)
                return found(base.shift(count, unit: unit.word.value, back: connector.back), i..<anchor.range.upperBound, relative: true)
            }
        }
        guard !connector.back, word(at: k, "a") == nil else { return nil }
        return found(shift(count, unit: unit.word.value, back: false), i..<connector.end, relative: true)
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

    /// The weekday named right after `j` (一 … 六, 日 or 天), for 周三, 上周三.
    private func chineseWeekday(at j: Int) -> (weekday: Int, end: Int)? {
        guard let c = char(j) else { return nil }
        if c == "日".unicodeScalars.first!.value || c == "天".unicodeScalars.first!.value { return (7, j + 1) }
        if let v = run.numbers.chinese[c], (1...6).contains(v) { return (v, j + 1) }
        return nil
    }

    private func weekStart(_ d: Day) -> Day? { d.adding(days: 1 - d.weekday) }

    /// The most recent `weekday` on or before the reference (strictly before when `strict`).
    private func lastWeekday(_ weekday: Int, strict: Bool) -> Day? {
        var delta = (reference.weekday - weekday + 7) % 7
        if delta == 0, strict { delta = 7 }
        return reference.adding(days: -delta)
    }

    private func nextWeekday(_ weekday: Int) -> Day? {
        var delta = (weekday - reference.weekday + 7) % 7
        if delta == 0 { delta = 7 }
        return reference.adding(days: delta)
    }

    private func relative(_ h: WordHit, starts: HitIndex) -> DateMention.Found? {
        let kind = h.word.kind, lang = h.word.language
        let end = h.range.upperBound
        switch (lang, kind) {
        case (_, "holiday"):
            guard let rule = HolidayRule(h.word.value) else { return nil }
            var start = h.range.lowerBound
            var end = h.range.upperBound
            var day = (0...8).lazy.compactMap { rule.day(in: reference.year - $0) }.first { $0 <= reference }
            // 今年圣诞节, 去年国庆: the year word before the holiday decides.
            if let y = run.hits(endingAt: start).first(where: { $0.word.table == .date && $0.word.kind.hasSuffix("year") }), let off = Int(y.word.value) {
                day = rule.day(in: reference.year + off)
                start = y.range.lowerBound
            }
            // Yuandan del próximo año, la Navidad del año pasado
            let a = Scan.skipSpaces(s, end)
            if let d = word(at: a, "del") ?? word(at: a, "de") {
                let b = Scan.skipSpaces(s, d)
                var offset: Int?, e = b
                if let p = word(at: b, "proximo"), let y = word(at: Scan.skipSpaces(s, p), "ano") { offset = 1; e = y }
                else if let y = word(at: b, "ano"), let p = word(at: Scan.skipSpaces(s, y), "pasado") ?? word(at: Scan.skipSpaces(s, y), "que viene") { offset = word(at: Scan.skipSpaces(s, y), "pasado") != nil ? -1 : 1; e = p }
                if let offset { return found(rule.day(in: reference.year + offset), start..<e, relative: true) }
            }
            // día del padre del 2015, viernes negro 2010
            var k = Scan.skipSpaces(s, end)
            if let w = word(at: k, "del") ?? word(at: k, "de") { k = Scan.skipSpaces(s, w) }
            let y = Scan.digits(s, from: k)
            if y.count == 4, char(y.upperBound).map({ !Scan.isAlnum($0) }) ?? true {
                day = rule.day(in: Scan.number(s, y))
                end = y.upperBound
            }
            return found(day, start..<end, relative: true)
        case ("es", "day") where h.word.value == "1" && h.range.count == 6:
            // mañana is also "morning": not after la, esta, por la, de la.
            let b = Scan.skipSpacesBack(s, h.range.lowerBound)
            if ["la", "esta", "una", "cada", "toda"].contains(where: { Scan.word($0, endingAt: b, in: s) != nil }) { return nil }
            return found(reference.adding(days: 1), h.range, relative: true)
        case (_, "day"):
            guard let n = Int(h.word.value) else { return nil }
            // mañana is also "morning"; only pasado mañana (a full entry) reaches here from Spanish.
            return found(reference.adding(days: n), h.range, relative: true)
        case ("zh", "weekday"):
            guard let w = chineseWeekday(at: end) else { return nil }
            return found(lastWeekday(w.weekday, strict: false), h.range.lowerBound..<w.end, relative: true)
        case ("zh", "lastweek"), ("zh", "thisweek"), ("zh", "nextweek"):
            var j = end
            if let wk = starts[j].first(where: { $0.word.kind == "weekday" }) { j = wk.range.upperBound }
            guard let w = chineseWeekday(at: j) ?? (s[end - 1] == "周".unicodeScalars.first!.value ? nil : nil) else { return nil }
            let offset = Int(h.word.value) ?? 0
            return found(weekStart(reference)?.adding(days: 7 * offset + w.weekday - 1), h.range.lowerBound..<w.end, relative: true)
        case ("zh", "lastmonth"), ("zh", "thismonth"):
            guard let d = int(at: end), isChar(d.end, "号") || isChar(d.end, "日") else { return nil }
            let first = reference.firstOfMonth.adding(months: Int(h.word.value) ?? 0)
            return found(first.flatMap { Day(year: $0.year, month: $0.month, day: d.value) }, h.range.lowerBound..<d.end + 1, relative: true)
        case ("es", "weekday"):
            return spanishWeekday(h)
        case ("es", "future"):
            var j = Scan.skipSpaces(s, end)
            var n = 1
            if j < s.count, Scan.isDigit(s[j]), let d = int(at: j) {
                n = d.value; j = Scan.skipSpaces(s, d.end)
            } else if let numberWord = starts[j].filter({ $0.word.table == .number && $0.word.language == "es" }).max(by: { $0.range.count < $1.range.count }), let v = Int(numberWord.word.kind) {
                n = v; j = Scan.skipSpaces(s, numberWord.range.upperBound)
            } else {
                return nil
            }
            guard let unit = starts[j].first(where: { $0.word.kind == "unit" && $0.word.language == "es" }) else { return nil }
            return found(shift(n, unit: unit.word.value, back: false), h.range.lowerBound..<unit.range.upperBound, relative: true)
        case ("es", "ago"):
            var j = Scan.skipSpaces(s, end)
            var n = 1
            if let d = int(at: j), Scan.isDigit(s[j]) {
                n = d.value; j = Scan.skipSpaces(s, d.end)
            } else if let numberWord = starts[j].filter({ $0.word.table == .number && $0.word.language == "es" }).max(by: { $0.range.count < $1.range.count }), let v = Int(numberWord.word.kind) {
                n = v; j = Scan.skipSpaces(s, numberWord.range.upperBound)
            } else {
                return nil
            }
            guard let unit = starts[j].first(where: { $0.word.kind == "unit" && $0.word.language == "es" }) else { return nil }
            return found(shift(n, unit: unit.word.value, back: true), h.range.lowerBound..<unit.range.upperBound, relative: true)
        case ("es", "unit") where h.word.value == "week":
            // la semana pasada: the same weekday a week back.
            let j = Scan.skipSpaces(s, end)
            guard let p = starts[j].first(where: { $0.word.kind == "past" }) else { return nil }
            let article = Scan.skipSpacesBack(s, h.range.lowerBound)
            let from = article >= 2 && word(at: article - 2, "la") != nil ? article - 2 : h.range.lowerBound
            return found(reference.adding(days: -7), from..<p.range.upperBound, relative: true)
        default:
            return nil
        }
    }

    /// el martes 6, viernes 23, el lunes el veintisiete, el martes el día once, el lunes 5 de marzo: the day of the
    /// month decides; without a month it is the most recent such day that falls on that weekday.
    private func weekdayWithDay(_ w: Int, start: Int, after end: Int) -> DateMention.Found? {
        var j = Scan.skipSpaces(s, end)
        if let k = word(at: j, "el") { j = Scan.skipSpaces(s, k) }
        if let k = word(at: j, "dia") { j = Scan.skipSpaces(s, k) }
        guard j < s.count else { return nil }
        let n: (value: Int, end: Int)
        if Scan.isDigit(s[j]) {
            let r = Scan.digits(s, from: j)
            guard r.count <= 2 else { return nil }
            n = (Scan.number(s, r), r.upperBound)
        } else if let v = spanishNumber(at: j) {
            n = v
        } else {
            return nil
        }
        guard (1...31).contains(n.value) else { return nil }
        if let c = char(n.end), Scan.isAlnum(c) || c == 0x3A || c == 0x2F || c == 0x2D || c == 0x25 { return nil }
        // lun 9 a.m.: an hour, not a day.
        let t = Scan.skipSpaces(s, n.end)
        for h in ["a.m", "p.m", "am", "pm", "hs", "h"] where phraseRaw(h, at: t) { return nil }
        var m = Scan.skipSpaces(s, n.end)
        if let k = word(at: m, "de") { m = Scan.skipSpaces(s, k) }
        if monthWord(at: m) != nil, let f = spanishDayMonth(day: n.value, start: j, end: n.end) {
            return found(Day(iso: f.mention.value), start..<f.normRange.upperBound, relative: false)
        }
        guard followsNothingDatelike(n.end, afterWeekday: true) else { return nil }
        let first = reference.firstOfMonth
        let matches = (-12...12).compactMap { offset -> Day? in
            guard let f = first.adding(months: offset) else { return nil }
            return Day(year: f.year, month: f.month, day: n.value).flatMap { $0.weekday == w ? $0 : nil }
        }
        let nearest = matches.min { abs($0.ordinal - reference.ordinal) < abs($1.ordinal - reference.ordinal) }
        return found(nearest, start..<n.end, relative: false)
    }

    package static let weekPhrases: [(words: [String], offset: Int)] = [
        (["la", "proxima", "semana"], 1), (["la", "semana", "que", "viene"], 1), (["la", "semana", "siguiente"], 1),
        (["la", "semana", "pasada"], -1), (["la", "semana", "anterior"], -1), (["esta", "semana"], 0),
    ]

    private func phrase(_ words: [String], at j: Int) -> Int? {
        var k = j
        for (n, w) in words.enumerated() {
            if n > 0 { k = Scan.skipSpaces(s, k) }
            guard let e = word(at: k, w) else { return nil }
            k = e
        }
        return k
    }

    /// "la próxima semana" (or another week phrase) right after `j`: its week offset and end.
    private func weekPhrase(startingAt j: Int) -> (Int, Int)? {
        for p in Self.weekPhrases { if let e = phrase(p.words, at: j) { return (p.offset, e) } }
        return nil
    }

    /// A week phrase that ends at `j`: its week offset and start.
    private func weekPhrase(endingAt j: Int) -> (Int, Int)? {
        for p in Self.weekPhrases {
            let length = p.words.joined(separator: " ").unicodeScalars.count
            for start in stride(from: j - length, through: max(0, j - length - 4), by: -1) where start >= 0 {
                if let e = phrase(p.words, at: start), e == j, Scan.startsWord(s, start) { return (p.offset, start) }
            }
        }
        return nil
    }

    /// A number in Spanish words: veintisiete, treinta y uno, dos mil dieciocho, mil novecientos noventa y dos.
    private func spanishNumber(at j: Int) -> (value: Int, end: Int)? {
        var total = 0, current = 0, end = j, k = j
        var last = 0, joinedByY = false
        func next(at k: Int) -> (Int, Int)? {
            run.hits(startingAt: k).filter { $0.word.table == .number && $0.word.language == "es" }
                .max { $0.range.count < $1.range.count }
                .flatMap { w in Int(w.word.kind).map { ($0, w.range.upperBound) } }
        }
        var words = 0
        while let (v, e) = next(at: k) {
            // A number in words has at most one mil and a handful of words (mil novecientos noventa y dos): a longer
            // run is not one number, and stopping keeps the work per start constant.
            words += 1
            if words > 8 || (v == 1000 && total > 0) { break }
            // Words join as in "dos mil", "mil novecientos noventa y dos", "treinta y uno": after y only a unit
            // follows a ten; without y only after a hundred or a thousand, or before mil.
            if last > 0 {
                let fits = joinedByY ? (last % 10 == 0 && (30...90).contains(last % 100) && (1...9).contains(v))
                                     : (last % 100 == 0 || v == 1000 || (v == 100 && (1...9).contains(last)))
                guard fits else { break }
            }
            if v == 1000 { total += max(current, 1) * 1000; current = 0 }
            else if v == 100, (1...9).contains(current) { current *= 100 }
            else { current += v }
            last = v
            end = e
            k = Scan.skipSpaces(s, end)
            joinedByY = false
            if let y = word(at: k, "y") { k = Scan.skipSpaces(s, y); joinedByY = true }
        }
        return last > 0 ? (total + current, end) : nil
    }

    /// el lunes (the last one), el lunes pasado / el pasado lunes (strictly before), el próximo lunes /
    /// el lunes que viene (strictly after), este lunes (this week's).
    private func spanishWeekday(_ h: WordHit) -> DateMention.Found? {
        guard let w = Int(h.word.value) else { return nil }
        var start = h.range.lowerBound
        var end = h.range.upperBound
        var mode = "bare"
        let before = Scan.skipSpacesBack(s, start)
        for (k, m) in [("proximo", "next"), ("proxima", "next"), ("siguiente", "next"), ("pasado", "past"), ("ultimo", "past"), ("este", "this"), ("el", "bare"), ("en", "bare"), ("los", "bare"), ("desde el", "bare"), ("hasta el", "bare")] {
            if let wordStart = Scan.word(k, endingAt: before, in: s) {
                start = wordStart
                mode = m
                if m != "bare" {
                    let b2 = Scan.skipSpacesBack(s, start)
                    if b2 >= 2, Scan.word("el", endingAt: b2, in: s) != nil { start = b2 - 2 }
                }
                break
            }
        }
        if char(end) == 0x2E { end += 1 }
        // la próxima semana el martes, el lunes la próxima semana: that week's day.
        if mode == "bare" {
            if let (offset, from) = weekPhrase(endingAt: Scan.skipSpacesBack(s, start)) {
                return found(weekStart(reference)?.adding(days: 7 * offset + w - 1), from..<end, relative: true)
            }
            if let (offset, to) = weekPhrase(startingAt: Scan.skipSpaces(s, end)) {
                return found(weekStart(reference)?.adding(days: 7 * offset + w - 1), start..<to, relative: true)
            }
        }
        // este miércoles pasado, este pasado miércoles, este próximo viernes: the nearest one that way.
        let b2 = Scan.skipSpacesBack(s, start)
        let este = mode != "bare" && mode != "this" && b2 >= 4 && word(at: b2 - 4, "este") != nil
        if este { start = b2 - 4 }
        let after = Scan.skipSpaces(s, end)
        if mode == "bare" || mode == "this", let f = weekdayWithDay(w, start: start, after: end) { return f }
        if mode == "bare" || mode == "this" {
            if let k = word(at: after, "pasado") ?? word(at: after, "anterior") { mode = mode == "this" ? "lastone" : "past"; end = k }
            else if let k = word(at: after, "que"), let v = word(at: Scan.skipSpaces(s, k), "viene") { mode = "next"; end = v }
            else if let k = word(at: after, "proximo") ?? word(at: after, "siguiente") { mode = "next"; end = k }
            else if let k = word(at: after, "de") {
                // viernes de esta semana, domingo de la semana que viene / siguiente / pasada
                var q = Scan.skipSpaces(s, k)
                var weekMode: String?
                if let e = word(at: q, "esta"), let sem = word(at: Scan.skipSpaces(s, e), "semana") { weekMode = "this"; q = sem }
                else if let pre = word(at: q, "proxima"), let sem = word(at: Scan.skipSpaces(s, pre), "semana") { weekMode = "next"; q = sem }
                else if let la = word(at: q, "la") {
                    let r = Scan.skipSpaces(s, la)
                    if let pre = word(at: r, "proxima") ?? word(at: r, "siguiente"), let sem = word(at: Scan.skipSpaces(s, pre), "semana") { weekMode = "next"; q = sem }
                    else if let sem = word(at: r, "semana") {
                        let t = Scan.skipSpaces(s, sem)
                        if let p = word(at: t, "pasada") { weekMode = "past"; q = p }
                        else if let n = word(at: t, "siguiente") ?? word(at: t, "proxima") { weekMode = "next"; q = n }
                        else if let qu = word(at: t, "que"), let v = word(at: Scan.skipSpaces(s, qu), "viene") { weekMode = "next"; q = v }
                    }
                }
                if let weekMode {
                    let offset = weekMode == "this" ? 0 : weekMode == "next" ? 7 : -7
                    return found(weekStart(reference)?.adding(days: offset + w - 1), start..<q, relative: true)
                }
            }
        }
        if este { mode = mode == "next" ? "nextone" : "lastone" }
        let day: Day?
        switch mode {
        case "nextone": day = nextWeekday(w)
        // el próximo lunes is the Monday of next week; el lunes pasado is the last Monday before the reference
        // (said on a Wednesday, two days back), as customers mean it, where Recognizers-Text takes last week's.
        case "next": day = weekStart(reference)?.adding(days: 7 + w - 1)
        case "past": day = lastWeekday(w, strict: true)
        case "this": day = weekStart(reference)?.adding(days: w - 1)
        case "lastone": day = lastWeekday(w, strict: true)
        default: day = lastWeekday(w, strict: false)
        }
        return found(day, start..<end, relative: true)
    }
}

/// When a holiday falls in a year: a fixed day (12-25), the Nth weekday of a month (06-su3, 11-th4; l for the
/// last), or Easter Sunday, each with an optional shift in days (11-th4+1, easter-2).
package struct HolidayRule: Sendable {
    private enum Base { case fixed(month: Int, day: Int), nth(month: Int, weekday: Int, n: Int), easter }
    private let base: Base
    private let shift: Int

    package init?(_ text: String) {
        var body = Substring(text)
        var shift = 0
        if let k = body.lastIndex(where: { $0 == "+" || ($0 == "-" && body.hasPrefix("easter")) }) {
            guard let n = Int(body[body.index(after: k)...]) else { return nil }
            shift = body[k] == "+" ? n : -n
            body = body[..<k]
        }
        self.shift = shift
        if body == "easter" { base = .easter; return }
        let parts = body.split(separator: "-")
        guard parts.count == 2, let month = Int(parts[0]), (1...12).contains(month) else { return nil }
        if let day = Int(parts[1]) {
            base = .fixed(month: month, day: day)
            return
        }
        let codes = ["mo", "tu", "we", "th", "fr", "sa", "su"]
        let p = parts[1]
        guard p.count == 3, let w = codes.firstIndex(of: String(p.prefix(2))) else { return nil }
        let last = p.suffix(1)
        guard let n = last == "l" ? 5 : Int(last), (1...5).contains(n) else { return nil }
        base = .nth(month: month, weekday: w + 1, n: n)
    }

    package func day(in year: Int) -> Day? {
        let d: Day?
        switch base {
        case .fixed(let m, let day): d = Day(year: year, month: m, day: day)
        case .nth(let m, let weekday, let n):
            guard let first = Day(year: year, month: m, day: 1) else { return nil }
            var x = first.adding(days: (weekday - first.weekday + 7) % 7 + 7 * (n - 1))
            while let y = x, y.month != m { x = y.adding(days: -7) }
            d = x
        case .easter:
            // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
            let a = year % 19, b = year / 100, c = year % 100, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
            let h = (19 * a + b - b / 4 - g + 15) % 30, i = c / 4, k = c % 4
            let l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451
            d = Day(year: year, month: (h + l - 7 * m + 114) / 31, day: (h + l - 7 * m + 114) % 31 + 1)
        }
        return d?.adding(days: shift)
    }
}
