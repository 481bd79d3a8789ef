/// A chart as shapes in SVG user units, ready for the page's template to write out: the geometry is computed here,
/// where it is tested, and the markup stays in the template. Every bar carries the number it shows.
public struct SVGChart: Sendable, Equatable {
    public struct Rect: Sendable, Equatable {
        public var x, y, width, height: Double
        /// The CSS class that colours it (`s-quality`, `s-median`, …).
        public var style: String
        /// The bar's group (a period, a department) and series (a category, a step), and the number it stands for.
        public var group: String
        public var series: String
        public var value: Double
        /// The tooltip.
        public var title: String
    }

    public struct Line: Sendable, Equatable {
        public var x1, y1, x2, y2: Double
        public var style: String
        public var group: String
        public var value: Double
    }

    public struct Text: Sendable, Equatable {
        public var x, y: Double
        /// `start`, `middle` or `end`.
        public var anchor: String
        public var text: String
        public var style: String
    }

    public struct LegendItem: Sendable, Equatable {
        public var style: String
        public var label: String
    }

    /// The `id` of the `<svg>` element.
    public var id: String
    public var title: String
    public var width: Double
    public var height: Double
    public var rects: [Rect] = []
    public var lines: [Line] = []
    public var texts: [Text] = []
    public var legend: [LegendItem] = []
}
