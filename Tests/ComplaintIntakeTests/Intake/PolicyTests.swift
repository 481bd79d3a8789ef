import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

@Suite("Policy and routing")
struct PolicyTests {
    func write(_ text: String, _ ext: String) throws -> String {
        let path = NSTemporaryDirectory() + "policy-\(UUID().uuidString).\(ext)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("the built-in policy follows the procedures: 24 h, +48 h, +1 week, 30 days, tiers 1/2/3")
    func builtIn() throws {
        let p = try Policy.builtIn()
        #expect(p.investigateWithinHours == 24)
        #expect(p.respondWithinHours == 48)
        #expect(p.followUpWithinDays == 7)
        #expect(p.complaintWindowDays == 30)
        #expect(p.replacementDaysByTier == ["A": 1, "B": 2, "C": 3])
        #expect(p.departments[.delivery] == "logistics")
        #expect(p.repeatLevel(2) == 1 && p.repeatLevel(3) == 2 && p.repeatLevel(4) == 3 && p.repeatLevel(7) == 3)
    }

    @Test("a JSON or TOML file overrides single keys")
    func overrides() throws {
        let base = try Policy.builtIn()
        let json = try Policy.load(path: try write(#"{"investigate_within_hours": 12, "departments": {"other": "billing"}}"#, "json"), over: base)
        #expect(json.investigateWithinHours == 12)
        #expect(json.departments[.other] == "billing")
        #expect(json.departments[.quality] == "quality_management")
        let toml = try Policy.load(path: try write("complaint_window_days = 15\n[signal_levels]\nmedia_threat = 2\n", "toml"), over: base)
        #expect(toml.complaintWindowDays == 15)
        #expect(toml.signalLevels["media_threat"] == 2)
    }

    @Test("an invalid policy names the bad key")
    func invalid() throws {
        let base = try Policy.builtIn()
        #expect(throws: PolicyError.self) { try Policy.load(path: try write(#"{"investigate_hours": 12}"#, "json"), over: base) }
        do {
            _ = try Policy.load(path: try write(#"{"signal_levels": {"insult": 9}}"#, "json"), over: base)
            Issue.record("accepted a level of 9")
        } catch {
            #expect(String(describing: error).contains("signal_levels.insult"))
        }
    }

    @Test("routing: due dates, the complaint window, tiers, the repeat ladder")
    func routing() throws {
        let router = Router(policy: try Policy.builtIn())
        let received = Timestamp.parse("2024-03-20T08:00:00Z")!
        var fields = ExtractedFields()
        fields.dates = [DateMention(value: "2024-02-01", text: "2月1日", start: 0, end: 4, relative: false, ambiguous: false, receipt: true)]
        fields.signals = [Signal(flag: "repeat_complaint", count: 3, text: "第三次投诉", start: 5, end: 10)]
        let r = router.route(category: .quality, fields: fields, tier: "B", received: received)
        #expect(r.due.investigateBy == "2024-03-21T08:00:00Z")
        #expect(r.due.respondBy == "2024-03-23T08:00:00Z")
        #expect(r.due.followUpBy == "2024-03-30T08:00:00Z")
        #expect(r.due.replacementBy == "2024-03-22T08:00:00Z")
        #expect(r.flags.contains("outside_complaint_window"))
        #expect(r.repeatCount == 3)
        #expect(r.escalation.level == 2)
        let insult = router.route(category: .service, fields: {
            var f = ExtractedFields()
            f.signals = [Signal(flag: "insult", count: nil, text: "骂人", start: 0, end: 2)]
            return f
        }(), tier: nil, received: received)
        #expect(insult.escalation.level == 3)
        #expect(insult.severity == "high")
    }
}
