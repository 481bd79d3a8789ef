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
    /// The currency, ISO 4217; nil when a price cue says the number is money but nothing says which
    /// (`pagué 45`, `花了500`) and the policy sets no `default_currency`.
    public var currency: String?
    /// The customer gave it as approximate (600多元, 1000余元, 五百左右, unos 300 euros): the value is the
    /// number written, not a guess of the real one.
    public var approximate: Bool
    /// The original text it was read from.
    public var text: String
    /// Where that text starts: a Unicode scalar offset into the record's `text`.
    public var start: Int
    /// Where it ends (exclusive).
    public var end: Int

    /// Creates the value from its parts.
    public init(value: String, currency: String?, approximate: Bool = false, text: String, start: Int, end: Int) {
        self.value = value
        self.currency = currency
        self.approximate = approximate
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

/// A number the desk quotes back that names no order and no parcel: a ticket, complaint, invoice or contract
/// number (`folio 88123`, `reclamo No 387818`, 工单号, 发票号).
public struct ReferenceNumber: Sendable, Equatable, Codable {
    /// The number, as written without spaces, in upper case.
    public var value: String
    /// `ticket`, `complaint`, `invoice`, `contract` or `other`: the kind of the cue word before or after it.
    public var kind: String
    /// The original text it was read from.
    public var text: String
    /// Where that text starts: a Unicode scalar offset into the record's `text`.
    public var start: Int
    /// Where it ends (exclusive).
    public var end: Int

    /// Creates the value from its parts.
    public init(value: String, kind: String, text: String, start: Int, end: Int) {
        self.value = value
        self.kind = kind
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
    /// Ticket, complaint, invoice and contract numbers.
    public var referenceNumbers: [ReferenceNumber] = []
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
        case orderNumbers = "order_numbers", trackingNumbers = "tracking_numbers", referenceNumbers = "reference_numbers", dates, amounts, phones, emails, remedies
    }
}

// Registers keep records written before `approximate` and `reference_numbers` existed: they read as absent.
extension Amount {
    private enum CodingKeys: String, CodingKey { case value, currency, approximate, text, start, end }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(value: try c.decode(String.self, forKey: .value), currency: try c.decodeIfPresent(String.self, forKey: .currency),
                  approximate: try c.decodeIfPresent(Bool.self, forKey: .approximate) ?? false,
                  text: try c.decode(String.self, forKey: .text), start: try c.decode(Int.self, forKey: .start), end: try c.decode(Int.self, forKey: .end))
    }
}

extension ExtractedFields {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        orderNumbers = try c.decode([OrderNumber].self, forKey: .orderNumbers)
        trackingNumbers = try c.decode([TrackingNumber].self, forKey: .trackingNumbers)
        referenceNumbers = try c.decodeIfPresent([ReferenceNumber].self, forKey: .referenceNumbers) ?? []
        dates = try c.decode([DateMention].self, forKey: .dates)
        amounts = try c.decode([Amount].self, forKey: .amounts)
        phones = try c.decode([PhoneNumber].self, forKey: .phones)
        emails = try c.decode([EmailAddress].self, forKey: .emails)
        remedies = try c.decode([Remedy].self, forKey: .remedies)
    }
}
