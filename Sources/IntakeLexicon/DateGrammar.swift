import IntakeCore
import IntakeText

/// The words a date phrase is built of that name no date themselves (de, el, este mes, 年, 号), from the `dates.tsv`
/// rows of these kinds: the date extractor asks for a role, never for a word, so a desk's file can add one.
///
/// Kept out of the word trie like ``DateContext``: they are looked up only at a place a rule already reached.
package struct DateGrammar: Sendable, Equatable {
    /// What a word does in a date phrase; the raw value is its kind in `dates.tsv`.
    package enum Role: String, CaseIterable, Sendable {
        /// Joins a day to its month or year: de, del (5 de marzo, 15 de octubre del 2023).
        case connector
        /// Between a day and its month written as a number: del (21 del 3).
        case monthNumberCue = "monthnumbercue"
        /// Before a day, a week or an ordinal weekday: el, la (y el 18 de marzo, la semana pasada, el primer viernes).
        case article
        /// Joins days listed before their month: y, o, al (21 y 22 de marzo, del 3 al 5 de marzo).
        case dayList = "daylist"
        /// Joins number words: y (treinta y uno).
        case numberJoiner = "numberjoiner"
        /// "Day" before a day's number: día (el día 18).
        case dayWord = "dayword"
        /// Glued to a day's number: er, ro, ero, o (1er, 1ro).
        case ordinalSuffix = "ordinalsuffix"
        /// After "el 21 de", a month by its offset from the reference's: este mes 0, mes pasado -1.
        case monthPhrase = "monthphrase"
        /// After a holiday and "de", a year by its offset: año pasado -1, próximo año 1.
        case yearPhrase = "yearphrase"
        /// Before a holiday, a greeting that names no day of the complaint: feliz.
        case greeting
        /// Before "hace", a stretch of time, not a day: desde (desde hace dos semanas).
        case since
        /// Before mañana, it makes it "morning", not tomorrow: la, esta, cada.
        case morningGuard = "morningguard"
        /// Before "el día" that closes its clause, it makes it today: en, por (volveré en el día).
        case dayEndCue = "dayendcue"
        /// Before a day without a year, it makes it the next one: próximo (el próximo 6 de abril).
        case upcoming
        /// Before a weekday, it keeps the day in this week or year: este (este viernes 12/5, este lunes pasado).
        case demonstrative
        /// Before a weekday, how it is qualified (value next, past, this or bare); the first row that fits wins.
        case beforeWeekday = "beforeweekday"
        /// After a weekday, how it is qualified (value next or past): el lunes pasado, el lunes que viene.
        case afterWeekday = "afterweekday"
        /// A week by its offset from the reference's, beside a weekday: la próxima semana 1, esta semana 0.
        case weekPhrase = "weekphrase"
        /// After a count of days, a link to an anchor day (value after or before): a partir (de mañana), antes (de hoy).
        case anchorLink = "anchorlink"
        /// After "el 15", a time of day follows, so the number is still a day: a las (el 15 a las 8:00).
        case timeCue = "timecue"
        /// After a weekday's number, an hour is meant, not a day: a.m, pm, h (lun 9 a.m.). Matched as written.
        case hourMark = "hourmark"
        /// After a year's number: 年.
        case yearMark = "yearmark"
        /// After a month's number: 月.
        case monthMark = "monthmark"
        /// After a day's number: 日; with a Chinese numeral and no month before it, it counts days instead (三日遊).
        case dayMark = "daymark"
        /// After a day's number too, but it also numbers places (3号楼): 号.
        case numberMark = "numbermark"
        /// After 周, 星期 or 礼拜, the seventh day: 日, 天.
        case sunday
        /// After a month and an unmarked number, it makes the number a count: 个, 天 (3月15个).
        case counter

        /// What the row's value must be.
        var value: ValueKind {
            switch self {
            case .monthPhrase, .yearPhrase, .weekPhrase: .offset
            case .beforeWeekday: .oneOf(["next", "past", "this", "bare"])
            case .afterWeekday: .oneOf(["next", "past"])
            case .anchorLink: .oneOf(["after", "before"])
            default: .unused
            }
        }

        /// The role's place in ``allCases``. `allCases` builds its array anew at each call, and the date rules ask for a
        /// role at every candidate place: the order is read from one array built once.
        var index: Int { Self.ordered.firstIndex(of: self)! }

        private static let ordered = allCases
    }

    enum ValueKind {
        case unused, offset, oneOf([String])
    }

    /// One row: its folded words (a phrase has several, matched apart by any spaces) and its value.
    package struct Entry: Sendable, Equatable {
        package let words: [[UInt32]]
        package let value: String
        /// The value as a whole number (the offsets of phrase roles).
        package var offset: Int { Int(value) ?? 0 }
    }

    private var entries: [[Entry]] = Array(repeating: [], count: Role.allCases.count)

    package init() {}

    /// The rows of `role`, in file order (a desk's rows after the built-in ones).
    @inline(__always)
    package subscript(role: Role) -> [Entry] { entries[role.index] }

    /// Adds a folded phrase; the reason it is refused otherwise.
    package mutating func add(_ role: Role, _ phrase: [UInt32], value: String) -> String? {
        switch role.value {
        case .unused: break
        case .offset:
            guard let n = Int(value), (-100...100).contains(n) else { return "the offset '\(value)' is not a whole number from -100 to 100" }
        case .oneOf(let allowed):
            guard allowed.contains(value) else { return "the value '\(value)' is none of \(allowed.joined(separator: ", "))" }
        }
        let words = phrase.split(whereSeparator: Scan.isSpace).map(Array.init)
        guard !words.isEmpty else { return "the word is empty" }
        let entry = Entry(words: words, value: role.value == .unused ? "-" : value)
        if !entries[role.index].contains(entry) { entries[role.index].append(entry) }
        return nil
    }

    package func write(to w: inout BinaryWriter) {
        w.count(entries.count)
        for (role, list) in zip(Role.allCases, entries) {
            w.string(role.rawValue)
            w.count(list.count)
            for e in list {
                w.string(e.words.map { NormalizedText.string($0[...]) }.joined(separator: " "))
                w.string(e.value)
            }
        }
    }

    package init(from r: inout BinaryReader) throws(BinaryFormatError) {
        for _ in 0..<(try r.count(itemSize: 8)) {
            let name = try r.string()
            guard let role = Role(rawValue: name) else { throw .badValue(at: r.offset, "an unknown date-word role '\(name)'") }
            for _ in 0..<(try r.count(itemSize: 8)) {
                let phrase = try r.string()
                let value = try r.string()
                let words = phrase.split(separator: " ").map { $0.unicodeScalars.map(\.value) }
                entries[role.index].append(Entry(words: words, value: value))
            }
        }
    }
}

extension DateGrammar.ValueKind: Equatable {}
