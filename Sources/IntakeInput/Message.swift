import IntakeCore
import IntakeText
import Foundation

/// Where a complaint came in.
public enum Channel: String, Sendable, Codable, CaseIterable {
    case email, web, social, phone, unknown
}

/// Who complained, as far as the input says.
public struct Customer: Sendable, Equatable, Codable {
    /// The name, as the From header or the input gives it.
    public var name: String?
    /// The e-mail address.
    public var email: String?
    /// The phone number, E.164 when the country is known.
    public var phone: String?
    /// A, B or C when the input gives a customer tier.
    public var tier: String?

    public init(name: String? = nil, email: String? = nil, phone: String? = nil, tier: String? = nil) {
        self.name = name
        self.email = email
        self.phone = phone
        self.tier = tier
    }

    package var isEmpty: Bool { name == nil && email == nil && phone == nil && tier == nil }
}

/// One complaint as the input stage delivers it: the text and what the channel says about it.
public struct Message: Sendable, Equatable {
    /// Given by the input (Message-ID, a batch line's id); derived from the text when nil.
    public var id: String?
    public var channel: Channel
    public var receivedAt: Date?
    public var customer: Customer
    public var subject: String?
    /// The body as received (after MIME decoding), kept in the record untouched.
    public var text: String
    /// The part of the body to classify and read facts from, when it differs from `text` (an e-mail without
    /// its quoted replies and signature).
    public var content: String?
    /// Attachment file names (attachments themselves are not read).
    public var attachments: [String]
    /// Notes from the input stage, such as `unknown_charset`.
    public var warnings: [String]
    /// The case or message this one answers, as a batch line names it (`reply_to`).
    public var replyTo: String?
    /// The message ids an e-mail answers (`In-Reply-To`, then `References` from the newest), without angle brackets.
    public var references: [String] = []
    /// An e-mail's signature block (after "-- " or "sent from my phone"), read for the customer's phone only.
    public var signature: String?

    public init(id: String? = nil, channel: Channel = .unknown, receivedAt: Date? = nil, customer: Customer = Customer(),
                subject: String? = nil, text: String, content: String? = nil, attachments: [String] = [], warnings: [String] = []) {
        self.id = id
        self.channel = channel
        self.receivedAt = receivedAt
        self.customer = customer
        self.subject = subject
        self.text = text
        self.content = content
        self.attachments = attachments
        self.warnings = warnings
    }
}
