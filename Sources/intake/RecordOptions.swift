import ArgumentParser
import ComplaintIntake
import ComplaintRegister
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

    @Option(help: ArgumentHelp("Store every record in this complaint register (SQLite; created when missing): repeats across messages raise the escalation, and the same id twice is reported as a duplicate.", valueName: "file"))
    var db: String?

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

    /// The options as plain values.
    var settings: RecordSettings {
        RecordSettings(model: model, lexicons: lexicons, policy: policy, reference: reference, db: db, pretty: pretty, explain: explain)
    }

    func pipeline() throws -> IntakePipeline { try settings.pipeline() }
    func register(for pipeline: IntakePipeline) throws -> ComplaintRegister? { try settings.register(for: pipeline) }
}

/// What ``RecordOptions`` carry, as plain values; the defaults are those of the options left out.
struct RecordSettings: Equatable {
    var model: String?
    var lexicons: String?
    var policy: String?
    var reference: Day?
    var db: String?
    var pretty = false
    var explain = false

    func pipeline() throws -> IntakePipeline {
        do { return try IntakePipeline(lexicons: lexicons, model: model, policy: policy) } catch { throw CLIError.data(error.description) }
    }

    /// The register named by --db, with the policy's repeat window.
    func register(for pipeline: IntakePipeline) throws -> ComplaintRegister? {
        guard let db else { return nil }
        do { return try ComplaintRegister(path: db, repeatWindowDays: pipeline.router.policy.repeatWindowDays) } catch {
            throw CLIError(register: error)
        }
    }
}

/// The record of one message: processed, and stored when there is a register.
struct RecordMaker: Sendable {
    let pipeline: IntakePipeline
    let register: ComplaintRegister?
    let reference: Day?
    let explain: Bool

    /// - Throws: ``IntakeError`` or ``RegisterError``, each with a stable code.
    func record(_ message: Message) throws -> IntakeRecord {
        guard let register else { return try pipeline.process(message, reference: reference, explain: explain) }
        return try register.ingest(message, with: pipeline, reference: reference, explain: explain).record
    }
}

extension Error {
    /// The stable code and message of the errors a record can fail with.
    var codeAndMessage: (code: String, message: String) {
        if let e = self as? IntakeError { return (e.code, e.description) }
        if let e = self as? RegisterError { return (e.code, e.description) }
        return ("internal_error", String(describing: self))
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
        self.pretty = pretty
        encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    }

    let pretty: Bool

    func line(_ record: IntakeRecord) throws -> Data {
        if !pretty, let bytes = record.jsonLine() { return Data(bytes) }
        return try line(value: record)
    }

    func line<T: Encodable>(_ value: T) throws -> Data { try line(value: value) }

    private func line<T: Encodable>(value: T) throws -> Data {
        var d = try encoder.encode(value)
        d.append(0x0A)
        return d
    }
}
