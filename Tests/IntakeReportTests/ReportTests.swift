import ComplaintRegister
import Foundation
@testable import IntakeReport
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// The report of a register in both languages against counts taken directly from the register's cases.
@Suite("Report of a register")
struct ReportTests {
    static let at = Timestamp.parse("2024-05-27T12:00:00Z")!

    static func report(_ r: ComplaintRegister, from: String? = nil, to: String? = nil, grain: PeriodGrain = .week) throws -> ComplaintReport {
        try ReportBuilder(policy: try Policy.builtIn()).report(of: r, try ReportRequest(from: from, to: to, grain: grain, at: "2024-05-27T12:00:00Z"))
    }

    @Test("totals, categories, weekly sums and overdue agree with the register's cases and its due list")
    func agreesWithRegister() throws {
        let r = try EightWeeks.register()
        let report = try Self.report(r)
        let cases = try r.export()
        #expect(cases.count == 22)
        #expect(report.total == cases.count)
        for c in Category.allCases {
            #expect(report.byCategory[c.rawValue] == cases.filter { $0.record.category == c }.count, "\(c)")
        }
        #expect(report.byLanguage == Dictionary(grouping: cases, by: { $0.record.language.rawValue }).mapValues(\.count))
        #expect(report.byChannel == Dictionary(grouping: cases, by: { $0.record.channel.rawValue }).mapValues(\.count))
        #expect(report.periods.map(\.period) == ["2024-04-01", "2024-04-08", "2024-04-15", "2024-04-22", "2024-04-29", "2024-05-06", "2024-05-13", "2024-05-20"])
        #expect(report.periods.map(\.label) == ["2024-W14", "2024-W15", "2024-W16", "2024-W17", "2024-W18", "2024-W19", "2024-W20", "2024-W21"])
        for p in report.periods {
            let start = Timestamp.parse(p.period)!, end = start.addingTimeInterval(7 * 86_400)
            let inWeek = cases.filter { let t = Timestamp.parse($0.record.receivedAt!)!; return t >= start && t < end }
            #expect(p.total == inWeek.count, "\(p.period)")
            #expect(p.byCategory.values.reduce(0, +) == p.total)
            #expect(p.byCategory["delivery"] == inWeek.filter { $0.record.category == .delivery }.count)
        }
        #expect(report.periods[4].total == 0 && report.periods[5].change == report.periods[5].total)
        #expect(report.periods.reduce(0) { $0 + $1.total } == report.total)
        let due = try r.due(at: Self.at, overdueOnly: true)
        #expect(report.overdue == due.count && report.overdue > 0)
        for (d, h) in report.handling { #expect(h.overdue == due.filter { $0.department == d }.count, "\(d)") }
    }

    @Test("handling times per department: reached, median and share within the deadline from the case histories")
    func handling() throws {
        let r = try EightWeeks.register()
        let report = try Self.report(r)
        let cases = try r.export()
        for (department, h) in report.handling {
            let mine = cases.filter { $0.record.department == department }
            #expect(h.complaints == mine.count)
            var hours: [Double] = [], within = 0
            for c in mine {
                guard let e = c.history.first(where: { $0.status == .investigating && $0.remedy == nil && $0.satisfaction == nil }) else { continue }
                hours.append(Timestamp.parse(e.at)!.timeIntervalSince(Timestamp.parse(c.record.receivedAt!)!) / 3600)
                if e.at <= c.record.due.investigateBy { within += 1 }
            }
            #expect(h.investigating.reached == hours.count, "\(department)")
            #expect(h.investigating.withinDeadline == within, "\(department)")
            if !hours.isEmpty {
                let sorted = hours.sorted()
                #expect(h.investigating.medianHours == sorted[Int((0.5 * Double(sorted.count)).rounded(.up)) - 1])
                #expect(h.investigating.p90Hours == sorted[Int((0.9 * Double(sorted.count)).rounded(.up)) - 1])
            }
            #expect(h.investigating.deadlineHours == 24 && h.responded.deadlineHours == 72 && h.followedUp.deadlineHours == 240)
            #expect(h.closed.deadlineHours == nil && h.closed.withinDeadline == nil)
        }
        // r-zh-03 was closed early, straight from open: it reached closed and no other step.
        let service = try #require(report.handling["customer_service"])
        #expect(service.closed.reached == 1 && service.closed.medianHours == 2)
    }

    @Test("remedies asked against given, and satisfaction per remedy and for cases handled in time against late")
    func outcomes() throws {
        let r = try EightWeeks.register()
        let report = try Self.report(r)
        let cases = try r.export()
        let moves = EightWeeks.moves()
        for row in report.remedies {
            let given = Set(moves.filter { $0.remedy?.rawValue == row.remedy }.map(\.id))
            let asked = Set(cases.filter { $0.record.fields.remedies.map(\.rawValue).contains(row.remedy) }.map(\.id))
            #expect(row.given == given.count, "\(row.remedy)")
            #expect(row.asked == asked.count, "\(row.remedy)")
            #expect(row.askedAndGiven == asked.intersection(given).count, "\(row.remedy)")
        }
        #expect(report.remedies.first { $0.remedy == "refund" }?.given == 3)
        let scores = moves.compactMap { $0.satisfaction }
        #expect(report.satisfaction.responses == scores.count)
        #expect(report.satisfaction.mean == (Double(scores.reduce(0, +)) / Double(scores.count) * 100).rounded() / 100)
        // Compensation was given to r-zh-02 (5) and r-zh-04 (4).
        #expect(report.satisfaction.byRemedy["compensation"]?.responses == 2 && report.satisfaction.byRemedy["compensation"]?.mean == 4.5)
        #expect(report.satisfaction.withinDeadlines.responses + report.satisfaction.late.responses == scores.count)
        // r-es-01 was investigated after 30 h (deadline 24 h) and scored 2; r-zh-07 answered late, scored 1.
        #expect(report.satisfaction.late.mean.map { $0 < report.satisfaction.withinDeadlines.mean! } == true)
    }

    @Test("repeat customers and how far up the ladder they went, masked")
    func repeats() throws {
        let report = try Self.report(try EightWeeks.register(moved: false))
        let top = report.repeatCustomers.top
        #expect(report.repeatCustomers.customers == 3)
        #expect(top.first?.customer == "ch***@example.cn" && top.first?.complaints == 3)
        #expect(top.first?.maxEscalationLevel == 2 && top.first?.lastComplaint == "r-zh-06")
        #expect(top.contains { $0.customer == "ma***@correo.es" && $0.complaints == 2 })
        #expect(report.repeatCustomers.byEscalationLevel.values.reduce(0, +) == 3)
    }

    @Test("concentration: each category's top terms and signals, once per complaint")
    func concentration() throws {
        let report = try Self.report(try EightWeeks.register(moved: false))
        let quality = try #require(report.concentration["quality"])
        #expect(quality.signals.contains { $0.value == "safety" && $0.count == 1 })
        #expect(quality.terms.first == .init(value: "no enciende", count: 2))
        let service = try #require(report.concentration["service"])
        #expect(service.signals.contains { $0.value == "regulator_threat" && $0.count == 2 })
        #expect(service.signals.first == .init(value: "repeat_complaint", count: 3))
        #expect(service.terms.contains { $0.value == "客服" && $0.count == 2 } && service.terms.contains { $0.value == "屏幕" })
        #expect(report.concentration["delivery"]?.terms.contains { $0.value == "包裹" && $0.count == 2 } == true)
        for k in report.concentration.values { #expect(k.terms.map(\.count) == k.terms.map(\.count).sorted(by: >)) }
    }

    @Test("--from and --to at their boundaries: whole days, exact seconds, and months", arguments: [
        ("2024-04-01", "2024-04-07", .week, 4, 1),
        ("2024-04-01T16:40:00Z", "2024-04-03T11:05:00Z", .week, 2, 1),
        ("2024-04-01T16:40:01Z", "2024-04-03T11:04:59Z", .week, 0, 1),
        ("2024-05-26", "2024-05-26", .week, 1, 1),
        ("2024-05-20", nil, .week, 4, 1),
        (nil, "2024-04-01", .week, 2, 1),
        ("2024-04-29", "2024-05-05", .week, 0, 1),
        ("2024-04-01", "2024-05-31", .month, 22, 2),
    ] as [(String?, String?, PeriodGrain, Int, Int)])
    func boundaries(from: String?, to: String?, grain: PeriodGrain, total: Int, periods: Int) throws {
        let report = try Self.report(try EightWeeks.register(moved: false), from: from, to: to, grain: grain)
        #expect(report.total == total)
        #expect(report.periods.count == periods)
        #expect(report.periods.reduce(0) { $0 + $1.total } == total)
    }

    @Test("an empty register: zeros everywhere, no periods, or every period of the range empty")
    func empty() throws {
        let r = try ComplaintRegister(path: EightWeeks.tempPath())
        let all = try Self.report(r)
        #expect(all.total == 0 && all.periods.isEmpty && all.overdue == 0)
        #expect(all.byCategory == ["quality": 0, "delivery": 0, "service": 0, "other": 0])
        #expect(all.satisfaction.mean == nil && all.remedies.isEmpty && all.repeatCustomers.top.isEmpty)
        #expect(all.handling["logistics"]?.investigating.reached == 0)
        let march = try Self.report(r, from: "2024-03-01", to: "2024-03-31", grain: .month)
        #expect(march.periods.map(\.label) == ["2024-03"] && march.periods[0].total == 0 && march.periods[0].change == nil)
        let weeks = try Self.report(r, from: "2024-03-01", to: "2024-03-31")
        #expect(weeks.periods.count == 5 && weeks.periods.allSatisfy { $0.total == 0 })
    }

    @Test("the JSON has the contract's keys, by_month with --by month, and reads back as the same report")
    func json() throws {
        let r = try EightWeeks.register()
        for grain in PeriodGrain.allCases {
            let report = try Self.report(r, grain: grain)
            let data = try JSONEncoder().encode(report)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            for key in ["total", "by_category", "overdue", "handling", "remedies", "satisfaction", "concentration", "repeat_customers"] {
                #expect(object[key] != nil, "\(key)")
            }
            #expect(object[grain == .week ? "by_week" : "by_month"] != nil && object[grain == .week ? "by_month" : "by_week"] == nil)
            #expect(try JSONDecoder().decode(ComplaintReport.self, from: data) == report)
        }
    }

    @Test("CSV tables carry the JSON's numbers")
    func csv() throws {
        let report = try Self.report(try EightWeeks.register())
        let tables = Dictionary(uniqueKeysWithValues: ReportCSV.tables(report).map { ($0.name, $0.csv) })
        let weeks = try #require(tables["by_week.csv"]).split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(weeks.map { Int($0[6])! } == report.periods.map(\.total))
        let summary = try #require(tables["summary.csv"]).split(separator: "\n")[1].split(separator: ",")
        #expect(summary[0] == "\(report.total)" && summary[1] == "\(report.overdue)")
        #expect(tables["handling.csv"]?.contains("logistics,investigating,") == true)
    }
}
