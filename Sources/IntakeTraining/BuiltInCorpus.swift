import CIntakeData
import Foundation

extension Corpus {
    /// The prefix of the corpus slices' names in the tool's built-in data.
    package static let builtInPrefix = "corpus/parts/"

    /// The corpus slices built into the tool (`corpus/parts/*.jsonl` as committed, by `intake embed`), by file name, in
    /// name order: what `intake train --add` trains on when no `--corpus` is given, so that a copied binary needs no
    /// checkout.
    public static func builtInFiles() -> [(name: String, bytes: [UInt8])] {
        var out: [(String, [UInt8])] = []
        for i in 0..<ci_corpus_count() {
            let blob = ci_corpus_blob(i)
            guard let cname = blob.name, let bytes = blob.bytes else { continue }
            let name = String(cString: cname)
            guard name.hasPrefix(builtInPrefix) else { continue }
            out.append((String(name.dropFirst(builtInPrefix.count)), Array(UnsafeBufferPointer(start: bytes, count: Int(blob.length)))))
        }
        return out.sorted { $0.0 < $1.0 }.map { (name: $0.0, bytes: $0.1) }
    }

    /// Every record of the built-in slices, and their digest (the same as ``digest(paths:)`` of the committed files).
    /// - Throws: ``CorpusError/unreadable(path:)`` when this build carries no corpus.
    public static func loadBuiltIn() throws(CorpusError) -> (records: [CorpusRecord], sha: String) {
        let files = builtInFiles().filter { sliceLanguage($0.name) != nil }
        guard !files.isEmpty else { throw .unreadable(path: "the corpus built into the tool (this build has none; run intake embed)") }
        var records: [CorpusRecord] = []
        for f in files {
            let group = (f.name as NSString).deletingPathExtension
            records += try parse(f.bytes, path: "built-in " + builtInPrefix + f.name, language: sliceLanguage(f.name)!).map { r in
                var r = r
                r.group = group
                return r
            }
        }
        return (records, digest(files: files))
    }
}
