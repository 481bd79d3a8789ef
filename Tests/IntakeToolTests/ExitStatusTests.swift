import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// The exit statuses a mail hook, a cron job and a pipeline act on, from the built tool.
@Suite("Exit statuses of the tool")
struct ExitStatusTests {
    struct Run {
        let status: Int32
        let out: String
        let err: String
    }

    static func run(_ arguments: [String], stdin: String? = nil, stdout: URL? = nil) throws -> Run {
        let tool = try #require(Fixtures.tool, "build the tool first: swift build")
        let p = Process()
        p.executableURL = tool
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"
        p.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = try stdout.map { try FileHandle(forWritingTo: $0) } ?? out
        p.standardError = err
        p.standardInput = input
        try p.run()
        input.fileHandleForWriting.write(Data((stdin ?? "").utf8))
        try input.fileHandleForWriting.close()
        let o = stdout == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    static func temp(_ name: String, _ content: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intake-exit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try content.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a full disk on standard output is exit 74 with a message, not a crash", arguments: [
        ["text", "hola, el pedido no llega"], ["text", "快递还没到"], ["email", Repository.path("examples/email-zh-gbk-base64.eml")],
    ])
    func fullDisk(_ args: [String]) throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let r = try Self.run(args, stdout: URL(fileURLWithPath: "/dev/full"))
        #expect(r.status == 74, "\(r.err)")
        #expect(r.err.contains("cannot write the output"))
    }

    @Test("date phrases beyond the calendar give a record, exit 0", arguments: ["hace 9999 años", "dentro de 9999 años", "nueve mil años después", "9999年前下的单"])
    func farDates(_ text: String) throws {
        let r = try Self.run(["text", "--reference-date", "2024-03-20", text])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("\"category\""))
    }

    @Test("a Date header with a huge hour: a record without received_at, exit 0")
    func hugeHour() throws {
        let r = try Self.run(["email"], stdin: "From: a@b.es\nDate: Tue, 5 Mar 2024 99999999999999999:00:00 +0000\n\nMi pedido no llega\n")
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("unreadable_date_header") && !r.out.contains("\"received_at\":\"1"))
    }

    @Test("the mail hook never bounces a readable message: attachments only is a record and exit 0")
    func mailHook() throws {
        let mail = "From: Ana <ana@example.es>\nSubject: foto\nContent-Type: image/jpeg; name=roto.jpg\nContent-Transfer-Encoding: base64\n\n/9j/4AAQ\n"
        let r = try Self.run(["email"], stdin: mail)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("no_text_part") && r.out.contains("roto.jpg"))
    }

    @Test("batch: extreme received times in any line kill nothing; --exit-zero keeps error records and exits 0")
    func batch() throws {
        var lines: [String] = []
        for i in 0..<300 {
            switch i % 3 {
            case 0: lines.append(#"{"id": "l\#(i)", "text": "el viernes 23 me llegó roto", "received_at": "9999-12-20"}"#)
            case 1: lines.append(#"{"id": "l\#(i)", "text": "上个月15号买的", "received_at": "0001-01-20"}"#)
            default: lines.append(#"{"id": "l\#(i)", "text": 42}"#)
            }
        }
        let input = lines.joined(separator: "\n") + "\n"
        let strict = try Self.run(["batch", "--jobs", "2"], stdin: input)
        #expect(strict.status == 65)
        let lenient = try Self.run(["batch", "--jobs", "2", "--exit-zero"], stdin: input)
        #expect(lenient.status == 0, "\(lenient.err)")
        let out = lenient.out.split(separator: "\n")
        #expect(out.count == 300)
        #expect(out.filter { $0.contains("\"bad_field\"") }.count == 100)
        #expect(out.filter { $0.contains("\"bad_field\"") && $0.contains("\"id\":\"l") }.count == 100)
    }

    @Test("CSV: one stray quote loses nothing, and a BOM header still names the columns")
    func csv() throws {
        var rows = ["\u{FEFF}id,text"]
        for i in 1...500 { rows.append(i == 11 ? "\(i),La tele de 55\" llegó rota" : "\(i),快递第\(i)天还没到") }
        let path = try Self.temp("rows.csv", rows.joined(separator: "\n") + "\n")
        let r = try Self.run(["batch", "--format", "csv", path])
        #expect(r.status == 0, "\(r.err)")
        let out = r.out.split(separator: "\n")
        #expect(out.count == 500)
        #expect(!r.out.contains("no_text"))
        #expect(out.dropFirst(10).first?.contains("\"id\":\"11\"") == true)
    }

    @Test("explain prints the record and its reasons, in both languages", arguments: ["El pedido no me ha llegado", "快递一直没到"])
    func explain(_ text: String) throws {
        let r = try Self.run(["explain", "--reference-date", "2024-03-20", text])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("\"explanation\""))
    }

    @Test("reads of a register open it read-only; export neutralizes cells a spreadsheet would run")
    func register() throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("intake-exit-\(UUID().uuidString).sqlite").path
        let stored = try Self.run(["text", "--db", db, "--id", "=HYPERLINK(\"x\")", "--received-at", "2024-03-05T10:00:00Z", "El pedido llegó roto"])
        #expect(stored.status == 0, "\(stored.err)")
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let csv = try Self.run(["export", "--db", db])
        #expect(csv.status == 0, "\(csv.err)")
        #expect(csv.out.contains("'=HYPERLINK") && !csv.out.contains("\n=HYPERLINK"))
        #expect(try Self.run(["due", "--db", db]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        let full = try Self.run(["export", "--db", db], stdout: URL(fileURLWithPath: "/dev/full"))
        #expect(full.status == 74 && full.err.contains("cannot write the output"))
        let missing = try Self.run(["case", "x", "--db", db + ".none"])
        #expect(missing.status == 66 && !FileManager.default.fileExists(atPath: db + ".none"))
    }
}
