import IntakeCore
import IntakeText
import Foundation

/// Why an e-mail could not be read at all. Anything smaller becomes a warning on the record: a message with only
/// attachments, or a body lost to a wrong boundary, is still a complaint that a person must see.
public enum EmailError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case tooLarge(bytes: Int, limit: Int)

    public var code: String {
        switch self {
        case .empty: "email_empty"
        case .tooLarge: "email_too_large"
        }
    }

    public var description: String {
        switch self {
        case .empty: "the message is empty"
        case .tooLarge(let bytes, let limit): "the message has \(bytes) bytes, over the limit of \(limit)"
        }
    }
}

/// Limits that keep a hostile message from exhausting memory or time.
public struct EmailLimits: Sendable {
    public var maxMessageBytes = 10 * 1024 * 1024
    public var maxDepth = 16
    public var maxParts = 500
    public var maxHeaderLineBytes = 64 * 1024
    public init() {}
}

/// Reads an RFC 5322 message with MIME (RFC 2045-2047, 2231) into a ``Message``: headers with encoded words,
/// multipart bodies, quoted-printable and base64, charsets through ICU, HTML-only bodies as text, attachments
/// listed by name, and quoted replies and signatures set apart from the text that is classified.
public struct EmailParser: Sendable {
    public var limits: EmailLimits

    /// The lines that end the customer's own text (`lexicons/email-markers.tsv`).
    public let markers: EmailMarkers

    /// The HTML entity tables, asked for only when a message has an HTML body and no plain one: most mail has
    /// none, and the mail hook's start does not pay for reading them.
    let entities: @Sendable () -> HTMLEntities

    /// A parser with the data it reads; the library's `EmailParser(limits:markers:)` passes the built-in data.
    package init(limits: EmailLimits, markers: EmailMarkers, entities: @escaping @Sendable () -> HTMLEntities) {
        self.limits = limits
        self.markers = markers
        self.entities = entities
    }

    public func parse(_ bytes: [UInt8]) throws(EmailError) -> Message {
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else { throw .empty }
        guard bytes.count <= limits.maxMessageBytes else { throw .tooLarge(bytes: bytes.count, limit: limits.maxMessageBytes) }
        var warnings: [String] = []
        let (headers, bodyStart) = Self.headers(bytes[...], limits: limits, warnings: &warnings)
        var state = WalkState()
        walk(headers: headers, body: bytes[bodyStart...], depth: 0, state: &state, warnings: &warnings)
        if state.plain == nil, state.html == nil, let forwarded = state.forwarded {
            // A forward with no covering note: the forwarded message's body is the complaint.
            let (h, start) = Self.headers(forwarded, limits: limits, warnings: &warnings)
            walk(headers: h, body: forwarded[start...], depth: 1, state: &state, warnings: &warnings)
            if state.plain != nil || state.html != nil { warnings.append("forwarded_message_read") }
        }
        var body = state.plain ?? state.html.map { HTML.text($0, entities: entities()) } ?? ""
        if body.trimmingWhitespace().isEmpty {
            // Nothing to read but the subject and the attachments: still a complaint, which a person must open.
            warnings.append("no_text_part")
            body = ""
        }
        var customer = Customer()
        if let from = headers.first(where: { $0.name == "from" }) {
            let (name, address) = Self.address(Self.decodeWords(from.value, warnings: &warnings))
            customer.name = name
            customer.email = address
        }
        let subject = headers.first { $0.name == "subject" }.map { Self.decodeWords($0.value, warnings: &warnings).trimmingSpaces() }
        var received: Date?
        if let d = headers.first(where: { $0.name == "date" }) {
            received = Self.date(d.value)
            if received == nil { warnings.append("unreadable_date_header") }
        }
        let id = headers.first { $0.name == "message-id" }.map { $0.value.trimming { $0 == " " || $0 == "<" || $0 == ">" || $0 == "\t" } }
        let (content, signature) = Self.split(body, markers: markers)
        var message = Message(id: id?.isEmpty == false ? id : nil, channel: .email, receivedAt: received, customer: customer, subject: subject,
                              text: body, content: content == body ? nil : content, attachments: state.attachments,
                              warnings: Array(Set(warnings)).sorted())
        message.references = Self.threadReferences(headers)
        message.signature = signature
        return message
    }

    package struct Header {
        package let name: String
        package let value: String
    }

    package struct WalkState {
        package var plain: String?
        package var html: String?
        package var attachments: [String] = []
        package var parts = 0
        /// The first message/rfc822 part, read when the message has no text of its own.
        package var forwarded: ArraySlice<UInt8>?
    }

}
