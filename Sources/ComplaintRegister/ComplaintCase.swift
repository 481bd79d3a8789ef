import ComplaintIntake
import Foundation

/// A complaint in the register: its record, where it stands, and what happened to it.
public struct ComplaintCase: Sendable, Equatable, Codable {
    public struct Event: Sendable, Equatable, Codable {
        public var at: String
        /// The case's status from this event on.
        public var status: CaseStatus
        public var note: String?
        /// The remedy given, on an outcome event (`intake case ID --remedy`).
        public var remedy: GivenRemedy?
        /// The customer's feedback, 1 to 5, on an outcome event (`intake case ID --satisfaction`).
        public var satisfaction: Int?
        /// For a reply of the customer in the case's thread: the reply's id (its Message-ID).
        public var reply: String?

        public init(at: String, status: CaseStatus, note: String? = nil, remedy: GivenRemedy? = nil, satisfaction: Int? = nil,
                    reply: String? = nil) {
            self.at = at
            self.status = status
            self.note = note
            self.remedy = remedy
            self.satisfaction = satisfaction
            self.reply = reply
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
    /// A reply in the thread of the case `record.replyTo`: stored as an event of that case, not as a complaint.
    case reply(IntakeRecord, reopened: Bool)

    public var record: IntakeRecord {
        switch self {
        case .stored(let r), .duplicate(let r), .reply(let r, _): r
        }
    }
}
