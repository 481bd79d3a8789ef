import CIntakeData
import IntakeInput
import IntakeLexicon
import IntakeText

// The data built into the tool is read here, in the library, and passed to the stages below it: no stage reaches
// the built-in tables on its own.

extension DataStore {
    /// The copy of the lexicon files built into the tool (see `intake embed`).
    public static func builtIn() -> DataStore {
        var files: [String: File] = [:]
        let prefix = "lexicons/"
        for i in 0..<ci_builtin_count() {
            let blob = ci_builtin_blob(i)
            guard let cname = blob.name, let bytes = blob.bytes else { continue }
            let name = String(cString: cname)
            guard name.hasPrefix(prefix) else { continue }
            let path = String(name.dropFirst(prefix.count))
            files[path] = File(path: path, source: "built-in \(name)", bytes: Array(UnsafeBufferPointer(start: bytes, count: Int(blob.length))))
        }
        return DataStore(builtin: files)
    }

    /// The text of one built-in lexicon file (`html/entities.tsv`), read without copying the others.
    static func builtInText(_ path: String) -> String? {
        IntakeResources.builtInBlob("lexicons/" + path).map { String(decoding: $0, as: UTF8.self) }
    }
}

extension HanVariants {
    /// The Traditional and Simplified pairs of the built-in `zh/variants.tsv`.
    public static let builtIn: HanVariants = (try? HanVariants(store: DataStore.builtIn())) ?? HanVariants(rows: [])
}

extension EmailMarkers {
    /// The built-in `email-markers.tsv`. The file is committed with the tool, so a failure here is a build defect.
    public static let builtIn: EmailMarkers = DataStore.builtInText("email-markers.tsv").flatMap { try? EmailMarkers(tsv: $0) } ?? EmailMarkers()
}

extension HTMLEntities {
    /// The built-in tables, read on first use: most mail has no HTML body, and the mail hook's start does not pay
    /// for them.
    package static let builtIn = HTMLEntities(entities: DataStore.builtInText("html/entities.tsv") ?? "",
                                              numeric: DataStore.builtInText("html/numeric.tsv") ?? "")
}

extension EmailParser {
    /// A parser with the given reply and signature markers (the built-in ones by default) and the built-in HTML
    /// entity tables.
    public init(limits: EmailLimits = EmailLimits(), markers: EmailMarkers = .builtIn) {
        self.init(limits: limits, markers: markers, entities: { HTMLEntities.builtIn })
    }

    /// The body without quoted replies and without a signature, by the built-in markers.
    public static func stripQuotes(_ body: String) -> String { stripQuotes(body, markers: .builtIn) }
}
