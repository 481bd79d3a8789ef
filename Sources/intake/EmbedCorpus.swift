import ComplaintIntake
import IntakeTraining
import Foundation

/// Builds the corpus slices of `directory` into the tool: `output` (corpus.c) lists them for `.incbin` as committed, so
/// that `intake train --add` on a copied binary trains from the same corpus as the built-in model. No file is generated
/// beside them: the slices are included as they lie in `corpus/parts/`.
func writeBuiltinCorpus(directory: String, output: String) throws {
    let slices: [(path: String, language: String)]
    do { slices = try Corpus.slices(in: directory) } catch { throw CLIError.unreadable(error.description) }
    var blobs: [CEmbedder.Blob] = []
    for s in slices {
        let name = (s.path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: s.path) else { throw CLIError.unreadable("cannot read \(s.path)") }
        blobs.append(CEmbedder.Blob(name: Corpus.builtInPrefix + name, path: s.path, bytes: [UInt8](data)))
    }
    try CEmbedder.source(blobs, table: "ci_corpus").write(toFile: output, atomically: true, encoding: .utf8)
    print("wrote \(blobs.count) corpus slices into \(output)")
}
