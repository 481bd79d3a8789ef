import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// `intake batch` itself: every input line gives exactly one output line, in order, whatever the others are.
@Suite("intake batch, nothing lost")
struct BatchToolTests {
    @Test("10,000 lines with 1,000 bad ones spread through them: 10,000 output lines, 1,000 error records in place")
    func tenThousand() throws {
        let bad: [[UInt8]] = [Array(#"{"text": "sin cerrar"#.utf8), Array(#"{"id": "x"}"#.utf8), Array(#"{"text":"bad "#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8),
                              Array("[1,2,3]".utf8), [], Array(#"{"text": 42}"#.utf8), [0x00, 0xFF, 0xFE], Array(#"{"text":"快递没到","channel":"fax"}"#.utf8)]
        let goods = ["快递一周了还没到，订单号DD2024030500%d", "La batidora no enciende, pedido ES-%d", "客服态度太差了，第%d次打电话", "Me cobraron dos veces la factura %d"]
        var input: [UInt8] = []
        var badLines = Set<Int>()
        for i in 0..<10_000 {
            if i % 10 == 3 {
                input += bad[(i / 10) % bad.count]
                badLines.insert(i + 1)
            } else {
                input += Array(#"{"id":"l\#(i)","text":"\#(String(format: goods[i % 4], i))"}"#.utf8)
            }
            input.append(0x0A)
        }
        let (p, out) = try Self.startBatch(jobs: 2, file: try Self.write(input))
        let data = out.readDataToEndOfFile()
        p.waitUntilExit()
        let lines = data.split(separator: 0x0A)
        #expect(p.terminationStatus == 65)
        #expect(lines.count == 10_000)
        var errors = 0
        for (n, line) in lines.enumerated() {
            let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            if let e = object?["error"] as? [String: Any] {
                errors += 1
                #expect(object?["line"] as? Int == n + 1)
                #expect(e["code"] is String)
                #expect(badLines.contains(n + 1), "line \(n + 1) should have a record")
            } else {
                #expect(object?["id"] as? String == "l\(n)")
            }
        }
        #expect(errors == 1_000)
    }

    /// Lines in Simplified and Traditional Chinese and in Spanish, each with its id, one bad line in every 50.
    static func mixedInput(_ count: Int) -> [UInt8] {
        let goods = ["快递一周了还没到，订单号DD2024030500%d", "客服態度很差，退款申請第%d天還沒到帳", "La batidora no enciende, pedido ES-%d",
                     "Me cobraron dos veces la factura %d"]
        var input: [UInt8] = []
        for i in 0..<count {
            if i % 50 == 17 {
                input += Array(#"{"text":"pedido roto "#.utf8) + [0xE9] + Array(#"", "id": "l\#(i)"}"#.utf8)
            } else {
                input += Array(#"{"id":"l\#(i)","text":"\#(String(format: goods[i % 4], i))"}"#.utf8)
            }
            input.append(0x0A)
        }
        return input
    }

    /// Starts `intake batch --jobs N` on `file` (reference day 2024-03-20): its output on a pipe, its summary dropped.
    static func startBatch(jobs: Int, file: URL) throws -> (Process, FileHandle) {
        let tool = try #require(Fixtures.tool, "build the tool first: swift build")
        let p = Process()
        p.executableURL = tool
        p.arguments = ["batch", "--jobs", String(jobs), "--reference-date", "2024-03-20", file.path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        return (p, out.fileHandleForReading)
    }

    static func write(_ input: [UInt8]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intake-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("in.jsonl")
        try Data(input).write(to: file)
        return file
    }

    @Test("one worker and two write the same bytes, in input order, for Chinese (Simplified, Traditional) and Spanish lines and bad ones")
    func workersDoNotChangeTheOutput() throws {
        let file = try Self.write(Self.mixedInput(3_000))
        var outputs: [Data] = []
        for jobs in [1, 2] {
            let (p, out) = try Self.startBatch(jobs: jobs, file: file)
            outputs.append(out.readDataToEndOfFile())
            p.waitUntilExit()
            #expect(p.terminationStatus == 65, "the bad lines make the status 65")
        }
        // Records carry the time they were made in their due dates; compare without them.
        let masked = outputs.map { String(decoding: $0, as: UTF8.self).replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, with: "T", options: .regularExpression) }
        #expect(masked[0] == masked[1])
        let lines = masked[0].split(separator: "\n")
        #expect(lines.count == 3_000)
        #expect(lines[17].contains(#""code":"invalid_utf8""#))
        #expect(lines[1].contains(#""language":"zh-Hant""#))
    }

    @Test("SIGINT during a two-worker run: exit 130, and every line written so far is whole and in input order")
    func interruptedRunLosesNothingWritten() throws {
        let total = 40_000
        let (p, out) = try Self.startBatch(jobs: 2, file: try Self.write(Self.mixedInput(total)))
        // Interrupt once the first chunk is out: the run is then mid-way, with chunks on the workers.
        var data = out.availableData
        kill(p.processIdentifier, SIGINT)
        data += out.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 130)
        #expect(data.last == 0x0A, "the output ends with a whole line")
        let lines = data.split(separator: 0x0A)
        #expect(lines.count > 0 && lines.count < total)
        for (n, line) in lines.enumerated() {
            let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            if n % 50 == 17 {
                #expect(object?["line"] as? Int == n + 1, "line \(n + 1) is the error record of its bad line")
            } else {
                #expect(object?["id"] as? String == "l\(n)", "line \(n + 1)")
            }
        }
    }
}
