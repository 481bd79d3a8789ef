import ArgumentParser

@main
struct Intake: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Turn customer complaints in Chinese and Spanish into structured intake records.",
        discussion: """
            Reads complaints from e-mail, web forms and social media, and reports their category, the department \
            that must act, the facts they mention, and the deadlines that follow.
            """,
        subcommands: [TextCommand.self, BatchCommand.self, ExplainCommand.self, TokensCommand.self, TrainCommand.self, EvalCommand.self, CorpusCheckCommand.self, EmbedCommand.self]
    )
}
