import ComplaintIntake
import ComplaintRegister
import Foundation

/// Builds the report of a register: the register aggregates in SQL, this puts the counts into periods and tables.
public struct ReportBuilder: Sendable {
    /// The deadlines shown beside the handling times (the shares within deadline use each record's own due dates).
    public var policy: Policy
    /// How many terms, signals and repeat customers the lists keep.
    public var topCount: Int

    public init(policy: Policy, topCount: Int = 10) {
        self.policy = policy
        self.topCount = topCount
    }

    static let categories = Category.allCases.map(\.rawValue)

    /// The report of the complaints `request` covers, with the overdue cases of the whole register at `request.at`.
    /// - Throws: ``RegisterError`` when the register cannot be read.
    public func report(of register: ComplaintRegister, _ request: ReportRequest) throws -> ComplaintReport {
        let period = request.period
        let cells = try register.volume(in: period)
        let overdue = try register.overdueCounts(at: request.at)
        let departments = Set(policy.departments.values).union(cells.map(\.department)).union(overdue.keys).sorted()
        func tally(_ key: (ReportAggregates.VolumeCell) -> String, _ keys: [String] = []) -> [String: Int] {
            var out = Dictionary(uniqueKeysWithValues: keys.map { ($0, 0) })
            for c in cells { out[key(c), default: 0] += c.count }
            return out
        }
        var byDepartmentCategory: [String: [String: Int]] = [:]
        for d in departments { byDepartmentCategory[d] = Dictionary(uniqueKeysWithValues: Self.categories.map { ($0, 0) }) }
        for c in cells { byDepartmentCategory[c.department, default: [:]][c.category, default: 0] += c.count }
        let byDepartment = tally(\.department, departments)
        let (remedyRows, satisfaction) = remedies(try register.outcomes(in: period))
        return ComplaintReport(
            from: request.from.map { request.fromIsDay ? String(Timestamp.iso($0).prefix(10)) : Timestamp.iso($0) },
            to: request.to.map { request.toIsDay ? String(Timestamp.iso($0).prefix(10)) : Timestamp.iso($0) },
            at: Timestamp.iso(request.at), by: request.grain, total: cells.reduce(0) { $0 + $1.count },
            byCategory: tally(\.category, Self.categories), byDepartment: byDepartment,
            byLanguage: tally(\.language), byChannel: tally(\.channel), bySeverity: tally(\.severity, ["low", "normal", "high", "critical"]),
            byDepartmentCategory: byDepartmentCategory,
            periods: periods(cells, request),
            concentration: concentration(try register.facets(in: period)),
            repeatCustomers: repeatCustomers(try register.repeatCustomers(in: period, limit: topCount)),
            overdue: overdue.values.reduce(0, +),
            handling: handling(try register.handling(in: period), departments: departments, complaints: byDepartment, overdue: overdue),
            remedies: remedyRows, satisfaction: satisfaction)
    }

    func periods(_ cells: [ReportAggregates.VolumeCell], _ request: ReportRequest) -> [ComplaintReport.PeriodRow] {
        let days = cells.compactMap { Day(iso: $0.day) }
        guard let first = request.firstDay ?? days.min(), let last = request.lastDay ?? days.max() else { return [] }
        let starts = request.grain.periods(from: first, through: max(first, last))
        var counts: [Day: [String: Int]] = [:]
        for c in cells {
            guard let d = Day(iso: c.day) else { continue }
            counts[request.grain.start(of: d), default: [:]][c.category, default: 0] += c.count
        }
        var out: [ComplaintReport.PeriodRow] = []
        for start in starts {
            var byCategory = Dictionary(uniqueKeysWithValues: Self.categories.map { ($0, 0) })
            for (k, v) in counts[start] ?? [:] { byCategory[k, default: 0] += v }
            let total = byCategory.values.reduce(0, +)
            let previous = out.last?.total
            out.append(.init(period: start.description, label: request.grain.label(start), total: total, byCategory: byCategory,
                             change: previous.map { total - $0 },
                             changeRatio: previous.flatMap { $0 > 0 ? Self.round(Double(total - $0) / Double($0)) : nil }))
        }
        return out
    }

    func concentration(_ facets: [ReportAggregates.FacetCount]) -> [String: ComplaintReport.Concentration] {
        func top(_ kind: String, _ category: String) -> [ComplaintReport.Count] {
            facets.filter { $0.kind == kind && $0.category == category }
                .sorted { ($1.count, $0.value) < ($0.count, $1.value) }
                .prefix(topCount).map { ComplaintReport.Count(value: $0.value, count: $0.count) }
        }
        return Dictionary(uniqueKeysWithValues: Self.categories.map { ($0, ComplaintReport.Concentration(terms: top("term", $0), signals: top("signal", $0))) })
    }

    func repeatCustomers(_ r: ReportAggregates.RepeatCustomers) -> ComplaintReport.RepeatCustomers {
        var levels = Dictionary(uniqueKeysWithValues: (0...3).map { (String($0), 0) })
        for (l, n) in r.customersByLevel { levels[String(l), default: 0] += n }
        return .init(customers: r.customers, complaints: r.complaints, byEscalationLevel: levels, top: r.top.map {
            .init(customer: CustomerMask.mask($0.key), complaints: $0.complaints, maxEscalationLevel: $0.maxEscalationLevel,
                  maxRepeatCount: $0.maxRepeatCount, lastComplaint: $0.lastComplaint, lastReceivedAt: $0.lastReceivedAt)
        })
    }

    /// Hours from receipt to each step's deadline under the policy.
    func deadlineHours(_ stage: ReportAggregates.Stage) -> Double? {
        let investigate = Double(policy.investigateWithinHours)
        let respond = investigate + Double(policy.respondWithinHours)
        switch stage {
        case .investigating: return investigate
        case .responded: return respond
        case .followedUp: return respond + Double(policy.followUpWithinDays) * 24
        case .closed: return nil
        }
    }

    func handling(_ times: [ReportAggregates.StageTimes], departments: [String], complaints: [String: Int],
                  overdue: [String: Int]) -> [String: ComplaintReport.Handling] {
        func stage(_ d: String, _ s: ReportAggregates.Stage) -> ComplaintReport.Stage {
            guard let t = times.first(where: { $0.department == d && $0.stage == s }), t.reached > 0 else {
                return .init(reached: 0, deadlineHours: deadlineHours(s), withinDeadline: s.deadlineKey == nil ? nil : 0)
            }
            return .init(reached: t.reached, medianHours: Self.hours(t.medianMinutes), p90Hours: Self.hours(t.p90Minutes),
                         deadlineHours: deadlineHours(s), withinDeadline: t.withinDeadline,
                         shareWithinDeadline: t.withinDeadline.map { Self.round(Double($0) / Double(t.reached)) })
        }
        return Dictionary(uniqueKeysWithValues: departments.map { d in
            (d, ComplaintReport.Handling(complaints: complaints[d] ?? 0, overdue: overdue[d] ?? 0, investigating: stage(d, .investigating),
                                         responded: stage(d, .responded), followedUp: stage(d, .followedUp), closed: stage(d, .closed)))
        })
    }

    func remedies(_ cells: [ReportAggregates.OutcomeCell]) -> ([ComplaintReport.RemedyRow], ComplaintReport.Satisfaction) {
        var rows: [ComplaintReport.RemedyRow] = []
        var names = GivenRemedy.allCases.map(\.rawValue)
        for r in Remedy.allCases.map(\.rawValue) where !names.contains(r) { names.append(r) }
        for r in names {
            var row = ComplaintReport.RemedyRow(remedy: r, asked: 0, given: 0, askedAndGiven: 0)
            for c in cells {
                let a = c.asked.contains(r), g = c.given.contains(r)
                if a { row.asked += c.count }
                if g { row.given += c.count }
                if a && g { row.askedAndGiven += c.count }
            }
            rows.append(row)
        }
        func mean(_ keep: (ReportAggregates.OutcomeCell) -> Bool) -> ComplaintReport.Mean {
            var n = 0, sum = 0
            for c in cells where keep(c) {
                guard let s = c.satisfaction else { continue }
                n += c.count
                sum += s * c.count
            }
            return .init(responses: n, mean: n == 0 ? nil : Self.round(Double(sum) / Double(n), places: 2))
        }
        var distribution = Dictionary(uniqueKeysWithValues: (1...5).map { (String($0), 0) })
        for c in cells { if let s = c.satisfaction { distribution[String(s), default: 0] += c.count } }
        let all = mean { _ in true }
        var byRemedy: [String: ComplaintReport.Mean] = [:]
        for r in GivenRemedy.allCases.map(\.rawValue) where rows.contains(where: { $0.remedy == r && $0.given > 0 }) {
            byRemedy[r] = mean { $0.given.contains(r) }
        }
        return (rows.filter { $0.asked > 0 || $0.given > 0 },
                .init(responses: all.responses, mean: all.mean, distribution: distribution, byRemedy: byRemedy,
                      withinDeadlines: mean { !$0.late }, late: mean { $0.late }))
    }

    static func hours(_ minutes: Int) -> Double { (Double(minutes) / 6).rounded() / 10 }

    static func round(_ x: Double, places: Int = 4) -> Double {
        let f = pow(10, Double(places))
        return (x * f).rounded() / f
    }
}
