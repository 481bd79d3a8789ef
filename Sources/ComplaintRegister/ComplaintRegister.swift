import ComplaintIntake
import Foundation
import GRDB

/// The complaint register: every record kept in an SQLite file, repeat complaints found across messages, cases
/// moved through the procedure, deadlines listed. Many processes may write one file at once (WAL, busy timeout).
///
/// ```swift
/// let register = try ComplaintRegister(path: "complaints.sqlite")
/// let outcome = try register.ingest(message, with: pipeline)
/// print(outcome.record.repeatCount, outcome.record.repeatOf ?? [])
/// try register.transition(id: outcome.record.id, to: .investigating, note: "QA picked it up")
/// for item in try register.due(at: Date(), overdueOnly: true) { print(item.id, item.deadline) }
/// ```
public final class ComplaintRegister: Sendable {
    public let path: String
    /// Earlier complaints of the same customer within this many days make a repeat.
    public let repeatWindowDays: Int
    private let queue: DatabaseQueue

    /// How a register file is opened.
    public enum Access: Sendable {
        /// Create the file when it is missing, migrate an older schema, and write.
        case readWrite
        /// Only read: the file must be a register already, and nothing in it or beside it is changed. `case`, `due`
        /// and `export` open it so, and work on a file the user may only read.
        case readOnly
    }

    /// Opens (or creates) the register at `path`, migrating an older schema.
    ///
    /// A file that exists is first looked at read-only: one that is not an SQLite database, holds tables of another
    /// application, or was written by a newer tool is refused and left exactly as it was.
    /// - Throws: ``RegisterError`` when the file is not a register, was written by a newer tool, or cannot be opened.
    public init(path: String, repeatWindowDays: Int = 30, access: Access = .readWrite) throws(RegisterError) {
        self.path = path
        self.repeatWindowDays = repeatWindowDays
        let exists = ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil).map { $0 > 0 } ?? false
        var inspected: DatabaseQueue?
        if exists || access == .readOnly {
            guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
            inspected = try Self.inspect(path)
        }
        if access == .readOnly, let inspected {
            queue = inspected
            return
        }
        inspected = nil
        var config = Configuration()
        // A mail server runs many writers at once: each waits for the others rather than failing.
        config.busyMode = .timeout(60)
        config.prepareDatabase { db in
            if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        // Processes that create the file at the same moment can get SQLITE_BUSY at once (SQLite skips the busy
        // handler to avoid a deadlock), or both run the first migration: such tries are repeated after a short wait,
        // and the second finds the schema in place.
        var attempt = 0
        while true {
            do {
                let q = try DatabaseQueue(path: path, configuration: config)
                let migrator = Self.migrator
                if try q.read({ try migrator.hasBeenSuperseded($0) }) { throw RegisterError.newerSchema(path: path) }
                try migrator.migrate(q)
                queue = q
                return
            } catch let e as DatabaseError where Self.isRace(e) && attempt < 50 {
                attempt += 1
                usleep(UInt32(20_000 * min(attempt, 10)))
            } catch {
                throw Self.mapped(error, path)
            }
        }
    }

    /// The tables a register holds; a file with any other table belongs to another application.
    static let ownTables: Set<String> = ["complaint", "identity", "event", "grdb_migrations", "sqlite_sequence"]

    /// Opens an existing file read-only and checks that it is a register this tool can use, changing nothing.
    private static func inspect(_ path: String) throws(RegisterError) -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(60)
        do {
            let q = try DatabaseQueue(path: path, configuration: config)
            try q.read { db in
                let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
                guard tables.isEmpty || (tables.isSubset(of: ownTables) && tables.contains("grdb_migrations")) else {
                    throw RegisterError.foreign(path: path, tables: tables.subtracting(ownTables).sorted())
                }
                if try migrator.hasBeenSuperseded(db) { throw RegisterError.newerSchema(path: path) }
            }
            return q
        } catch {
            throw mapped(error, path)
        }
    }

    /// Another process holds the file, or created the schema between our check and our migration: try again.
    private static func isRace(_ e: DatabaseError) -> Bool {
        e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED
            || (e.resultCode == .SQLITE_ERROR && ["already exists", "no such table", "duplicate column name"].contains { (e.message ?? "").contains($0) })
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.create(table: "complaint") { t in
                t.primaryKey("id", .text)
                t.column("received_at", .text).notNull().indexed()
                t.column("stored_at", .text).notNull()
                t.column("status", .text).notNull()
                t.column("department", .text).notNull()
                t.column("record", .text).notNull()
            }
            try db.create(table: "identity") { t in
                t.column("complaint_id", .text).notNull().references("complaint", onDelete: .cascade)
                t.column("kind", .text).notNull()
                t.column("value", .text).notNull()
            }
            try db.create(index: "identity_lookup", on: "identity", columns: ["kind", "value"])
            try db.create(table: "event") { t in
                t.autoIncrementedPrimaryKey("seq")
                t.column("complaint_id", .text).notNull().references("complaint", onDelete: .cascade)
                t.column("at", .text).notNull()
                t.column("status", .text).notNull()
                t.column("note", .text)
            }
        }
        // A case's history is read by complaint: without this index every export scanned the whole event table per case.
        m.registerMigration("v2-event-index") { db in
            try db.create(index: "event_by_complaint", on: "event", columns: ["complaint_id", "seq"])
            try db.create(index: "identity_by_complaint", on: "identity", columns: ["complaint_id"])
        }
        m.registerMigration("v3-corrections", migrate: migrateCorrections)
        return m
    }

    // MARK: storing

    /// Processes `message` and stores its record in one step: the repeats found in the register raise its
    /// repeat count and escalation, and the record names the earlier complaints. Storing the same id again is
    /// a duplicate and writes nothing.
    public func ingest(_ message: Message, with pipeline: IntakePipeline, reference: Day? = nil, explain: Bool = false,
                       at now: Date = Date()) throws -> StoreOutcome {
        var first = try pipeline.process(message, reference: reference, explain: explain)
        return try write { db in
            var conflict = false
            if let stored = try Self.record(db, id: first.id) {
                if Self.sameMessage(stored, first) { return .duplicate(Self.marked(stored)) }
                first.id = try Self.freeID(db, for: first)
                conflict = true
            }
            let earlier = try self.repeats(db, of: first, now: now)
            var record = first
            if !earlier.isEmpty {
                record = try pipeline.process(message, reference: reference, explain: explain, knownRepeats: earlier.count)
                record.id = first.id
            }
            if conflict { record.warnings.append("id_conflict") }
            record.repeatOf = earlier
            try Self.insert(db, record, now: now)
            return .stored(record)
        }
    }

    /// Stores a record as it is (its repeats already decided by the caller). The same message again is a duplicate;
    /// another message under an id already taken is stored under a new id with the warning `id_conflict`.
    public func store(_ record: IntakeRecord, at now: Date = Date()) throws -> StoreOutcome {
        try write { db in
            var record = record
            if let stored = try Self.record(db, id: record.id) {
                if Self.sameMessage(stored, record) { return .duplicate(Self.marked(stored)) }
                record.id = try Self.freeID(db, for: record)
                record.warnings.append("id_conflict")
            }
            try Self.insert(db, record, now: now)
            return .stored(record)
        }
    }

    /// A duplicate is the same message again: the same text from the same sender, received at the same time. Anything
    /// else under the same id is another complaint, and must never be answered with the stored one's customer data.
    static func sameMessage(_ a: IntakeRecord, _ b: IntakeRecord) -> Bool {
        a.text == b.text && a.receivedAt == b.receivedAt && a.channel == b.channel
            && a.customer.email?.lowercased() == b.customer.email?.lowercased() && a.customer.name == b.customer.name
            && a.customer.phone == b.customer.phone
    }

    /// The id for a message whose id is taken by another: the given id, `~`, and a digest of this message.
    static func freeID(_ db: Database, for record: IntakeRecord) throws -> String {
        var h = SHA256()
        h.update(fields: [record.customer.email, record.customer.name, record.receivedAt, record.text])
        let digest = h.hexDigest
        var n = 8
        while true {
            let candidate = record.id + "~" + digest.prefix(n)
            if try !Bool(Int.fetchOne(db, sql: "SELECT COUNT(*) FROM complaint WHERE id = ?", arguments: [candidate]) ?? 0 > 0) { return candidate }
            n += 4
            if n > digest.count { return candidate + "~\(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM complaint") ?? 0)" }
        }
    }

    /// The earlier complaints (oldest first) of the customer behind `record` within the repeat window: the same
    /// e-mail address, phone number (E.164) or order number.
    public func repeats(of record: IntakeRecord, at now: Date = Date()) throws -> [String] {
        try read { db in try self.repeats(db, of: record, now: now) }
    }

    private func repeats(_ db: Database, of record: IntakeRecord, now: Date) throws -> [String] {
        let keys = Self.identities(record)
        guard !keys.isEmpty else { return [] }
        let received = record.receivedAt.flatMap(Timestamp.parse) ?? now
        let from = Timestamp.iso(received.addingTimeInterval(-Double(repeatWindowDays) * 86_400))
        let to = Timestamp.iso(received)
        let match = keys.map { _ in "(i.kind = ? AND i.value = ?)" }.joined(separator: " OR ")
        var args: [any DatabaseValueConvertible] = []
        for k in keys { args.append(k.kind); args.append(k.value) }
        args += [from, to, record.id]
        return try String.fetchAll(db, sql: """
            SELECT DISTINCT c.id FROM complaint c JOIN identity i ON i.complaint_id = c.id
            WHERE (\(match)) AND c.received_at >= ? AND c.received_at <= ? AND c.id <> ?
            ORDER BY c.received_at, c.id
            """, arguments: StatementArguments(args))
    }

    static func identities(_ r: IntakeRecord) -> [(kind: String, value: String)] {
        var out: [(String, String)] = []
        if let e = r.customer.email?.lowercased(), !e.isEmpty { out.append(("email", e)) }
        for p in Set([r.customer.phone].compactMap { $0 } + r.fields.phones.map(\.value)) where p.hasPrefix("+") { out.append(("phone", p)) }
        for o in Set(r.fields.orderNumbers.map(\.value)) { out.append(("order", o)) }
        return out.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map { (kind: $0.0, value: $0.1) }
    }

    private static func insert(_ db: Database, _ record: IntakeRecord, now: Date) throws {
        let json = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        let stored = Timestamp.iso(now)
        try db.execute(sql: "INSERT INTO complaint (id, received_at, stored_at, status, department, record) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [record.id, record.receivedAt ?? stored, stored, CaseStatus.open.rawValue, record.department, json])
        for k in identities(record) {
            try db.execute(sql: "INSERT INTO identity (complaint_id, kind, value) VALUES (?, ?, ?)", arguments: [record.id, k.kind, k.value])
        }
        try db.execute(sql: "INSERT INTO event (complaint_id, at, status, note) VALUES (?, ?, ?, NULL)",
                       arguments: [record.id, stored, CaseStatus.open.rawValue])
    }

    private static func record(_ db: Database, id: String) throws -> IntakeRecord? {
        guard let json = try String.fetchOne(db, sql: "SELECT record FROM complaint WHERE id = ?", arguments: [id]) else { return nil }
        return try JSONDecoder().decode(IntakeRecord.self, from: Data(json.utf8))
    }

    private static func marked(_ r: IntakeRecord) -> IntakeRecord {
        var r = r
        r.duplicate = true
        return r
    }

    // MARK: cases

    /// The complaint with `id`, its status and history.
    public func complaint(id: String) throws -> ComplaintCase {
        try read { db in
            guard let c = try Self.loadCase(db, id: id) else { throw RegisterError.unknownCase(id: id) }
            return c
        }
    }

    /// Moves a case on (open → investigating → responded → followed_up → closed, or closed early) with a note.
    /// - Throws: ``RegisterError/invalidTransition(id:from:to:)`` for any other move.
    @discardableResult
    public func transition(id: String, to status: CaseStatus, note: String? = nil, at now: Date = Date()) throws -> ComplaintCase {
        try write { db in
            guard let raw = try String.fetchOne(db, sql: "SELECT status FROM complaint WHERE id = ?", arguments: [id]),
                  let current = CaseStatus(rawValue: raw) else { throw RegisterError.unknownCase(id: id) }
            guard current.next.contains(status) else { throw RegisterError.invalidTransition(id: id, from: current, to: status) }
            try db.execute(sql: "UPDATE complaint SET status = ? WHERE id = ?", arguments: [status.rawValue, id])
            try db.execute(sql: "INSERT INTO event (complaint_id, at, status, note) VALUES (?, ?, ?, ?)",
                           arguments: [id, Timestamp.iso(now), status.rawValue, note])
            return try Self.loadCase(db, id: id)!
        }
    }

    /// One open case and the deadline it must meet next.
    public struct DueItem: Sendable, Equatable, Codable {
        public var id: String
        public var status: CaseStatus
        public var department: String
        public var category: String
        public var severity: String
        /// `investigate_by`, `respond_by` or `follow_up_by`.
        public var deadlineKind: String
        public var deadline: String
        public var overdue: Bool

        enum CodingKeys: String, CodingKey {
            case id, status, department, category, severity, deadlineKind = "deadline_kind", deadline, overdue
        }
    }

    /// Open cases with their next deadline, soonest first; `overdueOnly` keeps those past it at `time`.
    public func due(at time: Date = Date(), overdueOnly: Bool = false, department: String? = nil) throws -> [DueItem] {
        let now = Timestamp.iso(time)
        let cases = try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM complaint WHERE status <> 'closed'" + (department == nil ? "" : " AND department = ?"),
                             arguments: department.map { [$0] } ?? [])
        }
        var out: [DueItem] = []
        for row in cases {
            guard let status = CaseStatus(rawValue: row["status"]), let key = status.deadlineKey else { continue }
            let record = try JSONDecoder().decode(IntakeRecord.self, from: Data((row["record"] as String).utf8))
            let deadline = Self.deadline(record, key)
            let overdue = deadline < now
            if overdueOnly, !overdue { continue }
            let corrected = row.hasColumn("category") ? (row["category"] as String?) : nil
            out.append(DueItem(id: row["id"], status: status, department: row["department"], category: corrected ?? record.category.rawValue,
                               severity: record.severity, deadlineKind: key, deadline: deadline, overdue: overdue))
        }
        return out.sorted { ($0.deadline, $0.id) < ($1.deadline, $1.id) }
    }

    /// Every complaint received at or after `since` (all when nil), oldest first: the tracking sheet.
    public func export(since: Date? = nil) throws -> [ComplaintCase] {
        try read { db in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM complaint WHERE received_at >= ? ORDER BY received_at, id",
                                          arguments: [since.map(Timestamp.iso) ?? ""])
            return try ids.compactMap { try Self.loadCase(db, id: $0) }
        }
    }

    /// How many complaints the register holds.
    public func count() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM complaint") ?? 0 }
    }

    private static func deadline(_ r: IntakeRecord, _ key: String) -> String {
        switch key {
        case "investigate_by": r.due.investigateBy
        case "respond_by": r.due.respondBy
        default: r.due.followUpBy
        }
    }

    static func loadCase(_ db: Database, id: String) throws -> ComplaintCase? {
        // SELECT *: a register of an older schema, opened read-only, has no correction columns.
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM complaint WHERE id = ?", arguments: [id]),
              let status = CaseStatus(rawValue: row["status"]) else { return nil }
        let record = try JSONDecoder().decode(IntakeRecord.self, from: Data((row["record"] as String).utf8))
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM event WHERE complaint_id = ? ORDER BY seq", arguments: [id])
        let events = rows.map { ComplaintCase.Event(at: $0["at"], status: CaseStatus(rawValue: $0["status"]) ?? .open, note: $0["note"]) }
        let c = ComplaintCase(id: id, status: status, storedAt: row["stored_at"], record: record, history: events,
                              nextDeadline: status.deadlineKey.map { deadline(record, $0) })
        return withCorrections(c, complaint: row, events: rows)
    }

    // MARK: access

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            var result: T?
            try queue.inDatabase { db in
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
            }
            return result!
        } catch let e as RegisterError {
            throw e
        } catch let e as IntakeError {
            throw e
        } catch {
            throw Self.mapped(error, path)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.read(body) } catch let e as RegisterError { throw e } catch { throw Self.mapped(error, path) }
    }

    static func mapped(_ error: any Error, _ path: String) -> RegisterError {
        if let e = error as? RegisterError { return e }
        if let e = error as? DatabaseError {
            if e.resultCode == .SQLITE_NOTADB || e.resultCode == .SQLITE_CORRUPT { return .notADatabase(path: path) }
            if [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_FULL, .SQLITE_IOERR].contains(e.resultCode) {
                return .temporarilyUnavailable(path: path, reason: e.message ?? "\(e.resultCode)")
            }
            if e.resultCode == .SQLITE_READONLY {
                return .unavailable(path: path, reason: "the file cannot be written (\(e.message ?? "read-only"))")
            }
            return .unavailable(path: path, reason: e.message ?? "\(e.resultCode)")
        }
        return .unavailable(path: path, reason: String(describing: error))
    }
}
