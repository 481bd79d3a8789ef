import ArgumentParser
import Foundation

@main
struct Intake: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Turn customer complaints in Chinese and Spanish into structured intake records.",
        discussion: """
            Reads complaints from e-mail, web forms and social media, and reports their category, the department \
            that must act, the facts they mention, and the deadlines that follow.
            """,
        version: "intake \(IntakeVersion.number)",
        subcommands: [EmailCommand.self, TextCommand.self, BatchCommand.self, CaseCommand.self, DueCommand.self, ExportCommand.self, ReportCommand.self, ReviewCommand.self, LexiconCommand.self, ExplainCommand.self, TokensCommand.self, TrainCommand.self, EvalCommand.self, CorpusCheckCommand.self, ModelCommand.self, EmbedCommand.self]
    )

    /// Runs the command, mapping this tool's errors to the exit statuses of the command-line contract.
    static func main() {
        do {
            let arguments = Array(CommandLine.arguments.dropFirst())
            if let job = EmailJob(hookArguments: arguments) {
                try job.run()
            } else if arguments == ["--version"] {
                // Answered here: the argument parser prints only a fixed string, and this one reads the model.
                try writeOutput(Data(IntakeVersion.text().utf8))
            } else {
                var command = try parseAsRoot()
                try command.run()
            }
        } catch let e as CLIError {
            FileHandle.standardError.write(Data("intake: \(e.description)\n".utf8))
            Foundation.exit(e.exitCode)
        } catch {
            exit(withError: error)
        }
    }
}
