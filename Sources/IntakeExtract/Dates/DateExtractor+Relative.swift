import IntakeCore
import IntakeLexicon
import IntakeText

/// Relative dates from date words: day words (今天, ayer), weeks and months (上周三, la semana pasada) and holidays.
extension DateExtractor {
    func relative(_ h: WordHit, starts: HitIndex) -> DateMention.Found? {
        let kind = h.word.kind, lang = h.word.language
        let end = h.range.upperBound
        switch (lang, kind) {
        case (_, "holiday"):
            guard let rule = HolidayRule(h.word.value) else { return nil }
            // ¡Feliz año nuevo!: a greeting names no day of the complaint.
            if h.word.language == "es", word(.greeting, endingAt: Scan.skipSpacesBack(s, h.range.lowerBound)) != nil { return nil }
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
            if let d = word(.connector, at: a), let year = grammar(.yearPhrase, at: Scan.skipSpaces(s, d)) {
                return found(rule.day(in: reference.year + year.entry.offset), start..<year.end, relative: true)
            }
            // día del padre del 2015, viernes negro 2010
            var k = Scan.skipSpaces(s, end)
            if let w = word(.connector, at: k) { k = Scan.skipSpaces(s, w) }
            let y = Scan.digits(s, from: k)
            if y.count == 4, char(y.upperBound).map({ !Scan.isAlnum($0) }) ?? true {
                day = rule.day(in: Scan.number(s, y))
                end = y.upperBound
            }
            return found(day, start..<end, relative: true)
        case ("es", "day") where h.word.value == "1" && h.range.count == 6:
            // mañana is also "morning": not after la, esta, por la, de la.
            let b = Scan.skipSpacesBack(s, h.range.lowerBound)
            if word(.morningGuard, endingAt: b) != nil { return nil }
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
            guard let w = chineseWeekday(at: j) else { return nil }
            let offset = Int(h.word.value) ?? 0
            return found(weekStart(reference)?.adding(days: 7 * offset + w.weekday - 1), h.range.lowerBound..<w.end, relative: true)
        case ("zh", "lastmonth"), ("zh", "thismonth"):
            guard let d = int(at: end), isDayMark(at: d.end) else { return nil }
            var first = reference.firstOfMonth.adding(months: Int(h.word.value) ?? 0)
            var start = h.range.lowerBound
            // 去年本月十日: a year word before moves the month by whole years.
            if let y = run.hits(endingAt: start).first(where: { $0.word.table == .date && $0.word.kind.hasSuffix("year") }), let off = Int(y.word.value) {
                first = first?.adding(months: 12 * off)
                start = y.range.lowerBound
            }
            return found(first.flatMap { Day(year: $0.year, month: $0.month, day: d.value) }, start..<d.end + 1, relative: true)
        case ("es", "weekday"):
            return spanishWeekday(h)
        case ("es", "dayend"):
            // volveré en el día, bloqueado por el día.: "the day" that ends its clause is today.
            let k = Scan.skipSpaces(s, end)
            guard k >= s.count || Extraction.isClauseBreak(s[k]), let n = Int(h.word.value) else { return nil }
            // todo el día, ese mismo día: a length of time, not today.
            let b = Scan.skipSpacesBack(s, h.range.lowerBound)
            guard h.range.count > 6 || word(.dayEndCue, endingAt: b) != nil else { return nil }
            return found(reference.adding(days: n), h.range, relative: true)
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
            // desde hace dos semanas: since then, a stretch of time, not a day.
            if word(.since, endingAt: Scan.skipSpacesBack(s, h.range.lowerBound)) != nil { return nil }
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
            let from = word(.article, endingAt: article) ?? h.range.lowerBound
            return found(reference.adding(days: -7), from..<p.range.upperBound, relative: true)
        default:
            return nil
        }
    }
}
