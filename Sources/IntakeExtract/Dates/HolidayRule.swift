import IntakeCore
import IntakeLexicon
import IntakeText

/// When a holiday falls in a year: a fixed day (12-25), the Nth weekday of a month (06-su3, 11-th4; l for the
/// last), or Easter Sunday, each with an optional shift in days (11-th4+1, easter-2).
package struct HolidayRule: Sendable {
    private enum Base { case fixed(month: Int, day: Int), nth(month: Int, weekday: Int, n: Int), easter }
    private let base: Base
    private let shift: Int

    package init?(_ text: String) {
        var body = Substring(text)
        var shift = 0
        if let k = body.lastIndex(where: { $0 == "+" || ($0 == "-" && body.hasPrefix("easter")) }) {
            guard let n = Int(body[body.index(after: k)...]) else { return nil }
            shift = body[k] == "+" ? n : -n
            body = body[..<k]
        }
        self.shift = shift
        if body == "easter" { base = .easter; return }
        let parts = body.split(separator: "-")
        guard parts.count == 2, let month = Int(parts[0]), (1...12).contains(month) else { return nil }
        if let day = Int(parts[1]) {
            base = .fixed(month: month, day: day)
            return
        }
        let codes = ["mo", "tu", "we", "th", "fr", "sa", "su"]
        let p = parts[1]
        guard p.count == 3, let w = codes.firstIndex(of: String(p.prefix(2))) else { return nil }
        let last = p.suffix(1)
        guard let n = last == "l" ? 5 : Int(last), (1...5).contains(n) else { return nil }
        base = .nth(month: month, weekday: w + 1, n: n)
    }

    package func day(in year: Int) -> Day? {
        let d: Day?
        switch base {
        case .fixed(let m, let day): d = Day(year: year, month: m, day: day)
        case .nth(let m, let weekday, let n):
            guard let first = Day(year: year, month: m, day: 1) else { return nil }
            var x = first.adding(days: (weekday - first.weekday + 7) % 7 + 7 * (n - 1))
            while let y = x, y.month != m { x = y.adding(days: -7) }
            d = x
        case .easter:
            // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
            let a = year % 19, b = year / 100, c = year % 100, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
            let h = (19 * a + b - b / 4 - g + 15) % 30, i = c / 4, k = c % 4
            let l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451
            d = Day(year: year, month: (h + l - 7 * m + 114) / 31, day: (h + l - 7 * m + 114) % 31 + 1)
        }
        return d?.adding(days: shift)
    }
}
