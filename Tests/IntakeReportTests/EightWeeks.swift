import ComplaintRegister
import Foundation
import IntakeTestSupport
@testable import ComplaintIntake

/// The register of Tests/Reports/: 22 complaints in Chinese and Spanish over the eight weeks from Monday 1 April 2024
/// (the fifth week empty), repeat customers among them, and cases moved on with remedies and satisfaction.
enum EightWeeks {
    struct Move: Decodable {
        var id: String
        var hours: Double
        var status: CaseStatus?
        var remedy: GivenRemedy?
        var satisfaction: Int?
        var note: String?
    }

    static func lines() -> [[String: Any]] {
        let text = (try? String(contentsOfFile: Repository.path("Tests/Reports/eight-weeks.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    static func moves() -> [Move] {
        let text = (try? String(contentsOfFile: Repository.path("Tests/Reports/eight-weeks-moves.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Move.self, from: Data($0.utf8)) }
    }

    static func tempPath() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intake-report-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("register.sqlite").path
    }

    /// A new register holding the complaints (stored as they arrive) and, with `moved`, the moves.
    static func register(moved: Bool = true) throws -> ComplaintRegister {
        let r = try ComplaintRegister(path: tempPath())
        var received: [String: Date] = [:]
        for l in lines() {
            let c = l["customer"] as? [String: String] ?? [:]
            let at = Timestamp.parse(l["received_at"] as! String)!
            let m = Message(id: l["id"] as? String, channel: Channel(rawValue: l["channel"] as! String) ?? .unknown, receivedAt: at,
                            customer: Customer(name: c["name"], email: c["email"]), text: l["text"] as! String)
            _ = try r.ingest(m, with: Fixtures.pipeline, at: at)
            received[m.id!] = at
        }
        guard moved else { return r }
        for m in moves() {
            let at = received[m.id]!.addingTimeInterval(m.hours * 3600)
            if let s = m.status { try r.transition(id: m.id, to: s, note: m.note, at: at) }
            if m.remedy != nil || m.satisfaction != nil { try r.recordOutcome(id: m.id, remedy: m.remedy, satisfaction: m.satisfaction, at: at) }
        }
        return r
    }
}
