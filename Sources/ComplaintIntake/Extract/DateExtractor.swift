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
        return (v, n.range.upperBound)
    }

    private func char(_ j: Int) -> UInt32? { j < s.count ? s[j] : nil }
    private func isChar(_ j: Int, _ c: Character) -> Bool { char(j) == c.unicodeScalars.first!.value }

    /// The most recent `month`/`day` not after the reference (2月29日 looks back to the last leap year).
    private func pastDay(month: Int, day: Int) -> Day? {
        for y in stride(from: reference.year, through: reference.year - 8, by: -1) {
            if let d = Day(year: y, month: month, day: day), d <= reference { return d }
        }
        return nil
    }

    /// Two-digit years up to ten years past the reference are this century, the rest the last one (89: 1989).
    private func fullYear(_ y: Int, digits: Int) -> Int {
        guard digits <= 2 else { return y }
        return 2000 + y > reference.year + 10 ? 1900 + y : 2000 + y
    }

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
        if let c, run.language.isChinese, c.count <= 2 {
            // Chinese writes dates year first: 12-11-10 is 2012-11-10.
            return found(Day(year: fullYear(x, digits: 2), month: y, day: Scan.number(s, c)), i..<end, relative: false)
        }
        if c == nil, sep != 0x2E || !run.language.isChinese, let (cy, cEnd) = commaYear(after: end) {
            // 08/12,2015
            let ambiguous = x <= 12 && y <= 12 && x != y
            return found(Day(year: cy, month: y, day: x) ?? Day(year: cy, month: x, day: y), i..<cEnd, relative: false, ambiguous: ambiguous)
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
        guard sep == 0x2F, cued else { return nil }
        if run.language.isChinese { return found(pastDay(month: x, day: y), i..<end, relative: false) }
        return found(pastDay(month: y, day: x), i..<end, relative: false, ambiguous: x != y)
    }

    /// el, el día, del, día, hasta el, desde el right before a number.
    private func dayCue(before i: Int) -> Bool {
        let b = Scan.skipSpacesBack(s, i)
        for w in ["el dia", "el", "dia", "del"] {
            let u = w.unicodeScalars.map(\.value)
            if b >= u.count, s[(b - u.count)..<b].elementsEqual(u), Scan.startsWord(s, b - u.count) { return true }
        }
        return false
    }

    /// After "el 15": no unit, currency, percent, time or further digits that would make it something else.
    private func followsNothingDatelike(_ j: Int) -> Bool {
        guard let c = char(j) else { return true }
        if Scan.isAlnum(c) || c == 0x25 || c == 0x3A || c == 0x2C && char(j + 1).map(Scan.isDigit) == true || c == 0x2E && char(j + 1).map(Scan.isDigit) == true || c == 0x20AC || c == 0x24 { return false }
        let k = Scan.skipSpaces(s, j)
        guard k < s.count, Scan.isLetter(s[k]) else { return true }
        var e = k
        while e < s.count, Scan.isLetter(s[e]) { e += 1 }
        let next = String(String.UnicodeScalarView(s[k..<e].compactMap(Unicode.Scalar.init)))
        return !["de", "por", "pesos", "euros", "dolares", "soles", "minutos", "horas", "dias", "anos", "meses", "semanas", "veces", "unidades", "piezas", "kg", "km", "cm", "mm", "gb", "mb", "x", "y", "al", "a", "o"].contains(next)
    }

    /// `,2015` or `,15` right after a day and month.
    private func commaYear(after j: Int) -> (Int, Int)? {
        guard char(j) == 0x2C else { return nil }
        let r = Scan.digits(s, from: Scan.skipSpaces(s, j + 1))
        guard r.count == 4 || r.count == 2, char(r.upperBound).map({ !Scan.isAlnum($0) }) ?? true else { return nil }
        return (fullYear(Scan.number(s, r), digits: r.count), r.upperBound)
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
            guard (1...31).contains(first.value), isChar(j, "日") || followsMonthWord(i) || !isNumberedPlace(j + 1) else { return nil }
            let d = first.value
            var candidate = Day(year: reference.year, month: reference.month, day: d)
            if candidate == nil || candidate! > reference { candidate = Day(year: reference.year, month: reference.month, day: 1)!.adding(months: -1) }
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

    /// 3号楼, 5号线, 2号门: a number with 号 that names a place, not a day.
    private func isNumberedPlace(_ j: Int) -> Bool {
        guard let c = char(j) else { return false }
        return "楼线门床房院机码店仓窗口位车桌台柜室箱".unicodeScalars.contains { $0.value == c }
    }

    private func followsMonthWord(_ i: Int) -> Bool {
        run.hits.contains { $0.range.upperBound == i && $0.word.table == .date && $0.word.kind.hasSuffix("month") }
    }

    /// 5 de marzo (de 2024), 5 marzo 2024, 5-mar-24, 2/Oct, 15 de octubre del 2023.
    private func spanishDayMonth(at i: Int) -> DateMention.Found? {
        guard Scan.isDigit(s[i]), let d = int(at: i), (1...31).contains(d.value), d.end - i <= 2 else { return nil }
        return spanishDayMonth(day: d.value, start: i, end: d.end)
    }

    /// A Spanish day word (primero, veintiuno, 1ro) starting a date.
    private func spanishDayWord(at i: Int, starts: [Int: [WordHit]]) -> DateMention.Found? {
        guard let w = (starts[i] ?? []).filter({ $0.word.table == .number && $0.word.language == "es" }).max(by: { $0.range.count < $1.range.count }),
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
            // el 15, el día 18: a day of this month or the last.
            guard Scan.isDigit(s[i]), dayCue(before: i), followsNothingDatelike(d.end) else { return nil }
            var c = Day(year: reference.year, month: reference.month, day: 1)!
            if d.value > reference.day { c = c.adding(months: -1) }
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
        }
        let day: Day? = year.map { Day(year: $0, month: month.month, day: d.value) } ?? pastDay(month: month.month, day: d.value)
        return found(day, i..<end, relative: false)
    }

    /// marzo 5, Mayo veintiuno, octubre 2 de 2023.
    private func spanishMonthDay(_ h: WordHit, starts: [Int: [WordHit]]) -> DateMention.Found? {
        guard let month = Int(h.word.value) else { return nil }
        let j = Scan.skipSpaces(s, h.range.upperBound)
        guard j > h.range.upperBound, j < s.count else { return nil }
        var day: Int?, end = j
        if Scan.isDigit(s[j]) {
            let r = Scan.digits(s, from: j)
            guard r.count <= 2, char(r.upperBound).map({ !Scan.isAlnum($0) && $0 != 0x3A && $0 != 0x2E && $0 != 0x2C || $0 == 0x2C }) ?? true else { return nil }
            day = Scan.number(s, r); end = r.upperBound
        } else if let w = (starts[j] ?? []).filter({ $0.word.table == .number && $0.word.language == "es" }).max(by: { $0.range.count < $1.range.count }), let v = Int(w.word.kind), v >= 1 {
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
        case (_, "holiday"):
            let md = h.word.value.split(separator: "-").compactMap { Int($0) }
            guard md.count == 2 else { return nil }
            var start = h.range.lowerBound
            var day = pastDay(month: md[0], day: md[1])
            // 今年圣诞节, 去年国庆: the year word before the holiday decides.
            if let y = run.hits.first(where: { $0.range.upperBound == start && $0.word.table == .date && $0.word.kind.hasSuffix("year") }), let off = Int(y.word.value) {
                day = Day(year: reference.year + off, month: md[0], day: md[1])
                start = y.range.lowerBound
            }
            return found(day, start..<h.range.upperBound, relative: true)
        case ("es", "day") where h.word.value == "1" && h.range.count == 6:
            // mañana is also "morning": not after la, esta, por la, de la.
            let b = Scan.skipSpacesBack(s, h.range.lowerBound)
            for w in ["la", "esta", "una", "cada", "toda"] {
                let u = w.unicodeScalars.map(\.value)
                if b >= u.count, s[(b - u.count)..<b].elementsEqual(u), Scan.startsWord(s, b - u.count) { return nil }
            }
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
        case ("es", "future"):
            var j = Scan.skipSpaces(s, end)
            var n = 1
            if j < s.count, Scan.isDigit(s[j]), let d = int(at: j) {
                n = d.value; j = Scan.skipSpaces(s, d.end)
            } else if let numberWord = (starts[j] ?? []).filter({ $0.word.table == .number && $0.word.language == "es" }).max(by: { $0.range.count < $1.range.count }), let v = Int(numberWord.word.kind) {
                n = v; j = Scan.skipSpaces(s, numberWord.range.upperBound)
            } else {
                return nil
            }
            guard let unit = (starts[j] ?? []).first(where: { $0.word.kind == "unit" && $0.word.language == "es" }) else { return nil }
            return found(shift(n, unit: unit.word.value, back: false), h.range.lowerBound..<unit.range.upperBound, relative: true)
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
        for (k, m) in [("proximo", "next"), ("proxima", "next"), ("siguiente", "next"), ("pasado", "past"), ("ultimo", "past"), ("este", "this"), ("el", "bare"), ("en", "bare"), ("los", "bare"), ("desde el", "bare"), ("hasta el", "bare")] {
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
        if mode == "bare" || mode == "this" {
            if let k = word(at: after, "pasado") ?? word(at: after, "anterior") { mode = "past"; end = k }
            else if let k = word(at: after, "que"), let v = word(at: Scan.skipSpaces(s, k), "viene") { mode = "next"; end = v }
            else if let k = word(at: after, "proximo") { mode = "next"; end = k }
            else if let k = word(at: after, "de") {
                // viernes de esta semana, domingo de la semana que viene / siguiente / pasada
                var q = Scan.skipSpaces(s, k)
                var weekMode: String?
                if let e = word(at: q, "esta"), let sem = word(at: Scan.skipSpaces(s, e), "semana") { weekMode = "this"; q = sem }
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
                    return found(weekStart(reference).adding(days: offset + w - 1), start..<q, relative: true)
                }
            }
        }
        let day: Day
        switch mode {
        // el próximo lunes is the Monday of next week.
        case "next": day = weekStart(reference).adding(days: 7 + w - 1)
        case "past": day = lastWeekday(w, strict: true)
        case "this": day = weekStart(reference).adding(days: w - 1)
        default: day = lastWeekday(w, strict: false)
        }
        return found(day, start..<end, relative: true)
    }
}
