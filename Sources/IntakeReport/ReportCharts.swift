/// The page's charts, drawn from the report (never from the register): volume per period by category, categories by
/// department, handling time against deadline, remedies asked and given, satisfaction by remedy.
public struct ReportCharts: Sendable {
    public let labels: ReportLabels

    public init(labels: ReportLabels) { self.labels = labels }

    private var categories: [ChartLayout.Series] { ReportBuilder.categories.map { .init(key: $0, label: labels[$0]) } }

    /// The five charts in the order the page shows them.
    public func all(_ r: ComplaintReport) -> [SVGChart] {
        [volume(r), departments(r), handling(r), remedies(r), satisfaction(r)]
    }

    /// Complaints per period, stacked by category.
    public func volume(_ r: ComplaintReport) -> SVGChart {
        ChartLayout.columns(id: "chart-volume", title: labels["chart_volume"], series: categories, groups: r.periods.map {
            .init(key: $0.period, label: $0.label, values: $0.byCategory.mapValues(Double.init))
        })
    }

    /// Each department's complaints, stacked by category.
    public func departments(_ r: ComplaintReport) -> SVGChart {
        ChartLayout.bars(id: "chart-departments", title: labels["chart_departments"], series: categories,
                         groups: r.byDepartmentCategory.keys.sorted().map { d in
            .init(key: d, label: labels[d], values: (r.byDepartmentCategory[d] ?? [:]).mapValues(Double.init))
        })
    }

    /// Per department and step: the median hours as a bar, the 90th percentile and the policy's deadline as marks.
    public func handling(_ r: ComplaintReport) -> SVGChart {
        var groups: [ChartLayout.Group] = []
        for d in r.handling.keys.sorted() {
            guard let h = r.handling[d] else { continue }
            for (key, s) in [("investigating", h.investigating), ("responded", h.responded), ("followed_up", h.followedUp)] {
                var markers: [String: Double] = [:]
                if let p = s.p90Hours { markers["p90"] = p }
                if let dl = s.deadlineHours { markers["deadline"] = dl }
                let caption = s.medianHours.map { ChartLayout.format($0) + " h" } ?? "–"
                groups.append(.init(key: d + "/" + key, label: labels[d] + " · " + labels[key],
                                    values: ["median": s.medianHours ?? 0], markers: markers, caption: caption))
            }
        }
        return ChartLayout.bars(id: "chart-handling", title: labels["chart_handling"], series: [.init(key: "median", label: labels["legend_median"])],
                                groups: groups, markerLabels: ["p90": labels["legend_p90"], "deadline": labels["legend_deadline"]])
    }

    /// Per remedy, the complaints that asked for it and the cases given it.
    public func remedies(_ r: ComplaintReport) -> SVGChart {
        let groups = r.remedies.flatMap { row -> [ChartLayout.Group] in
            [.init(key: row.remedy + "/asked", label: labels[row.remedy] + " · " + labels["asked"], values: ["asked": Double(row.asked)]),
             .init(key: row.remedy + "/given", label: labels[row.remedy] + " · " + labels["given"], values: ["given": Double(row.given)])]
        }
        return ChartLayout.bars(id: "chart-remedies", title: labels["chart_remedies"],
                                series: [.init(key: "asked", label: labels["asked"]), .init(key: "given", label: labels["given"])], groups: groups)
    }

    /// Mean satisfaction per remedy given, then for cases handled in time and late, on a scale of 5.
    public func satisfaction(_ r: ComplaintReport) -> SVGChart {
        func group(_ key: String, _ label: String, _ m: ComplaintReport.Mean) -> ChartLayout.Group {
            .init(key: key, label: label, values: ["mean": m.mean ?? 0],
                  caption: (m.mean.map { ChartLayout.format($0) } ?? "–") + " (n=\(m.responses))")
        }
        var groups = r.satisfaction.byRemedy.keys.sorted().map { group($0, labels[$0], r.satisfaction.byRemedy[$0]!) }
        groups.append(group("within_deadlines", labels["within_deadlines"], r.satisfaction.withinDeadlines))
        groups.append(group("late", labels["late"], r.satisfaction.late))
        return ChartLayout.bars(id: "chart-satisfaction", title: labels["chart_satisfaction"],
                                series: [.init(key: "mean", label: labels["mean"])], groups: groups, maxValue: 5)
    }
}
