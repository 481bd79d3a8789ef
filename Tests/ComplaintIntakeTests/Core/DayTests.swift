import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// The calendar day type every stage shares: validity, ordinals, weekdays and arithmetic at the edges.
@Suite("Day")
struct DayTests {
    @Test("invalid days are nil", arguments: ["2024-02-30", "2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "0000-01-01", "10000-01-01", "2024-04-31", "2024-3-5x", ""])
    func invalid(_ iso: String) { #expect(Day(iso: iso) == nil) }

    @Test("leap days of the Gregorian rules", arguments: [("2000-02-29", true), ("2024-02-29", true), ("2100-02-29", false), ("2400-02-29", true)])
    func leap(_ iso: String, _ valid: Bool) { #expect((Day(iso: iso) != nil) == valid) }

    @Test("ordinals round-trip and weekdays match the calendar", arguments: [
        ("1970-01-01", 0, 4), ("2024-03-20", 19802, 3), ("2024-02-29", 19782, 4), ("0001-01-01", -719_162, 1), ("9999-12-31", 2_932_896, 5),
    ])
    func ordinals(_ iso: String, _ ordinal: Int, _ weekday: Int) throws {
        let d = try #require(Day(iso: iso))
        #expect(d.ordinal == ordinal)
        #expect(Day(ordinal: ordinal) == d)
        #expect(d.weekday == weekday)
        #expect(d.description == iso)
    }

    @Test("month arithmetic clamps to the month's last day", arguments: [
        ("2024-01-31", 1, "2024-02-29"), ("2023-01-31", 1, "2023-02-28"), ("2024-03-31", -1, "2024-02-29"), ("2024-12-15", 1, "2025-01-15"),
        ("2024-01-15", -13, "2022-12-15"), ("2024-05-31", 12, "2025-05-31"),
    ])
    func months(_ from: String, _ n: Int, _ to: String) throws {
        #expect(try #require(Day(iso: from)).adding(months: n) == Day(iso: to))
    }

    @Test("day arithmetic across years and leap days", arguments: [("2024-02-28", 1, "2024-02-29"), ("2024-12-31", 1, "2025-01-01"), ("2024-03-01", -1, "2024-02-29"), ("2024-03-20", -365, "2023-03-21")])
    func days(_ from: String, _ n: Int, _ to: String) throws {
        #expect(try #require(Day(iso: from)).adding(days: n) == Day(iso: to))
    }
}

/// Holiday rules as dates.tsv writes them: fixed days, the Nth weekday of a month, and Easter with a shift.
@Suite("Holiday rules")
struct HolidayRuleTests {
    @Test("rules give the holiday's day in a year", arguments: [
        ("12-25", 2024, "2024-12-25"), ("11-th4", 2024, "2024-11-28"), ("11-th4+1", 2024, "2024-11-29"), ("05-su2", 2024, "2024-05-12"),
        ("06-su3", 2025, "2025-06-15"), ("easter", 2024, "2024-03-31"), ("easter", 2025, "2025-04-20"), ("easter-2", 2024, "2024-03-29"),
        ("easter", 2000, "2000-04-23"), ("02-29", 2023, nil), ("05-mol", 2024, "2024-05-27"),
    ])
    func days(_ rule: String, _ year: Int, _ expected: String?) throws {
        let r = try #require(HolidayRule(rule), "rule \(rule)")
        #expect(r.day(in: year)?.description == expected)
    }

    @Test("malformed rules are refused", arguments: ["", "13-01", "12-x", "easter+", "11-th9", "00-00"])
    func malformed(_ rule: String) { #expect(HolidayRule(rule) == nil || HolidayRule(rule)?.day(in: 2024) == nil) }
}

/// Numbers as complaints write them, in digits and in Chinese numerals.
@Suite("Number reader")
struct NumberReaderTests {
    static let reader = NumberReader(data: Fixtures.resources.extraction)

    @Test("values as written", arguments: [
        ("1500", "1500"), ("1.500,50", "1500.50"), ("1,500.50", "1500.50"), ("89,90", "89.90"), ("两百", "200"), ("一千五百", "1500"),
        ("三千二", "3200"), ("两百二十", "220"), ("十五", "15"), ("1.5万", "15000"), ("二〇二四", "2024"),
    ])
    func values(_ text: String, _ value: String) throws {
        let s = text.unicodeScalars.map(\.value)
        let n = try #require(Self.reader.read(s, at: 0), "\(text)")
        #expect(n.value == value, "\(text)")
    }

    @Test("a run of digits longer than any amount or date is no number")
    func longRun() {
        let s = String(repeating: "9", count: 60).unicodeScalars.map(\.value)
        #expect(Self.reader.read(s, at: 0) == nil)
    }
}
