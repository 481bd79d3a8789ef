import Foundation
import IntakeTestSupport
import Testing

/// The progress line of `intake batch`: on a terminal only (run here under script(1), which gives it one).
@Suite("intake batch progress on a terminal")
struct BatchProgressToolTests {
    static func underTerminal(_ arguments: [String]) throws -> String? {
        guard let script = ["/usr/bin/script", "/bin/script"].first(where: FileManager.default.isExecutableFile) else { return nil }
        let tool = try #require(Fixtures.tool, "build the tool first: swift build")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: script)
        let command = ([tool.path] + arguments).map { "'\($0)'" }.joined(separator: " ") + " > /dev/null"
        p.arguments = ["-qec", command, "/dev/null"]
        let out = Pipe()
        p.standardOutput = out
        p.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func input() throws -> String {
        var lines: [String] = []
        for i in 0..<4_000 {
            lines.append(i % 2 == 0 ? #"{"text":"快递一周了还没到，订单号DD20261120\#(i)"}"# : #"{"text":"El pedido ES-\#(i) llegó roto y nadie contesta"}"#)
        }
        return try ExitStatusTests.temp("posts.jsonl", lines.joined(separator: "\n") + "\n")
    }

    @Test("a file of known size: lines, rate and share on the terminal; --quiet leaves only the summary")
    func progress() throws {
        let file = try Self.input()
        guard let shown = try Self.underTerminal(["batch", "--jobs", "1", file]) else { return }
        let updates = shown.split(separator: "\r").filter { $0.contains("lines/s") && !$0.contains("intake batch:") }
        #expect(!updates.isEmpty, "\(shown)")
        #expect(updates.allSatisfy { $0.contains("%") }, "\(updates)")
        #expect(shown.contains("intake batch: 4000 lines"))
        let quiet = try #require(try Self.underTerminal(["batch", "--quiet", "--jobs", "1", file]))
        #expect(!quiet.contains("\r2"), "\(quiet)")
        #expect(!quiet.split(separator: "\r").contains { $0.contains("lines/s, ") }, "\(quiet)")
    }

    @Test("no terminal, no progress line: standard error holds the summary alone")
    func noTerminal() throws {
        let r = try ExitStatusTests.run(["batch", "--jobs", "1", try Self.input()])
        #expect(r.status == 0)
        #expect(!r.err.contains("\r"))
        #expect(r.err.hasPrefix("intake batch: 4000 lines"))
    }
}
