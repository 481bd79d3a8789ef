import ArgumentParser
import ComplaintIntake

struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Show what the text layer sees: language, normalized text and tokens.",
        discussion: """
            Offsets (start, end) are Unicode scalar offsets into the text as given. Tokens marked "part" are the \
            words inside a larger token (a hashtag's words, the parts of "del" or "dámelo") and share its span.
            """
    )

    @Argument(help: "The complaint text; standard input when absent.")
    var text: String?

    @OptionGroup var data: DataOptions

    @Flag(help: "Indent the JSON.")
    var pretty = false

    struct Output: Encodable {
        let language: Language
        let normalized: String
        let tokens: [Token]
    }

    func run() throws {
        let input = try readTextArgument(text)
        let resources = try data.resources()
        let analyzer = try TextAnalyzer(model: resources.text)
        do {
            let analysis = try analyzer.analyze(input)
            try printJSON(Output(language: analysis.language, normalized: analysis.text.normalized, tokens: analysis.tokens),
                          pretty: pretty)
        } catch let error as TextError {
            throw ValidationError(error.description)
        }
    }
}
