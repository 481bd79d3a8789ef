import IntakeCore
import IntakeText
import IntakeLexicon
import Foundation

/// Phone numbers, in E.164 where the country is clear.
extension Extraction {
    package mutating func phones() -> [PhoneNumber] {
        var out: [PhoneNumber] = []
        var i = 0
        while i < s.count {
            let plus = s[i] == 0x2B
            guard (plus && i + 1 < s.count && Scan.isDigit(s[i + 1])) || (Scan.isDigit(s[i]) && (i == 0 || !Scan.isAlnum(s[i - 1]) && s[i - 1] != 0x2B)) else { i += 1; continue }
            var j = plus ? i + 1 : i
            var digits: [UInt32] = []
            var separators = 0
            var lastDigitEnd = j
            while j < s.count, digits.count <= 15 {
                let c = s[j]
                if Scan.isDigit(c) { digits.append(c); j += 1; lastDigitEnd = j; continue }
                if (c == 0x20 || c == 0x2D || c == 0x2E || c == 0x28 || c == 0x29), j + 1 < s.count,
                   Scan.isDigit(s[j + 1]) || (c == 0x29 && s[j + 1] == 0x20) {
                    separators += 1; j += 1; continue
                }
                break
            }
            let r = i..<lastDigitEnd
            defer { i = max(lastDigitEnd, i + 1) }
            guard lastDigitEnd >= s.count || !Scan.isAlnum(s[lastDigitEnd]), isFree(r) else { continue }
            let hasCue = cue(before: i)?.word.kind == "phone"
            guard let phone = classifyPhone(digits.map { Character(Unicode.Scalar($0)!) }, plus: plus, separators: separators, cue: hasCue) else { continue }
            claim(r)
            let src = span(r)
            out.append(PhoneNumber(value: phone.value, country: phone.country, text: src.text, start: src.start, end: src.end))
        }
        return out
    }

    private func classifyPhone(_ d: [Character], plus: Bool, separators: Int, cue: Bool) -> (value: String, country: String?)? {
        Self.classifyPhone(String(d), plus: plus, separators: separators, cue: cue, language: language, isSpanish: isSpanish,
                           defaultCountry: defaultCountry, callingCodes: data.callingCodes)
    }

    /// The E.164 form and country of a run of digits read as a phone, by the shapes of each country's numbers; a
    /// number no shape places takes `defaultCountry`'s calling code when the desk sets one.
    package static func classifyPhone(_ digits: String, plus: Bool, separators: Int, cue: Bool, language: Language, isSpanish: Bool,
                                      defaultCountry: String?, callingCodes: [(code: String, country: String)]) -> (value: String, country: String?)? {
        var digits = digits
        var international = plus
        if digits.hasPrefix("00"), digits.count > 10 { digits.removeFirst(2); international = true }
        if international {
            guard (8...15).contains(digits.count) else { return nil }
            let country = callingCodes.first { digits.hasPrefix($0.code) }?.country
            return ("+" + digits, country)
        }
        let n = digits.count
        let chinese = language.isChinese
        if n == 11, digits.hasPrefix("1"), let second = digits.dropFirst().first, "3456789".contains(second), chinese || cue || separators > 0 || !isSpanish {
            return ("+86" + digits, "CN")
        }
        // Taiwan mobiles have ten digits from 09; mainland landlines with a 09xx area code have eleven or twelve.
        if chinese, n == 10, digits.hasPrefix("09") { return ("+886" + digits.dropFirst(), "TW") }
        if chinese, (10...12).contains(n), digits.hasPrefix("0"), !digits.hasPrefix("00"), separators > 0 || cue {
            return ("+86" + digits.dropFirst(), "CN")
        }
        if language == .chineseTraditional, n == 8, let f = digits.first, "5679".contains(f), cue || separators > 0 { return ("+852" + digits, "HK") }
        if isSpanish {
            if n == 9, let f = digits.first, "6789".contains(f), cue || separators > 0 { return ("+34" + digits, "ES") }
            if n == 10, digits.hasPrefix("3"), cue || separators > 0 { return ("+57" + digits, "CO") }
            if n == 10, ["55", "33", "81"].contains(String(digits.prefix(2))), cue || separators > 0 { return ("+52" + digits, "MX") }
            if n == 11, digits.hasPrefix("0"), cue || separators > 0 { return ("+54" + digits.dropFirst(), "AR") }
        }
        if cue, let country = defaultCountry, let code = callingCodes.first(where: { $0.country == country })?.code, (7...12).contains(n) {
            // A national number keeps its trunk 0 at home and drops it abroad (0911 222 333 in Taiwan: +886911222333).
            return ("+" + code + (digits.hasPrefix("0") ? String(digits.dropFirst()) : digits), country)
        }
        if cue, (7...15).contains(n) { return (digits, nil) }
        return nil
    }

}

extension FieldExtractor {
    /// A phone the input gives (a batch line's `customer.phone`, a signature's number) in E.164 when its shape or
    /// the desk's `defaultCountry` places it (55 1234 5678 in a Spanish complaint: +525512345678), else as given.
    public func normalizedPhone(_ raw: String, language: Language, defaultCountry: String? = nil) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let scalars = Array(trimmed.unicodeScalars.map { Unicode.Scalar($0.properties.numericType == .decimal ? UInt32(0x30 + Int($0.properties.numericValue ?? 0)) : $0.value) ?? $0 })
        let digits = String(String.UnicodeScalarView(scalars.filter { $0.value >= 0x30 && $0.value <= 0x39 }))
        let plus = scalars.first == "+"
        let separators = scalars.filter { [" ", "-", ".", "(", ")"].contains($0) }.count
        guard !digits.isEmpty, digits.count <= 15,
              let phone = Extraction.classifyPhone(digits, plus: plus, separators: separators, cue: true, language: language,
                                                   isSpanish: language == .spanish, defaultCountry: defaultCountry,
                                                   callingCodes: data.callingCodes) else { return trimmed }
        return phone.value
    }
}

extension FieldExtractor {
    /// The first phone number of an e-mail signature that its shape or `defaultCountry` places, in E.164: a run of
    /// at least seven digits, with spaces, dots, dashes and brackets between (Tel. +34 612 345 678, 手机 139-0211-5678).
    public func phone(inSignature signature: String, language: Language, defaultCountry: String? = nil) -> String? {
        let scalars = Array(signature.unicodeScalars)
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "+" || scalars[i].properties.numericType == .decimal else { i += 1; continue }
            var j = i + 1, digits = scalars[i] == "+" ? 0 : 1
            while j < scalars.count, scalars[j].properties.numericType == .decimal || " -.()".unicodeScalars.contains(scalars[j]) {
                if scalars[j].properties.numericType == .decimal { digits += 1 }
                j += 1
            }
            if (7...15).contains(digits) {
                let raw = String(String.UnicodeScalarView(scalars[i..<j]))
                let phone = normalizedPhone(raw, language: language, defaultCountry: defaultCountry)
                // Only a number its shape or the desk's country places: a signature also holds postal codes and tax ids.
                if phone.hasPrefix("+") { return phone }
            }
            i = j
        }
        return nil
    }
}
