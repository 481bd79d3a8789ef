import IntakeCore
import IntakeLexicon
import IntakeText

/// Spanish dates: 5 de marzo, el 15, el día veintinueve, dentro de 3 días, el lunes pasado, numbers in words.
extension DateExtractor {
    /// A `futurecue` word of dates.tsv ends in the same clause, at most 24 scalars before `i`.
    func futureCue(before i: Int) -> Bool {
        let from = max(run.clauseStart(i), i - 24)
        guard from < i else { return false }
        return (from...i).contains { e in
            (e == s.count || !Scan.isLetter(s[e])) && run.data.dateContext.futureCues.contains { Scan.word($0, endingAt: e, in: s) != nil }
        }
    }

    func afterDia(_ i: Int) -> Bool {
        let b = Scan.skipSpacesBack(s, i)
        return word(.dayWord, endingAt: b) != nil
    }

    /// 5 de marzo (de 2024), 5 marzo 2024, 5-mar-24, 2/Oct, 15 de octubre del 2023.
    func spanishDayMonth(at i: Int) -> DateMention.Found? {
        guard Scan.isDigit(s[i]), let d = int(at: i), (1...31).contains(d.value), d.end - i <= 2 else { return nil }
        return spanishDayMonth(day: d.value, start: i, end: d.end)
    }

    /// A Spanish day word (primero, veintiuno, 1ro) starting a date.
    func spanishDayWord(at i: Int, starts: HitIndex) -> DateMention.Found? {
        // vigésimo segundo de junio, treinta y uno de mayo: a day of several words.
        if let n = spanishNumber(at: i), (1...31).contains(n.value), let f = spanishDayMonth(day: n.value, start: i, end: n.end) { return f }
        guard let w = starts[i].filter({ $0.word.table == .number && $0.word.language == "es" }).max(by: { $0.range.count < $1.range.count }),
              let v = Int(w.word.kind), (1...31).contains(v) else { return nil }
        return spanishDayMonth(day: v, start: i, end: w.range.upperBound)
    }

    func spanishDayMonth(day: Int, start i: Int, end dEnd: Int) -> DateMention.Found? {
        var j = dEnd
        // Ordinal marks: 9º, 1.º, 1er, 1ro, 4.º
        if char(j) == 0x2E, char(j + 1) == 0xBA || char(j + 1) == 0x6F { j += 2 }
        else if char(j) == 0xBA || char(j) == 0xB0 { j += 1 }
        else if let k = word(.ordinalSuffix, at: j) { j = k }
        let d = (value: day, end: j)
        // 21 del 3: the month as a number.
        let afterDay = Scan.skipSpaces(s, j)
        if let k = word(.connector, at: afterDay) {
            // el 21 de este mes, el 5 del mes pasado
            let q = Scan.skipSpaces(s, k)
            if let month = grammar(.monthPhrase, at: q) {
                let f = reference.firstOfMonth.adding(months: month.entry.offset)
                return found(f.flatMap { Day(year: $0.year, month: $0.month, day: d.value) }, i..<month.end, relative: true)
            }
            // 9 de 8 de 1971: a month number only with a year after it.
            let m = Scan.digits(s, from: q)
            if (1...2).contains(m.count), (1...12).contains(Scan.number(s, m)) {
                var r = Scan.skipSpaces(s, m.upperBound)
                if let w = word(.connector, at: r) {
                    r = Scan.skipSpaces(s, w)
                    let y = Scan.digits(s, from: r)
                    if y.count == 4, char(y.upperBound).map({ !Scan.isAlnum($0) }) ?? true {
                        return found(Day(year: Scan.number(s, y), month: Scan.number(s, m), day: d.value), i..<y.upperBound, relative: false)
                    }
                }
            }
        }
        if let k = word(.monthNumberCue, at: afterDay) {
            let m = Scan.digits(s, from: Scan.skipSpaces(s, k))
            if (1...2).contains(m.count), (1...12).contains(Scan.number(s, m)), char(m.upperBound).map({ !Scan.isAlnum($0) }) ?? true {
                return found(pastDay(month: Scan.number(s, m), day: d.value), i..<m.upperBound, relative: false)
            }
        }
        var sep: UInt32 = 0x20
        if let c = char(j), c == 0x2D || c == 0x2F || c == 0x2E { sep = c; j += 1 }
        j = Scan.skipSpaces(s, j)
        if sep == 0x20, let k = word(.connector, at: j) { j = Scan.skipSpaces(s, k) }
        guard let month = monthWord(at: j) else {
            // el 14 y el 18 de marzo, los días 18 y 19 de junio: the month named at the end of the list.
            if Scan.isDigit(s[i]), dayCue(before: i), let month = listMonth(after: d.end) {
                return found(pastDay(month: month, day: d.value), i..<d.end, relative: false)
            }
            // el 15, el día 18, el día veintinueve: a day of this month or the last.
            guard Scan.isDigit(s[i]) ? dayCue(before: i) : afterDia(i), followsNothingDatelike(d.end) else { return nil }
            var c = reference.firstOfMonth
            if futureCue(before: i) {
                // llega hasta el 28, antes del 24: this month's when still ahead, else next month's.
                if d.value < reference.day || d.value > Day.daysIn(c.year, c.month) {
                    guard let next = c.adding(months: 1) else { return nil }
                    c = next
                }
            } else if d.value > reference.day {
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
        if let w = word(.connector, at: k) { k = Scan.skipSpaces(s, w) }
        // 26 de octubre 15:50:06 2016: a time of day may stand between the month and the year.
        let clock = Scan.digits(s, from: k)
        if (1...2).contains(clock.count), char(clock.upperBound) == 0x3A {
            var t = clock.upperBound
            while let c = char(t), Scan.isDigit(c) || c == 0x3A { t += 1 }
            let after = Scan.skipSpaces(s, t)
            if Scan.digits(s, from: after).count == 4 { k = after }
        }
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
    func spanishMonthDay(_ h: WordHit, starts: HitIndex) -> DateMention.Found? {
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
        if let w = word(.connector, at: k) {
            k = Scan.skipSpaces(s, w)
            let y = Scan.digits(s, from: k)
            if y.count == 4 { return found(Day(year: Scan.number(s, y), month: month, day: day), h.range.lowerBound..<y.upperBound, relative: false) }
        }
        return found(pastDay(month: month, day: day), h.range.lowerBound..<end, relative: false)
    }

    /// sep-23-2020, septiembre-2020-23, 2020/23/sep, 2020/sep/23, 23-2020-septiembre: a month word, a four-digit
    /// year and a day joined by one kind of separator, in any order.
    func mixedMonthDate(at i: Int) -> DateMention.Found? {
        var month: Int?, year: Int?, day: Int?
        var j = i, separator: UInt32?
        for part in 0..<3 {
            if part > 0 {
                guard let c = char(j), c == 0x2D || c == 0x2F, separator == nil || separator == c else { return nil }
                separator = c
                j += 1
            }
            if let m = monthWord(at: j), month == nil {
                month = m.month
                j = m.range.upperBound
                if char(j) == 0x2E, part == 2 || char(j + 1) == separator { j += 1 }
            } else {
                let r = Scan.digits(s, from: j)
                if r.count == 4, year == nil { year = Scan.number(s, r) }
                else if (1...2).contains(r.count), day == nil { day = Scan.number(s, r) }
                else { return nil }
                j = r.upperBound
            }
        }
        guard let month, let year, let day, char(j).map({ !Scan.isAlnum($0) }) ?? true else { return nil }
        return found(Day(year: year, month: month, day: day), i..<j, relative: false)
    }

    func monthWord(at j: Int) -> (month: Int, range: Range<Int>)? {
        run.hits(startingAt: j).filter { $0.word.table == .date && $0.word.kind == "month" && $0.word.language == "es" }
            .max { $0.range.count < $1.range.count }
            .flatMap { h in Int(h.word.value).map { ($0, h.range) } }
    }

    /// 30 minutos después, 3 días después de hoy, 2 días a partir de mañana, 2 días antes de hoy.
    func spanishLater(count: Int, start i: Int, at j: Int) -> DateMention.Found? {
        guard let unit = run.hits(startingAt: j).filter({ $0.word.kind == "unit" && $0.word.language == "es" }).max(by: { $0.range.count < $1.range.count }) else { return nil }
        let k = Scan.skipSpaces(s, unit.range.upperBound)
        var connector: (end: Int, back: Bool)?
        var anchored = false
        if let later = run.hits(startingAt: k).first(where: { $0.word.kind == "later" && $0.word.language == "es" }) {
            connector = (later.range.upperBound, false)
        } else if let link = grammar(.anchorLink, at: k) {
            connector = (link.end, link.entry.value == "before")
            anchored = true
        }
        guard let connector else { return nil }
        // An anchor day after "de": hoy, mañana, ahora, ayer.
        var q = Scan.skipSpaces(s, connector.end)
        if let d = word(.connector, at: q) {
            q = Scan.skipSpaces(s, d)
            if let anchor = run.hits(startingAt: q).filter({ ($0.word.kind == "day" || $0.word.kind == "now") && $0.word.language == "es" }).max(by: { $0.range.count < $1.range.count }),
               let offset = Int(anchor.word.value) {
                guard let moved = reference.adding(days: offset) else { return nil }
                let base = DateExtractor(run: run, reference: moved)
                return found(base.shift(count, unit: unit.word.value, back: connector.back), i..<anchor.range.upperBound, relative: true)
            }
        }
        // a partir and antes need their anchor day.
        guard !anchored else { return nil }
        return found(shift(count, unit: unit.word.value, back: false), i..<connector.end, relative: true)
    }

    /// el martes 6, viernes 23, el lunes el veintisiete, el martes el día once, el lunes 5 de marzo: the day of the
    /// month decides; without a month it is the most recent such day that falls on that weekday.
    func weekdayWithDay(_ w: Int, start: Int, after end: Int) -> DateMention.Found? {
        var j = Scan.skipSpaces(s, end)
        if let k = word(.article, at: j) { j = Scan.skipSpaces(s, k) }
        if let k = word(.dayWord, at: j) { j = Scan.skipSpaces(s, k) }
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
        // este viernes 12/5: the day and month after the weekday, day first.
        if char(n.end) == 0x2F, Scan.isDigit(s[j]) {
            let m = Scan.digits(s, from: n.end + 1)
            if (1...2).contains(m.count), (1...12).contains(Scan.number(s, m)), char(m.upperBound).map({ !Scan.isAlnum($0) && $0 != 0x2F }) ?? true {
                let month = Scan.number(s, m)
                let este = word(.demonstrative, at: start) != nil
                return found(este ? Day(year: reference.year, month: month, day: n.value) : pastDay(month: month, day: n.value), start..<m.upperBound, relative: false)
            }
        }
        if let c = char(n.end), Scan.isAlnum(c) || c == 0x3A || c == 0x2F || c == 0x2D || c == 0x25 { return nil }
        // lun 9 a.m.: an hour, not a day.
        let t = Scan.skipSpaces(s, n.end)
        if isHourMark(at: t) { return nil }
        var m = Scan.skipSpaces(s, n.end)
        if let k = word(.connector, at: m) { m = Scan.skipSpaces(s, k) }
        if let month = monthWord(at: m), let f = spanishDayMonth(day: n.value, start: j, end: n.end) {
            // este viernes 6 de julio: this year's, ahead or behind.
            let b = Scan.skipSpacesBack(s, start)
            if word(.demonstrative, at: start) != nil || word(.demonstrative, endingAt: b) != nil, !f.mention.text.contains(where: \.isNumber) || f.mention.text.filter(\.isNumber).count <= 2,
               let d = Day(year: reference.year, month: month.month, day: n.value) {
                return found(d, start..<f.normRange.upperBound, relative: false)
            }
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

    /// "la próxima semana" (or another `weekphrase` of dates.tsv) right after `j`: its week offset and end.
    func weekPhrase(startingAt j: Int) -> (Int, Int)? {
        grammar(.weekPhrase, at: j).map { ($0.entry.offset, $0.end) }
    }

    /// A week phrase that ends at `j`: its week offset and start.
    func weekPhrase(endingAt j: Int) -> (Int, Int)? {
        for p in run.data.dateGrammar[.weekPhrase] {
            let length = p.words.reduce(p.words.count - 1) { $0 + $1.count }
            for start in stride(from: j - length, through: max(0, j - length - 4), by: -1) where start >= 0 {
                if let e = grammar(.weekPhrase, at: start), e.entry == p, e.end == j, Scan.startsWord(s, start) { return (p.offset, start) }
            }
        }
        return nil
    }

    /// A number in Spanish words: veintisiete, treinta y uno, dos mil dieciocho, mil novecientos noventa y dos.
    func spanishNumber(at j: Int) -> (value: Int, end: Int)? {
        var total = 0, current = 0, end = j, k = j
        var last = 0, joinedByY = false, ordinalTen = false
        func next(at k: Int) -> (Int, Int, Bool)? {
            run.hits(startingAt: k).filter { $0.word.table == .number && $0.word.language == "es" }
                .max { $0.range.count < $1.range.count }
                .flatMap { w in Int(w.word.kind).map { ($0, w.range.upperBound, w.word.value == "ordinal") } }
        }
        var words = 0
        while let (v, e, wordIsOrdinalTen) = next(at: k) {
            // A number in words has at most one mil and a handful of words (mil novecientos noventa y dos): a longer
            // run is not one number, and stopping keeps the work per start constant.
            words += 1
            if words > 8 || (v == 1000 && total > 0) { break }
            // Words join as in "dos mil", "mil novecientos noventa y dos", "treinta y uno": after y only a unit
            // follows a ten; without y only after a hundred or a thousand, or before mil.
            if last > 0 {
                // vigésimo segundo: an ordinal ten takes its unit without y.
                let fits = joinedByY ? (last % 10 == 0 && (30...90).contains(last % 100) && (1...9).contains(v))
                                     : (last % 100 == 0 || v == 1000 || (v == 100 && (1...9).contains(last)) || (ordinalTen && (1...9).contains(v)))
                guard fits else { break }
            }
            ordinalTen = wordIsOrdinalTen
            if v == 1000 { total += max(current, 1) * 1000; current = 0 }
            else if v == 100, (1...9).contains(current) { current *= 100 }
            else { current += v }
            last = v
            end = e
            k = Scan.skipSpaces(s, end)
            joinedByY = false
            if let y = word(.numberJoiner, at: k) { k = Scan.skipSpaces(s, y); joinedByY = true }
        }
        return last > 0 ? (total + current, end) : nil
    }

    /// The first `beforeweekday` row that ends at `j`: its start and the mode it names.
    func weekdayQualifier(endingAt j: Int) -> (Int, WeekdayMode)? {
        grammar(.beforeWeekday, endingAt: j).flatMap { g in WeekdayMode(qualifier: g.entry.value).map { (g.start, $0) } }
    }

    /// el lunes (the last one), el lunes pasado / el pasado lunes (strictly before), el próximo lunes /
    /// el lunes que viene (strictly after), este lunes (this week's).
    func spanishWeekday(_ h: WordHit) -> DateMention.Found? {
        guard let w = Int(h.word.value) else { return nil }
        if let f = nthWeekday(w, h) { return f }
        var start = h.range.lowerBound
        var end = h.range.upperBound
        var mode = WeekdayMode.bare
        let before = Scan.skipSpacesBack(s, start)
        if let (wordStart, m) = weekdayQualifier(endingAt: before) {
            start = wordStart
            mode = m
            if m != .bare, let article = word(.article, endingAt: Scan.skipSpacesBack(s, start)) { start = article }
        }
        if char(end) == 0x2E { end += 1 }
        // la próxima semana el martes, el lunes la próxima semana: that week's day.
        if mode == .bare {
            if let (offset, from) = weekPhrase(endingAt: Scan.skipSpacesBack(s, start)) {
                return found(weekStart(reference)?.adding(days: 7 * offset + w - 1), from..<end, relative: true)
            }
            if let (offset, to) = weekPhrase(startingAt: Scan.skipSpaces(s, end)) {
                return found(weekStart(reference)?.adding(days: 7 * offset + w - 1), start..<to, relative: true)
            }
        }
        // este miércoles pasado, este pasado miércoles, este próximo viernes: the nearest one that way.
        let b2 = Scan.skipSpacesBack(s, start)
        let demonstrative = mode != .bare && mode != .this ? word(.demonstrative, endingAt: b2) : nil
        let este = demonstrative != nil
        if let demonstrative { start = demonstrative }
        let after = Scan.skipSpaces(s, end)
        if mode == .bare || mode == .this, let f = weekdayWithDay(w, start: start, after: end) { return f }
        if mode == .bare || mode == .this {
            if let q = grammar(.afterWeekday, at: after) {
                mode = q.entry.value == "past" ? (mode == .this ? .lastOne : .past) : .next
                end = q.end
            } else if let k = word(.connector, at: after), let (offset, q) = weekPhrase(startingAt: Scan.skipSpaces(s, k)) {
                // viernes de esta semana, domingo de la semana que viene / siguiente / pasada
                return found(weekStart(reference)?.adding(days: 7 * offset + w - 1), start..<q, relative: true)
            }
        }
        if este { mode = mode == .next ? .nextOne : .lastOne }
        let day: Day?
        switch mode {
        case .nextOne: day = nextWeekday(w)
        // el próximo lunes is the Monday of next week; el lunes pasado is the last Monday before the reference
        // (said on a Wednesday, two days back), as customers mean it, where Recognizers-Text takes last week's.
        case .next: day = weekStart(reference)?.adding(days: 7 + w - 1)
        case .past: day = lastWeekday(w, strict: true)
        case .this: day = weekStart(reference)?.adding(days: w - 1)
        case .lastOne: day = lastWeekday(w, strict: true)
        // antes del viernes, llega el lunes: a bare weekday after a future cue is the next one.
        case .bare: day = futureCue(before: h.range.lowerBound) ? nextWeekday(w) : lastWeekday(w, strict: false)
        }
        return found(day, start..<end, relative: true)
    }
}

extension DateExtractor {
    /// el primer viernes de julio, el tercer domingo de junio, el último lunes de mayo: that weekday of the month in
    /// the reference's year (an ordinal number word before the weekday; `ultimo` is the last one).
    func nthWeekday(_ w: Int, _ h: WordHit) -> DateMention.Found? {
        let before = Scan.skipSpacesBack(s, h.range.lowerBound)
        let ordinal = run.hits(endingAt: before).filter { $0.word.table == .number && $0.word.language == "es" }.max { $0.range.count < $1.range.count }
        let last = ordinal == nil ? run.hits(endingAt: before).first { $0.word.table == .date && $0.word.kind == "past" && $0.word.value == "1" && $0.range.count == 6 } : nil
        guard let n = ordinal.flatMap({ Int($0.word.kind) }) ?? (last != nil ? -1 : nil), n == -1 || (1...4).contains(n) else { return nil }
        var k = Scan.skipSpaces(s, h.range.upperBound)
        guard let de = word(.connector, at: k) else { return nil }
        k = Scan.skipSpaces(s, de)
        guard let month = monthWord(at: k), let first = Day(year: reference.year, month: month.month, day: 1) else { return nil }
        var start = (ordinal ?? last)!.range.lowerBound
        let b = Scan.skipSpacesBack(s, start)
        if let article = word(.article, endingAt: b) { start = article }
        let day: Day?
        if n > 0 {
            day = first.adding(days: (w - first.weekday + 7) % 7 + 7 * (n - 1)).flatMap { $0.month == month.month ? $0 : nil }
        } else {
            let end = first.adding(days: Day.daysIn(first.year, first.month) - 1)
            day = end.flatMap { $0.adding(days: -(($0.weekday - w + 7) % 7)) }
        }
        return found(day, start..<month.range.upperBound, relative: false)
    }
}

/// How a weekday word is qualified: el lunes (the last one, or today), el próximo lunes (next week's), el lunes pasado
/// (strictly before), este lunes (this week's), este lunes pasado / este próximo lunes (the nearest one that way).
enum WeekdayMode {
    case bare, next, past, this, lastOne, nextOne

    /// The mode a `beforeweekday` row of dates.tsv names.
    init?(qualifier: String) {
        switch qualifier {
        case "next": self = .next
        case "past": self = .past
        case "this": self = .this
        case "bare": self = .bare
        default: return nil
        }
    }
}
