import IntakeCore
import IntakeText
import IntakeLexicon
import IntakeClassify
import IntakeExtract
import IntakeInput
import Foundation

/// The intake record: the contract with downstream systems (schema `complaint-intake/1`). Field names are fixed;
/// new fields may be added, none renamed.
public struct IntakeRecord: Sendable, Equatable, Codable {
    /// The probability of each category; the four sum to 1.
    public struct Scores: Sendable, Equatable, Codable {
        /// The product itself: defects, breakage, wrong size, counterfeit, safety.
        public var quality: Double
        /// Getting the goods there: late, lost, wrong item, courier, transport damage.
        public var delivery: Double
        /// How people and processes treated the customer: no answer, refunds, rudeness, after-sales.
        public var service: Double
        /// Billing, accounts, coupons, questions, praise, anything else.
        public var other: Double
    }

    /// How far up the procedure's ladder the complaint goes, and why.
    public struct Escalation: Sendable, Equatable, Codable {
        /// 0 (none) to 3 (level-3 manager).
        public var level: Int
        /// The causes, e.g. `insult`, `regulator_threat`, `safety`, `repeat_complaint:3`.
        public var reasons: [String]
    }

    /// The deadlines the policy sets from the received time, ISO 8601 in UTC.
    public struct Due: Sendable, Equatable, Codable {
        /// When the responsible department must have investigated (24 hours by default).
        public var investigateBy: String
        /// When the customer must have the plan (48 hours after the investigation by default).
        public var respondBy: String
        /// When the follow-up is due (a week after the plan by default).
        public var followUpBy: String
        /// For a customer with a tier: when the replacement must reach them.
        public var replacementBy: String?

        package enum CodingKeys: String, CodingKey {
            case investigateBy = "investigate_by", respondBy = "respond_by", followUpBy = "follow_up_by", replacementBy = "replacement_by"
        }
    }

    /// Which model and lexicons produced the record, so that a desk can tell records of two models apart.
    public struct ModelInfo: Sendable, Equatable, Codable {
        /// The model's name (`complaint-intake-nb` for the built-in one).
        public var name: String
        /// SHA-256 of the corpus the model was trained on.
        public var corpusSHA: String
        /// SHA-256 of the lexicon files the model was trained with.
        public var lexiconsSHA: String
        /// SHA-256 of the model file, when the model came from one (`--model`, or `model` in the policy: a desk model);
        /// absent for the built-in model, which `name` and `corpus_sha` name.
        public var digest: String? = nil
        package enum CodingKeys: String, CodingKey { case name, corpusSHA = "corpus_sha", lexiconsSHA = "lexicons_sha", digest }
    }

    /// Why the record came out as it did (with `--explain`).
    public struct Explanation: Sendable, Equatable, Codable {
        /// A lexicon term found in the text.
        public struct Hit: Sendable, Equatable, Codable {
            /// The term as the lexicon writes it.
            public var term: String
            /// The category the term speaks for.
            public var category: Category
            /// Whether a negation covers it (不要退款, no quiero reembolso), so it does not count.
            public var negated: Bool
            /// The original text it matched, and its Unicode scalar offsets.
            public var text: String
            public var start: Int
            public var end: Int
        }
        /// The features that weighed most for each category.
        public var features: [FeatureContribution]
        /// Every lexicon term found, in text order.
        public var lexiconHits: [Hit]
        /// The escalation signals found.
        public var signals: [Signal]
        package enum CodingKeys: String, CodingKey { case features, lexiconHits = "lexicon_hits", signals }
    }

    /// The schema of the record, `complaint-intake/1`.
    public var schema = "complaint-intake/1"
    /// The input's id; without one, the Message-ID, else `sha256:` and a digest of sender, received time, channel and text.
    public var id: String
    /// Where the complaint came in.
    public var channel: Channel
    /// When it was received, ISO 8601 in UTC; nil when the input does not say (due dates then count from now).
    public var receivedAt: String?
    /// The language the text layer identified.
    public var language: Language
    /// The primary category: which department must act first.
    public var category: Category
    /// The probability of ``category``.
    public var confidence: Double
    /// The probability of each category.
    public var scores: Scores
    /// Other categories above the policy's threshold, most likely first.
    public var secondary: [Category]
    /// The department the policy routes the category to (`quality_management`, `logistics`, `customer_service`, `triage`).
    public var department: String
    /// Who complained: as the input says, completed with the first e-mail address and phone found in the text.
    public var customer: Customer
    /// The e-mail's subject, decoded.
    public var subject: String?
    /// The complaint as received (after MIME decoding), never rewritten; the fields' offsets point into it.
    public var text: String
    /// The facts read from the text.
    public var fields: ExtractedFields
    /// `low`, `normal`, `high` or `critical`.
    public var severity: String
    /// How far up the ladder the complaint goes.
    public var escalation: Escalation
    /// The deadlines.
    public var due: Due
    /// Facts for routing, e.g. `repeat_complaint`, `insult`, `safety`, `regulator_threat`, `outside_complaint_window`.
    public var flags: [String]
    /// What was odd but readable, e.g. `no_received_time`, `unknown_charset`, `no_text_part`, `id_conflict`.
    public var warnings: [String]
    /// The names of an e-mail's attachments (not read).
    public var attachments: [String]
    /// How many complaints this customer has made, this one included (a register counts the earlier ones).
    public var repeatCount: Int
    /// Earlier complaints of the same customer, named by a complaint register (absent without one).
    public var repeatOf: [String]?
    /// True when a register already held this complaint (the same id ingested again).
    public var duplicate: Bool?
    /// The case this message answers, when it is a reply in a case's thread (a register threads e-mails by
    /// `In-Reply-To` and `References`; a batch line may name it with `reply_to`).
    public var replyTo: String?
    /// Which model and lexicons produced the record.
    public var model: ModelInfo
    /// Why the record came out as it did, when asked for.
    public var explanation: Explanation?

    package enum CodingKeys: String, CodingKey {
        case schema, id, channel, receivedAt = "received_at", language, category, confidence, scores, secondary, department,
             customer, subject, text, fields, severity, escalation, due, flags, warnings, attachments, repeatCount = "repeat_count",
             repeatOf = "repeat_of", duplicate, replyTo = "reply_to", model, explanation
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(id, forKey: .id)
        try c.encode(channel, forKey: .channel)
        try c.encode(receivedAt, forKey: .receivedAt)
        try c.encode(language, forKey: .language)
        try c.encode(category, forKey: .category)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(scores, forKey: .scores)
        try c.encode(secondary, forKey: .secondary)
        try c.encode(department, forKey: .department)
        try c.encode(customer, forKey: .customer)
        try c.encode(subject, forKey: .subject)
        try c.encode(text, forKey: .text)
        try c.encode(fields, forKey: .fields)
        try c.encode(severity, forKey: .severity)
        try c.encode(escalation, forKey: .escalation)
        try c.encode(due, forKey: .due)
        try c.encode(flags, forKey: .flags)
        try c.encode(warnings, forKey: .warnings)
        try c.encode(attachments, forKey: .attachments)
        try c.encode(repeatCount, forKey: .repeatCount)
        try c.encodeIfPresent(repeatOf, forKey: .repeatOf)
        try c.encodeIfPresent(duplicate, forKey: .duplicate)
        try c.encodeIfPresent(replyTo, forKey: .replyTo)
        try c.encode(model, forKey: .model)
        try c.encodeIfPresent(explanation, forKey: .explanation)
    }
}

/// A batch line that could not become a record: `{"line", "id", "error": {"code", "message"}}`.
public struct ErrorRecord: Sendable, Equatable, Codable {
    public struct Detail: Sendable, Equatable, Codable {
        /// A stable code (see the README's list).
        public var code: String
        public var message: String
        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }
    public var line: Int?
    public var id: String?
    public var error: Detail

    public init(line: Int?, id: String?, error: Detail) {
        self.line = line
        self.id = id
        self.error = error
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(line, forKey: .line)
        try c.encode(id, forKey: .id)
        try c.encode(error, forKey: .error)
    }
}

extension IntakeRecord.Scores {
    /// The probability of `category`.
    public func probability(_ category: Category) -> Double {
        switch category {
        case .quality: quality
        case .delivery: delivery
        case .service: service
        case .other: other
        }
    }
}
