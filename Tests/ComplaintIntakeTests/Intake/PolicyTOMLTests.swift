import Foundation
import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// TOML policies read by a real TOML parser, with every key the JSON policy has, and errors that say where.
@Suite("Policy in TOML")
struct PolicyTOMLTests {
    func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "policy-\(UUID().uuidString).toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("the example policy: every key, inline tables, comments, names in Spanish and Chinese")
    func example() throws {
        let p = try Policy.load(path: Repository.path("examples/policy.toml"), over: try Policy.builtIn())
        #expect(p.investigateWithinHours == 12)
        #expect(p.respondWithinHours == 24)
        #expect(p.followUpWithinDays == 5)
        #expect(p.complaintWindowDays == 15)
        #expect(p.repeatWindowDays == 60)
        #expect(p.secondaryThreshold == 0.25)
        #expect(p.replacementDaysByTier == ["A": 1, "B": 2, "C": 4])
        #expect(p.repeatLevels == [2: 1, 3: 2, 4: 3])
        #expect(p.departments == [.quality: "calidad", .delivery: "logística", .service: "atención_al_cliente", .other: "客服分诊"])
        #expect(p.signalLevels["regulator_threat"] == 3 && p.signalLevels["urgent"] == 1)
    }

    @Test("the TOML and JSON forms of one policy are the same policy", arguments: [
        ("replacement_days_by_tier = { A = 1, B = 2, C = 3 }", #"{"replacement_days_by_tier": {"A": 1, "B": 2, "C": 3}}"#),
        ("departments.other = \"facturación\"\ninvestigate_within_hours = 1_2", #"{"departments": {"other": "facturación"}, "investigate_within_hours": 12}"#),
        ("[repeat_levels]\n\"2\" = 2\n5 = 3", #"{"repeat_levels": {"2": 2, "5": 3}}"#),
        ("secondary_threshold = 3e-1\n[signal_levels]\n  insult = 2 # 骂人", #"{"secondary_threshold": 0.3, "signal_levels": {"insult": 2}}"#),
    ])
    func sameAsJSON(toml: String, json: String) throws {
        let base = try Policy.builtIn()
        let jsonPath = NSTemporaryDirectory() + "policy-\(UUID().uuidString).json"
        try json.write(toFile: jsonPath, atomically: true, encoding: .utf8)
        #expect(try Policy.load(path: try write(toml), over: base) == Policy.load(path: jsonPath, over: base))
    }

    @Test("a bad key or value names the key and its line", arguments: [
        ("complaint_window_days = 30\ninvestigate_hours = 12\n", "investigate_hours", 2),
        ("# 投诉政策\n[signal_levels]\ninsult = 3\nsafety = 7\n", "signal_levels.safety", 4),
        ("repeat_window_days = 30\nreplacement_days_by_tier = { A = 1, B = \"dos\" }\n", "replacement_days_by_tier.B", 2),
        ("investigate_within_hours = true\n", "investigate_within_hours", 1),
        ("secondary_threshold = 0.1\n\n[departments]\nquality = \"\"\n", "departments.quality", 4),
        ("repeat_levels = { 1 = 2 }\n", "repeat_levels.1", 1),
    ])
    func badKey(text: String, key: String, line: Int) throws {
        let path = try write(text)
        do {
            _ = try Policy.load(path: path, over: try Policy.builtIn())
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description.hasPrefix("\(path):\(line): key '\(key)'"), "\(error.description)")
        }
    }

    @Test("a syntax error names its line and column", arguments: [
        ("investigate_within_hours = 12\nreplacement_days_by_tier = { A = 1, B = 2\n", 2),
        ("[departments]\nquality = \"calidad\"\nquality = \"质量部\"\n", 3),
        ("respond_within_hours = 48 horas\n", 1),
    ])
    func syntax(text: String, line: Int) throws {
        let path = try write(text)
        do {
            _ = try Policy.load(path: path, over: try Policy.builtIn())
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description.hasPrefix("\(path):\(line): not valid TOML"), "\(error.description)")
            #expect(error.description.contains("column"))
        }
    }
}
