import IntakeCore
import IntakeText
import IntakeLexicon
import IntakeClassify
import IntakeExtract
import IntakeInput
import Foundation

/// Decides where a classified complaint goes and by when: department, severity, escalation, flags and due
/// dates, by the rules of a ``Policy``.
public struct Router: Sendable {
    public let policy: Policy

    public init(policy: Policy) { self.policy = policy }

    public struct Routing: Sendable, Equatable {
        public var department: String
        public var severity: String
        public var escalation: IntakeRecord.Escalation
        public var flags: [String]
        public var due: IntakeRecord.Due
        public var repeatCount: Int
    }

    /// Routes a complaint received at `received`; `knownRepeats` is the count of earlier complaints of the same
    /// customer that a register found (0 without one).
    public func route(category: Category, fields: ExtractedFields, tier: String?, received: Date, referenceDay: Day? = nil, knownRepeats: Int = 0) -> Routing {
        var level = 0
        var reasons: [String] = []
        var flags: [String] = []
        for sig in fields.signals where sig.flag != "repeat_complaint" {
            if !flags.contains(sig.flag) { flags.append(sig.flag) }
            let l = policy.signalLevels[sig.flag] ?? 0
            if l > 0, !reasons.contains(sig.flag) { reasons.append(sig.flag) }
            level = max(level, l)
        }
        let stated = fields.signals.compactMap { $0.flag == "repeat_complaint" ? ($0.count ?? 2) : nil }.max() ?? 0
        let repeatCount = max(stated, knownRepeats + 1)
        if repeatCount >= 2 {
            flags.append("repeat_complaint")
            let l = policy.repeatLevel(repeatCount)
            if l > 0 { reasons.append("repeat_complaint:\(repeatCount)") }
            // The procedures send the third complaint to the team lead with a text message.
            if l == 2 { flags.append("notify_team_lead") }
            level = max(level, l)
        }
        let receivedDay = referenceDay ?? Day(secondsSince1970: received.timeIntervalSince1970)
        if let receivedDay, let receipt = fields.dates.filter(\.receipt).compactMap({ Day(iso: $0.value) }).min(),
           receivedDay.ordinal - receipt.ordinal > policy.complaintWindowDays {
            flags.append("outside_complaint_window")
        }
        let severity: String
        if flags.contains("safety") { severity = "critical" }
        else if level >= 2 { severity = "high" }
        else if level == 0, category == .other, fields.remedies.isEmpty { severity = "low" }
        else { severity = "normal" }
        let investigate = received.addingTimeInterval(Double(policy.investigateWithinHours) * 3600)
        let respond = investigate.addingTimeInterval(Double(policy.respondWithinHours) * 3600)
        let followUp = respond.addingTimeInterval(Double(policy.followUpWithinDays) * 86_400)
        let replacement = tier.flatMap { policy.replacementDaysByTier[$0] }.map { received.addingTimeInterval(Double($0) * 86_400) }
        return Routing(
            department: policy.departments[category] ?? "triage", severity: severity,
            escalation: .init(level: level, reasons: reasons), flags: flags,
            due: .init(investigateBy: Timestamp.iso(investigate), respondBy: Timestamp.iso(respond), followUpBy: Timestamp.iso(followUp),
                       replacementBy: replacement.map(Timestamp.iso)),
            repeatCount: repeatCount)
    }
}

