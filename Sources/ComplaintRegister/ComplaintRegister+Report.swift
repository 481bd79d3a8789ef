import ComplaintIntake
import Foundation
import GRDB

/// The report's aggregates, each one SQL query over one covering index (`INDEXED BY`, so that a query that could not
/// use its index fails instead of reading a million records), returning counts, never records.
extension ComplaintRegister {
    private static func range(_ p: ReportAggregates.Period) -> StatementArguments {
        StatementArguments(bounds(p))
    }

    // "~" sorts after every ISO 8601 time.
    private static func bounds(_ p: ReportAggregates.Period) -> [String] { [p.from ?? "", p.until ?? "~"] }

    /// The days the period touches, for the indexes ordered by day.
    private static func days(_ p: ReportAggregates.Period) -> [String] { [String((p.from ?? "").prefix(10)), String((p.until ?? "~").prefix(10))] }

    /// Complaints per day and kind (category, department, language, channel, severity) received in the period.
    public func volume(in period: ReportAggregates.Period) throws -> [ReportAggregates.VolumeCell] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT received_day AS day, category, department, language, channel, severity, COUNT(*) AS n
                FROM complaint INDEXED BY complaint_volume
                WHERE received_day >= ? AND received_day <= ? AND received_at >= ? AND received_at < ?
                GROUP BY received_day, category, department, language, channel, severity
                """, arguments: StatementArguments(Self.days(period) + Self.bounds(period))).map {
                ReportAggregates.VolumeCell(day: $0["day"], category: $0["category"] ?? "other", department: $0["department"],
                                            language: $0["language"] ?? "unknown", channel: $0["channel"] ?? "unknown",
                                            severity: $0["severity"] ?? "normal", count: $0["n"])
            }
        }
    }

    /// How often each lexicon term and each flag occurs per category in the period (once per complaint).
    public func facets(in period: ReportAggregates.Period) throws -> [ReportAggregates.FacetCount] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT kind, category, value, COUNT(*) AS n FROM facet INDEXED BY facet_by_category
                WHERE received_at >= ? AND received_at < ? GROUP BY kind, category, value
                """, arguments: Self.range(period)).map {
                ReportAggregates.FacetCount(kind: $0["kind"], category: $0["category"], value: $0["value"], count: $0["n"])
            }
        }
    }

    /// The customers with two complaints or more in the period, and the `limit` with the most.
    public func repeatCustomers(in period: ReportAggregates.Period, limit: Int = 10) throws -> ReportAggregates.RepeatCustomers {
        try read { db in
            let repeats = """
                WITH r AS (SELECT customer_key AS k, COUNT(*) AS n, MAX(escalation_level) AS lvl, MAX(repeat_count) AS rc,
                                  MAX(received_at) AS last
                           FROM complaint INDEXED BY complaint_customer
                           WHERE customer_key IS NOT NULL AND received_at >= ? AND received_at < ?
                           GROUP BY customer_key HAVING COUNT(*) >= 2)
                """
            var byLevel: [Int: Int] = [:]
            var customers = 0, complaints = 0
            for row in try Row.fetchAll(db, sql: repeats + " SELECT lvl, COUNT(*) AS c, SUM(n) AS s FROM r GROUP BY lvl", arguments: Self.range(period)) {
                byLevel[row["lvl"] ?? 0, default: 0] += row["c"] as Int
                customers += row["c"] as Int
                complaints += row["s"] as Int
            }
            let top = try Row.fetchAll(db, sql: repeats + " SELECT * FROM r ORDER BY n DESC, lvl DESC, last DESC, k LIMIT ?",
                                       arguments: Self.range(period) + [limit]).map { row in
                let key: String = row["k"], last: String = row["last"]
                let id = try String.fetchOne(db, sql: "SELECT id FROM complaint INDEXED BY complaint_customer WHERE customer_key = ? AND received_at = ? ORDER BY id DESC LIMIT 1",
                                             arguments: [key, last]) ?? ""
                return ReportAggregates.RepeatCustomer(key: key, complaints: row["n"], maxEscalationLevel: row["lvl"] ?? 0,
                                                       maxRepeatCount: row["rc"] ?? 1, lastComplaint: id, lastReceivedAt: last)
            }
            return ReportAggregates.RepeatCustomers(customers: customers, complaints: complaints, customersByLevel: byLevel, top: top)
        }
    }

    /// Per department and step, the time from receipt (median, 90th percentile) and how many met the deadline, for
    /// the complaints received in the period.
    public func handling(in period: ReportAggregates.Period) throws -> [ReportAggregates.StageTimes] {
        try read { db in
            struct Key: Hashable { var department: String, stage: ReportAggregates.Stage }
            // One flat dictionary updated in place: a nested one copied a histogram for every row.
            var histograms: [Key: DurationHistogram] = [:]
            var within: [Key: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT stage, department, minutes, COUNT(*) AS n, SUM(within) AS w FROM stage_time INDEXED BY stage_time_by_department
                WHERE received_at >= ? AND received_at < ? GROUP BY stage, department, minutes
                """, arguments: Self.range(period))
            while let row = try rows.next() {
                guard let stage = ReportAggregates.Stage(rawValue: row["stage"]) else { continue }
                let key = Key(department: row["department"], stage: stage)
                histograms[key, default: DurationHistogram()].add(minutes: row["minutes"], count: row["n"])
                within[key, default: 0] += (row["w"] as Int?) ?? 0
            }
            return histograms.keys.sorted { ($0.department, $0.stage.order) < ($1.department, $1.stage.order) }.map { key in
                let h = histograms[key]!
                return ReportAggregates.StageTimes(department: key.department, stage: key.stage, reached: h.total,
                                                   medianMinutes: h.percentile(0.5), p90Minutes: h.percentile(0.9),
                                                   withinDeadline: key.stage.deadlineKey == nil ? nil : within[key])
            }
        }
    }

    /// Open cases past the deadline their status must meet next, at `time`, per department: the cases
    /// ``due(at:overdueOnly:department:)`` lists as overdue, counted in SQL.
    public func overdueCounts(at time: Date) throws -> [String: Int] {
        try read { db in
            var out: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT department, COUNT(*) AS n FROM complaint INDEXED BY complaint_open
                WHERE status IN ('open', 'investigating', 'responded', 'followed_up')
                  AND CASE status WHEN 'open' THEN investigate_by WHEN 'investigating' THEN respond_by ELSE follow_up_by END < ?
                GROUP BY department
                """, arguments: [Timestamp.iso(time)]) {
                out[row["department"]] = row["n"]
            }
            return out
        }
    }

    /// Complaints of the period grouped by the remedies asked and given, the satisfaction and whether they were late.
    public func outcomes(in period: ReportAggregates.Period) throws -> [ReportAggregates.OutcomeCell] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT remedies_asked, remedies_given, satisfaction, COUNT(*) AS n,
                       SUM(COALESCE(investigating_at > investigate_by, 0) OR COALESCE(responded_at > respond_by, 0)
                           OR COALESCE(followed_up_at > follow_up_by, 0)) AS late
                FROM complaint INDEXED BY complaint_outcome WHERE received_at >= ? AND received_at < ?
                GROUP BY remedies_asked, remedies_given, satisfaction
                """, arguments: Self.range(period)).flatMap { row -> [ReportAggregates.OutcomeCell] in
                let n: Int = row["n"], late: Int = row["late"]
                let cell = { (late: Bool, count: Int) in
                    ReportAggregates.OutcomeCell(asked: Self.words(row["remedies_asked"]), given: Self.words(row["remedies_given"]),
                                                 satisfaction: row["satisfaction"], late: late, count: count)
                }
                return [cell(false, n - late), cell(true, late)].filter { $0.count > 0 }
            }
        }
    }

    /// Whether the register holds the columns the report reads (a register of an older schema opened read-only has not
    /// been migrated).
    public func hasReportColumns() throws -> Bool {
        try read { db in try db.indexes(on: "complaint").contains { $0.name == "complaint_volume" } }
    }

    private static func words(_ s: String?) -> [String] { (s ?? "").split(separator: " ").map(String.init) }
}
