import IntakeCore
import CICUShim

/// ICU's folding services for one worker: NFKC case folding and accent removal. Not thread-safe (it caches
/// per character); a worker owns one.
package final class ICUFolder {
    private let handle: OpaquePointer

    package init() throws(TextError) {
        var status: Int32 = 0
        guard let h = ci_folder_open(&status) else {
            throw .icuUnavailable(service: "the NFKC normalizer",
                                  name: String(cString: ci_error_name(status)))
        }
        handle = h
    }

    deinit { ci_folder_close(handle) }

    package struct Options: OptionSet {
        package let rawValue: UInt32
        package init(rawValue: UInt32) { self.rawValue = rawValue }
        package static let accents = Options(rawValue: UInt32(CI_FOLD_ACCENTS))
    }

    /// Folds `scalars`; `origin[i]` is the index in `scalars` that folded scalar `i` came from.
    package func fold(_ scalars: [UInt32], options: Options) -> (scalars: [UInt32], origin: [Int32]) {
        var capacity = scalars.count + scalars.count / 4 + 16
        while true {
            var out = [UInt32](repeating: 0, count: capacity)
            var origin = [Int32](repeating: 0, count: capacity)
            let n = scalars.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { o in
                    origin.withUnsafeMutableBufferPointer { m in
                        ci_fold(handle, src.baseAddress, Int32(src.count), o.baseAddress, m.baseAddress,
                                Int32(capacity), options.rawValue)
                    }
                }
            }
            if n >= 0 {
                out.removeLast(capacity - Int(n))
                origin.removeLast(capacity - Int(n))
                return (out, origin)
            }
            if n == Int32.min {
                // ICU refused a chunk; the unfolded text is a safe answer that loses nothing.
                return (scalars, (0..<Int32(scalars.count)).map { $0 })
            }
            capacity = Int(-n)
        }
    }
}

/// Character classes from ICU's property data.
package enum UnicodeClass {
    package enum Script { case common, latin, han, kana, hangul, other }

    package static func script(_ s: UInt32) -> Script {
        switch ci_script(s) {
        case Int32(CI_SCRIPT_LATIN): .latin
        case Int32(CI_SCRIPT_HAN): .han
        case Int32(CI_SCRIPT_KANA): .kana
        case Int32(CI_SCRIPT_HANGUL): .hangul
        case Int32(CI_SCRIPT_COMMON): .common
        default: .other
        }
    }

    package static func isLetter(_ s: UInt32) -> Bool { ci_is_letter(s) != 0 }
    package static func isEmoji(_ s: UInt32) -> Bool { ci_is_emoji(s) != 0 }
}

/// ICU's word break iterator, with its dictionary for Chinese. Not thread-safe; a worker owns one.
package final class ICUWordBreaker {
    package enum Kind: Int32 { case none = 0, number = 1, letter = 2, kana = 3, ideographic = 4 }
    package struct Segment { var end: Int; var kind: Kind }

    private let handle: OpaquePointer

    package init() throws(TextError) {
        var status: Int32 = 0
        guard let h = ci_breaker_open("zh", &status) else {
            throw .icuUnavailable(service: "the word break iterator", name: String(cString: ci_error_name(status)))
        }
        handle = h
    }

    deinit { ci_breaker_close(handle) }

    /// Segment ends (exclusive, in scalar offsets) and kinds over `scalars`.
    package func segments(_ scalars: [UInt32]) -> [Segment] {
        var capacity = scalars.count / 2 + 8
        while true {
            var ends = [Int32](repeating: 0, count: capacity)
            var kinds = [Int32](repeating: 0, count: capacity)
            let n = scalars.withUnsafeBufferPointer { src in
                ends.withUnsafeMutableBufferPointer { e in
                    kinds.withUnsafeMutableBufferPointer { k in
                        ci_breaker_segment(handle, src.baseAddress, Int32(src.count), e.baseAddress, k.baseAddress,
                                           Int32(capacity))
                    }
                }
            }
            if n >= 0 {
                return (0..<Int(n)).map { Segment(end: Int(ends[$0]), kind: Kind(rawValue: kinds[$0]) ?? .none) }
            }
            if n == Int32.min {
                return scalars.isEmpty ? [] : [Segment(end: scalars.count, kind: .letter)]
            }
            capacity = Int(-n)
        }
    }
}

/// ICU's charset converters, for e-mail bodies and headers.
public enum CharsetConverter {
    /// Whether ICU knows `charset` (a MIME charset name or alias).
    public static func isKnown(_ charset: String) -> Bool { ci_charset_known(charset) != 0 }

    /// ICU's guesses for the charset of unlabeled bytes, most likely first, with confidences from 0 to 100; empty
    /// when ICU's detector cannot be loaded.
    public static func detect(_ bytes: [UInt8], max: Int = 8) -> [(name: String, confidence: Int)] {
        guard !bytes.isEmpty else { return [] }
        var names = [CChar](repeating: 0, count: 64 * max)
        var confidences = [Int32](repeating: 0, count: max)
        let n = bytes.withUnsafeBufferPointer { src in
            ci_detect_charsets(src.baseAddress, Int32(clamping: src.count), &names, Int32(names.count), &confidences, Int32(max))
        }
        guard n > 0 else { return [] }
        var out: [(String, Int)] = []
        var start = 0
        for k in 0..<Int(n) {
            guard let end = names[start...].firstIndex(of: 0) else { break }
            let name = String(decoding: names[start..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            out.append((name, Int(confidences[k])))
            start = end + 1
        }
        return out
    }

    /// Decodes `bytes` in `charset` to a String; nil when the charset is unknown. Malformed sequences become U+FFFD
    /// and are counted in `substitutions`.
    public static func decode(_ bytes: [UInt8], charset: String) -> (text: String, substitutions: Int)? {
        if bytes.isEmpty { return ci_charset_known(charset) != 0 ? ("", 0) : nil }
        var capacity = bytes.count * 3 + 4
        while true {
            var out = [UInt8](repeating: 0, count: capacity)
            var subs: Int32 = 0
            let n = bytes.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in
                    ci_convert_to_utf8(charset, src.baseAddress, Int32(src.count), dst.baseAddress, Int32(capacity), &subs)
                }
            }
            if n == Int32.min { return nil }
            if n < 0 { capacity = Int(-n); continue }
            return (String(decoding: out[0..<Int(n)], as: UTF8.self), Int(subs))
        }
    }
}
