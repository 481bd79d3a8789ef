import ComplaintIntake

/// The periods a report counts by: ISO weeks (Monday to Sunday, UTC) or calendar months.
public enum PeriodGrain: String, Sendable, Codable, CaseIterable {
    case week, month

    /// The first day of the period holding `day`.
    public func start(of day: Day) -> Day {
        switch self {
        case .week: day.adding(days: 1 - day.weekday) ?? day
        case .month: day.firstOfMonth
        }
    }

    /// The first day of the period after the one starting on `start`.
    public func next(after start: Day) -> Day? {
        switch self {
        case .week: start.adding(days: 7)
        case .month: start.adding(months: 1)
        }
    }

    /// `2024-W10` for the ISO week starting on `start`, `2024-03` for a month.
    public func label(_ start: Day) -> String {
        switch self {
        case .month:
            return String(start.description.prefix(7))
        case .week:
            // The ISO week belongs to the year of its Thursday, and counts from the week holding that year's 4 January.
            let thursday = start.adding(days: 3) ?? start
            let jan1 = Day(year: thursday.year, month: 1, day: 1) ?? thursday
            let week = (thursday.ordinal - jan1.ordinal) / 7 + 1
            return "\(thursday.year)-W\(week < 10 ? "0" : "")\(week)"
        }
    }

    /// Every period from the one holding `first` to the one holding `last`, empty ones included.
    public func periods(from first: Day, through last: Day) -> [Day] {
        var out: [Day] = []
        var p = start(of: first)
        while p <= last {
            out.append(p)
            guard let n = next(after: p) else { break }
            p = n
        }
        return out
    }
}
