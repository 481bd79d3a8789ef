/// Finds calendar days in a complaint and resolves them against the reference date.
///
/// Absolute forms: 2024-03-05, 2024/3/5, 2024年3月5日, 二〇二四年三月五日, 3月5号, 5 de marzo (de 2024),
/// 05/03/2024 (day first; flagged ambiguous when both readings are valid), 5-mar-24. Relative forms: day words
/// (今天, 前天, ayer, antier), weekdays (上周三, 周三, el lunes pasado, el próximo lunes), 上个月15号, 三天前,
/// hace 3 días, la semana pasada. A date without a year, or a bare weekday, is the most recent one not after
/// the reference: a complaint speaks of what happened.
struct DateExtractor {
    let run: Extraction
    let reference: Day

    private var s: [UInt32] { run.s }

    /// Date words by where they start.
    private var dateHits: [Int: [WordHit]] {
        var out: [Int: [WordHit]] = [:]
        for h in run.hits where h.word.table == .date || (h.word.table == .number) { out[h.range.lowerBound, default: []].append(h) }
        return out
    }

    func extract() -> [DateMention.Found] {
        let starts = dateHits
        var out: [DateMention.Found] = []
        var i = 0
        while i < s.count {
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
        return run.hits.contains { h in
            h.word.table == .cue && h.word.kind == "received"
                && ((h.range.upperBound <= r.lowerBound && h.range.lowerBound >= clause && r.lowerBound - h.range.upperBound <= 16)
                    || (h.range.lowerBound >= r.upperBound && h.range.lowerBound - r.upperBound <= 4))
        }
    }

    // MARK: matching

    private func match(at i: Int, starts: [Int: [WordHit]]) -> DateMention.Found? {
        if Scan.isDigit(s[i]) || run.numbers.chinese[s[i]] != nil {
            if let f = numeric(at: i) ?? chineseDate(at: i) ?? spanishDayMonth(at: i) ?? ago(at: i) { return f }
        }
        guard let words = starts[i] else { return nil }
        let dateWords = words.filter { $0.word.table == .date }.sorted { $0.range.count > $1.range.count }
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
        return (v, n.range.upperBound)
    }

    private func char(_ j: Int) -> UInt32? { j < s.count ? s[j] : nil }
    private func isChar(_ j: Int, _ c: Character) -> Bool { char(j) == c.unicodeScalars.first!.value }

    private func pastDay(month: Int, day: Int) -> Day? {
        guard let d = Day(year: reference.year, month: month, day: day) else {
            return Day(year: reference.year - 1, month: month, day: day)
        }
        return d > reference ? Day(year: reference.year - 1, month: month, day: day) : d
    }

    private func fullYear(_ y: Int, digits: Int) -> Int { digits <= 2 ? 2000 + y : y }

    /// 2024-03-05, 2024/3/5, 2024.3.5, 05/03/2024, 5-3-24, and 3/5 or 5/3 after a date cue.
    private func numeric(at i: Int) -> DateMention.Found? {
        guard Scan.isDigit(s[i]), i == 0 || !Scan.isAlnum(s[i - 1]) && s[i - 1] != 0x2E && s[i - 1] != 0x2F && s[i - 1] != 0x2D else { return nil }
        let a = Scan.digits(s, from: i)
        guard let sep = char(a.upperBound), sep == 0x2D || sep == 0x2F || sep == 0x2E else { return nil }
        let b = Scan.digits(s, from: a.upperBound + 1)
        guard !b.isEmpty, b.count <= 2 || a.count <= 2 else { return nil }
        var end = b.upperBound
        var c: Range<Int>?
        if char(end) == sep, end + 1 < s.count, Scan.isDigit(s[end + 1]) {
            let r = Scan.digits(s, from: end + 1)
            c = r
            end = r.upperBound
        }
        if let after = char(end), Scan.isAlnum(after) || ((after == 0x2E || after == 0x2C) && end + 1 < s.count && Scan.isDigit(s[end + 1])) { return nil }
        let x = Scan.number(s, a), y = Scan.number(s, b)
        if a.count == 4, let c, c.count <= 2 {
            var e = end
            if let ch = char(e), ch == "日".unicodeScalars.first!.value || ch == "号".unicodeScalars.first!.value { e += 1 }
            return found(Day(year: x, month: y, day: Scan.number(s, c)), i..<e, relative: false)
        }
        guard a.count <= 2, b.count <= 2 else { return nil }
        if let c {
            guard c.count == 4 || c.count == 2 else { return nil }
            let year = fullYear(Scan.number(s, c), digits: c.count)
            if x > 12 || y > 12 || x == y || !run.language.isChinese {
                let ambiguous = x <= 12 && y <= 12 && x != y
                return found(Day(year: year, month: y, day: x) ?? Day(year: year, month: x, day: y), i..<end, relative: false, ambiguous: ambiguous)
            }
            return found(Day(year: year, month: y, day: x), i..<end, relative: false, ambiguous: true)
        }
        // Day and month alone only after a cue that says a date follows (el, del, 日期, 于).
        guard sep == 0x2F, hasDateCue(before: i) else { return nil }
        if run.language.isChinese { return found(pastDay(month: x, day: y), i..<end, relative: false) }
        return found(pastDay(month: y, day: x), i..<end, relative: false, ambiguous: x <= 12 && y <= 12 && x != y)
    }

    private func hasDateCue(before i: Int) -> Bool {
        let j = Scan.skipSpacesBack(s, i)
        for cue in ["el", "del", "dia", "fecha", "desde", "hasta", "日期", "于", "在", "是"] {
            let u = cue.unicodeScalars.map(\.value)
            if j >= u.count, s[(j - u.count)..<j].elementsEqual(u), Scan.startsWord(s, j - u.count) { return true }
        }
        return false
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
            guard (1...31).contains(first.value), isChar(j, "日") || followsMonthWord(i) else { return nil }
            let d = first.value
            var candidate = Day(year: reference.year, month: reference.month, day: d)
            if candidate == nil || candidate! > reference { candidate = Day(year: reference.year, month: reference.month, day: 1)!.adding(months: -1) }
            let m = candidate.map { Day(year: $0.year, month: $0.month, day: d) } ?? nil
            return found(m, i..<j + 1, relative: false)
        } else {
            return nil
        }
        guard let d = int(at: j), isChar(d.end, "日") || isChar(d.end, "号") else { return nil }
        day = d.value
        let range = i..<d.end + 1
        if let year { return found(Day(year: year, month: month!, day: day!), range, relative: false) }
        return found(pastDay(month: month!, day: day!), range, relative: false)
    }

    private func followsMonthWord(_ i: Int) -> Bool {
        run.hits.contains { $0.range.upperBound == i && $0.word.table == .date && $0.word.kind.hasSuffix("month") }
    }

    /// 5 de marzo (de 2024), 5 marzo 2024, 5-mar-24, 2/Oct, 15 de octubre del 2023.
    private func spanishDayMonth(at i: Int) -> DateMention.Found? {
        guard Scan.isDigit(s[i]), let d = int(at: i), (1...31).contains(d.value), d.end - i <= 2 else { return nil }
        var j = d.end
        var sep: UInt32 = 0x20
        if let c = char(j), c == 0x2D || c == 0x2F || c == 0x2E { sep = c; j += 1 }
        j = Scan.skipSpaces(s, j)
        if sep == 0x20, let k = word(at: j, "de") { j = Scan.skipSpaces(s, k) }
        guard let month = monthWord(at: j) else { return nil }
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
        }
        let day: Day? = year.map { Day(year: $0, month: month.month, day: d.value) } ?? pastDay(month: month.month, day: d.value)
        return found(day, i..<end, relative: false)
    }

    private func word(at j: Int, _ w: String) -> Int? {
        let u = w.unicodeScalars.map(\.value)
        guard j + u.count <= s.count, s[j..<j + u.count].elementsEqual(u), Scan.endsWord(s, j, u.count) else { return nil }
        return j + u.count
    }

    private func monthWord(at j: Int) -> (month: Int, range: Range<Int>)? {
        run.hits.filter { $0.range.lowerBound == j && $0.word.table == .date && $0.word.kind == "month" && $0.word.language == "es" }
            .max { $0.range.count < $1.range.count }
            .flatMap { h in Int(h.word.value).map { ($0, h.range) } }
    }

    /// 三天前, 3天前, 两周前, 一个月前.
    private func ago(at i: Int) -> DateMention.Found? {
        guard let n = int(at: i), (1...400).contains(n.value) else { return nil }
        guard let unit = run.hits.filter({ $0.range.lowerBound == n.end && $0.word.table == .date && $0.word.kind == "unit" && $0.word.language == "zh" }).max(by: { $0.range.count < $1.range.count }),
              let ago = run.hits.first(where: { $0.range.lowerBound == unit.range.upperBound && $0.word.kind == "ago" && $0.word.language == "zh" })
        else { return nil }
        return found(shift(n.value, unit: unit.word.value, back: true), i..<ago.range.upperBound, relative: true)
    }

    private func shift(_ n: Int, unit: String, back: Bool) -> Day? {
        let sign = back ? -1 : 1
        switch unit {
        case "day": return reference.adding(days: sign * n)
        case "week": return reference.adding(days: sign * 7 * n)
        case "month": return reference.adding(months: sign * n)
        case "year": return reference.adding(months: sign * 12 * n)
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

    private func weekStart(_ d: Day) -> Day { d.adding(days: 1 - d.weekday) }

    /// The most recent `weekday` on or before the reference (strictly before when `strict`).
    private func lastWeekday(_ weekday: Int, strict: Bool) -> Day {
        var delta = (reference.weekday - weekday + 7) % 7
        if delta == 0, strict { delta = 7 }
        return reference.adding(days: -delta)
    }

    private func nextWeekday(_ weekday: Int) -> Day {
        var delta = (weekday - reference.weekday + 7) % 7
        if delta == 0 { delta = 7 }
        return reference.adding(days: delta)
    }

    private func relative(_ h: WordHit, starts: [Int: [WordHit]]) -> DateMention.Found? {
        let kind = h.word.kind, lang = h.word.language
        let end = h.range.upperBound
        switch (lang, kind) {
        case (_, "day"):
            guard let n = Int(h.word.value) else { return nil }
            // mañana is also "morning"; only pasado mañana (a full entry) reaches here from Spanish.
            return found(reference.adding(days: n), h.range, relative: true)
        case ("zh", "weekday"):
            guard let w = chineseWeekday(at: end) else { return nil }
            return found(lastWeekday(w.weekday, strict: false), h.range.lowerBound..<w.end, relative: true)
        case ("zh", "lastweek"), ("zh", "thisweek"), ("zh", "nextweek"):
            var j = end
            if let wk = (starts[j] ?? []).first(where: { $0.word.kind == "weekday" }) { j = wk.range.upperBound }
            guard let w = chineseWeekday(at: j) ?? (s[end - 1] == "周".unicodeScalars.first!.value ? nil : nil) else { return nil }
            let offset = Int(h.word.value) ?? 0
            return found(weekStart(reference).adding(days: 7 * offset + w.weekday - 1), h.range.lowerBound..<w.end, relative: true)
        case ("zh", "lastmonth"), ("zh", "thismonth"):
            guard let d = int(at: end), isChar(d.end, "号") || isChar(d.end, "日") else { return nil }
            let first = Day(year: reference.year, month: reference.month, day: 1)!.adding(months: Int(h.word.value) ?? 0)
            return found(Day(year: first.year, month: first.month, day: d.value), h.range.lowerBound..<d.end + 1, relative: true)
        case ("es", "weekday"):
            return spanishWeekday(h)
        case ("es", "ago"):
            var j = Scan.skipSpaces(s, end)
            var n = 1
            if let d = int(at: j), Scan.isDigit(s[j]) {
                n = d.value; j = Scan.skipSpaces(s, d.end)
            } else if let numberWord = (starts[j] ?? []).filter({ $0.word.table == .number && $0.word.language == "es" }).max(by: { $0.range.count < $1.range.count }), let v = Int(numberWord.word.kind) {
                n = v; j = Scan.skipSpaces(s, numberWord.range.upperBound)
            } else {
                return nil
            }
            guard let unit = (starts[j] ?? []).first(where: { $0.word.kind == "unit" && $0.word.language == "es" }) else { return nil }
            return found(shift(n, unit: unit.word.value, back: true), h.range.lowerBound..<unit.range.upperBound, relative: true)
        case ("es", "unit") where h.word.value == "week":
            // la semana pasada: the same weekday a week back.
            let j = Scan.skipSpaces(s, end)
            guard let p = (starts[j] ?? []).first(where: { $0.word.kind == "past" }) else { return nil }
            let article = Scan.skipSpacesBack(s, h.range.lowerBound)
            let from = article >= 2 && word(at: article - 2, "la") != nil ? article - 2 : h.range.lowerBound
            return found(reference.adding(days: -7), from..<p.range.upperBound, relative: true)
        default:
            return nil
        }
    }

    /// el lunes (the last one), el lunes pasado / el pasado lunes (strictly before), el próximo lunes /
    /// el lunes que viene (strictly after), este lunes (this week's).
    private func spanishWeekday(_ h: WordHit) -> DateMention.Found? {
        guard let w = Int(h.word.value) else { return nil }
        var start = h.range.lowerBound
        var end = h.range.upperBound
        var mode = "bare"
        let before = Scan.skipSpacesBack(s, start)
        for (k, m) in [("proximo", "next"), ("proxima", "next"), ("pasado", "past"), ("este", "this"), ("el", "bare")] {
            let u = k.unicodeScalars.map(\.value)
            if before >= u.count, s[(before - u.count)..<before].elementsEqual(u), Scan.startsWord(s, before - u.count) {
                start = before - u.count
                mode = m
                if m != "bare" {
                    let b2 = Scan.skipSpacesBack(s, start)
                    if b2 >= 2, s[(b2 - 2)..<b2].elementsEqual("el".unicodeScalars.map(\.value)), Scan.startsWord(s, b2 - 2) { start = b2 - 2 }
                }
                break
            }
        }
        let after = Scan.skipSpaces(s, end)
        if mode == "bare" {
            if let k = word(at: after, "pasado") ?? word(at: after, "anterior") { mode = "past"; end = k }
            else if let k = word(at: after, "que") , let v = word(at: Scan.skipSpaces(s, k), "viene") { mode = "next"; end = v }
            else if let k = word(at: after, "proximo") { mode = "next"; end = k }
        }
        // A bare weekday needs its article (el lunes); "lunes" alone is often a schedule, not a date.
        guard mode != "bare" || start < h.range.lowerBound else { return nil }
        let day: Day
        switch mode {
        case "next": day = nextWeekday(w)
        case "past": day = lastWeekday(w, strict: true)
        case "this": day = weekStart(reference).adding(days: w - 1)
        default: day = lastWeekday(w, strict: false)
        }
        return found(day, start..<end, relative: true)
    }
}
