import Foundation
import IntakeTestSupport
import Testing

/// The help text of every command, compared with the snapshots in Tests/IntakeToolTests/Help/ (swift-argument-parser's
/// AssertHelp, from the built tool). A change to an option's name, default or text shows here as a diff to review;
/// `INTAKE_RECORD_HELP=1 swift test --filter HelpTests` writes the snapshots anew.
@Suite("Help text")
struct HelpTests {
    static let commands = ["", "email", "text", "batch", "case", "due", "export", "report", "explain", "tokens", "train", "eval", "corpus-check", "model", "embed", "review", "lexicon", "lexicon suggest"]

    static func help(_ command: String) throws -> String {
        let tool = try #require(Fixtures.tool, "build the tool first: swift build")
        let p = Process()
        p.executableURL = tool
        p.arguments = command.split(separator: " ").map(String.init) + ["--help"]
        var env = ProcessInfo.processInfo.environment
        env["COLUMNS"] = "100"
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test("each command's help matches its snapshot", arguments: commands)
    func snapshot(_ command: String) throws {
        let text = try Self.help(command)
        let file = Repository.path("Tests/IntakeToolTests/Help/\(command.isEmpty ? "intake" : command.replacingOccurrences(of: " ", with: "-")).txt")
        if ProcessInfo.processInfo.environment["INTAKE_RECORD_HELP"] == "1" {
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text == expected, "intake \(command) --help changed; review it and record again with INTAKE_RECORD_HELP=1")
    }

    @Test("every subcommand is listed in the top-level help")
    func listed() throws {
        let top = try Self.help("")
        for c in Self.commands.dropFirst() where !c.contains(" ") { #expect(top.contains("  \(c) ") || top.contains("  \(c)\n"), "\(c)") }
    }

    @Test("no option's help states its default twice")
    func defaultsOnce() throws {
        for c in Self.commands {
            let text = try Self.help(c)
            // One option's text, with its wrapped lines joined: "(default: all cores). (default: 2)" was such a case.
            let joined = text.replacingOccurrences(of: "\n                          ", with: " ")
            for line in joined.split(separator: "\n") where line.hasPrefix("  -") {
                #expect(line.components(separatedBy: "(default:").count <= 2, "intake \(c): \(line)")
            }
        }
    }
}
