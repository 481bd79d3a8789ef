import IntakeCore
import IntakeText
import IntakeLexicon
/// A piece of text a field was read from: the original text and its Unicode scalar offsets.
public struct SourceSpan: Sendable, Equatable, Codable {
    /// The original text it was read from.
    public var text: String
    /// Where that text starts: a Unicode scalar offset into the record's `text`.
    public var start: Int
    /// Where it ends (exclusive).
    public var end: Int

    /// Creates the value from its parts.
    public init(text: String, start: Int, end: Int) {
        self.text = text
        self.start = start
        self.end = end
    }
}

/// An order number with the span it was read from.
public struct OrderNumber: Sendable, Equatable, Codable {
    /// The value, normalized.
    public var value: String
    /// The original text it was read from.
    public var text: String
    /// Where that text starts: a Unicode scalar offset into the record's `text`.
    public var start: Int
    /// Where it ends (exclusive).
    public var end: Int
    /// `cue` when a cue word (订单号, pedido, folio) names it, `shape` when only its shape suggests it.
    public var confidence: String

    /// Creates the value from its parts.
    public init(value: String, text: String, start: Int, end: Int, confidence: String) {
        self.value = value
        self.text = text
        self.start = start
        self.end = end
        self.confidence = confidence
    }
}

/// A tracking number; `carrier` when the cue or the number's shape names one unambiguously.
public struct TrackingNumber: Sendable, Equatable, Codable {
    /// The value, normalized.
    public var value: String
    /// The carrier its cue or shape names, when known.
    public var carrier: String?
    /// The original text it was read from.
    public var text: String
    /// Where that text starts: a Unicode scalar offset into the record's `text`.
    public var start: Int
    /// Where it ends (exclusive).
    public var end: Int

    /// Creates the value from its parts.
    public init(value: String, carrier: String? = nil, text: String, start: Int, end: Int) {
        self.value = value
        self.carrier = carrier
        self.text = text
        self.start = start
        self.end = end
    }
}

/// A calendar day the text mentions, resolved against the reference date.
public struct DateMention: Sendable, Equatable, Codable {
    /// `YYYY-MM-DD`.
    public var value: String
    /// The original text it was read from.
    public var text: String
    /// Where that text starts: a Unicode scalar offset into the record's `text`.
    public var start: Int
    /// Where it ends (exclusive).
    public var end: Int
    /// True for dates said relative to the reference (ayer, 上周三, hace 3 días).
    public var relative: Bool
    /// True when the day/month order could not be decided (05/03/2024); read day-first.
    public var ambiguous: Bool
    /// True when the text ties the date to receiving the goods (收到, me llegó): it starts the complaint window.
    public var receipt: Bool

    package enum CodingKeys: String, CodingKey { case value, text, start, end, relative, ambiguous, receipt }

    /// Creates the value from its parts.
    public init(value: String, text: String, start: Int, end: Int, relative: Bool, ambiguous: Bool, receipt: Bool) {
        self.value = value
        self.text = text
        self.start = start
        self.end = end
        self.relative = relative
        self.ambiguous = ambiguous
        self.receipt = receipt
    }
}

/// An amount of money with its ISO 4217 currency.
public struct Amount: Sendable, Equatable, Codable {
    /// A decimal string such as `1500.50`.
    public var value: String
    /// The currency, ISO 4217.
    public var currency: String
    /// The original text it was read from.
    public var text: String
    /// Where that text starts: a Unicode scalar offset into the record's `text`.
    public var start: Int
    /// Where it ends (exclusive).
    public var end: Int

    /// Creates the value from its parts.
    public init(value: String, currency: String, text: String, start: Int, end: Int) {
        self.value = value
        self.currency = currency
        self.text = text
        self.start = start
        self.end = end
    }
}

/// A phone number; `value` is E.164 when the country is clear, else the digits as written.
public struct PhoneNumber: Sendable, Equatable, Codable {
    /// The value, normalized.
    public var value: String
    /// The country of the number (ISO 3166-1 alpha-2), when known.
    public var country: String?
    /// The original text it was read from.
    public var text: String
    /// Where that text starts: a Unicode scalar offset into the record's `text`.
    public var start: Int
    /// Where it ends (exclusive).
    public var end: Int

    /// Creates the value from its parts.
    public init(value: String, country: String? = nil, text: String, start: Int, end: Int) {
        self.value = value
        self.country = country
        self.text = text
        self.start = start
        self.end = end
    }
}

/// An e-mail address found in the text.
public struct EmailAddress: Sendable, Equatable, Codable {
    /// The value, normalized.
    public var value: String
    /// The original text it was read from.
    public var text: String
    /// Where that text starts: a Unicode scalar offset into the record's `text`.
    public var start: Int
    /// Where it ends (exclusive).
    public var end: Int

    /// Creates the value from its parts.
    public init(value: String, text: String, start: Int, end: Int) {
        self.value = value
        self.text = text
        self.start = start
        self.end = end
    }
}

/// A clue that raises the escalation: an insult, a threat to go to a regulator, court or the media, a safety
/// hazard, a repeated complaint, urgency.
public struct Signal: Sendable, Equatable, Codable {
    /// `insult`, `regulator_threat`, `legal_threat`, `media_threat`, `safety`, `repeat_complaint`, `urgent`.
    public var flag: String
    /// For `repeat_complaint`: the count the text states (第三次投诉: 3).
    public var count: Int?
    /// The original text it was read from.
    public var text: String
    /// Where that text starts: a Unicode scalar offset into the record's `text`.
    public var start: Int
    /// Where it ends (exclusive).
    public var end: Int

    /// Creates the value from its parts.
    public init(flag: String, count: Int? = nil, text: String, start: Int, end: Int) {
        self.flag = flag
        self.count = count
        self.text = text
        self.start = start
        self.end = end
    }
}

/// Everything the extractors found in one complaint.
public struct ExtractedFields: Sendable, Equatable, Codable {
    /// Purchase order numbers, by a cue word or by their shape.
    public var orderNumbers: [OrderNumber] = []
    /// Parcel tracking (waybill) numbers.
    public var trackingNumbers: [TrackingNumber] = []
    /// Calendar days, resolved against the received time.
    public var dates: [DateMention] = []
    /// Amounts of money.
    public var amounts: [Amount] = []
    /// Phone numbers, in E.164 when the country is known.
    public var phones: [PhoneNumber] = []
    /// E-mail addresses.
    public var emails: [EmailAddress] = []
    /// The remedies the customer asks for (not negated ones).
    public var remedies: [Remedy] = []
    /// The escalation signals (insults, threats, safety, repeats).
    public var signals: [Signal] = []
    /// Notes such as `date_order_ambiguous`.
    public var warnings: [String] = []

    /// No fields.
    public init() {}

    package enum CodingKeys: String, CodingKey {
        case orderNumbers = "order_numbers", trackingNumbers = "tracking_numbers", dates, amounts, phones, emails, remedies
    }
}
