import ComplaintIntake
import Foundation
import GRDB
import IntakeTestSupport
import Testing
@testable import ComplaintRegister

/// A desk's corrections in the register, in both languages: the history, the model's category kept, the re-routing,
/// the labels they export and the review queue.
@Suite("Corrections in the register")
struct CorrectionTests {
    struct Case: Sendable, CustomStringConvertible {
        let id: String
        let text: String
        let desk: Category
        var description: String { id }
    }

    static let cases = [
        Case(id: "zh-courier", text: "快递小哥把箱子直接扔在楼下，打电话还骂人，说爱要不要。", desk: .delivery),
        Case(id: "es-courier", text: "El repartidor me gritó en la puerta porque tardé en bajar y se fue con mi paquete, qué falta de respeto.", desk: .delivery),
    ]

    static func register() throws -> ComplaintRegister {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intake-corrections-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return try ComplaintRegister(path: dir.appendingPathComponent("r.sqlite").path)
    }

    static func message(_ c: Case, at time: String = "2024-03-05T09:00:00Z") -> Message {
        Message(id: c.id, channel: .social, receivedAt: Timestamp.parse(time), text: c.text)
    }

    @Test("a correction is a history event with its time and note; the record keeps the model's category and scores", arguments: cases)
    func correct(_ c: Case) throws {
        let r = try Self.register()
        let model = try r.ingest(Self.message(c), with: Fixtures.pipeline).record
        let other = Category.allCases.first { $0 != model.category && $0 != c.desk }!
        try r.correct(id: c.id, to: other, department: "desk_\(other.rawValue)", note: "first look", at: Timestamp.parse("2024-03-05T10:00:00Z")!)
        let done = try r.correct(id: c.id, to: c.desk, department: "logistics", note: "courier team", at: Timestamp.parse("2024-03-05T11:00:00Z")!)
        #expect(done.category == c.desk && done.corrected && done.department == "logistics")
        #expect(done.record.category == model.category && done.record.scores == model.scores && done.record.department == model.department)
        #expect(done.status == .open)
        let events = done.history.filter { $0.category != nil }
        #expect(events.map(\.category) == [other, c.desk])
        #expect(events.map(\.previousCategory) == [model.category, other])
        #expect(events.map(\.at) == ["2024-03-05T10:00:00Z", "2024-03-05T11:00:00Z"])
        #expect(events.last?.note == "courier team")
        let json = String(decoding: try JSONEncoder().encode(done), as: UTF8.self)
        #expect(json.contains("\"model_category\":\"\(model.category.rawValue)\"") && json.contains("\"corrected\":true"))
        // The department follows the desk's category in what the desk works from.
        let due = try r.due(at: Timestamp.parse("2024-03-05T12:00:00Z")!)
        #expect(due.first { $0.id == c.id }.map { ($0.category, $0.department) } ?? ("", "") == (c.desk.rawValue, "logistics"))
        #expect(try r.due(at: Date(), department: "logistics").map(\.id) == [c.id])
    }

    @Test("labels: the desk's category where it set one, the model's elsewhere; --corrected-only keeps the first")
    func labels() throws {
        let r = try Self.register()
        for c in Self.cases { _ = try r.ingest(Self.message(c), with: Fixtures.pipeline) }
        let plain = Case(id: "es-late", text: "Mi pedido lleva dos semanas en tránsito y la paquetería no da ninguna fecha de entrega.", desk: .delivery)
        let kept = try r.ingest(Self.message(plain, at: "2024-03-06T09:00:00Z"), with: Fixtures.pipeline).record
        try r.correct(id: "zh-courier", to: .delivery, department: "logistics")
        let all = try r.labels()
        #expect(all.map(\.id) == ["es-courier", "zh-courier", "es-late"])
        let zh = try #require(all.first { $0.id == "zh-courier" })
        #expect(zh.label == .delivery && zh.corrected && zh.language == .chineseSimplified && zh.text == Self.cases[0].text)
        let late = try #require(all.first { $0.id == "es-late" })
        #expect(late.label == kept.category && late.modelCategory == kept.category && !late.corrected && late.language == .spanish)
        #expect(try r.labels(correctedOnly: true).map(\.id) == ["zh-courier"])
        #expect(try r.labels(since: Timestamp.parse("2024-03-06T00:00:00Z")).map(\.id) == ["es-late"])
    }

    @Test("review: open, uncorrected cases, the smallest margin between the top two categories first")
    func review() throws {
        let r = try Self.register()
        let texts = [
            ("zh-1", "收到的耳机左边没声音，客服到现在也没回复我。"),
            ("zh-2", "物流显示已签收，但我根本没收到包裹。"),
            ("es-1", "El producto llegó bien pero el manual viene en inglés y nadie me explica cómo instalarlo."),
            ("es-2", "Llevo tres semanas esperando el reembolso y en atención al cliente me cuelgan el teléfono."),
            ("es-3", "Excelente compra, la cafetera funciona perfecto, gracias."),
        ]
        for (i, t) in texts.enumerated() {
            _ = try r.ingest(Message(id: t.0, channel: .web, receivedAt: Timestamp.parse("2024-03-0\(i + 1)T09:00:00Z"), text: t.1), with: Fixtures.pipeline)
        }
        try r.correct(id: "zh-2", to: .delivery, department: "logistics")
        try r.transition(id: "es-3", to: .closed)
        let queue = try r.reviewQueue(limit: 10)
        #expect(Set(queue.map(\.id)) == ["zh-1", "es-1", "es-2"])
        #expect(queue.map(\.margin) == queue.map(\.margin).sorted())
        for item in queue {
            let p = Category.allCases.map { item.scores.probability($0) }.sorted(by: >)
            #expect(abs(item.margin - (p[0] - p[1])) < 0.0002)
            #expect(item.second != item.category)
        }
        #expect(try r.reviewQueue(limit: 1).map(\.id) == [queue[0].id])
    }

    @Test("an unknown case is refused and nothing is written")
    func unknown() throws {
        let r = try Self.register()
        #expect(throws: RegisterError.unknownCase(id: "nope")) { try r.correct(id: "nope", to: .quality, department: "quality_management") }
        #expect(try r.count() == 0)
    }

    @Test("a register of the schema before corrections, opened read-only, still reads: no correction, nothing changed")
    func olderSchema() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intake-v2-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("old.sqlite").path
        let q = try DatabaseQueue(path: path)
        try ComplaintRegister.migrator.migrate(q, upTo: "v2-event-index")
        let record = try Fixtures.pipeline.process(Self.message(Self.cases[1]))
        let json = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        try q.write { db in
            try db.execute(sql: "INSERT INTO complaint (id, received_at, stored_at, status, department, record) VALUES (?, ?, ?, 'open', ?, ?)",
                           arguments: [record.id, record.receivedAt, record.receivedAt, record.department, json])
            try db.execute(sql: "INSERT INTO event (complaint_id, at, status) VALUES (?, ?, 'open')", arguments: [record.id, record.receivedAt])
        }
        try q.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let r = try ComplaintRegister(path: path, access: .readOnly)
        let c = try r.complaint(id: record.id)
        #expect(c.category == record.category && !c.corrected && c.history.count == 1)
        #expect(try r.labels().map(\.label) == [record.category])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}
