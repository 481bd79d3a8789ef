import ComplaintIntake
import Mustache

/// Renders the report as one self-contained HTML page (styles inline, charts as inline SVG, no script, nothing
/// fetched) from the templates `report/report.mustache` and `report/chart.mustache` of the data store.
public struct ReportHTML: Sendable {
    private let library: MustacheLibrary
    public let labels: ReportLabels

    public init(labels: ReportLabels, store: DataStore = .builtIn()) throws(ReportError) {
        var library = MustacheLibrary()
        for name in ["report", "chart"] {
            let path = "report/\(name).mustache"
            guard let file = store.layers(path).last else { throw .badData(source: path, reason: "missing from the built-in data; rebuild the tool") }
            do { try library.register(file.text, named: name) } catch {
                throw .badData(source: file.source, reason: "not a valid Mustache template (\(error))")
            }
        }
        self.library = library
        self.labels = labels
    }

    /// The page; `json` is the report's JSON, embedded for readers that want the numbers.
    public func render(_ report: ComplaintReport, json: String) -> String {
        // "</" would end the embedding element early.
        let safe = json.replacingOccurrences(of: "</", with: "<\\/")
        return library.render(ReportPage(report: report, labels: labels, json: safe), withTemplate: "report") ?? ""
    }
}
