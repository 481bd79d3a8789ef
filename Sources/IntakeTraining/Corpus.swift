import ComplaintIntake
import IntakeCore
import IntakeText
import IntakeLexicon
import IntakeClassify
import Foundation

/// One labeled complaint of the training corpus (`corpus/<lang>.jsonl`).
public struct CorpusRecord: Codable, Sendable {
    public var text: String
    public var label: Category
    public var channel: String?
    public var variant: String?
    public var industry: String?
    /// Where a real stream would carry it: `marketplace_review`, `complaint_portal`, `social`, `email`, ...
    public var source: String?
    /// `zh` or `es`: the file it came from.
    public var language: String = ""
    /// The slice it belongs to (the file name without `.jsonl`): one writer, channel or persona.
    public var group: String = ""

    package enum CodingKeys: String, CodingKey { case text, label, channel, variant, industry, source }

    public init(text: String, label: Category, channel: String? = nil, variant: String? = nil, industry: String? = nil, language: String) {
        self.text = text
        self.label = label
        self.channel = channel
        self.variant = variant
        self.industry = industry
        self.language = language
    }
}

/// Why the corpus could not be read.
public enum CorpusError: Error, Sendable, CustomStringConvertible {
    case unreadable(path: String)
    case badLine(path: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read the corpus file \(path)"
        case .badLine(let path, let line, let reason): "\(path):\(line): \(reason)"
        }
    }
}

public enum Corpus {
    /// Reads JSON Lines of `{"text", "label", ...}`; `language` is given to every record.
    public static func load(path: String, language: String) throws(CorpusError) -> [CorpusRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        return try parse([UInt8](data), path: path, language: language)
    }

    public static func parse(_ bytes: [UInt8], path: String, language: String) throws(CorpusError) -> [CorpusRecord] {
        var records: [CorpusRecord] = []
        let decoder = JSONDecoder()
        var lineNumber = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            do {
                var r = try decoder.decode(CorpusRecord.self, from: Data(line))
                guard !r.text.trimmingWhitespace().isEmpty else {
                    throw CorpusError.badLine(path: path, line: lineNumber, reason: "empty text")
                }
                r.language = language
                records.append(r)
            } catch let e as CorpusError {
                throw e
            } catch {
                throw .badLine(path: path, line: lineNumber, reason: "not a corpus record: \(error)")
            }
        }
        return records
    }

    /// The slices of `directory` (`corpus/parts/`), in file-name order: `zh-*.jsonl`, `es-*.jsonl`, `seed-zh.jsonl` and
    /// `seed-es.jsonl`, each record with its language and its slice. The corpus is kept once, as these slices.
    public static func slices(in directory: String) throws(CorpusError) -> [(path: String, language: String)] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { throw .unreadable(path: directory) }
        var out: [(String, String)] = []
        for name in names.sorted() where name.hasSuffix(".jsonl") {
            guard let language = sliceLanguage(name) else { continue }
            out.append((directory + "/" + name, language))
        }
        guard !out.isEmpty else { throw .unreadable(path: directory) }
        return out
    }

    /// The language of the slice file `name` (`zh-*.jsonl`, `es-*.jsonl`, `seed-zh.jsonl`, `seed-es.jsonl`), or nil.
    static func sliceLanguage(_ name: String) -> String? {
        guard name.hasSuffix(".jsonl") else { return nil }
        return name.hasPrefix("zh-") || name == "seed-zh.jsonl" ? "zh" : name.hasPrefix("es-") || name == "seed-es.jsonl" ? "es" : nil
    }

    /// Every record of the slices in `directory`.
    public static func loadSlices(in directory: String) throws(CorpusError) -> [CorpusRecord] {
        var records: [CorpusRecord] = []
        for (path, language) in try slices(in: directory) {
            let group = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            records += try load(path: path, language: language).map { r in
                var r = r
                r.group = group
                return r
            }
        }
        return records
    }

    /// The SHA-256 of the corpus files, in the order given.
    public static func digest(paths: [String]) -> String {
        digest(files: paths.map { p in ((p as NSString).lastPathComponent, FileManager.default.contents(atPath: p).map { [UInt8]($0) } ?? []) })
    }

    /// The SHA-256 of slice files given by name and bytes, in the order given: the same as ``digest(paths:)`` of the files.
    public static func digest(files: [(name: String, bytes: [UInt8])]) -> String {
        var h = SHA256()
        for f in files {
            h.update(Array(f.name.utf8))
            h.update(f.bytes)
        }
        return h.hexDigest
    }
}
