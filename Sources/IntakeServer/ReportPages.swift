import ComplaintIntake
import ComplaintRegister
import Foundation
import IntakeReport

/// The register's analysis report as `intake report` makes it: the same builder, deadlines from the service's
/// policy, and the HTML page in each locale, its labels and templates read once at start-up (with `--lexicons`
/// laid over them), so that a bad data file stops the service before it listens.
struct ReportPages: Sendable {
    let builder: ReportBuilder
    private let pages: [ReportLabels.Locale: ReportHTML]

    init(policy: Policy, lexicons: String?) throws(StartError) {
        builder = ReportBuilder(policy: policy)
        var store = DataStore.builtIn()
        if let lexicons {
            do { store = try store.overlaid(with: lexicons) } catch { throw .report(.badData(source: lexicons, reason: error.description)) }
        }
        var pages: [ReportLabels.Locale: ReportHTML] = [:]
        do {
            for locale in ReportLabels.Locale.allCases {
                pages[locale] = try ReportHTML(labels: try ReportLabels(locale: locale, store: store), store: store)
            }
        } catch {
            throw .report(error)
        }
        self.pages = pages
    }

    /// The body and its media type.
    func render(_ register: ComplaintRegister, _ query: ReportQuery) throws -> (bytes: [UInt8], contentType: String) {
        let report = try builder.report(of: register, query.request)
        let encoder = JSONEncoder()
        switch query.format {
        case .json:
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return ([UInt8](try encoder.encode(report)) + [0x0A], query.format.contentType)
        case .html:
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let json = String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
            guard let page = pages[query.locale] else { throw APIError.internal("no report page for \(query.locale.rawValue)") }
            return (Array(page.render(report, json: json).utf8), query.format.contentType)
        }
    }
}
