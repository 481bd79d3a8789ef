import ArgumentParser
import ComplaintIntake
import Foundation

struct EmailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "email",
        abstract: "Turn one RFC 5322 e-mail into an intake record.",
        discussion: """
            Reads the message from FILE, or from standard input when there is none (the way a mail server's \
            delivery hook calls it). Headers with encoded words, MIME parts, quoted-printable and base64, and \
            GBK, GB18030, Big5, ISO-8859-1 and Windows-1252 bodies are decoded; quoted replies and signatures are \
            left out of what is classified but kept in the record's text. Attachments are listed, not read.
            """
    )

    @Argument(help: "The message file; standard input when absent.")
    var file: String?

    @Option(name: .customLong("max-message-bytes"), help: "Larger messages are refused (email_too_large).")
    var maxMessageBytes = EmailLimits().maxMessageBytes

    @OptionGroup var options: RecordOptions

    func run() throws {
        try EmailJob(file: file, maxMessageBytes: maxMessageBytes, settings: options.settings).run()
    }
}

/// One e-mail in, one record out: what `intake email` does once its arguments are read.
struct EmailJob: Equatable {
    var file: String?
    var maxMessageBytes = EmailLimits().maxMessageBytes
    var settings = RecordSettings()

    /// The job for the mail hook's call, `intake email` or `intake email FILE` with no options, read without the
    /// argument parser: the parser reflects over every option and costs a third of a process's start-up. Nil
    /// for any other arguments, which go through the parser.
    init?(hookArguments args: [String]) {
        guard args.first == "email", args.count <= 2 else { return nil }
        if args.count == 2 {
            guard !args[1].hasPrefix("-"), !args[1].isEmpty else { return nil }
            file = args[1]
        }
    }

    init(file: String?, maxMessageBytes: Int, settings: RecordSettings) {
        self.file = file
        self.maxMessageBytes = maxMessageBytes
        self.settings = settings
    }

    func run() throws {
        // Read one byte past the limit at most, so an endless or huge input costs no more than the limit.
        guard let handle = file.map(FileHandle.init(forReadingAtPath:)) ?? FileHandle.standardInput else { throw CLIError.unreadable("cannot read \(file!)") }
        var bytes: [UInt8] = []
        do {
            while bytes.count <= maxMessageBytes, let d = try handle.read(upToCount: min(1 << 20, maxMessageBytes + 1 - bytes.count)), !d.isEmpty {
                bytes += d
            }
        } catch {
            throw CLIError.unreadable("cannot read \(file ?? "standard input"): \(error.localizedDescription)")
        }
        var limits = EmailLimits()
        limits.maxMessageBytes = maxMessageBytes
        let message: Message
        do { message = try EmailParser(limits: limits).parse(bytes) } catch {
            let hint = error.code == "email_too_large" ? " (--max-message-bytes)" : ""
            throw CLIError.input("\(error.code): \(error.description)\(hint)")
        }
        let pipeline = try settings.pipeline()
        let intake = RecordMaker(pipeline: pipeline, register: try settings.register(for: pipeline), reference: settings.reference, explain: settings.explain)
        let record: IntakeRecord
        do { record = try intake.record(message) } catch {
            let (code, text) = error.codeAndMessage
            throw code.hasPrefix("register") ? CLIError.data("\(code): \(text)") : CLIError.input("\(code): \(text)")
        }
        try writeOutput(try RecordEncoder(pretty: settings.pretty).line(record))
    }
}
