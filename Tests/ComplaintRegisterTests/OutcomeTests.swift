import Foundation
import GRDB
import IntakeTestSupport
import Testing
@testable import ComplaintIntake
@testable import ComplaintRegister

/// Remedies given and satisfaction in the case history, and migration v4-outcomes over a register of the older schema.
@Suite("Case outcomes")
struct OutcomeTests {
    static func message(_ id: String, _ text: String, email: String, at time: String) -> Message {
        Message(id: id, channel: .web, receivedAt: Timestamp.parse(time), customer: Customer(email: email), text: text)
    }

    static func seeded() throws -> ComplaintRegister {
        let r = try ComplaintRegister(path: RegisterTests.tempPath())
        let p = Fixtures.pipeline
        _ = try r.ingest(message("zh-1", "扫地机器人用了两天就不转了，屏幕一直报错，要求退款。", email: "he.jing@example.cn", at: "2024-06-03T02:00:00Z"), with: p)
        _ = try r.ingest(message("es-1", "El colchón llegó manchado y con olor a humedad. Quiero que me lo cambien o me devuelvan el dinero.", email: "sofia.r@correo.es", at: "2024-06-04T09:00:00Z"), with: p)
        return r
    }

    @Test("a remedy and a satisfaction go into the history with their time; the status stays", arguments: [
        ("zh-1", GivenRemedy.refund, 4, "已退款，客户表示满意"), ("es-1", GivenRemedy.exchange, 2, "Cambio enviado; la clienta sigue molesta"),
    ])
    func recorded(id: String, remedy: GivenRemedy, score: Int, note: String) throws {
        let r = try Self.seeded()
        try r.transition(id: id, to: .investigating, at: Timestamp.parse("2024-06-05T08:00:00Z")!)
        let c = try r.recordOutcome(id: id, remedy: remedy, satisfaction: score, note: note, at: Timestamp.parse("2024-06-07T10:30:00Z")!)
        #expect(c.status == .investigating)
        #expect(c.history.last == .init(at: "2024-06-07T10:30:00Z", status: .investigating, note: note, remedy: remedy, satisfaction: score))
        #expect(try r.complaint(id: id).history.count == 3)
        let read = try ComplaintRegister(path: r.path, access: .readOnly).complaint(id: id)
        #expect(read.history.last?.remedy == remedy && read.history.last?.satisfaction == score)
    }

    @Test("remedies add up, the latest satisfaction counts; off the scale or an unknown case is refused and nothing written")
    func rules() throws {
        let r = try Self.seeded()
        try r.recordOutcome(id: "zh-1", remedy: .apology)
        try r.recordOutcome(id: "zh-1", remedy: .refund, satisfaction: 2)
        try r.recordOutcome(id: "zh-1", satisfaction: 5)
        let cells = try r.outcomes(in: .init())
        #expect(cells.contains { $0.given == ["refund", "apology"] && $0.satisfaction == 5 && $0.asked == ["refund"] })
        for bad in [0, 6, -1] {
            #expect(throws: RegisterError.invalidSatisfaction(id: "es-1", value: bad)) { try r.recordOutcome(id: "es-1", satisfaction: bad) }
        }
        #expect(throws: RegisterError.unknownCase(id: "nope")) { try r.recordOutcome(id: "nope", remedy: .refund) }
        #expect(try r.complaint(id: "es-1").history.count == 1)
    }

    @Test("the first time a case reaches each step is kept for the handling times")
    func stageTimes() throws {
        let r = try Self.seeded()
        try r.transition(id: "es-1", to: .investigating, at: Timestamp.parse("2024-06-04T15:00:00Z")!)
        try r.transition(id: "es-1", to: .closed, at: Timestamp.parse("2024-06-05T09:00:00Z")!)
        let times = try r.handling(in: .init())
        #expect(times.contains { $0.department == "quality_management" && $0.stage == .investigating && $0.medianMinutes == 360 && $0.withinDeadline == 1 })
        #expect(times.contains { $0.stage == .closed && $0.medianMinutes == 1440 && $0.withinDeadline == nil })
        #expect(!times.contains { $0.stage == .responded })
    }

    @Test("a corrected category carries the complaint's terms and signals with it")
    func correction() throws {
        let r = try Self.seeded()
        let was = try r.complaint(id: "zh-1").record.category.rawValue
        let chinese = { (f: ReportAggregates.FacetCount) in f.kind == "term" && f.value.unicodeScalars.contains { $0.value >= 0x4E00 } }
        let before = try r.facets(in: .init()).filter(chinese)
        #expect(!before.isEmpty && before.allSatisfy { $0.category == was })
        try DatabaseQueue(path: r.path).write { db in try db.execute(sql: "UPDATE complaint SET category = 'other' WHERE id = 'zh-1'") }
        let after = try r.facets(in: .init()).filter(chinese)
        #expect(after.map(\.value) == before.map(\.value) && after.allSatisfy { $0.category == "other" })
    }

    @Test("percentiles by nearest rank over minute counts", arguments: [
        ([10, 20, 30, 40], 20, 40), ([5], 5, 5), ([1, 1, 1, 100], 1, 100), ([0, 60, 120, 180, 240, 300, 360, 420, 480, 540], 240, 480),
    ])
    func percentiles(minutes: [Int], median: Int, p90: Int) {
        var h = DurationHistogram()
        for m in minutes { h.add(minutes: m, count: 1) }
        #expect(h.percentile(0.5) == median && h.percentile(0.9) == p90)
    }

    @Test("v4-outcomes fills the columns of a register written before it from the record JSON and the history")
    func migration() throws {
        let r = try Self.seeded()
        try r.transition(id: "zh-1", to: .investigating, at: Timestamp.parse("2024-06-03T20:00:00Z")!)
        try r.transition(id: "zh-1", to: .responded, at: Timestamp.parse("2024-06-05T01:00:00Z")!)
        let columns = "category, language, channel, severity, escalation_level, repeat_count, customer_key, investigate_by, respond_by, follow_up_by, investigating_at, responded_at, followed_up_at, closed_at, remedies_asked"
        let before = try DatabaseQueue(path: r.path).read { db in try Row.fetchAll(db, sql: "SELECT id, \(columns) FROM complaint ORDER BY id") }
        let facets = try DatabaseQueue(path: r.path).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM facet WHERE kind = 'signal'") }
        let stages = try r.handling(in: .init())
        // Back to the schema of v2, as an older tool wrote it.
        try DatabaseQueue(path: r.path).write { db in
            for index in ["complaint_volume", "complaint_outcome", "complaint_open", "complaint_customer"] { try db.execute(sql: "DROP INDEX \(index)") }
            try db.execute(sql: "DROP TRIGGER facet_follows_category")
            try db.execute(sql: "DROP TRIGGER stage_time_follows_department")
            try db.execute(sql: "DROP TABLE facet")
            try db.execute(sql: "DROP TABLE stage_time")
            for c in (columns + ", received_day, satisfaction, remedies_given").split(separator: ",") {
                try db.execute(sql: "ALTER TABLE complaint DROP COLUMN \(c.trimmingCharacters(in: .whitespaces))")
            }
            try db.execute(sql: "ALTER TABLE event DROP COLUMN remedy")
            try db.execute(sql: "ALTER TABLE event DROP COLUMN satisfaction")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v4-outcomes'")
        }
        let old = try ComplaintRegister(path: r.path, access: .readOnly)
        #expect(try old.hasReportColumns() == false)
        #expect(try old.complaint(id: "zh-1").history.map(\.status) == [.open, .investigating, .responded])
        _ = try ComplaintRegister(path: r.path)
        let after = try DatabaseQueue(path: r.path).read { db in try Row.fetchAll(db, sql: "SELECT id, \(columns) FROM complaint ORDER BY id") }
        #expect(after == before)
        #expect(after.last?["responded_at"] == "2024-06-05T01:00:00Z" && after.last?["customer_key"] == "email:he.jing@example.cn")
        #expect(try DatabaseQueue(path: r.path).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM facet WHERE kind = 'signal'") } == facets)
        #expect(try r.handling(in: .init()) == stages && stages.count == 2)
    }
}
