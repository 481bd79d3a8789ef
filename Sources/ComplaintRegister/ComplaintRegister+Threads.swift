import ComplaintIntake
import Foundation
import GRDB

/// Replies threaded to their case: a customer's answer to the desk (an e-mail whose `In-Reply-To` or `References`
/// names a message of the register, or a batch line with `reply_to`) is an event of the case it answers, not a new
/// complaint, and it raises no repeat escalation. A reply to a closed case reopens it.
extension ComplaintRegister {
    /// Schema v5: the replies, each tied to the event it made in its case's history.
    static func migrateThreads(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE reply (
                event_seq INTEGER PRIMARY KEY REFERENCES event(seq) ON DELETE CASCADE,
                complaint_id TEXT NOT NULL REFERENCES complaint(id) ON DELETE CASCADE,
                message_id TEXT NOT NULL UNIQUE,
                received_at TEXT,
                record TEXT NOT NULL
            );
            CREATE INDEX reply_by_complaint ON reply(complaint_id);
            """)
    }

    /// Stores `message` as a reply when it answers a case of the register; nil when it answers none (or names
    /// nothing), so that it is ingested as a complaint.
    func ingestReply(_ message: Message, with pipeline: IntakePipeline, reference: Day?, explain: Bool, at now: Date) throws -> StoreOutcome? {
        let names = (message.replyTo.map { [$0] } ?? []) + message.references
        guard !names.isEmpty else { return nil }
        guard try read({ db in try Self.thread(db, names, own: message.id) }) != nil else { return nil }
        var record = try pipeline.process(message, reference: reference, explain: explain)
        return try write { db in
            // Looked up again inside the write: another process may have stored the message or the case since.
            if try Self.record(db, id: record.id) != nil { return nil }
            guard let caseID = try Self.thread(db, names, own: message.id) else { return nil }
            if let json = try String.fetchOne(db, sql: "SELECT record FROM reply WHERE message_id = ?", arguments: [record.id]) {
                return .duplicate(Self.marked(try JSONDecoder().decode(IntakeRecord.self, from: Data(json.utf8))))
            }
            record.replyTo = caseID
            let status = try String.fetchOne(db, sql: "SELECT status FROM complaint WHERE id = ?", arguments: [caseID]).flatMap(CaseStatus.init) ?? .open
            let reopened = status == .closed
            let stored = Timestamp.iso(now)
            if reopened {
                try db.execute(sql: "UPDATE complaint SET status = ? WHERE id = ?", arguments: [CaseStatus.open.rawValue, caseID])
            }
            try db.execute(sql: "INSERT INTO event (complaint_id, at, status, note) VALUES (?, ?, ?, ?)", arguments: [
                caseID, stored, (reopened ? CaseStatus.open : status).rawValue,
                reopened ? "reopened: the customer replied after the case was closed" : "the customer replied",
            ])
            let json = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
            try db.execute(sql: "INSERT INTO reply (event_seq, complaint_id, message_id, received_at, record) VALUES (?, ?, ?, ?, ?)",
                           arguments: [db.lastInsertedRowID, caseID, record.id, record.receivedAt, json])
            return .reply(record, reopened: reopened)
        }
    }

    /// The case the first of `names` that the register knows belongs to: a complaint's id, or the id of a reply
    /// already threaded to one. The message's own id is skipped (a client that lists it in its References).
    static func thread(_ db: Database, _ names: [String], own: String?) throws -> String? {
        for name in names where name != own {
            if try Int.fetchOne(db, sql: "SELECT 1 FROM complaint WHERE id = ?", arguments: [name]) != nil { return name }
            if let c = try String.fetchOne(db, sql: "SELECT complaint_id FROM reply WHERE message_id = ?", arguments: [name]) { return c }
        }
        return nil
    }

    /// A message that names a case the register does not hold is stored as a complaint of its own: its record does
    /// not claim the thread, and says why it is not in one.
    static func unthreaded(_ record: inout IntakeRecord) {
        guard record.replyTo != nil else { return }
        record.replyTo = nil
        record.warnings.append("reply_to_unknown_case")
    }

    /// The replies in the thread of case `id`, oldest first.
    public func replies(of id: String) throws -> [IntakeRecord] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT record FROM reply WHERE complaint_id = ? ORDER BY event_seq", arguments: [id])
                .map { try JSONDecoder().decode(IntakeRecord.self, from: Data($0.utf8)) }
        }
    }
}
