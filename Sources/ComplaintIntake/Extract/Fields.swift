/// A piece of text a field was read from: the original text and its Unicode scalar offsets.
public struct SourceSpan: Sendable, Equatable, Codable {
    public var text: String
    public var start: Int
    public var end: Int
}

/// An order number with the span it was read from.
public struct OrderNumber: Sendable, Equatable, Codable {
    public var value: String
    public var text: String
    public var start: Int
    public var end: Int
    /// `cue` when a cue word (订单号, pedido, folio) names it, `shape` when only its shape suggests it.
    public var confidence: String
}

/// A tracking number; `carrier` when the cue or the number's shape names one unambiguously.
public struct TrackingNumber: Sendable, Equatable, Codable {
    public var value: String
    public var carrier: String?
    public var text: String
    public var start: Int
    public var end: Int
}

/// A calendar day the text mentions, resolved against the reference date.
public struct DateMention: Sendable, Equatable, Codable {
    /// `YYYY-MM-DD`.
    public var value: String
    public var text: String
    public var start: Int
    public var end: Int
    /// True for dates said relative to the reference (ayer, 上周三, hace 3 días).
    public var relative: Bool
    /// True when the day/month order could not be decided (05/03/2024); read day-first.
    public var ambiguous: Bool
    /// True when the text ties the date to receiving the goods (收到, me llegó): it starts the complaint window.
    public var receipt: Bool

    enum CodingKeys: String, CodingKey { case value, text, start, end, relative, ambiguous, receipt }
}

/// An amount of money with its ISO 4217 currency.
public struct Amount: Sendable, Equatable, Codable {
    /// A decimal string such as `1500.50`.
    public var value: String
    public var currency: String
    public var text: String
    public var start: Int
    public var end: Int
}

/// A phone number; `value` is E.164 when the country is clear, else the digits as written.
public struct PhoneNumber: Sendable, Equatable, Codable {
    public var value: String
    public var country: String?
    public var text: String
    public var start: Int
    public var end: Int
}

/// An e-mail address found in the text.
public struct EmailAddress: Sendable, Equatable, Codable {
    public var value: String
    public var text: String
    public var start: Int
    public var end: Int
}

/// A remedy the customer asks for.
public enum Remedy: String, Sendable, Codable, CaseIterable, Comparable {
    case refund, `return`, exchange, repair, compensation, discount, coupon, replacement, apology, cancel
    public static func < (a: Remedy, b: Remedy) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A clue that raises the escalation: an insult, a threat to go to a regulator, court or the media, a safety
/// hazard, a repeated complaint, urgency.
public struct Signal: Sendable, Equatable, Codable {
    /// `insult`, `regulator_threat`, `legal_threat`, `media_threat`, `safety`, `repeat_complaint`, `urgent`.
    public var flag: String
    /// For `repeat_complaint`: the count the text states (第三次投诉: 3).
    public var count: Int?
    public var text: String
    public var start: Int
    public var end: Int
}

/// Everything the extractors found in one complaint.
public struct ExtractedFields: Sendable, Equatable, Codable {
    public var orderNumbers: [OrderNumber] = []
    public var trackingNumbers: [TrackingNumber] = []
    public var dates: [DateMention] = []
    public var amounts: [Amount] = []
    public var phones: [PhoneNumber] = []
    public var emails: [EmailAddress] = []
    public var remedies: [Remedy] = []
    public var signals: [Signal] = []
    /// Notes such as `date_order_ambiguous`.
    public var warnings: [String] = []

    public init() {}

    enum CodingKeys: String, CodingKey {
        case orderNumbers = "order_numbers", trackingNumbers = "tracking_numbers", dates, amounts, phones, emails, remedies
    }
}
