import IntakeCore
import IntakeText
import Foundation

/// The product's data files (lexicons, word lists, rules) by relative path such as `zh/keywords/quality.tsv`:
/// the copy built into the tool, with an optional user folder laid over it.
public struct DataStore: Sendable {
    /// One data file and where it came from, for messages.
    public struct File: Sendable {
        public let path: String
        public let source: String
        public let bytes: [UInt8]
        public var text: String { String(decoding: bytes, as: UTF8.self) }
    
    package init(path: String, source: String, bytes: [UInt8]) {
        self.path = path
        self.source = source
        self.bytes = bytes
    }
}

    /// Built-in files, keyed by path relative to `lexicons/`.
    public let builtin: [String: File]
    /// User files from `--lexicons DIR`, keyed the same way; they add to the built-in ones.
    public let overlay: [String: File]

    public init(builtin: [String: File], overlay: [String: File] = [:]) {
        self.builtin = builtin
        self.overlay = overlay
    }

    /// Reads every file below `directory` (a folder laid out like `lexicons/`).
    public static func files(in directory: String) throws(LexiconError) -> [String: File] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw .unreadable(path: directory, reason: "no such folder")
        }
        guard let walker = fm.enumerator(atPath: directory) else { throw .unreadable(path: directory, reason: "cannot list it") }
        var files: [String: File] = [:]
        let base = URL(fileURLWithPath: directory)
        while let rel = walker.nextObject() as? String {
            let url = base.appendingPathComponent(rel)
            var sub: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &sub), !sub.boolValue,
                  !rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            guard let data = fm.contents(atPath: url.path) else { throw .unreadable(path: url.path, reason: "cannot read it") }
            files[rel] = File(path: rel, source: url.path, bytes: [UInt8](data))
        }
        return files
    }

    /// The built-in files with the user's folder laid over them.
    public func overlaid(with directory: String) throws(LexiconError) -> DataStore {
        DataStore(builtin: builtin, overlay: try Self.files(in: directory))
    }

    /// A store read only from a folder (for training from the working tree).
    public static func directory(_ directory: String) throws(LexiconError) -> DataStore {
        DataStore(builtin: try files(in: directory))
    }

    /// Every file at `path` in build-in then overlay order (the overlay's entries win on conflicts).
    public func layers(_ path: String) -> [File] {
        [builtin[path], overlay[path]].compactMap { $0 }
    }

    /// All paths under a folder prefix such as `zh/keywords/`, from both layers, sorted.
    public func paths(under prefix: String, suffix: String = "") -> [String] {
        Set(builtin.keys).union(overlay.keys).filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }.sorted()
    }

    /// Whether the classifier reads `path` (the text layer's files, the keyword lexicons, negation cues and stop words);
    /// the extraction words, routing policy and carriers are not a model's input.
    public static func isModelInput(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        return path.contains("/keywords/") || ["negation.tsv", "stopwords.txt", "dictionary.txt", "morphology.tsv", "variants.tsv", "langid.tsv"].contains(name)
    }

    /// A digest of the files a model reads (``isModelInput(_:)``), to name the data it was trained with: an edit to a
    /// date word or the policy does not make the model stale.
    public var modelDigest: String {
        var h = SHA256()
        for path in Set(builtin.keys).union(overlay.keys).sorted() where Self.isModelInput(path) {
            for f in layers(path) {
                h.update(Array(f.path.utf8))
                h.update([0])
                h.update(f.bytes)
            }
        }
        return h.hexDigest
    }

    /// A digest of every file's path and bytes.
    public var digest: String {
        var h = SHA256()
        for path in Set(builtin.keys).union(overlay.keys).sorted() {
            for f in layers(path) {
                h.update(Array(f.path.utf8))
                h.update([0])
                h.update(f.bytes)
            }
        }
        return h.hexDigest
    }
}

/// Why a data file could not be used.
public enum LexiconError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case badLine(source: String, line: Int, reason: String)
    /// The compiled lexicons built into the tool cannot be read: the build is damaged or mixed.
    case damagedCompiledData(reason: String)

    public var code: String {
        switch self {
        case .unreadable: "lexicon_unreadable"
        case .badLine: "lexicon_bad_line"
        case .damagedCompiledData: "lexicon_damaged_build"
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read lexicon data \(path): \(reason)"
        case .badLine(let source, let line, let reason): "\(source):\(line): \(reason)"
        case .damagedCompiledData(let reason):
            "the compiled lexicons built into this tool cannot be read: \(reason); run `intake embed` and build again"
        }
    }
}
