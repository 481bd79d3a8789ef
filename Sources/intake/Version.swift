import ComplaintIntake
import Foundation

/// What `intake --version` says: the tool's version, the built-in model and its digest, and the ICU it runs on,
/// so that a desk can tell which build wrote a record and a bug report names the library underneath.
enum IntakeVersion {
    /// The tool's version; `scripts/release` names the tarball after it.
    static let number = "0.9.0"

    static func text() -> String {
        var lines = ["intake \(number)"]
        if let blob = IntakeResources.builtInBlob("model/default.cimodel"), let model = try? IntakeResources.builtInModel() {
            var h = SHA256()
            h.update(blob)
            let m = model.metadata
            lines.append("model \(m.name) sha256 \(h.hexDigest) (corpus \(m.corpusSHA.prefix(12)), lexicons \(m.lexiconsSHA.prefix(12)))")
        } else {
            lines.append("model none built in")
        }
        lines.append("ICU \(ICULibrary.version)")
        return lines.joined(separator: "\n") + "\n"
    }
}
