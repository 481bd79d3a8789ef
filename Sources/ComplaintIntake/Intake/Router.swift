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

/// ISO 8601 times without a shared formatter (formatters are neither cheap nor Sendable).
public enum Timestamp {
    /// The first and last second that ``iso(_:)`` writes: 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
    static let seconds = Double(Day.ordinals.lowerBound) * 86_400...Double(Day.ordinals.upperBound + 1) * 86_400 - 1

    /// `2024-03-05T14:30:00Z`. A time outside the years 1 to 9999 (a deadline computed from a received time at the
    /// end of year 9999) is written as the nearest of those bounds, so the text is always ISO 8601.
    public static func iso(_ date: Date) -> String {
        let raw = date.timeIntervalSince1970
        let clamped = raw.isNaN ? 0 : min(max(raw, seconds.lowerBound), seconds.upperBound)
        let t = Int(clamped.rounded(.down))
        let days = Int((Double(t) / 86_400).rounded(.down))
        let secs = t - days * 86_400
        guard let day = Day(ordinal: days) else { return "1970-01-01T00:00:00Z" }
        return String(unsafeUninitializedCapacity: 20) { out in
            Day.write(day.year, 4, out, 0)
            out[4] = 0x2D
            Day.write(day.month, 2, out, 5)
            out[7] = 0x2D
            Day.write(day.day, 2, out, 8)
            out[10] = 0x54  // T
            Day.write(secs / 3600, 2, out, 11)
            out[13] = 0x3A
            Day.write(secs % 3600 / 60, 2, out, 14)
            out[16] = 0x3A
            Day.write(secs % 60, 2, out, 17)
            out[19] = 0x5A  // Z
            return 20
        }
    }

    /// Parses ISO 8601: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z`, `±HH:MM` or no zone (UTC).
    public static func parse(_ text: String) -> Date? {
        let u = Array(text.trimmingSpaces().utf8)
        func num(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= u.count else { return nil }
            var v = 0
            for c in u[r] { guard c >= 48, c <= 57 else { return nil }; v = v * 10 + Int(c - 48) }
            return v
        }
        guard u.count >= 10, u[4] == 45, u[7] == 45, let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10),
              let day = Day(year: y, month: mo, day: d) else { return nil }
        var seconds = day.ordinal * 86_400
        var i = 10
        if i < u.count, u[i] == 84 || u[i] == 116 || u[i] == 32 {
            guard let h = num(i + 1..<i + 3), u.count > i + 3, u[i + 3] == 58, let mi = num(i + 4..<i + 6), h < 24, mi < 60 else { return nil }
            seconds += h * 3600 + mi * 60
            i += 6
            if i < u.count, u[i] == 58 {
                guard let s = num(i + 1..<i + 3), s < 61 else { return nil }
                seconds += s
                i += 3
                if i < u.count, u[i] == 46 { i += 1; while i < u.count, u[i] >= 48, u[i] <= 57 { i += 1 } }
            }
        }
        if i < u.count {
            if u[i] == 90 || u[i] == 122 { i += 1 }
            else if u[i] == 43 || u[i] == 45 {
                let sign = u[i] == 43 ? 1 : -1
                guard let oh = num(i + 1..<i + 3) else { return nil }
                var om = 0
                if i + 3 < u.count, u[i + 3] == 58 { guard let m = num(i + 4..<i + 6) else { return nil }; om = m; i += 6 }
                else if let m = num(i + 3..<i + 5) { om = m; i += 5 } else { i += 3 }
                seconds -= sign * (oh * 3600 + om * 60)
            }
        }
        guard i == u.count else { return nil }
        return Date(timeIntervalSince1970: Double(seconds))
    }
}
