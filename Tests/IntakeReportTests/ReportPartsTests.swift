import Foundation
import Testing
@testable import ComplaintIntake
@testable import IntakeReport

/// The report's small parts: periods, chart geometry, masks, labels.
@Suite("Report parts")
struct ReportPartsTests {
    @Test("ISO weeks start on Monday and belong to the year of their Thursday", arguments: [
        ("2024-03-06", "2024-03-04", "2024-W10"),
        ("2024-03-10", "2024-03-04", "2024-W10"),
        ("2024-01-01", "2024-01-01", "2024-W01"),
        ("2021-01-03", "2020-12-28", "2020-W53"),
        ("2024-12-31", "2024-12-30", "2025-W01"),
        ("2026-01-01", "2025-12-29", "2026-W01"),
    ])
    func weeks(day: String, start: String, label: String) {
        let s = PeriodGrain.week.start(of: Day(iso: day)!)
        #expect(s.description == start)
        #expect(PeriodGrain.week.label(s) == label)
    }

    @Test("periods run from the first to the last, empty ones included")
    func periods() {
        let weeks = PeriodGrain.week.periods(from: Day(iso: "2024-02-28")!, through: Day(iso: "2024-03-11")!)
        #expect(weeks.map(\.description) == ["2024-02-26", "2024-03-04", "2024-03-11"])
        let months = PeriodGrain.month.periods(from: Day(iso: "2023-11-30")!, through: Day(iso: "2024-02-01")!)
        #expect(months.map { PeriodGrain.month.label($0) } == ["2023-11", "2023-12", "2024-01", "2024-02"])
    }

    @Test("axis ends at 1, 2 or 5 times a power of ten", arguments: [(0.0, 1.0), (1, 1), (3, 5), (7, 10), (10, 10), (11, 20), (240, 500), (1234, 2000)])
    func nice(x: Double, ceiling: Double) { #expect(ChartLayout.niceCeiling(x) == ceiling) }

    @Test("stacked columns: each segment's height is its share of the axis, the stack sums to the total")
    func columns() {
        let series = ["quality", "delivery"].map { ChartLayout.Series(key: $0, label: $0) }
        let chart = ChartLayout.columns(id: "c", title: "t", series: series, groups: [
            .init(key: "w1", label: "W1", values: ["quality": 3, "delivery": 5]),
            .init(key: "w2", label: "W2", values: [:]),
        ], width: 400, height: 250)
        #expect(chart.rects.count == 2)
        let plot = 250.0 - 16 - 40
        #expect(chart.rects.map(\.height) == [plot * 3 / 10, plot * 5 / 10])
        #expect(chart.rects[1].y + chart.rects[1].height == chart.rects[0].y)
        #expect(chart.texts.filter { $0.style == "value" }.map(\.text) == ["8", "0"])
    }

    @Test("bars: segments side by side, markers at their value, a fixed scale clips nothing beyond it")
    func bars() {
        let chart = ChartLayout.bars(id: "b", title: "t", series: [.init(key: "median", label: "m")], groups: [
            .init(key: "d", label: "D", values: ["median": 12], markers: ["deadline": 24, "p90": 30]),
        ], width: 600)
        let plot = 600.0 - 230 - 70
        #expect(chart.rects.count == 1 && chart.rects[0].width == plot * 12 / 50)
        #expect(chart.lines.filter { $0.style == "m-deadline" }.map(\.x1) == [230 + plot * 24 / 50])
        let five = ChartLayout.bars(id: "s", title: "t", series: [.init(key: "mean", label: "m")],
                                    groups: [.init(key: "r", label: "R", values: ["mean": 4])], maxValue: 5, width: 600)
        #expect(five.rects[0].width == plot * 4 / 5)
    }

    @Test("customer keys masked for the page", arguments: [
        ("email:chen.hao@example.cn", "ch***@example.cn"), ("phone:+8613902115678", "+86***5678"), ("order:DD2024031", "DD2024031"),
    ])
    func mask(key: String, shown: String) { #expect(CustomerMask.mask(key) == shown) }

    @Test("every label has its word in all four locales")
    func labels() throws {
        let en = try ReportLabels(locale: .en)
        let keys = try #require(DataStore.builtIn().layers("report/labels.tsv").first).text.split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.hasPrefix("key\t") }.map { String($0.split(separator: "\t")[0]) }
        #expect(keys.count > 80)
        for locale in ReportLabels.Locale.allCases where locale != .en {
            let l = try ReportLabels(locale: locale)
            for k in keys where !["normal", "es", "unknown"].contains(k) { #expect(l[k] != en[k] || locale == .es, "\(locale) \(k)") }
        }
        #expect(try ReportLabels(locale: .zhHant)["quality"] == "品質")
        #expect(try ReportLabels(locale: .es)["overdue"] == "Vencidas ahora")
        #expect(en["no_such_key"] == "no_such_key")
    }

    @Test("a labels file without its header row is refused with its name")
    func badLabels() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("labels-\(UUID().uuidString)/report")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "title\tReport\n".write(to: dir.appendingPathComponent("labels.tsv"), atomically: true, encoding: .utf8)
        let store = try DataStore.builtIn().overlaid(with: dir.deletingLastPathComponent().path)
        #expect(throws: ReportError.self) { try ReportLabels(locale: .en, store: store) }
    }

    @Test("--from after --to, and times that are not times, are refused")
    func badRequest() {
        #expect(throws: ReportError.emptyPeriod(from: "2024-03-10", to: "2024-03-01")) {
            try ReportRequest(from: "2024-03-10", to: "2024-03-01", grain: .week, at: nil)
        }
        #expect(throws: ReportError.badTime(option: "--from", value: "marzo")) { try ReportRequest(from: "marzo", to: nil, grain: .week, at: nil) }
        #expect(throws: Never.self) { try ReportRequest(from: "2024-03-10", to: "2024-03-10", grain: .week, at: nil) }
    }
}
