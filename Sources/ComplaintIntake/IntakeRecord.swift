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
    public struct Scores: Sendable, Equatable, Codable {
        public var quality: Double
        public var delivery: Double
        public var service: Double
        public var other: Double
    }

    public struct Escalation: Sendable, Equatable, Codable {
        /// 0 (none) to 3 (level-3 manager).
        public var level: Int
        public var reasons: [String]
    }

    public struct Due: Sendable, Equatable, Codable {
        public var investigateBy: String
        public var respondBy: String
        public var followUpBy: String
        /// For a customer with a tier: when the replacement must reach them.
        public var replacementBy: String?

        package enum CodingKeys: String, CodingKey {
            case investigateBy = "investigate_by", respondBy = "respond_by", followUpBy = "follow_up_by", replacementBy = "replacement_by"
        }
    }

    public struct ModelInfo: Sendable, Equatable, Codable {
        public var name: String
        public var corpusSHA: String
        public var lexiconsSHA: String
        package enum CodingKeys: String, CodingKey { case name, corpusSHA = "corpus_sha", lexiconsSHA = "lexicons_sha" }
    }

    /// Why the record came out as it did (with `--explain`).
    public struct Explanation: Sendable, Equatable, Codable {
        public struct Hit: Sendable, Equatable, Codable {
            public var term: String
            public var category: Category
            public var negated: Bool
            public var text: String
            public var start: Int
            public var end: Int
        }
        public var features: [FeatureContribution]
        public var lexiconHits: [Hit]
        public var signals: [Signal]
        package enum CodingKeys: String, CodingKey { case features, lexiconHits = "lexicon_hits", signals }
    }

    public var schema = "complaint-intake/1"
    public var id: String
    public var channel: Channel
    public var receivedAt: String?
    public var language: Language
    public var category: Category
    public var confidence: Double
    public var scores: Scores
    public var secondary: [Category]
    public var department: String
    public var customer: Customer
    public var subject: String?
    public var text: String
    public var fields: ExtractedFields
    public var severity: String
    public var escalation: Escalation
    public var due: Due
    public var flags: [String]
    public var warnings: [String]
    public var attachments: [String]
    public var repeatCount: Int
    /// Earlier complaints of the same customer, named by a complaint register (absent without one).
    public var repeatOf: [String]?
    /// True when a register already held this complaint (the same id ingested again).
    public var duplicate: Bool?
    public var model: ModelInfo
    public var explanation: Explanation?

    package enum CodingKeys: String, CodingKey {
        case schema, id, channel, receivedAt = "received_at", language, category, confidence, scores, secondary, department,
             customer, subject, text, fields, severity, escalation, due, flags, warnings, attachments, repeatCount = "repeat_count",
             repeatOf = "repeat_of", duplicate, model, explanation
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
