import ArgumentParser
import ComplaintIntake
import Foundation

/// Options of every command that produces intake records.
struct RecordOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A model file from `intake train` instead of the built-in model.", valueName: "file"))
    var model: String?

    @Option(help: ArgumentHelp("A folder laid out like lexicons/ whose files are added to the built-in ones.", valueName: "dir"))
    var lexicons: String?

    @Option(help: ArgumentHelp("A JSON or TOML file whose keys override the built-in routing and deadline policy.", valueName: "file"))
    var policy: String?

    @Option(name: .customLong("reference-date"), help: ArgumentHelp("The day relative dates resolve against when the message has no received time (default: today).", valueName: "YYYY-MM-DD"))
    var referenceDate: String?

    @Flag(help: "Indent the JSON.")
    var pretty = false

    @Flag(help: "Add the features and lexicon hits behind the category.")
    var explain = false

    func validate() throws {
        if let referenceDate, Day(iso: referenceDate) == nil || referenceDate.count != 10 {
            throw ValidationError("--reference-date must be a day as YYYY-MM-DD, not '\(referenceDate)'")
        }
    }

    var reference: Day? { referenceDate.flatMap(Day.init(iso:)) }

    func pipeline() throws -> IntakePipeline {
        do { return try IntakePipeline(lexicons: lexicons, model: model, policy: policy) } catch { throw CLIError.data(error.description) }
    }
}

enum ChannelArgument: String, ExpressibleByArgument, CaseIterable {
    case email, web, social, phone, unknown
    var channel: Channel { Channel(rawValue: rawValue)! }
}

/// Encodes records as one JSON line each (or indented), keys in a fixed order.
struct RecordEncoder {
    let encoder: JSONEncoder

    init(pretty: Bool) {
        encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .withoutEscapingSlashes] : [.withoutEscapingSlashes]
    }

    func line<T: Encodable>(_ value: T) throws -> Data {
        var d = try encoder.encode(value)
        d.append(0x0A)
        return d
    }
}
