import Foundation

/// Lays out the report's two kinds of chart: stacked columns over time, and horizontal bars (stacked, or with
/// markers for a percentile and a deadline) per row.
public enum ChartLayout {
    /// One series of a chart: its key (used in the CSS class `s-<key>`) and its label.
    public struct Series: Sendable, Equatable {
        public var key: String
        public var label: String
        public init(key: String, label: String) {
            self.key = key
            self.label = label
        }
    }

    /// One column or bar: a label and a value per series, stacked in series order.
    public struct Group: Sendable, Equatable {
        public var key: String
        public var label: String
        public var values: [String: Double]
        /// Lines across the bar at a value (a 90th percentile tick, a deadline), by style.
        public var markers: [String: Double]
        /// What the bar's end says (the total when nil).
        public var caption: String?
        public init(key: String, label: String, values: [String: Double], markers: [String: Double] = [:], caption: String? = nil) {
            self.key = key
            self.label = label
            self.values = values
            self.markers = markers
            self.caption = caption
        }
    }

    /// The smallest 1, 2 or 5 times a power of ten at or above `x` (at least 1): the axis' end.
    public static func niceCeiling(_ x: Double) -> Double {
        guard x > 1 else { return 1 }
        let p = pow(10, floor(log10(x)))
        for m in [1.0, 2, 5, 10] where m * p >= x { return m * p }
        return 10 * p
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)
    }

    /// Columns over time, each the stack of its series, with the total above it.
    public static func columns(id: String, title: String, series: [Series], groups: [Group], width: Double = 720, height: Double = 260) -> SVGChart {
        var chart = SVGChart(id: id, title: title, width: width, height: height)
        chart.legend = series.map { .init(style: "s-" + $0.key, label: $0.label) }
        let left = 40.0, right = 10.0, top = 16.0, bottom = 40.0
        let plotW = width - left - right, plotH = height - top - bottom
        let totals = groups.map { g in series.reduce(0) { $0 + (g.values[$1.key] ?? 0) } }
        let maxValue = niceCeiling(totals.max() ?? 0)
        axis(&chart, maxValue: maxValue) { v in
            let y = top + plotH * (1 - v / maxValue)
            return (left, y, width - right, y, left - 4, y + 4, "end")
        }
        guard !groups.isEmpty else { return chart }
        let slot = plotW / Double(groups.count)
        let barW = max(2, slot * 0.7)
        let labelEvery = max(1, Int((44 / slot).rounded(.up)))
        for (i, g) in groups.enumerated() {
            let x = left + slot * Double(i) + (slot - barW) / 2
            var y = top + plotH
            for s in series {
                let v = g.values[s.key] ?? 0
                guard v > 0 else { continue }
                let h = plotH * v / maxValue
                y -= h
                chart.rects.append(.init(x: x, y: y, width: barW, height: h, style: "s-" + s.key, group: g.key, series: s.key, value: v,
                                         title: "\(g.label) · \(s.label): \(format(v))"))
            }
            chart.texts.append(.init(x: x + barW / 2, y: y - 3, anchor: "middle", text: g.caption ?? format(totals[i]), style: "value"))
            if i % labelEvery == 0 {
                chart.texts.append(.init(x: x + barW / 2, y: top + plotH + 14, anchor: "middle", text: g.label, style: "label"))
            }
        }
        return chart
    }

    /// Horizontal bars, one per group, stacked in series order, with marker lines, captioned at their end.
    /// `maxValue` fixes the scale (5 for satisfaction); by default it fits the longest bar or marker.
    public static func bars(id: String, title: String, series: [Series], groups: [Group], markerLabels: [String: String] = [:],
                            maxValue fixed: Double? = nil, width: Double = 720, rowHeight: Double = 22) -> SVGChart {
        let left = 230.0, right = 70.0, top = 8.0, bottom = 24.0
        let height = top + bottom + rowHeight * Double(max(groups.count, 1))
        var chart = SVGChart(id: id, title: title, width: width, height: height)
        chart.legend = series.map { .init(style: "s-" + $0.key, label: $0.label) }
            + markerLabels.keys.sorted().map { .init(style: "m-" + $0, label: markerLabels[$0]!) }
        let plotW = width - left - right
        let longest = groups.map { g in max(series.reduce(0) { $0 + (g.values[$1.key] ?? 0) }, g.markers.values.max() ?? 0) }.max() ?? 0
        let maxValue = fixed ?? niceCeiling(longest)
        axis(&chart, maxValue: maxValue) { v in
            let x = left + plotW * v / maxValue
            return (x, top, x, height - bottom, x, height - bottom + 14, "middle")
        }
        for (i, g) in groups.enumerated() {
            let y = top + rowHeight * Double(i) + rowHeight * 0.15
            let h = rowHeight * 0.7
            var x = left
            for s in series {
                let v = g.values[s.key] ?? 0
                guard v > 0 else { continue }
                let w = plotW * min(v, maxValue) / maxValue
                chart.rects.append(.init(x: x, y: y, width: w, height: h, style: "s-" + s.key, group: g.key, series: s.key, value: v,
                                         title: "\(g.label) · \(s.label): \(format(v))"))
                x += w
            }
            for (style, v) in g.markers.sorted(by: { $0.key < $1.key }) {
                let mx = left + plotW * min(v, maxValue) / maxValue
                chart.lines.append(.init(x1: mx, y1: y - 2, x2: mx, y2: y + h + 2, style: "m-" + style, group: g.key, value: v))
            }
            let end = max(x, g.markers.values.map { left + plotW * min($0, maxValue) / maxValue }.max() ?? x)
            let total = series.reduce(0) { $0 + (g.values[$1.key] ?? 0) }
            chart.texts.append(.init(x: left - 6, y: y + h * 0.75, anchor: "end", text: g.label, style: "label"))
            chart.texts.append(.init(x: end + 4, y: y + h * 0.75, anchor: "start", text: g.caption ?? format(total), style: "value"))
        }
        return chart
    }

    /// Grid lines and tick labels at a few round values from 0 to `maxValue`.
    private static func axis(_ chart: inout SVGChart, maxValue: Double,
                             _ at: (Double) -> (Double, Double, Double, Double, Double, Double, String)) {
        let steps = maxValue <= 5 ? Int(maxValue) : 4
        for k in 0...max(steps, 1) {
            let v = maxValue * Double(k) / Double(max(steps, 1))
            let (x1, y1, x2, y2, tx, ty, anchor) = at(v)
            chart.lines.append(.init(x1: x1, y1: y1, x2: x2, y2: y2, style: "grid", group: "", value: v))
            chart.texts.append(.init(x: tx, y: ty, anchor: anchor, text: format(v), style: "tick"))
        }
    }
}
