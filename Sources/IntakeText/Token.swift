import IntakeCore
/// One token of a complaint: a word, a number or code, an emoji, or a kept-whole URL, address, mention or tag.
public struct Token: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case word, number, code, ideographic, emoji, url, email, mention, hashtag
    }
    /// The original text the token covers.
    public var text: String
    /// The normalized form used for matching.
    public var norm: String
    /// Start offset in the original text (Unicode scalars).
    public var start: Int
    /// End offset (exclusive) in the original text.
    public var end: Int
    public var kind: Kind
    /// True for tokens derived from a larger one (the words of a hashtag, the parts of "del" or "dámelo"),
    /// which share a span with it.
    public var isPart: Bool
    /// The token's range in the normalized text (not part of the JSON form).
    public var normRange: Range<Int> = 0..<0

    /// Normalized scalars of the token, for matching without building Strings.
    public var normScalars: [UInt32] { norm.unicodeScalars.map(\.value) }

    public init(text: String, norm: String, start: Int, end: Int, kind: Kind, isPart: Bool = false,
                normRange: Range<Int> = 0..<0) {
        self.normRange = normRange
        self.text = text
        self.norm = norm
        self.start = start
        self.end = end
        self.kind = kind
        self.isPart = isPart
    }

    /// The full token of a span of `text`.
    package init(_ span: TokenSpan, in text: NormalizedText) {
        let o = text.originalRange(span.range)
        self.init(text: text.originalText(o), norm: span.partNorm ?? text.normalizedText(span.range), start: o.lowerBound,
                  end: o.upperBound, kind: span.kind, isPart: span.isPart, normRange: span.range)
    }

    package enum CodingKeys: String, CodingKey { case text, norm, start, end, kind, isPart = "part" }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(norm, forKey: .norm)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(kind, forKey: .kind)
        if isPart { try c.encode(true, forKey: .isPart) }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decode(String.self, forKey: .text)
        norm = try c.decode(String.self, forKey: .norm)
        start = try c.decode(Int.self, forKey: .start)
        end = try c.decode(Int.self, forKey: .end)
        kind = try c.decode(Kind.self, forKey: .kind)
        isPart = try c.decodeIfPresent(Bool.self, forKey: .isPart) ?? false
    }
}
