import IntakeCore
/// Folds complaint text for matching while keeping a map to the original (see ``NormalizedText``).
///
/// Owns ICU handles, so it is not thread-safe: each worker keeps its own.
public final class Normalizer {
    private let folder: ICUFolder
    /// The Traditional-Simplified table it folds with.
    public let variants: HanVariants
    /// Texts longer than this (in Unicode scalars) are refused with ``TextError/tooLong(scalars:limit:)``.
    public let maxScalars: Int

    /// - Parameter variants: the Traditional-Simplified table (default: the built-in one).
    public init(maxScalars: Int = 10_000_000, variants: HanVariants) throws(TextError) {
        folder = try ICUFolder()
        self.variants = variants
        self.maxScalars = maxScalars
    }

    /// NFKC case folding and accent removal by ICU, then Traditional to Simplified by the table.
    private func foldScalars(_ scalars: [UInt32]) -> ([UInt32], [Int32]) {
        var (folded, origin) = folder.fold(scalars, options: [.accents])
        folded.withUnsafeMutableBufferPointer { f in
            for i in 0..<f.count where f[i] >= HanVariants.low { f[i] = variants.simplify(f[i]) }
        }
        return (folded, origin)
    }

    /// Normalizes `text`. Throws ``TextError/empty`` for white space only and ``TextError/tooLong`` past the limit.
    public func normalize(_ text: String) throws(TextError) -> NormalizedText {
        let original = Self.scalars(of: text)
        if original.count > maxScalars { throw .tooLong(scalars: original.count, limit: maxScalars) }
        if original.allSatisfy(Scalar.isSpace) { throw .empty }
        let (folded, origin) = foldScalars(original)
        let specials = SpecialScanner(folded: folded, original: original, origin: origin).scan()
        return Squeezer.squeeze(original: text, originalScalars: original, folded: folded, origin: origin,
                                specials: specials)
    }

    /// The Unicode scalar values of `text`, decoded from its UTF-8 in one pass.
    package static func scalars(of text: String) -> [UInt32] {
        var text = text
        return text.withUTF8 { u in
            [UInt32](unsafeUninitializedCapacity: u.count) { out, n in
                // A String's UTF-8 is well-formed, so no sequence is cut off.
                var i = 0, k = 0
                while i < u.count, let c = UTF8Bytes.decode(u, at: &i) {
                    out[k] = c
                    k += 1
                }
                n = k
            }
        }
    }

    /// Normalizes a lexicon term or dictionary word the same way as text, without spans.
    public func fold(_ term: String) -> [UInt32] {
        let (folded, _) = foldScalars(Self.scalars(of: term))
        return Squeezer.squeezeRuns(folded)
    }

    /// Whether a Han character is written only in Traditional, only in Simplified, or alike in both.
    package func hanVariant(_ scalar: UInt32) -> HanVariants.Variant { variants.variant(scalar) }
}

/// Scalar predicates on folded text.
/// Public only so that other stage targets can inline and specialize its members (all `package`): the compiler
/// serializes no member of a `package` type, not even an `@inlinable` one.
@_documentation(visibility: package)
public enum Scalar {
    @inlinable package static func isSpace(_ s: UInt32) -> Bool {
        s == 0x20 || (s >= 0x09 && s <= 0x0D) || s == 0xA0 || s == 0x3000 || s == 0x85 || (s >= 0x2000 && s <= 0x200B)
            || s == 0x2028 || s == 0x2029 || s == 0xFEFF
    }
    @inlinable package static func isAsciiLetter(_ s: UInt32) -> Bool { (s | 32) >= 0x61 && (s | 32) <= 0x7A }
    @inlinable package static func isDigit(_ s: UInt32) -> Bool { s >= 0x30 && s <= 0x39 }
    @inlinable package static func isAsciiAlnum(_ s: UInt32) -> Bool { isAsciiLetter(s) || isDigit(s) }
    @inlinable package static func isHan(_ s: UInt32) -> Bool {
        (s >= 0x4E00 && s <= 0x9FFF) || (s >= 0x3400 && s <= 0x4DBF) || (s >= 0x20000 && s <= 0x3134F)
            || (s >= 0xF900 && s <= 0xFAFF)
    }
    /// Letters and digits of any script, and the underscore: what a #hashtag or @mention is made of.
    package static func isWordChar(_ s: UInt32) -> Bool {
        isAsciiAlnum(s) || s == 0x5F || (s >= 0x80 && UnicodeClass.isLetter(s)) || isHan(s)
    }
}

/// Finds URLs, e-mail addresses, @mentions and #hashtags in folded text, in one pass.
package struct SpecialScanner {
    package let folded: [UInt32]
    package let original: [UInt32]
    package let origin: [Int32]

    package func scan() -> [SpecialSpan] {
        var spans: [SpecialSpan] = []
        var i = 0
        let n = folded.count
        while i < n {
            let c = folded[i]
            if (c == 0x68 || c == 0x77), let end = url(at: i) {  // h(ttp) or w(ww.)
                spans.append(SpecialSpan(kind: .url, range: i..<end, words: []))
                i = end
            } else if c == 0x40 {  // @
                if let r = email(around: i), r.lowerBound >= (spans.last?.range.upperBound ?? 0) {
                    spans.append(SpecialSpan(kind: .email, range: r, words: []))
                    i = r.upperBound
                } else if let end = mention(at: i) {
                    spans.append(SpecialSpan(kind: .mention, range: i..<end, words: []))
                    i = end
                } else {
                    i += 1
                }
            } else if c == 0x23, let (end, words) = hashtag(at: i) {  // #
                spans.append(SpecialSpan(kind: .hashtag, range: i..<end, words: words))
                i = end
            } else {
                i += 1
            }
        }
        return spans
    }

    private func startsWith(_ s: String, at i: Int) -> Bool {
        var k = i
        for u in s.unicodeScalars {
            guard k < folded.count, folded[k] == u.value else { return false }
            k += 1
        }
        return true
    }

    private func precededByWordChar(_ i: Int) -> Bool { i > 0 && Scalar.isAsciiAlnum(folded[i - 1]) }

    private func url(at i: Int) -> Int? {
        guard !precededByWordChar(i) else { return nil }
        guard startsWith("http://", at: i) || startsWith("https://", at: i) || startsWith("www.", at: i) else { return nil }
        var end = i
        while end < folded.count {
            let s = folded[end]
            if s <= 0x20 || s == 0x22 || s == 0x3C || s == 0x3E || s >= 0x2E80 || s == 0x60 { break }
            end += 1
        }
        // Sentence punctuation after a URL belongs to the sentence.
        while end > i, [0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x27].contains(folded[end - 1]) { end -= 1 }
        return end - i > 4 ? end : nil
    }

    private func isLocalChar(_ s: UInt32) -> Bool {
        Scalar.isAsciiAlnum(s) || s == 0x2E || s == 0x5F || s == 0x25 || s == 0x2B || s == 0x2D
    }

    private func email(around at: Int) -> Range<Int>? {
        var start = at
        while start > 0, isLocalChar(folded[start - 1]) { start -= 1 }
        while start < at, !Scalar.isAsciiAlnum(folded[start]) { start += 1 }
        guard start < at else { return nil }
        var end = at + 1
        var lastDot = -1
        while end < folded.count, Scalar.isAsciiAlnum(folded[end]) || folded[end] == 0x2D || folded[end] == 0x2E {
            if folded[end] == 0x2E { lastDot = end }
            end += 1
        }
        while end > at + 1, folded[end - 1] == 0x2E || folded[end - 1] == 0x2D { end -= 1 }
        if lastDot >= end { lastDot = (at + 1..<end).last { folded[$0] == 0x2E } ?? -1 }
        guard lastDot > at + 1, end - lastDot - 1 >= 2,
              (lastDot + 1..<end).allSatisfy({ Scalar.isAsciiLetter(folded[$0]) }) else { return nil }
        return start..<end
    }

    private func mention(at i: Int) -> Int? {
        guard !precededByWordChar(i) else { return nil }
        var end = i + 1
        while end < folded.count, end - i <= 30, Scalar.isWordChar(folded[end]) || folded[end] == 0x2E { end += 1 }
        while end > i + 1, folded[end - 1] == 0x2E { end -= 1 }
        return end > i + 1 ? end : nil
    }

    /// `#Word`, `#word_word` or Weibo's `#话题#`. A tag must start with a letter and hold more letters than digits,
    /// so that `#4021` or `#DD2023110512` (order numbers) are not tags.
    private func hashtag(at i: Int) -> (Int, [Range<Int>])? {
        guard !precededByWordChar(i) else { return nil }
        var end = i + 1
        while end < folded.count, end - i <= 60, Scalar.isWordChar(folded[end]) { end += 1 }
        guard end > i + 1 else { return nil }
        let body = i + 1..<end
        let digits = body.filter { Scalar.isDigit(folded[$0]) }.count
        guard !Scalar.isDigit(folded[i + 1]), body.count - digits > digits else { return nil }
        var close = end
        if end < folded.count, folded[end] == 0x23 { close = end + 1 }
        return (close, words(in: body))
    }

    /// Words of a tag: split at underscores, script changes and the original's lower-to-upper case changes.
    private func words(in body: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = body.lowerBound
        func originalScalar(_ k: Int) -> UInt32 { original[Int(origin[k])] }
        for k in body {
            let s = folded[k]
            if s == 0x5F {
                if k > start { result.append(start..<k) }
                start = k + 1
                continue
            }
            guard k > start else { continue }
            let prev = originalScalar(k - 1), cur = originalScalar(k)
            let caseBreak = (prev >= 0x61 && prev <= 0x7A || prev >= 0xDF && prev <= 0xFF) && (cur >= 0x41 && cur <= 0x5A || cur >= 0xC0 && cur <= 0xDE)
            let scriptBreak = Scalar.isHan(folded[k - 1]) != Scalar.isHan(s)
            if caseBreak || scriptBreak {
                result.append(start..<k)
                start = k
            }
        }
        if start < body.upperBound { result.append(start..<body.upperBound) }
        return result.count > 1 ? result : []
    }
}

/// Squeezes stretched letters (tardííísimo -> tardisimo) and repeated punctuation (!!!! -> !).
package enum Squeezer {
    /// Three or more of one Latin letter become one; two stay (ll, rr, cc, ee are Spanish spelling).
    package static let letterRun = 3
    /// Two or more of one punctuation mark become one.
    package static let punctuationRun = 2

    package static func isSqueezablePunctuation(_ s: UInt32) -> Bool {
        (s >= 0x21 && s <= 0x2F && s != 0x23) || (s >= 0x3A && s <= 0x40) || s == 0x7E || (s >= 0x2010 && s <= 0x2027)
            || (s >= 0x3001 && s <= 0x3003) || s == 0xFF5E || s == 0xA1 || s == 0xBF
    }

    /// Where a run starting at `i` ends and whether it squeezes to one scalar.
    private static func run(_ s: UnsafeBufferPointer<UInt32>, at i: Int, limit: Int) -> (end: Int, squeeze: Bool) {
        let c = s[i]
        var j = i + 1
        while j < limit, s[j] == c { j += 1 }
        let length = j - i
        if Scalar.isAsciiLetter(c) { return (j, length >= letterRun) }
        if isSqueezablePunctuation(c) { return (j, length >= punctuationRun) }
        return (j, false)
    }

    package static func squeezeRuns(_ s: [UInt32]) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(s.count)
        s.withUnsafeBufferPointer { u in
            var i = 0
            while i < u.count {
                let (end, squeeze) = run(u, at: i, limit: u.count)
                if squeeze { out.append(u[i]) } else { out.append(contentsOf: u[i..<end]) }
                i = end
            }
        }
        return out
    }

    package static func squeeze(original: String, originalScalars: [UInt32], folded: [UInt32], origin: [Int32],
                        specials: [SpecialSpan]) -> NormalizedText {
        var out = [UInt32](repeating: 0, count: folded.count)
        var map = [Int32](repeating: 0, count: folded.count)
        var n = 0
        var newSpecials: [SpecialSpan] = []
        newSpecials.reserveCapacity(specials.count)
        folded.withUnsafeBufferPointer { f in
            origin.withUnsafeBufferPointer { o in
                out.withUnsafeMutableBufferPointer { out in
                    map.withUnsafeMutableBufferPointer { map in
                        @inline(__always) func copy(_ from: Int, _ to: Int) {
                            for k in from..<to {
                                out[n] = f[k]
                                map[n] = o[k]
                                n += 1
                            }
                        }
                        var next = 0  // next special span
                        var i = 0
                        while i < f.count {
                            if next < specials.count, specials[next].range.lowerBound == i {
                                let span = specials[next]
                                let shift = n - i
                                copy(span.range.lowerBound, span.range.upperBound)
                                newSpecials.append(SpecialSpan(kind: span.kind, range: (span.range.lowerBound + shift)..<(span.range.upperBound + shift),
                                                               words: span.words.map { ($0.lowerBound + shift)..<($0.upperBound + shift) }))
                                i = span.range.upperBound
                                next += 1
                                continue
                            }
                            let limit = next < specials.count ? specials[next].range.lowerBound : f.count
                            let (end, squeeze) = run(f, at: i, limit: limit)
                            if squeeze { copy(i, i + 1) } else { copy(i, end) }
                            i = end
                        }
                    }
                }
            }
        }
        out.removeLast(folded.count - n)
        map.removeLast(folded.count - n)
        return NormalizedText(original: original, originalScalars: originalScalars, scalars: out, origin: map,
                              specials: newSpecials)
    }
}
