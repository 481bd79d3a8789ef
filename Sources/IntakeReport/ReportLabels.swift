import ComplaintIntake

/// The words of the report page in one locale, read from `report/labels.tsv` (built in, with the file of a
/// `--lexicons` folder laid over it): a key missing in the locale falls back to English, then to the key itself.
public struct ReportLabels: Sendable {
    /// The locales the page can be written in.
    public enum Locale: String, Sendable, CaseIterable {
        case zhHans = "zh-Hans", zhHant = "zh-Hant", es, en
    }

    public let locale: Locale
    private let words: [String: String]
    private let english: [String: String]

    public init(locale: Locale, store: DataStore = .builtIn()) throws(ReportError) {
        self.locale = locale
        var words: [String: String] = [:], english: [String: String] = [:]
        let files = store.layers("report/labels.tsv")
        guard !files.isEmpty else { throw .badData(source: "report/labels.tsv", reason: "missing from the built-in data; rebuild the tool") }
        for file in files {
            let rows: [TSV.Row]
            do { rows = try TSV.rows(file, minFields: 2) } catch { throw .badData(source: file.source, reason: error.description) }
            guard let header = rows.first, header.fields.first == "key" else {
                throw .badData(source: file.source, reason: "the first row must name the columns: key, en, es, zh-Hans, zh-Hant")
            }
            let column = header.fields.firstIndex(of: locale.rawValue)
            let en = header.fields.firstIndex(of: "en")
            for row in rows.dropFirst() {
                let key = row.fields[0]
                if let column, column < row.fields.count, !row.fields[column].isEmpty { words[key] = row.fields[column] }
                if let en, en < row.fields.count, !row.fields[en].isEmpty { english[key] = row.fields[en] }
            }
        }
        self.words = words
        self.english = english
    }

    public subscript(_ key: String) -> String { words[key] ?? english[key] ?? key }
}
