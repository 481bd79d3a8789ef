import ComplaintIntake
import IntakeCore
import Foundation

/// One complaint a desk has labeled: a line of `intake export --labels`, or any JSON object with `text` and `label`.
public struct DeskLabel: Sendable, Equatable {
    public var id: String?
    public var text: String
    public var label: Category
    /// `zh`, `es`, or nil when the line does not say (the text layer then tells).
    public var language: String?
    public var channel: String?
    /// Where it came from, for messages: `file:line`.
    public var source: String

    public init(id: String? = nil, text: String, label: Category, language: String? = nil, channel: String? = nil, source: String) {
        self.id = id
        self.text = text
        self.label = label
        self.language = language
        self.channel = channel
        self.source = source
    }
}

/// Reads label files. A line that is not a label is an error naming its file and line, never skipped: a desk that
/// exports 100 labels must train on 100.
public enum DeskLabels {
    private struct Line: Decodable {
        var id: String?
        var text: String?
        var label: String?
        var language: String?
        var channel: String?
    }

    /// The labels in the JSON Lines file at `path`.
    /// - Throws: ``CorpusError/unreadable(path:)``, or ``CorpusError/badLine(path:line:reason:)`` for the first bad line.
    public static func load(path: String) throws(CorpusError) -> [DeskLabel] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        return try parse([UInt8](data), path: path)
    }

    public static func parse(_ bytes: [UInt8], path: String) throws(CorpusError) -> [DeskLabel] {
        var out: [DeskLabel] = []
        let decoder = JSONDecoder()
        var number = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            let l: Line
            do { l = try decoder.decode(Line.self, from: Data(line)) } catch {
                throw .badLine(path: path, line: number, reason: "not a JSON object with \"text\" and \"label\" strings")
            }
            guard let text = l.text, !text.trimmingWhitespace().isEmpty else {
                throw .badLine(path: path, line: number, reason: "no \"text\" (each line needs the complaint's text)")
            }
            guard let raw = l.label else { throw .badLine(path: path, line: number, reason: "no \"label\"") }
            guard let label = Category(rawValue: raw) else {
                throw .badLine(path: path, line: number, reason: "label '\(raw)' is not a category (quality, delivery, service, other)")
            }
            out.append(DeskLabel(id: l.id, text: text, label: label, language: l.language.flatMap(Self.languageCode), channel: l.channel,
                                 source: "\(path):\(number)"))
        }
        return out
    }

    /// `zh` or `es` for a record's language (`zh-Hans`, `zh-Hant`, `es`) or a corpus code; nil for `mixed`, `unknown`.
    static func languageCode(_ raw: String) -> String? {
        if raw == "zh" || raw == "es" { return raw }
        return Language(rawValue: raw)?.lexiconCode
    }
}
