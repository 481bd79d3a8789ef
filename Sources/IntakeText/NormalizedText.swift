import IntakeCore
/// A complaint text folded for matching, with a map back to the text as received.
///
/// The normalized form is NFKC case-folded, Traditional Chinese mapped to Simplified, Latin accents removed,
/// stretched letters and repeated punctuation squeezed. Every normalized scalar remembers which scalar of
/// the original it came from, so any span found in the normalized text can be reported in the original.
/// Offsets are Unicode scalar offsets, as Python counts them.
public struct NormalizedText: Sendable {
    /// The text as received, never rewritten.
    public let original: String
    /// The original text as Unicode scalar values.
    public let originalScalars: [UInt32]
    /// The normalized scalars.
    public let scalars: [UInt32]
    /// For each normalized scalar, the offset in `originalScalars` it came from.
    package let origin: [Int32]
    /// URLs, e-mail addresses, @mentions and #hashtags, as ranges of normalized offsets.
    public let specials: [SpecialSpan]

    package init(original: String, originalScalars: [UInt32], scalars: [UInt32], origin: [Int32], specials: [SpecialSpan]) {
        self.original = original
        self.originalScalars = originalScalars
        self.scalars = scalars
        self.origin = origin
        self.specials = specials
    }

    /// The normalized text as a String.
    public var normalized: String { Self.string(scalars[...]) }

    /// The original range (scalar offsets) that the normalized range `range` came from. The end reaches up to
    /// the origin of the next normalized scalar, so characters dropped by folding or squeezing stay inside.
    public func originalRange(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let at = range.lowerBound < origin.count ? Int(origin[range.lowerBound]) : originalScalars.count
            return at..<at
        }
        let start = Int(origin[range.lowerBound])
        let end = range.upperBound < origin.count ? Int(origin[range.upperBound]) : originalScalars.count
        return start..<max(end, start + 1)
    }

    /// The original text in a range of original scalar offsets.
    public func originalText(_ range: Range<Int>) -> String { Self.string(originalScalars[range]) }

    /// The normalized text in a range of normalized offsets.
    public func normalizedText(_ range: Range<Int>) -> String { Self.string(scalars[range]) }

    package static func string(_ scalars: ArraySlice<UInt32>) -> String {
        // Encoding to UTF-8 in one buffer and building the String once is several times cheaper than appending
        // scalars one by one; short results fit in a small String and allocate nothing.
        String(unsafeUninitializedCapacity: scalars.count * 4) { out in
            var n = 0
            for v in scalars {
                UTF8Bytes.forEachByte(of: v) { b in
                    out[n] = b
                    n += 1
                }
            }
            return n
        }
    }
}

/// A stretch of text kept whole: a URL, an e-mail address, an @mention or a #hashtag.
public struct SpecialSpan: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case url, email, mention, hashtag }
    public let kind: Kind
    /// Normalized offsets.
    public let range: Range<Int>
    /// For hashtags: the words inside it (#PesimoServicio has "pesimo" and "servicio"), as normalized ranges.
    public let words: [Range<Int>]
}
