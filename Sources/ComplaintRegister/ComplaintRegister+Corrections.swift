import ComplaintIntake
import Foundation
import GRDB

/// A desk's corrections: the category a person gave a case, kept in its history beside the model's, and the labels
/// they make for training a desk model (`intake train --add`).
extension ComplaintRegister {
    /// The schema of corrections: the case's category as the desk set it (NULL while the model's stands), and on each
    /// correction event the category it set and the one it replaced. The stored record is never rewritten: it keeps
    /// the model's category and scores.
    static func migrateCorrections(_ db: Database) throws {
        // desk_category, not category: v4-outcomes keeps `category` as the current category for the report's indexes.
        try db.alter(table: "complaint") { t in t.add(column: "desk_category", .text) }
        try db.alter(table: "event") { t in
            t.add(column: "category", .text)
            t.add(column: "previous_category", .text)
        }
    }

    /// Sets the category of case `id` as the desk decided: the history gets an event with the time, the new and the
    /// previous category, and the note; the case's department becomes `department` (the policy's for the category).
    /// The case keeps its status. Setting the category the case already has is recorded too: a desk's confirmation is
    /// a label as well.
    /// - Throws: ``RegisterError/unknownCase(id:)``.
    @discardableResult
    public func correct(id: String, to category: Category, department: String, note: String? = nil, at now: Date = Date()) throws -> ComplaintCase {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM complaint WHERE id = ?", arguments: [id]),
                  let c = try Self.loadCase(db, id: id) else { throw RegisterError.unknownCase(id: id) }
            // The report's current category follows too, and its trigger moves the case's terms and flags with it.
            try db.execute(sql: "UPDATE complaint SET desk_category = ?, category = ?, department = ? WHERE id = ?",
                           arguments: [category.rawValue, category.rawValue, department, id])
            try db.execute(sql: "INSERT INTO event (complaint_id, at, status, note, category, previous_category) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [id, Timestamp.iso(now), row["status"] as String, note, category.rawValue, c.category.rawValue])
            return try Self.loadCase(db, id: id)!
        }
    }

    /// One complaint as a training label, as `intake export --labels` writes it.
    public struct Label: Sendable, Equatable, Codable {
        public var id: String
        public var text: String
        /// The desk's category where it set one, else the model's.
        public var label: Category
        public var modelCategory: Category
        public var corrected: Bool
        public var channel: Channel
        public var language: Language
        public var receivedAt: String?

        enum CodingKeys: String, CodingKey {
            case id, text, label, modelCategory = "model_category", corrected, channel, language, receivedAt = "received_at"
        }
    }

    /// Every complaint received at or after `since` as a label, oldest first; with `correctedOnly`, only those the desk
    /// gave a category.
    public func labels(since: Date? = nil, correctedOnly: Bool = false) throws -> [Label] {
        try export(since: since).compactMap { c in
            guard c.corrected || !correctedOnly else { return nil }
            let r = c.record
            return Label(id: c.id, text: r.text, label: c.category, modelCategory: r.category, corrected: c.corrected, channel: r.channel,
                         language: r.language, receivedAt: r.receivedAt)
        }
    }

    /// A case to review: where the model was least sure.
    public struct ReviewItem: Sendable, Equatable, Codable {
        public var id: String
        public var status: CaseStatus
        public var category: Category
        /// The probability of the top category minus that of the second.
        public var margin: Double
        public var second: Category
        public var scores: IntakeRecord.Scores
        public var language: Language
        public var channel: Channel
        public var receivedAt: String?
        public var text: String

        enum CodingKeys: String, CodingKey {
            case id, status, category, margin, second, scores, language, channel, receivedAt = "received_at", text
        }
    }

    /// The open cases the desk has not categorized, lowest margin between the model's top two categories first (ties:
    /// by id), at most `limit`: the corrections that teach a desk model the most.
    public func reviewQueue(limit: Int = 20) throws -> [ReviewItem] {
        let rows = try read { db in try Row.fetchAll(db, sql: "SELECT * FROM complaint WHERE status <> 'closed'") }
        var items: [ReviewItem] = []
        for row in rows where !row.hasColumn("desk_category") || (row["desk_category"] as String?) == nil {
            let r = try JSONDecoder().decode(IntakeRecord.self, from: Data((row["record"] as String).utf8))
            let ranked = Category.allCases.map { ($0, r.scores.probability($0)) }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
            items.append(ReviewItem(id: row["id"], status: CaseStatus(rawValue: row["status"]) ?? .open, category: r.category,
                                    margin: IntakePipeline.round(ranked[0].1 - ranked[1].1), second: ranked[1].0, scores: r.scores,
                                    language: r.language, channel: r.channel, receivedAt: r.receivedAt, text: r.text))
        }
        items.sort { ($0.margin, $0.id) < ($1.margin, $1.id) }
        return Array(items.prefix(max(0, limit)))
    }

    /// The case `c` with what the desk decided: its category and department, and the categories of its correction
    /// events (by history order; `events` are the event rows of the case, oldest first).
    static func withCorrections(_ c: ComplaintCase, complaint row: Row, events: [Row]) -> ComplaintCase {
        var c = c
        if row.hasColumn("desk_category"), let raw = row["desk_category"] as String?, let category = Category(rawValue: raw) {
            c.category = category
            c.corrected = true
        }
        c.department = row["department"]
        for (i, e) in events.enumerated() where i < c.history.count && e.hasColumn("category") {
            c.history[i].category = (e["category"] as String?).flatMap(Category.init(rawValue:))
            c.history[i].previousCategory = (e["previous_category"] as String?).flatMap(Category.init(rawValue:))
        }
        return c
    }
}
