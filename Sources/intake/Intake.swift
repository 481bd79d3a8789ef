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
        subcommands: [EmailCommand.self, TextCommand.self, BatchCommand.self, CaseCommand.self, DueCommand.self, ExportCommand.self, ReviewCommand.self, LexiconCommand.self, ExplainCommand.self, TokensCommand.self, TrainCommand.self, EvalCommand.self, CorpusCheckCommand.self, ModelCommand.self, EmbedCommand.self]
    )

    /// Runs the command, mapping this tool's errors to the exit statuses of the command-line contract.
    static func main() {
        do {
            if let job = EmailJob(hookArguments: Array(CommandLine.arguments.dropFirst())) {
                try job.run()
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
