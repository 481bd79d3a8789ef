/// The report's tables as CSV files for a spreadsheet, one per table, each with a header row: the same numbers as
/// the JSON.
public enum ReportCSV {
    /// File name (`periods.csv`, …) and contents, in the order the page shows them.
    public static func tables(_ r: ComplaintReport) -> [(name: String, csv: String)] {
        let cats = ReportBuilder.categories
        var volume: [[String]] = []
        for (dimension, d) in [("category", r.byCategory), ("department", r.byDepartment), ("language", r.byLanguage),
                               ("channel", r.byChannel), ("severity", r.bySeverity)] {
            for k in d.keys.sorted() { volume.append([dimension, k, String(d[k]!)]) }
        }
        let periods = r.periods.map { p in
            [p.period, p.label] + cats.map { String(p.byCategory[$0] ?? 0) } + [String(p.total), p.change.map(String.init) ?? "", p.changeRatio.map { "\($0)" } ?? ""]
        }
        let departments = r.byDepartmentCategory.keys.sorted().map { d in
            [d] + cats.map { String(r.byDepartmentCategory[d]?[$0] ?? 0) } + [String(r.byDepartment[d] ?? 0)]
        }
        var concentration: [[String]] = []
        for c in cats {
            for t in r.concentration[c]?.terms ?? [] { concentration.append([c, "term", t.value, String(t.count)]) }
            for s in r.concentration[c]?.signals ?? [] { concentration.append([c, "signal", s.value, String(s.count)]) }
        }
        let customers = r.repeatCustomers.top.map {
            [$0.customer, String($0.complaints), String($0.maxEscalationLevel), String($0.maxRepeatCount), $0.lastComplaint, $0.lastReceivedAt]
        }
        var handling: [[String]] = []
        func o(_ v: Double?) -> String { v.map { "\($0)" } ?? "" }
        for d in r.handling.keys.sorted() {
            let h = r.handling[d]!
            for (k, s) in [("investigating", h.investigating), ("responded", h.responded), ("followed_up", h.followedUp), ("closed", h.closed)] {
                handling.append([d, k, String(h.complaints), String(h.overdue), String(s.reached), o(s.medianHours), o(s.p90Hours), o(s.deadlineHours),
                                 s.withinDeadline.map(String.init) ?? "", o(s.shareWithinDeadline)])
            }
        }
        let remedies = r.remedies.map { [$0.remedy, String($0.asked), String($0.given), String($0.askedAndGiven)] }
        let s = r.satisfaction
        var satisfaction: [[String]] = [["all", "", String(s.responses), o(s.mean)]]
        for k in s.distribution.keys.sorted() { satisfaction.append(["score", k, String(s.distribution[k]!), ""]) }
        for k in s.byRemedy.keys.sorted() { satisfaction.append(["remedy", k, String(s.byRemedy[k]!.responses), o(s.byRemedy[k]!.mean)]) }
        satisfaction.append(["handled", "within_deadlines", String(s.withinDeadlines.responses), o(s.withinDeadlines.mean)])
        satisfaction.append(["handled", "late", String(s.late.responses), o(s.late.mean)])
        return [
            ("summary.csv", csv(["total", "overdue", "from", "to", "at", "by"], [[String(r.total), String(r.overdue), r.from ?? "", r.to ?? "", r.at, r.by.rawValue]])),
            ("volume.csv", csv(["dimension", "key", "count"], volume)),
            ("\(r.by == .week ? "by_week" : "by_month").csv", csv(["period", "label"] + cats + ["total", "change", "change_ratio"], periods)),
            ("by_department_category.csv", csv(["department"] + cats + ["total"], departments)),
            ("concentration.csv", csv(["category", "kind", "value", "count"], concentration)),
            ("repeat_customers.csv", csv(["customer", "complaints", "max_escalation_level", "max_repeat_count", "last_complaint", "last_received_at"], customers)),
            ("handling.csv", csv(["department", "stage", "complaints", "overdue", "reached", "median_hours", "p90_hours", "deadline_hours",
                                  "within_deadline", "share_within_deadline"], handling)),
            ("remedies.csv", csv(["remedy", "asked", "given", "asked_and_given"], remedies)),
            ("satisfaction.csv", csv(["group", "key", "responses", "mean"], satisfaction)),
        ]
    }

    static func csv(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(cell).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// A cell; one a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) gets an apostrophe.
    static func cell(_ raw: String) -> String {
        var s = raw
        if let first = s.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first), Double(s) == nil { s = "'" + s }
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
