import ComplaintRegister
import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// A mail server runs many `intake ... --db` at once: 8 processes, 200 messages each, one register.
@Suite("Complaint register, parallel writers")
struct ParallelWritersTests {
    @Test("8 processes storing 200 messages each: 1,600 complaints, none lost, none doubled")
    func eightWriters() throws {
        let tool = try #require(Fixtures.tool, "build the tool first: swift build")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intake-writers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = dir.appendingPathComponent("register.sqlite").path
        let texts = ["快递三天没更新了，订单号DD2024%05d", "El paquete no ha llegado, pedido MX-%05d", "收到的杯子是碎的 %d", "La factura %d está mal cobrada"]
        var processes: [Process] = []
        for w in 0..<8 {
            var lines = ""
            for i in 0..<200 {
                let n = w * 1000 + i
                let text = String(format: texts[n % 4], n)
                lines += #"{"id":"w\#(w)-\#(i)","received_at":"2024-03-0\#(1 + i % 9)T10:00:00Z","text":"\#(text)"}"# + "\n"
            }
            let input = dir.appendingPathComponent("w\(w).jsonl")
            try Data(lines.utf8).write(to: input)
            let p = Process()
            p.executableURL = tool
            p.arguments = ["batch", "--db", db, "--jobs", "2", input.path]
            p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            _ = FileManager.default.createFile(atPath: input.path + ".err", contents: nil)
            p.standardError = FileHandle(forWritingAtPath: input.path + ".err")
            processes.append(p)
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit() }
        let errors = (0..<8).map { (try? String(contentsOfFile: dir.appendingPathComponent("w\($0).jsonl.err").path, encoding: .utf8)) ?? "" }
        #expect(processes.map(\.terminationStatus) == Array(repeating: 0, count: 8), "\(errors.filter { $0.contains("intake:") })")
        let register = try ComplaintRegister(path: db)
        #expect(try register.count() == 1_600)
        let ids = try register.export().map(\.id)
        #expect(Set(ids).count == 1_600)
        // Storing one of them again, the same message, is a duplicate, not a 1,601st complaint.
        let same = Message(id: "w3-17", receivedAt: Timestamp.parse("2024-03-09T10:00:00Z"), text: "El paquete no ha llegado, pedido MX-03017")
        let again = try register.ingest(same, with: Fixtures.pipeline)
        #expect(again.record.duplicate == true)
        #expect(try register.count() == 1_600)
    }
}
