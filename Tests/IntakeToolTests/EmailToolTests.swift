import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// `intake email` as a mail hook calls it. The bare call (`intake email FILE`, or the message on standard input)
/// skips the argument parser to start faster; it must answer exactly as the parsed call does.
@Suite("intake email, the mail hook's call")
struct EmailToolTests {
    struct Run {
        let status: Int32
        let out: Data
        let err: String
    }

    static func run(_ arguments: [String], stdin: URL? = nil) throws -> Run {
        let tool = try #require(Fixtures.tool, "build the tool first: swift build")
        let p = Process()
        p.executableURL = tool
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        if let stdin { p.standardInput = try FileHandle(forReadingFrom: stdin) }
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, out: o, err: String(decoding: e, as: UTF8.self))
    }

    @Test("the bare call writes the same record as the parsed call", arguments: [
        "email-zh-gbk-base64.eml", "email-zh-hant-big5-html.eml", "email-es-quoted-printable.eml",
    ])
    func sameRecord(_ name: String) throws {
        let path = Repository.path("examples/\(name)")
        let bare = try Self.run(["email", path])
        let parsed = try Self.run(["email", "--max-message-bytes", "10485760", path])
        let piped = try Self.run(["email"], stdin: URL(fileURLWithPath: path))
        #expect(bare.status == 0)
        #expect(!bare.out.isEmpty)
        #expect(bare.out == parsed.out)
        #expect(bare.out == piped.out)
    }

    @Test("a missing file: exit status 66 and the path in the message, on both paths")
    func missingFile() throws {
        let bare = try Self.run(["email", "/nonexistent/complaint.eml"])
        let parsed = try Self.run(["email", "--pretty", "/nonexistent/complaint.eml"])
        #expect(bare.status == 66)
        #expect(parsed.status == 66)
        #expect(bare.err.contains("/nonexistent/complaint.eml"))
        #expect(bare.out.isEmpty)
    }

    @Test("anything beyond the bare call goes through the parser: options, help, unknown flags")
    func otherArguments() throws {
        let help = try Self.run(["email", "--help"])
        #expect(help.status == 0)
        #expect(String(decoding: help.out, as: UTF8.self).contains("USAGE: intake email"))
        let unknown = try Self.run(["email", "--no-such-option"])
        #expect(unknown.status == 64)
        let two = try Self.run(["email", "a.eml", "b.eml"])
        #expect(two.status == 64)
    }
}
