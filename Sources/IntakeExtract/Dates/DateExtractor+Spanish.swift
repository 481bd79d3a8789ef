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
        return b >= 3 && word(at: b - 3, "dia") != nil
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
        if let w = word(at: k, "del") ?? word(at: k, "de") { k = Scan.skipSpaces(s, w) }
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
        if let w = word(at: k, "de") ?? word(at: k, "del") {
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
            if let anchor = run.hits(startingAt: q).filter({ ($0.word.kind == "day" || $0.word.kind == "now") && $0.word.language == "es" }).max(by: { $0.range.count < $1.range.count }),
               let offset = Int(anchor.word.value) {
                guard let moved = reference.adding(days: offset) else { return nil }
                let base = DateExtractor(run: run, reference: moved)
                return found(base.shift(count, unit: unit.word.value, back: connector.back), i..<anchor.range.upperBound, relative: true)
            }
        }
        guard !connector.back, word(at: k, "a") == nil else { return nil }
        return found(shift(count, unit: unit.word.value, back: false), i..<connector.end, relative: true)
    }

    /// el martes 6, viernes 23, el lunes el veintisiete, el martes el día once, el lunes 5 de marzo: the day of the
    /// month decides; without a month it is the most recent such day that falls on that weekday.
    func weekdayWithDay(_ w: Int, start: Int, after end: Int) -> DateMention.Found? {
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
        // este viernes 12/5: the day and month after the weekday, day first.
        if char(n.end) == 0x2F, Scan.isDigit(s[j]) {
            let m = Scan.digits(s, from: n.end + 1)
            if (1...2).contains(m.count), (1...12).contains(Scan.number(s, m)), char(m.upperBound).map({ !Scan.isAlnum($0) && $0 != 0x2F }) ?? true {
                let month = Scan.number(s, m)
                let este = word(at: start, "este") != nil
                return found(este ? Day(year: reference.year, month: month, day: n.value) : pastDay(month: month, day: n.value), start..<m.upperBound, relative: false)
            }
        }
        if let c = char(n.end), Scan.isAlnum(c) || c == 0x3A || c == 0x2F || c == 0x2D || c == 0x25 { return nil }
        // lun 9 a.m.: an hour, not a day.
        let t = Scan.skipSpaces(s, n.end)
        for h in ["a.m", "p.m", "am", "pm", "hs", "h"] where phraseRaw(h, at: t) { return nil }
        var m = Scan.skipSpaces(s, n.end)
        if let k = word(at: m, "de") { m = Scan.skipSpaces(s, k) }
        if let month = monthWord(at: m), let f = spanishDayMonth(day: n.value, start: j, end: n.end) {
            // este viernes 6 de julio: this year's, ahead or behind.
            let b = Scan.skipSpacesBack(s, start)
            if word(at: start, "este") != nil || (b >= 4 && word(at: b - 4, "este") != nil), !f.mention.text.contains(where: \.isNumber) || f.mention.text.filter(\.isNumber).count <= 2,
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

    package static let weekPhrases: [(words: [String], offset: Int)] = [
        (["la", "proxima", "semana"], 1), (["la", "semana", "que", "viene"], 1), (["la", "semana", "siguiente"], 1),
        (["la", "semana", "pasada"], -1), (["la", "semana", "anterior"], -1), (["esta", "semana"], 0),
    ]

    /// "la próxima semana" (or another week phrase) right after `j`: its week offset and end.
    func weekPhrase(startingAt j: Int) -> (Int, Int)? {
        for p in Self.weekPhrases { if let e = phrase(p.words, at: j) { return (p.offset, e) } }
        return nil
    }

    /// A week phrase that ends at `j`: its week offset and start.
    func weekPhrase(endingAt j: Int) -> (Int, Int)? {
        for p in Self.weekPhrases {
            let length = p.words.joined(separator: " ").unicodeScalars.count
            for start in stride(from: j - length, through: max(0, j - length - 4), by: -1) where start >= 0 {
                if let e = phrase(p.words, at: start), e == j, Scan.startsWord(s, start) { return (p.offset, start) }
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
            if let y = word(at: k, "y") { k = Scan.skipSpaces(s, y); joinedByY = true }
        }
        return last > 0 ? (total + current, end) : nil
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
        for (k, m) in [("proximo", WeekdayMode.next), ("proxima", WeekdayMode.next), ("siguiente", WeekdayMode.next), ("pasado", WeekdayMode.past), ("ultimo", WeekdayMode.past), ("este", WeekdayMode.this), ("el", WeekdayMode.bare), ("en", WeekdayMode.bare), ("los", WeekdayMode.bare), ("desde el", WeekdayMode.bare), ("hasta el", WeekdayMode.bare)] {
            if let wordStart = Scan.word(k, endingAt: before, in: s) {
                start = wordStart
                mode = m
                if m != .bare {
                    let b2 = Scan.skipSpacesBack(s, start)
                    if b2 >= 2, Scan.word("el", endingAt: b2, in: s) != nil { start = b2 - 2 }
                }
                break
            }
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
        let este = mode != .bare && mode != .this && b2 >= 4 && word(at: b2 - 4, "este") != nil
        if este { start = b2 - 4 }
        let after = Scan.skipSpaces(s, end)
        if mode == .bare || mode == .this, let f = weekdayWithDay(w, start: start, after: end) { return f }
        if mode == .bare || mode == .this {
            if let k = word(at: after, "pasado") ?? word(at: after, "anterior") { mode = mode == .this ? .lastOne : .past; end = k }
            else if let k = word(at: after, "que"), let v = word(at: Scan.skipSpaces(s, k), "viene") { mode = .next; end = v }
            else if let k = word(at: after, "proximo") ?? word(at: after, "siguiente") { mode = .next; end = k }
            else if let k = word(at: after, "de") {
                // viernes de esta semana, domingo de la semana que viene / siguiente / pasada
                var q = Scan.skipSpaces(s, k)
                var weekMode: WeekdayMode?
                if let e = word(at: q, "esta"), let sem = word(at: Scan.skipSpaces(s, e), "semana") { weekMode = .this; q = sem }
                else if let pre = word(at: q, "proxima"), let sem = word(at: Scan.skipSpaces(s, pre), "semana") { weekMode = .next; q = sem }
                else if let la = word(at: q, "la") {
                    let r = Scan.skipSpaces(s, la)
                    if let pre = word(at: r, "proxima") ?? word(at: r, "siguiente"), let sem = word(at: Scan.skipSpaces(s, pre), "semana") { weekMode = .next; q = sem }
                    else if let sem = word(at: r, "semana") {
                        let t = Scan.skipSpaces(s, sem)
                        if let p = word(at: t, "pasada") { weekMode = .past; q = p }
                        else if let n = word(at: t, "siguiente") ?? word(at: t, "proxima") { weekMode = .next; q = n }
                        else if let qu = word(at: t, "que"), let v = word(at: Scan.skipSpaces(s, qu), "viene") { weekMode = .next; q = v }
                    }
                }
                if let weekMode {
                    let offset = weekMode == .this ? 0 : weekMode == .next ? 7 : -7
                    return found(weekStart(reference)?.adding(days: offset + w - 1), start..<q, relative: true)
                }
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
        guard let de = word(at: k, "de") else { return nil }
        k = Scan.skipSpaces(s, de)
        guard let month = monthWord(at: k), let first = Day(year: reference.year, month: month.month, day: 1) else { return nil }
        var start = (ordinal ?? last)!.range.lowerBound
        let b = Scan.skipSpacesBack(s, start)
        if b >= 2, word(at: b - 2, "el") != nil { start = b - 2 }
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
}
