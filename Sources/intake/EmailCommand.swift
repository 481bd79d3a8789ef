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
    var maxMessageBytes = 10 * 1024 * 1024

    @OptionGroup var options: RecordOptions

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
        do { message = try EmailParser(limits: limits).parse(bytes) } catch { throw CLIError.input("\(error.code): \(error.description)") }
        let pipeline = try options.pipeline()
        let intake = RecordMaker(pipeline: pipeline, register: try options.register(for: pipeline), reference: options.reference, explain: options.explain)
        let record: IntakeRecord
        do { record = try intake.record(message) } catch {
            let (code, text) = error.codeAndMessage
            throw code.hasPrefix("register") ? CLIError.data("\(code): \(text)") : CLIError.input("\(code): \(text)")
        }
        FileHandle.standardOutput.write(try RecordEncoder(pretty: options.pretty).line(record))
    }
}
