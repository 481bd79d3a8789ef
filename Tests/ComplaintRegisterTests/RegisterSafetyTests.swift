import ComplaintIntake
import ComplaintRegister
import Foundation
import IntakeTestSupport
import Testing

/// A register never merges two customers, and never changes a file it refuses or only reads (issue 16).
@Suite("Complaint register: nothing merged, nothing changed")
struct RegisterSafetyTests {
    @Test("a register stores both customers and never answers one with the other's data", arguments: [
        "El pedido no ha llegado y nadie contesta", "快递一直没到，客服也不回",
    ])
    func noMerge(_ text: String) throws {
        let register = try ComplaintRegister(path: RegisterTests.tempPath())
        let first = Message(channel: .email, customer: Customer(name: "Ana", email: "ana@example.es"), text: text)
        let second = Message(channel: .email, customer: Customer(name: "王芳", email: "wang@example.cn"), text: text)
        let r1 = try register.ingest(first, with: Fixtures.pipeline).record
        let r2 = try register.ingest(second, with: Fixtures.pipeline).record
        #expect(r1.id != r2.id && r2.duplicate != true)
        #expect(r2.customer.email == "wang@example.cn" && r2.customer.name == "王芳")
        #expect(try register.count() == 2)
        // The same message again is the one duplicate.
        let again = try register.ingest(first, with: Fixtures.pipeline).record
        #expect(again.duplicate == true && again.customer.email == "ana@example.es")
        // Another message under a taken id is stored under a new one, with a warning, not answered with the first.
        let clash = Message(id: r1.id, channel: .email, customer: Customer(email: "otro@example.es"), text: text + " (2)")
        let r3 = try register.ingest(clash, with: Fixtures.pipeline).record
        #expect(r3.id != r1.id && r3.id.hasPrefix(r1.id + "~") && r3.warnings.contains("id_conflict"))
        #expect(r3.customer.email == "otro@example.es" && r3.duplicate != true)
        #expect(try register.count() == 3)
    }

    // MARK: register files that are not ours

    static func sqlite(_ path: String, _ sql: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit(); c.close()", path, sql]
        try p.run()
        p.waitUntilExit()
    }

    @Test("another application's SQLite file is refused and left byte for byte as it was")
    func foreignDatabase() throws {
        let path = RegisterTests.tempPath()
        try Self.sqlite(path, "CREATE TABLE foo (a TEXT); INSERT INTO foo VALUES ('x');")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: RegisterError.foreign(path: path, tables: ["foo"])) { try ComplaintRegister(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test("a register from a newer schema is refused and left byte for byte as it was")
    func newerSchema() throws {
        let path = RegisterTests.tempPath()
        _ = try ComplaintRegister(path: path)
        try Self.sqlite(path, "PRAGMA journal_mode=DELETE; INSERT INTO grdb_migrations VALUES ('v99-future');")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: RegisterError.newerSchema(path: path)) { try ComplaintRegister(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("reads open the register read-only and change nothing")
    func readOnly() throws {
        let path = RegisterTests.tempPath()
        let w = try ComplaintRegister(path: path)
        _ = try w.ingest(Message(channel: .web, receivedAt: Timestamp.parse("2024-03-05T10:00:00Z"), text: "el pedido llegó roto"), with: Fixtures.pipeline)
        let r = try ComplaintRegister(path: path, access: .readOnly)
        #expect(try r.export().count == 1)
        #expect(try r.due(at: Timestamp.parse("2024-03-07T00:00:00Z")!).count == 1)
        #expect(throws: RegisterError.missing(path: path + ".nope")) { try ComplaintRegister(path: path + ".nope", access: .readOnly) }
        #expect(!FileManager.default.fileExists(atPath: path + ".nope"))
    }
}
