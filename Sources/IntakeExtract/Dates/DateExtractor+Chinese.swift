import IntakeCore
import IntakeLexicon
import IntakeText

/// Chinese dates: 3月5号, 上个月15号 with its place marks (3号楼), 三天前, and weekdays after 周.
extension DateExtractor {
    /// 2024年3月5日, 二〇二四年三月五日, 3月5号, 29日, 24年3月5日, 114年2月7日 (the Minguo year of Taiwan).
    func chineseDate(at i: Int) -> DateMention.Found? {
        guard let first = int(at: i) else { return nil }
        var j = first.end
        var year: Int?, month: Int?, day: Int?
        if isMark(.yearMark, at: j) {
            let digits = first.end - i
            year = digits == 2 && Scan.isDigit(s[i]) ? 2000 + first.value : first.value
            // 113年11月 and 民國114年: Taiwan counts years from 1912, and no complaint dates from the second century.
            if digits == 3, (100...199).contains(first.value) { year = first.value + 1911 }
            j += 1
            guard let m = int(at: j), isMark(.monthMark, at: m.end) else { return nil }
            month = m.value
            j = m.end + 1
        } else if isMark(.monthMark, at: j) {
            month = first.value
            j += 1
        } else if isMark(.dayMark, at: j) || isMark(.numberMark, at: j) {
            let counts = isMark(.dayMark, at: j)
            guard (1...31).contains(first.value), counts || followsMonthWord(i) || !isNumberedPlace(j + 1) else { return nil }
            // 三日遊, 用咗十日, 一日之内: a day in Chinese numerals with 日 and no month is a count of days.
            if counts, !Scan.isDigit(s[i]), !followsMonthWord(i) { return nil }
            let d = first.value
            // The most recent month that has that day: 29日 said on 22 March is 29 January in a common year.
            var m = Day(year: reference.year, month: reference.month, day: d).flatMap { $0 <= reference ? $0 : nil }
            for back in 1...3 where m == nil {
                m = reference.firstOfMonth.adding(months: -back).flatMap { Day(year: $0.year, month: $0.month, day: d) }
            }
            return found(m, i..<j + 1, relative: false)
        } else {
            return nil
        }
        guard let d = int(at: j), (1...31).contains(d.value) else { return nil }
        let marked = isDayMark(at: d.end)
        // 八月十五 without 日: only when no digit or unit follows (not 3月15个).
        guard marked || (d.end >= s.count || !(Scan.isDigit(s[d.end]) || run.numbers.chinese[s[d.end]] != nil || isMark(.counter, at: d.end))) else { return nil }
        // 五月一下子, 三月一直: an unmarked 一 after a month starts a word, not a day.
        if !marked, d.value == 1, d.end == j + 1, !Scan.isDigit(s[j]), d.end < s.count, !Extraction.isClauseBreak(s[d.end]), !Scan.isSpace(s[d.end]) { return nil }
        day = d.value
        let range = i..<(marked ? d.end + 1 : d.end)
        if let year { return found(Day(year: year, month: month!, day: day!), range, relative: false) }
        return found(pastDay(month: month!, day: day!), range, relative: false)
    }

    /// 3号楼, 5号线, 2号门: a number with 号 followed by a place mark (`place` in dates.tsv) names a place, not a day.
    func isNumberedPlace(_ j: Int) -> Bool {
        guard let c = char(j) else { return false }
        return run.data.dateContext.places.contains(c)
    }

    func followsMonthWord(_ i: Int) -> Bool {
        run.hits(endingAt: i).contains { $0.word.table == .date && $0.word.kind.hasSuffix("month") }
    }

    /// 三天前, 3天前, 两周前, 一个月前.
    func ago(at i: Int) -> DateMention.Found? {
        guard let n = int(at: i), (1...400).contains(n.value) else { return nil }
        if run.language == .spanish { return spanishLater(count: n.value, start: i, at: Scan.skipSpaces(s, n.end)) }
        guard let unit = run.hits(startingAt: n.end).filter({ $0.word.table == .date && $0.word.kind == "unit" && $0.word.language == "zh" }).max(by: { $0.range.count < $1.range.count }),
              let ago = run.hits(startingAt: unit.range.upperBound).filter({ ($0.word.kind == "ago" || $0.word.kind == "later") && $0.word.language == "zh" }).max(by: { $0.range.count < $1.range.count })
        else { return nil }
        return found(shift(n.value, unit: unit.word.value, back: ago.word.kind == "ago"), i..<ago.range.upperBound, relative: true)
    }

    /// The weekday named right after `j` (一 … 六, or a `sunday` mark: 日, 天), for 周三, 上周三.
    func chineseWeekday(at j: Int) -> (weekday: Int, end: Int)? {
        guard let c = char(j) else { return nil }
        if isMark(.sunday, at: j) { return (7, j + 1) }
        if let v = run.numbers.chinese[c], (1...6).contains(v) { return (v, j + 1) }
        return nil
    }
}
