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
        let bytes: [UInt8]
        if let file {
            guard let d = FileManager.default.contents(atPath: file) else { throw CLIError.unreadable("cannot read \(file)") }
            bytes = [UInt8](d)
        } else {
            bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        }
        var limits = EmailLimits()
        limits.maxMessageBytes = maxMessageBytes
        let message: Message
        do { message = try EmailParser(limits: limits).parse(bytes) } catch { throw CLIError.input("\(error.code): \(error.description)") }
        let pipeline = try options.pipeline()
        do {
            let record = try pipeline.process(message, reference: options.reference, explain: options.explain)
            FileHandle.standardOutput.write(try RecordEncoder(pretty: options.pretty).line(record))
        } catch let e as IntakeError {
            throw CLIError.input("\(e.code): \(e.description)")
        }
    }
}
