import ComplaintIntake
import Foundation

/// A complaint in the register: its record, where it stands, and what happened to it.
public struct ComplaintCase: Sendable, Equatable, Codable {
    public struct Event: Sendable, Equatable, Codable {
        public var at: String
        public var status: CaseStatus
        public var note: String?
        /// The remedy given, on an outcome event (`intake case ID --remedy`).
        public var remedy: GivenRemedy?
        /// The customer's feedback, 1 to 5, on an outcome event (`intake case ID --satisfaction`).
        public var satisfaction: Int?

        public init(at: String, status: CaseStatus, note: String? = nil, remedy: GivenRemedy? = nil, satisfaction: Int? = nil) {
            self.at = at
            self.status = status
            self.note = note
            self.remedy = remedy
            self.satisfaction = satisfaction
        }
    }

    public var id: String
    public var status: CaseStatus
    /// When the register stored it (ISO 8601).
    public var storedAt: String
    public var record: IntakeRecord
    public var history: [Event]
    /// The next deadline for its status, or nil once closed.
    public var nextDeadline: String?

    enum CodingKeys: String, CodingKey {
        case id, status, storedAt = "stored_at", record, history, nextDeadline = "next_deadline"
    }
}

/// The outcome of storing a record.
public enum StoreOutcome: Sendable, Equatable {
    /// A new complaint; the record carries the repeats the register found.
    case stored(IntakeRecord)
    /// The same id was already in the register; nothing was written, and this is the stored record.
    case duplicate(IntakeRecord)

    public var record: IntakeRecord {
        switch self {
        case .stored(let r), .duplicate(let r): r
        }
    }
}
