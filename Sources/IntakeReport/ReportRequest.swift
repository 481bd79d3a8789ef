import ComplaintIntake
import ComplaintRegister
import Foundation

/// What a report covers: complaints received from `from` through `to` (UTC), counted by week or month, with the
/// overdue cases measured at `at`.
public struct ReportRequest: Sendable, Equatable {
    /// The first day or time included; nil: from the first complaint.
    public var from: Date?
    /// The last day (the whole day) or time (that second) included; nil: through the last complaint.
    public var to: Date?
    /// Whether `from` and `to` named whole days (`2024-03-31`) rather than times.
    public var fromIsDay: Bool
    public var toIsDay: Bool
    public var grain: PeriodGrain
    /// "Now", for the cases overdue.
    public var at: Date

    public init(from: Date? = nil, to: Date? = nil, fromIsDay: Bool = true, toIsDay: Bool = true, grain: PeriodGrain = .week, at: Date = Date()) {
        self.from = from
        self.to = to
        self.fromIsDay = fromIsDay
        self.toIsDay = toIsDay
        self.grain = grain
        self.at = at
    }

    /// Parses the command line's `--from` and `--to`: `YYYY-MM-DD` or an ISO 8601 time.
    /// - Throws: ``ReportError/badTime(option:value:)`` for anything else, ``ReportError/emptyPeriod(from:to:)`` when `to`
    ///   comes before `from`.
    public init(from: String?, to: String?, grain: PeriodGrain, at: String?, now: Date = Date()) throws(ReportError) {
        func time(_ option: String, _ value: String?) throws(ReportError) -> Date? {
            guard let value else { return nil }
            guard let t = Timestamp.parse(value) else { throw .badTime(option: option, value: value) }
            return t
        }
        let f = try time("--from", from)
        let t = try time("--to", to)
        let a = try time("--at", at) ?? now
        func isDay(_ s: String?) -> Bool { s.map { $0.trimmingCharacters(in: .whitespaces).count == 10 } ?? true }
        self.init(from: f, to: t, fromIsDay: isDay(from), toIsDay: isDay(to), grain: grain, at: a)
        if let f, let end = period.until.flatMap(Timestamp.parse), end <= f {
            throw .emptyPeriod(from: from ?? "", to: to ?? "")
        }
    }

    /// The received times included, for the register's queries.
    public var period: ReportAggregates.Period {
        let until = to.map { $0.addingTimeInterval(toIsDay ? 86_400 : 1) }
        return ReportAggregates.Period(from: from.map(Timestamp.iso), until: until.map(Timestamp.iso))
    }

    var firstDay: Day? { from.flatMap { Day(secondsSince1970: $0.timeIntervalSince1970) } }
    var lastDay: Day? { to.flatMap { Day(secondsSince1970: $0.timeIntervalSince1970) } }
}
