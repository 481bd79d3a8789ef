/// A calendar day in the proleptic Gregorian calendar, with the arithmetic date resolution needs.
public struct Day: Sendable, Equatable, Comparable, Hashable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid day, or nil (2024-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(year, month), (1...9999).contains(year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (or the date part of an ISO 8601 time).
    public init?(iso: String) {
        let p = iso.prefix(10).split(separator: "-")
        guard p.count == 3, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    package static func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }
    package static func daysIn(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: isLeap(y) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01.
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The ordinals of 0001-01-01 and 9999-12-31: a day outside them is no date.
    package static let ordinals = -719_162...2_932_896

    /// The day `z0` days after 1970-01-01, or nil outside the years 1 to 9999.
    public init?(ordinal z0: Int) {
        guard Self.ordinals.contains(z0) else { return nil }
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    /// The first day of this day's month.
    public var firstOfMonth: Day { Day(valid: year, month, 1) }

    private init(valid year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// 1 = Monday ... 7 = Sunday.
    public var weekday: Int { ((ordinal % 7 + 7 + 3) % 7) + 1 }

    /// The day `n` days later, or nil when that leaves the years 1 to 9999.
    public func adding(days n: Int) -> Day? {
        guard n.magnitude <= UInt(Self.ordinals.count) else { return nil }
        return Day(ordinal: ordinal + n)
    }

    /// The same day `n` months later, clamped to the month's last day; nil when that leaves the years 1 to 9999.
    public func adding(months n: Int) -> Day? {
        guard n.magnitude <= 12 * 10_000 else { return nil }
        let total = year * 12 + (month - 1) + n
        guard total >= 12 else { return nil }
        let y = total / 12, m = total % 12 + 1
        return Day(year: y, month: m, day: min(day, Self.daysIn(y, m)))
    }

    /// The day of a time given in seconds since 1970, or nil outside the years 1 to 9999 (or not finite).
    public init?(secondsSince1970 t: Double) {
        let d = (t / 86_400).rounded(.down)
        guard d.isFinite, abs(d) < 1e9 else { return nil }
        self.init(ordinal: Int(d))
    }

    public var description: String {
        guard (0...9999).contains(year) else { return "\(year)-\(month)-\(day)" }
        return String(unsafeUninitializedCapacity: 10) { out in
            Self.write(year, 4, out, 0)
            out[4] = 0x2D
            Self.write(month, 2, out, 5)
            out[7] = 0x2D
            Self.write(day, 2, out, 8)
            return 10
        }
    }

    /// Writes `value` (0 ≤ value < 10^width) as `width` zero-padded ASCII digits at `at`.
    package static func write(_ value: Int, _ width: Int, _ out: UnsafeMutableBufferPointer<UInt8>, _ at: Int) {
        var v = value
        for k in stride(from: width - 1, through: 0, by: -1) {
            out[at + k] = UInt8(0x30 + v % 10)
            v /= 10
        }
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }
}
