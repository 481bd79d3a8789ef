import ArgumentParser
import ComplaintIntake
import ComplaintRegister
import Foundation

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "List the open cases the model is least sure of: the corrections that teach a desk model the most.",
        discussion: """
            Open cases whose category the desk has not set, lowest margin between the model's top two categories \
            first, one JSON line each (id, status, category, second, margin, scores, language, channel, \
            received_at, text). Correct them with intake case ID --category C, export the labels with intake export \
            --labels, and train a desk model with intake train --add.
            """
    )

    @Option(help: "At most this many cases.")
    var limit = 20

    @OptionGroup var register: RegisterOption

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let r = try register.open(access: .readOnly)
        let items: [ComplaintRegister.ReviewItem]
        do { items = try r.reviewQueue(limit: limit) } catch { throw registerFailure(error) }
        let encoder = RecordEncoder(pretty: false)
        var out = Data()
        for i in items { out.append(try encoder.line(i)) }
        try writeOutput(out)
    }
}
