import Foundation

/// ISO 8601 times without a shared formatter (formatters are neither cheap nor Sendable).
public enum Timestamp {
    /// The first and last second that ``iso(_:)`` writes: 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
    package static let seconds = Double(Day.ordinals.lowerBound) * 86_400...Double(Day.ordinals.upperBound + 1) * 86_400 - 1

    /// `2024-03-05T14:30:00Z`. A time outside the years 1 to 9999 (a deadline computed from a received time at the
    /// end of year 9999) is written as the nearest of those bounds, so the text is always ISO 8601.
    public static func iso(_ date: Date) -> String {
        let raw = date.timeIntervalSince1970
        let clamped = raw.isNaN ? 0 : min(max(raw, seconds.lowerBound), seconds.upperBound)
        let t = Int(clamped.rounded(.down))
        let days = Int((Double(t) / 86_400).rounded(.down))
        let secs = t - days * 86_400
        guard let day = Day(ordinal: days) else { return "1970-01-01T00:00:00Z" }
        return String(unsafeUninitializedCapacity: 20) { out in
            Day.write(day.year, 4, out, 0)
            out[4] = 0x2D
            Day.write(day.month, 2, out, 5)
            out[7] = 0x2D
            Day.write(day.day, 2, out, 8)
            out[10] = 0x54  // T
            Day.write(secs / 3600, 2, out, 11)
            out[13] = 0x3A
            Day.write(secs % 3600 / 60, 2, out, 14)
            out[16] = 0x3A
            Day.write(secs % 60, 2, out, 17)
            out[19] = 0x5A  // Z
            return 20
        }
    }

    /// Parses ISO 8601: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z`, `±HH:MM` or no zone (UTC).
    public static func parse(_ text: String) -> Date? {
        let u = Array(text.trimmingSpaces().utf8)
        func num(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= u.count else { return nil }
            var v = 0
            for c in u[r] { guard c >= 48, c <= 57 else { return nil }; v = v * 10 + Int(c - 48) }
            return v
        }
        guard u.count >= 10, u[4] == 45, u[7] == 45, let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10),
              let day = Day(year: y, month: mo, day: d) else { return nil }
        var seconds = day.ordinal * 86_400
        var i = 10
        if i < u.count, u[i] == 84 || u[i] == 116 || u[i] == 32 {
            guard let h = num(i + 1..<i + 3), u.count > i + 3, u[i + 3] == 58, let mi = num(i + 4..<i + 6), h < 24, mi < 60 else { return nil }
            seconds += h * 3600 + mi * 60
            i += 6
            if i < u.count, u[i] == 58 {
                guard let s = num(i + 1..<i + 3), s < 61 else { return nil }
                seconds += s
                i += 3
                if i < u.count, u[i] == 46 { i += 1; while i < u.count, u[i] >= 48, u[i] <= 57 { i += 1 } }
            }
        }
        if i < u.count {
            if u[i] == 90 || u[i] == 122 { i += 1 }
            else if u[i] == 43 || u[i] == 45 {
                let sign = u[i] == 43 ? 1 : -1
                guard let oh = num(i + 1..<i + 3) else { return nil }
                var om = 0
                if i + 3 < u.count, u[i + 3] == 58 { guard let m = num(i + 4..<i + 6) else { return nil }; om = m; i += 6 }
                else if let m = num(i + 3..<i + 5) { om = m; i += 5 } else { i += 3 }
                seconds -= sign * (oh * 3600 + om * 60)
            }
        }
        guard i == u.count else { return nil }
        return Date(timeIntervalSince1970: Double(seconds))
    }
}
