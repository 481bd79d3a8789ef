import ComplaintIntake
import Foundation
import GRDB

/// Migration `v4-outcomes`: what the report aggregates, kept as indexed columns beside the record so that SQL counts
/// and groups without reading any record JSON, and the outcomes a desk records (remedies given, satisfaction).
extension ComplaintRegister {
    /// The customer's feedback is on this scale.
    public static let satisfactionScale = 1...5

    static func migrateOutcomes(_ db: Database) throws {
        for column in ["received_day", "category", "language", "channel", "severity", "escalation_level INTEGER", "repeat_count INTEGER", "customer_key",
                       "investigate_by", "respond_by", "follow_up_by", "investigating_at", "responded_at", "followed_up_at", "closed_at",
                       "satisfaction INTEGER", "remedies_asked", "remedies_given"] {
            try db.execute(sql: "ALTER TABLE complaint ADD COLUMN \(column.contains(" ") ? column : column + " TEXT")")
        }
        try db.execute(sql: "ALTER TABLE event ADD COLUMN remedy TEXT")
        try db.execute(sql: "ALTER TABLE event ADD COLUMN satisfaction INTEGER")
        // Filled for the complaints already stored from their record JSON and history, as insert and transition fill
        // them from now on.
        try db.execute(sql: """
            UPDATE complaint SET
              received_day = substr(received_at, 1, 10), category = json_extract(record, '$.category'), language = json_extract(record, '$.language'),
              channel = json_extract(record, '$.channel'), severity = json_extract(record, '$.severity'),
              escalation_level = json_extract(record, '$.escalation.level'), repeat_count = json_extract(record, '$.repeat_count'),
              customer_key = COALESCE('email:' || lower(NULLIF(json_extract(record, '$.customer.email'), '')),
                                      CASE WHEN json_extract(record, '$.customer.phone') LIKE '+%' THEN 'phone:' || json_extract(record, '$.customer.phone') END,
                                      'order:' || json_extract(record, '$.fields.order_numbers[0].value')),
              investigate_by = json_extract(record, '$.due.investigate_by'), respond_by = json_extract(record, '$.due.respond_by'),
              follow_up_by = json_extract(record, '$.due.follow_up_by'),
              investigating_at = (SELECT MIN(at) FROM event e WHERE e.complaint_id = complaint.id AND e.status = 'investigating'),
              responded_at = (SELECT MIN(at) FROM event e WHERE e.complaint_id = complaint.id AND e.status = 'responded'),
              followed_up_at = (SELECT MIN(at) FROM event e WHERE e.complaint_id = complaint.id AND e.status = 'followed_up'),
              closed_at = (SELECT MIN(at) FROM event e WHERE e.complaint_id = complaint.id AND e.status = 'closed'),
              remedies_asked = (SELECT group_concat(value, ' ') FROM (SELECT DISTINCT j.value FROM json_each(complaint.record, '$.fields.remedies') j ORDER BY j.value))
            """)
        try db.execute(sql: """
            CREATE TABLE facet (
              complaint_id TEXT NOT NULL REFERENCES complaint(id) ON DELETE CASCADE,
              kind TEXT NOT NULL, value TEXT NOT NULL, category TEXT NOT NULL, received_at TEXT NOT NULL)
            """)
        try db.execute(sql: """
            INSERT INTO facet (complaint_id, kind, value, category, received_at)
            SELECT DISTINCT c.id, 'signal', j.value, c.category, c.received_at FROM complaint c, json_each(c.record, '$.flags') j
            UNION
            SELECT DISTINCT c.id, 'term', json_extract(j.value, '$.term'), c.category, c.received_at
              FROM complaint c, json_each(c.record, '$.explanation.lexicon_hits') j WHERE json_extract(j.value, '$.negated') = 0
            """)
        try db.execute(sql: """
            CREATE TABLE stage_time (
              complaint_id TEXT NOT NULL REFERENCES complaint(id) ON DELETE CASCADE, stage TEXT NOT NULL, department TEXT NOT NULL,
              minutes INTEGER NOT NULL, within INTEGER, received_at TEXT NOT NULL)
            """)
        for stage in ReportAggregates.Stage.allCases {
            try db.execute(sql: """
                INSERT INTO stage_time (complaint_id, stage, department, minutes, within, received_at)
                SELECT id, '\(stage.rawValue)', department, \(minutesSQL(stage)), \(withinSQL(stage)), received_at
                FROM complaint WHERE \(stage.rawValue)_at IS NOT NULL
                """)
        }
        // Each report query reads one of these indexes alone, in its order, so that its GROUP BY streams instead of
        // sorting: the record JSON sits before the added columns in every row, and reading a row would read its record.
        try db.execute(sql: "CREATE INDEX complaint_volume ON complaint (received_day, category, department, language, channel, severity, received_at)")
        try db.execute(sql: """
            CREATE INDEX complaint_outcome ON complaint (remedies_asked, remedies_given, satisfaction, received_at,
              investigating_at, investigate_by, responded_at, respond_by, followed_up_at, follow_up_by)
            """)
        try db.execute(sql: "CREATE INDEX complaint_open ON complaint (status, department, investigate_by, respond_by, follow_up_by)")
        try db.execute(sql: "CREATE INDEX stage_time_by_department ON stage_time (stage, department, minutes, received_at, within)")
        try db.execute(sql: "CREATE INDEX stage_time_by_complaint ON stage_time (complaint_id)")
        try db.execute(sql: "CREATE INDEX complaint_customer ON complaint (customer_key, received_at, escalation_level, repeat_count)")
        try db.execute(sql: "CREATE INDEX facet_by_category ON facet (kind, category, value, received_at)")
        try db.execute(sql: "CREATE INDEX facet_by_complaint ON facet (complaint_id)")
        // A corrected category moves the complaint's terms and signals with it: the column means the current category.
        try db.execute(sql: """
            CREATE TRIGGER facet_follows_category AFTER UPDATE OF category ON complaint
            BEGIN UPDATE facet SET category = NEW.category WHERE complaint_id = NEW.id; END
            """)
        try db.execute(sql: """
            CREATE TRIGGER stage_time_follows_department AFTER UPDATE OF department ON complaint
            BEGIN UPDATE stage_time SET department = NEW.department WHERE complaint_id = NEW.id; END
            """)
    }

    /// Whole minutes from receipt to the step, as SQL over a complaint row.
    private static func minutesSQL(_ stage: ReportAggregates.Stage) -> String {
        "MAX(0, CAST(round((julianday(\(stage.rawValue)_at) - julianday(received_at)) * 1440) AS INTEGER))"
    }

    /// Whether the step met the record's deadline for it (NULL for `closed`), as SQL over a complaint row.
    private static func withinSQL(_ stage: ReportAggregates.Stage) -> String {
        stage.deadlineKey.map { "\(stage.rawValue)_at <= \($0)" } ?? "NULL"
    }

    /// The report's columns and facets of a record just inserted. `terms` are the lexicon terms found outside a
    /// negation (from the record's explanation when the caller has no other).
    static func indexForReport(_ db: Database, _ record: IntakeRecord, terms: [String]) throws {
        let asked = Set(record.fields.remedies.map(\.rawValue)).sorted().joined(separator: " ")
        try db.execute(sql: """
            UPDATE complaint SET received_day = substr(received_at, 1, 10), category = ?, language = ?, channel = ?, severity = ?, escalation_level = ?, repeat_count = ?,
              customer_key = ?, investigate_by = ?, respond_by = ?, follow_up_by = ?, remedies_asked = ? WHERE id = ?
            """, arguments: [record.category.rawValue, record.language.rawValue, record.channel.rawValue, record.severity,
                             record.escalation.level, record.repeatCount, customerKey(record), record.due.investigateBy,
                             record.due.respondBy, record.due.followUpBy, asked.isEmpty ? nil : asked, record.id])
        let received = try String.fetchOne(db, sql: "SELECT received_at FROM complaint WHERE id = ?", arguments: [record.id]) ?? ""
        let facets = Set(record.flags.map { ("signal", $0) }.map(Facet.init) + terms.map { Facet(kind: "term", value: $0) })
        for f in facets.sorted(by: { ($0.kind, $0.value) < ($1.kind, $1.value) }) {
            try db.execute(sql: "INSERT INTO facet (complaint_id, kind, value, category, received_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [record.id, f.kind, f.value, record.category.rawValue, received])
        }
    }

    private struct Facet: Hashable {
        var kind: String
        var value: String
    }

    /// The lexicon terms of a record's explanation that count (not negated), once each.
    static func terms(of record: IntakeRecord) -> [String] {
        Array(Set((record.explanation?.lexiconHits ?? []).filter { !$0.negated }.map(\.term))).sorted()
    }

    /// Who the customer is for the report's repeat customers: the e-mail address, else the phone number, else the
    /// first order number, as the register's repeat search knows them.
    static func customerKey(_ r: IntakeRecord) -> String? {
        if let e = r.customer.email?.lowercased(), !e.isEmpty { return "email:" + e }
        if let p = r.customer.phone, p.hasPrefix("+") { return "phone:" + p }
        return r.fields.orderNumbers.first.map { "order:" + $0.value }
    }

    /// Keeps the first time a case reached `status`, and its time from receipt, for the handling times.
    static func markStage(_ db: Database, id: String, _ status: CaseStatus, at: String) throws {
        guard let stage = ReportAggregates.Stage(rawValue: status.rawValue) else { return }
        let column = stage.rawValue + "_at"
        try db.execute(sql: "UPDATE complaint SET \(column) = ? WHERE id = ? AND \(column) IS NULL", arguments: [at, id])
        guard db.changesCount > 0 else { return }
        try db.execute(sql: """
            INSERT INTO stage_time (complaint_id, stage, department, minutes, within, received_at)
            SELECT id, ?, department, \(minutesSQL(stage)), \(withinSQL(stage)), received_at FROM complaint WHERE id = ?
            """, arguments: [stage.rawValue, id])
    }

    /// Records what the desk gave the customer and what the customer thought of it, in the case history with its
    /// time; the case's status does not change. A remedy adds to those given before; a satisfaction replaces the
    /// earlier one.
    /// - Parameters:
    ///   - remedy: the remedy given (`none` when the case ends without one).
    ///   - satisfaction: the customer's feedback, 1 (very unhappy) to 5 (very happy).
    /// - Throws: ``RegisterError/unknownCase(id:)``, or ``RegisterError/invalidSatisfaction(id:value:)`` off the scale.
    @discardableResult
    public func recordOutcome(id: String, remedy: GivenRemedy? = nil, satisfaction: Int? = nil, note: String? = nil,
                              at now: Date = Date()) throws -> ComplaintCase {
        if let satisfaction, !Self.satisfactionScale.contains(satisfaction) {
            throw RegisterError.invalidSatisfaction(id: id, value: satisfaction)
        }
        return try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT status, remedies_given FROM complaint WHERE id = ?", arguments: [id]) else {
                throw RegisterError.unknownCase(id: id)
            }
            let status: String = row["status"]
            if let remedy {
                let given = Set(((row["remedies_given"] as String?) ?? "").split(separator: " ").compactMap { GivenRemedy(rawValue: String($0)) } + [remedy])
                try db.execute(sql: "UPDATE complaint SET remedies_given = ? WHERE id = ?",
                               arguments: [given.sorted().map(\.rawValue).joined(separator: " "), id])
            }
            if let satisfaction {
                try db.execute(sql: "UPDATE complaint SET satisfaction = ? WHERE id = ?", arguments: [satisfaction, id])
            }
            try db.execute(sql: "INSERT INTO event (complaint_id, at, status, note, remedy, satisfaction) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [id, Timestamp.iso(now), status, note, remedy?.rawValue, satisfaction])
            return try Self.loadCase(db, id: id)!
        }
    }
}
