import ComplaintIntake
import ComplaintRegister
import Foundation

extension ExportCommand {
    /// `intake export --labels`: one training label per complaint, as `intake train --add` reads them.
    func writeLabels(_ register: ComplaintRegister, since: Date?, correctedOnly: Bool) throws {
        let labels: [ComplaintRegister.Label]
        do { labels = try register.labels(since: since, correctedOnly: correctedOnly) } catch { throw registerFailure(error) }
        let encoder = RecordEncoder(pretty: false)
        var out = Data()
        for l in labels { out.append(try encoder.line(l)) }
        try writeOutput(out)
    }
}
