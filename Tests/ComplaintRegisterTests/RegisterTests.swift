import ComplaintRegister
import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// The complaint register over real messages in both languages, each test with its own database file.
@Suite("Complaint register")
struct RegisterTests {
    static func tempPath(_ name: String = #function) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intake-register-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("complaints.sqlite").path
    }

    static func message(_ id: String, _ text: String, email: String? = nil, phone: String? = nil, at time: String) -> Message {
        Message(id: id, channel: .email, receivedAt: Timestamp.parse(time), customer: Customer(email: email, phone: phone), text: text)
    }

    @Test("repeat by e-mail climbs the ladder: specialist, team lead with a notification, level-3 manager")
    func ladderByEmail() throws {
        let r = try ComplaintRegister(path: Self.tempPath())
        let p = Fixtures.pipeline
        let texts = [
            "我买的电水壶用了三天就漏水了，要求换货。",
            "上次说的电水壶漏水到现在没人处理，客服一直不回消息。",
            "已经第二次找你们了，水壶的事还是没人管，太失望了。",
            "这是我本月第四次投诉电水壶的问题，再不处理我就去12315。",
        ]
        var records: [IntakeRecord] = []
        for (i, t) in texts.enumerated() {
            let m = Self.message("zh-\(i)", t, email: "Li.Na@example.cn", at: "2024-03-0\(i + 1)T09:00:00Z")
            records.append(try r.ingest(m, with: p).record)
        }
        #expect(records.map(\.repeatCount) == [1, 2, 3, 4])
        #expect(records[1].escalation.level >= 1 && records[2].escalation.level >= 2)
        #expect(records[1].repeatOf == ["zh-0"])
        #expect(records[3].repeatOf == ["zh-0", "zh-1", "zh-2"])
        #expect(records[2].flags.contains("notify_team_lead"))
        #expect(records[3].escalation.level == 3)
    }

    @Test("repeat by phone number (E.164) and by order number, in Spanish")
    func byPhoneAndOrder() throws {
        let r = try ComplaintRegister(path: Self.tempPath())
        let p = Fixtures.pipeline
        let a = try r.ingest(Self.message("es-1", "El pedido ES-883104 llegó con la pantalla rota. Llamadme al 611 48 20 97.", at: "2024-04-02T10:00:00Z"), with: p).record
        let b = try r.ingest(Self.message("es-2", "Soy yo otra vez, nadie me ha llamado al +34 611 482 097 por la pantalla rota.", at: "2024-04-05T10:00:00Z"), with: p).record
        let c = try r.ingest(Self.message("es-3", "Sigo esperando el reembolso del pedido ES-883104, es una vergüenza.", email: "otra@correo.es", at: "2024-04-09T10:00:00Z"), with: p).record
        #expect(a.repeatCount == 1)
        #expect(b.repeatOf == ["es-1"])
        #expect(c.repeatOf == ["es-1"])
        #expect(c.repeatCount == 2 && c.escalation.level >= 1)
    }

    @Test("outside the repeat window the count starts again")
    func window() throws {
        let r = try ComplaintRegister(path: Self.tempPath(), repeatWindowDays: 30)
        let p = Fixtures.pipeline
        _ = try r.ingest(Self.message("w-1", "快递丢了，订单号DD20240101001", at: "2024-01-02T08:00:00Z"), with: p)
        let late = try r.ingest(Self.message("w-2", "订单号DD20240101001的退款还没到账", at: "2024-03-15T08:00:00Z"), with: p).record
        #expect(late.repeatCount == 1)
        #expect(late.repeatOf == [])
    }

    @Test("the same message twice is one complaint, reported as a duplicate")
    func idempotent() throws {
        let r = try ComplaintRegister(path: Self.tempPath())
        let m = Self.message("<abc@mail.example>", "La lavadora no centrifuga desde el primer día.", email: "ana@correo.mx", at: "2024-05-01T12:00:00Z")
        let first = try r.ingest(m, with: Fixtures.pipeline)
        let second = try r.ingest(m, with: Fixtures.pipeline)
        #expect(first == .stored(first.record))
        #expect(second.record.duplicate == true)
        #expect(second.record.repeatCount == 1)
        #expect(try r.count() == 1)
    }

    @Test("transitions follow the procedure; invalid ones are refused")
    func transitions() throws {
        let r = try ComplaintRegister(path: Self.tempPath())
        let id = try r.ingest(Self.message("t-1", "客服骂人，态度极差", at: "2024-03-01T09:00:00Z"), with: Fixtures.pipeline).record.id
        #expect(throws: RegisterError.invalidTransition(id: id, from: .open, to: .responded)) {
            try r.transition(id: id, to: .responded)
        }
        try r.transition(id: id, to: .investigating, note: "主管已联系客户", at: Timestamp.parse("2024-03-01T12:00:00Z")!)
        try r.transition(id: id, to: .responded, at: Timestamp.parse("2024-03-02T12:00:00Z")!)
        let c = try r.transition(id: id, to: .closed, note: "已道歉并补偿", at: Timestamp.parse("2024-03-03T12:00:00Z")!)
        #expect(c.history.map(\.status) == [.open, .investigating, .responded, .closed])
        #expect(c.history[1].note == "主管已联系客户")
        #expect(c.nextDeadline == nil)
        #expect(throws: RegisterError.invalidTransition(id: id, from: .closed, to: .investigating)) {
            try r.transition(id: id, to: .investigating)
        }
        #expect(throws: RegisterError.unknownCase(id: "nope")) { try r.complaint(id: "nope") }
    }

    @Test("the overdue list at a given time, by department")
    func overdue() throws {
        let r = try ComplaintRegister(path: Self.tempPath())
        let p = Fixtures.pipeline
        let late = try r.ingest(Self.message("d-1", "Mi paquete lleva diez días sin moverse, guía 1234567890.", at: "2024-03-01T09:00:00Z"), with: p).record
        let fresh = try r.ingest(Self.message("d-2", "El envío no ha llegado todavía.", at: "2024-03-03T08:00:00Z"), with: p).record
        let moved = try r.ingest(Self.message("d-3", "收到的衣服尺码不对，质量也差", at: "2024-03-01T09:00:00Z"), with: p).record
        try r.transition(id: moved.id, to: .investigating, at: Timestamp.parse("2024-03-01T10:00:00Z")!)
        let at = Timestamp.parse("2024-03-03T09:00:00Z")!
        let overdue = try r.due(at: at, overdueOnly: true)
        #expect(overdue.map(\.id) == ["d-1"])
        #expect(overdue.first?.deadlineKind == "investigate_by")
        let all = try r.due(at: at)
        #expect(Set(all.map(\.id)) == ["d-1", "d-2", "d-3"])
        #expect(all.first { $0.id == "d-3" }?.deadlineKind == "respond_by")
        #expect(try r.due(at: at, department: late.department).allSatisfy { $0.department == late.department })
        #expect(fresh.department == late.department)
    }

    @Test("export round trip: the JSON Lines sheet decodes to the stored cases")
    func export() throws {
        let r = try ComplaintRegister(path: Self.tempPath())
        _ = try r.ingest(Self.message("x-1", "退款申请提交一周了还没处理", at: "2024-03-01T09:00:00Z"), with: Fixtures.pipeline)
        _ = try r.ingest(Self.message("x-2", "Me cobraron dos veces la misma factura", at: "2024-03-05T09:00:00Z"), with: Fixtures.pipeline)
        let cases = try r.export()
        let encoder = JSONEncoder()
        let decoded = try cases.map { try JSONDecoder().decode(ComplaintCase.self, from: try encoder.encode($0)) }
        #expect(decoded == cases)
        #expect(cases.map(\.id) == ["x-1", "x-2"])
        #expect(try r.export(since: Timestamp.parse("2024-03-03")).map(\.id) == ["x-2"])
    }

    @Test("a file that is not a register is a clear error and is left as it was")
    func notADatabase() throws {
        let path = Self.tempPath()
        let junk = Data("这不是数据库 — esto no es una base de datos\n".utf8) + Data(repeating: 0x41, count: 4096)
        try junk.write(to: URL(fileURLWithPath: path))
        #expect(throws: RegisterError.notADatabase(path: path)) { try ComplaintRegister(path: path) }
        #expect(FileManager.default.contents(atPath: path) == junk)
    }

    @Test("a register from a newer tool is refused, never changed")
    func newerSchema() throws {
        let path = Self.tempPath()
        _ = try ComplaintRegister(path: path)
        // A newer tool would have recorded a migration this one does not know.
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"INSERT INTO grdb_migrations VALUES ('v9')\"); c.commit()", path]
        try sqlite.run()
        sqlite.waitUntilExit()
        try #require(sqlite.terminationStatus == 0)
        #expect(throws: RegisterError.newerSchema(path: path)) { try ComplaintRegister(path: path) }
    }
}
