import Foundation

/// What the page template reads: the report's numbers as the page shows them, in the desk's words. Built from the
/// report alone, so the page says what the JSON says.
struct ReportPage {
    struct Cell { let text: String }
    struct Row { let label: String; let cells: [Cell] }
    struct Table {
        let title: String
        let columns: [Cell]
        let rows: [Row]
        let empty: Bool
        var wide = false
        /// Cells of words rather than numbers, set flush left.
        var text = false
    }
    struct Card { let label: String; let value: String }
    struct Chart {
        struct Rect { let x, y, width, height, style, group, series, value, title: String }
        struct Line { let x1, y1, x2, y2, style, group, value: String }
        struct Text { let x, y, anchor, text, style: String }
        struct Legend { let style, label: String }
        let id, title, width, height: String
        let rects: [Rect]
        let lines: [Line]
        let texts: [Text]
        let legend: [Legend]
    }
    struct Section { let title: String; let charts: [Chart]; let tables: [Table] }

    let lang: String
    let title: String
    let period: String
    let measuredAt: String
    let cards: [Card]
    let sections: [Section]
    let noneYet: String
    /// The report itself, for a reader that wants the numbers (not run: the page has no script).
    let json: String

    static func n(_ v: Double) -> String { String(format: "%.1f", v) }
    static func opt(_ v: Double?) -> String { v.map { ChartLayout.format($0) } ?? "–" }
    static func share(_ v: Double?) -> String { v.map { String(format: "%.0f%%", $0 * 100) } ?? "–" }

    init(report r: ComplaintReport, labels l: ReportLabels, json: String) {
        lang = l.locale.rawValue
        noneYet = l["none_yet"]
        title = l["title"]
        period = r.from == nil && r.to == nil ? l["all_time"] : "\(l["from"]) \(r.from ?? "…") \(l["to"]) \(r.to ?? "…")"
        measuredAt = "\(l["measured_at"]) \(r.at)"
        cards = [
            Card(label: l["total"], value: String(r.total)),
            Card(label: l["overdue"], value: String(r.overdue)),
            Card(label: l["repeat_customers"], value: String(r.repeatCustomers.customers)),
            Card(label: l["satisfaction_mean"], value: Self.opt(r.satisfaction.mean)),
        ]
        let charts = ReportCharts(labels: l)
        func tally(_ key: String, _ d: [String: Int]) -> Table {
            Table(title: l[key], columns: [Cell(text: l[key]), Cell(text: l["count"])],
                  rows: d.keys.sorted().map { Row(label: l[$0], cells: [Cell(text: String(d[$0]!))]) }, empty: d.isEmpty)
        }
        let cats = ReportBuilder.categories
        let periods = Table(title: l["period"], columns: [Cell(text: l["period"])] + cats.map { Cell(text: l[$0]) } + [Cell(text: l["total"]), Cell(text: l["change"])],
                            rows: r.periods.map { p in
            Row(label: p.label, cells: cats.map { Cell(text: String(p.byCategory[$0] ?? 0)) } + [Cell(text: String(p.total)),
                Cell(text: p.change.map { ($0 > 0 ? "+" : "") + String($0) + (p.changeRatio.map { " (" + Self.share($0) + ")" } ?? "") } ?? "–")])
        }, empty: r.periods.isEmpty, wide: true)
        let concentration = Table(title: l["section_concentration"], columns: [Cell(text: l["category"]), Cell(text: l["terms"]), Cell(text: l["signals"])],
                                  rows: cats.map { c in
            let k = r.concentration[c]
            return Row(label: l[c], cells: [Cell(text: (k?.terms ?? []).map { "\($0.value) (\($0.count))" }.joined(separator: ", ")),
                                            Cell(text: (k?.signals ?? []).map { "\(l[$0.value]) (\($0.count))" }.joined(separator: ", "))])
        }, empty: false, wide: true, text: true)
        let repeats = Table(title: l["repeat_customers"], columns: [l["customer"], l["complaints"], l["max_escalation"], l["last_complaint"]].map(Cell.plain),
                            rows: r.repeatCustomers.top.map {
            Row(label: $0.customer, cells: [String($0.complaints), String($0.maxEscalationLevel), "\($0.lastComplaint) (\($0.lastReceivedAt.prefix(10)))"].map(Cell.plain))
        }, empty: r.repeatCustomers.top.isEmpty, wide: true)
        let levels = Table(title: l["escalation_level"], columns: [Cell(text: l["escalation_level"]), Cell(text: l["repeat_customers"])],
                           rows: r.repeatCustomers.byEscalationLevel.keys.sorted().map { Row(label: $0, cells: [Cell(text: String(r.repeatCustomers.byEscalationLevel[$0]!))]) },
                           empty: false)
        var handlingRows: [Row] = []
        for d in r.handling.keys.sorted() {
            let h = r.handling[d]!
            for (key, s) in [("investigating", h.investigating), ("responded", h.responded), ("followed_up", h.followedUp), ("closed", h.closed)] {
                handlingRows.append(Row(label: l[d] + " · " + l[key], cells: [String(s.reached), Self.opt(s.medianHours), Self.opt(s.p90Hours),
                    Self.opt(s.deadlineHours), s.withinDeadline.map { "\($0) (\(Self.share(s.shareWithinDeadline)))" } ?? "–"].map(Cell.plain)))
            }
            handlingRows.append(Row(label: l[d] + " · " + l["overdue"], cells: [String(h.overdue), "", "", "", ""].map(Cell.plain)))
        }
        let handling = Table(title: l["section_handling"], columns: [l["stage"], l["reached"], l["median"], l["p90"], l["deadline"], l["within_deadline"]].map(Cell.plain),
                             rows: handlingRows, empty: false, wide: true)
        let remedies = Table(title: l["chart_remedies"], columns: [l["remedy"], l["asked"], l["given"], l["asked_and_given"]].map(Cell.plain),
                             rows: r.remedies.map { Row(label: l[$0.remedy], cells: [String($0.asked), String($0.given), String($0.askedAndGiven)].map(Cell.plain)) },
                             empty: r.remedies.isEmpty)
        let s = r.satisfaction
        var satRows = s.byRemedy.keys.sorted().map { Row(label: l[$0], cells: [String(s.byRemedy[$0]!.responses), Self.opt(s.byRemedy[$0]!.mean)].map(Cell.plain)) }
        satRows.append(Row(label: l["within_deadlines"], cells: [String(s.withinDeadlines.responses), Self.opt(s.withinDeadlines.mean)].map(Cell.plain)))
        satRows.append(Row(label: l["late"], cells: [String(s.late.responses), Self.opt(s.late.mean)].map(Cell.plain)))
        let satisfaction = Table(title: l["chart_satisfaction"], columns: [l["remedy"], l["responses"], l["mean"]].map(Cell.plain), rows: satRows, empty: false)
        sections = [
            Section(title: l["section_volume"], charts: [charts.volume(r), charts.departments(r)].map(Self.view),
                    tables: [periods, tally("category", r.byCategory), tally("department", r.byDepartment), tally("language", r.byLanguage),
                             tally("channel", r.byChannel), tally("severity", r.bySeverity)]),
            Section(title: l["section_concentration"], charts: [], tables: [concentration, repeats, levels]),
            Section(title: l["section_handling"], charts: [Self.view(charts.handling(r))], tables: [handling]),
            Section(title: l["section_outcomes"], charts: [charts.remedies(r), charts.satisfaction(r)].map(Self.view), tables: [remedies, satisfaction]),
        ]
        self.json = json
    }

    static func view(_ c: SVGChart) -> Chart {
        Chart(id: c.id, title: c.title, width: n(c.width), height: n(c.height),
              rects: c.rects.map { .init(x: n($0.x), y: n($0.y), width: n($0.width), height: n($0.height), style: $0.style, group: $0.group,
                                         series: $0.series, value: ChartLayout.format($0.value), title: $0.title) },
              lines: c.lines.map { .init(x1: n($0.x1), y1: n($0.y1), x2: n($0.x2), y2: n($0.y2), style: $0.style, group: $0.group, value: ChartLayout.format($0.value)) },
              texts: c.texts.map { .init(x: n($0.x), y: n($0.y), anchor: $0.anchor, text: $0.text, style: $0.style) },
              legend: c.legend.map { .init(style: $0.style, label: $0.label) })
    }
}

extension ReportPage.Cell { static func plain(_ text: String) -> Self { Self(text: text) } }
