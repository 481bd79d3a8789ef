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
        /// On a desk's correction (`intake case --category`): the category it set, and the one it replaced.
        public var category: Category? = nil
        public var previousCategory: Category? = nil

        enum CodingKeys: String, CodingKey { case at, status, note, remedy, satisfaction, reply, category, previousCategory = "previous_category" }

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
    /// The category the case stands under: the desk's where it corrected one, else the model's (`record.category`,
    /// which the record keeps with its scores).
    public var category: Category
    /// Whether the desk set the category.
    public var corrected: Bool
    /// The department that must act: the policy's for ``category``.
    public var department: String

    public init(id: String, status: CaseStatus, storedAt: String, record: IntakeRecord, history: [Event], nextDeadline: String?) {
        self.id = id
        self.status = status
        self.storedAt = storedAt
        self.record = record
        self.history = history
        self.nextDeadline = nextDeadline
        category = record.category
        corrected = false
        department = record.department
    }

    enum CodingKeys: String, CodingKey {
        case id, status, storedAt = "stored_at", record, history, nextDeadline = "next_deadline", category, corrected, department
        case modelCategory = "model_category"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        status = try c.decode(CaseStatus.self, forKey: .status)
        storedAt = try c.decode(String.self, forKey: .storedAt)
        record = try c.decode(IntakeRecord.self, forKey: .record)
        history = try c.decode([Event].self, forKey: .history)
        nextDeadline = try c.decodeIfPresent(String.self, forKey: .nextDeadline)
        category = try c.decodeIfPresent(Category.self, forKey: .category) ?? record.category
        corrected = try c.decodeIfPresent(Bool.self, forKey: .corrected) ?? false
        department = try c.decodeIfPresent(String.self, forKey: .department) ?? record.department
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(status, forKey: .status)
        try c.encode(storedAt, forKey: .storedAt)
        try c.encode(record, forKey: .record)
        try c.encode(history, forKey: .history)
        try c.encodeIfPresent(nextDeadline, forKey: .nextDeadline)
        try c.encode(category, forKey: .category)
        try c.encode(record.category, forKey: .modelCategory)
        try c.encode(corrected, forKey: .corrected)
        try c.encode(department, forKey: .department)
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
