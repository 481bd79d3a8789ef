import IntakeCore
import IntakeText
import IntakeLexicon
import Foundation

/// Reads numbers as complaints write them: 1500, 1.500,50 and 1,500.50, 1’99 and 2'50, 1.5万, 12 mil, 26mil,
/// 20 lucas, 3k, and Chinese numerals (两百, 一千五百, 三千二, 二〇二四).
package struct NumberReader {
    /// Values of single Chinese number characters (一 1, 十 10, 万 10000) and Spanish number words.
    package let chinese: ScalarValues
    package let spanish: [String: Int]
    /// Words after a number that multiply it (mil, k, lucas, w), from `multipliers.tsv`.
    package let multipliers: WordTrie<Int>

    package init(data: ExtractionData) {
        chinese = data.chineseNumbers
        spanish = data.spanishNumbers
        multipliers = data.multiplierWords
    }

    package struct Number {
        package let range: Range<Int>
        /// Decimal string.
        package let value: String
        /// The whole value when it has no fraction.
        package let integer: Int?
        /// Where a multiplier word after the digits starts (`lucas` in `20 lucas`), when there is one.
        package var multiplierStart: Int? = nil
        /// The factor a multiplier after the digits applied (1000 for `mil`, 10000 for 万), else 1.
        package var multiplier = 1
        /// The digits begin with a zero that is not a decimal's (`000`, `0412`): a code or a piece of a number.
        package var leadingZero = false
    }

    /// Whether a number can start with `c`: a digit or a Chinese numeral. Scans ask this before ``read(_:at:)``.
    @inline(__always)
    package func startsNumber(_ c: UInt32) -> Bool { Scan.isDigit(c) || chinese[c] != nil }

    /// The number starting exactly at `i`, or nil.
    package func read(_ s: [UInt32], at i: Int) -> Number? {
        if Scan.isDigit(s[i]) { return readDigits(s, at: i) }
        if chinese[s[i]] != nil { return readChinese(s, at: i) }
        return nil
    }

    private func readDigits(_ s: [UInt32], at i: Int) -> Number? {
        var groups: [String] = []
        var separators: [UInt32] = []
        var j = i
        var current = ""
        while j < s.count {
            // No amount, date or count is this long; a longer run is a code, and reading on would cost its length.
            guard j - i < 40 else { return nil }
            let c = s[j]
            if Scan.isDigit(c) { current.unicodeScalars.append(Unicode.Scalar(c)!); j += 1; continue }
            if (c == 0x2E || c == 0x2C), j + 1 < s.count, Scan.isDigit(s[j + 1]), !current.isEmpty {
                groups.append(current); separators.append(c); current = ""; j += 1; continue
            }
            // 1’99€ and 2'50 €: an apostrophe before exactly two digits is a decimal mark.
            if (c == 0x27 || c == 0x2019), separators.isEmpty, !current.isEmpty, current.count <= 6, Self.twoDigits(s, after: j) {
                groups.append(current); separators.append(0x2E); current = ""; j += 1; continue
            }
            break
        }
        groups.append(current)
        guard groups.count <= 8, groups.allSatisfy({ $0.count <= 15 }) else { return nil }
        var integer = groups[0], fraction = ""
        if let last = separators.last {
            let decimalAtEnd: Bool
            if Set(separators).count == 2 { decimalAtEnd = true }
            else if separators.count > 1 { decimalAtEnd = false }
            else { decimalAtEnd = groups.last!.count != 3 }
            if decimalAtEnd {
                integer = groups.dropLast().joined()
                fraction = groups.last!
                guard separators.dropLast().allSatisfy({ $0 != last }) else { return nil }
            } else {
                integer = groups.joined()
            }
        }
        var value = fraction.isEmpty ? integer : integer + "." + fraction
        // 1.5万, 3千, 12 mil, 26mil, 20 lucas, 3k
        var end = j
        var multiplierStart: Int?
        var multiplier = 1
        if j < s.count, let m = chinese[s[j]], m >= 100 {
            value = Self.multiply(value, m); end = j + 1; multiplier = m
        } else {
            let k = Scan.skipSpaces(s, j)
            var e = k
            while e < s.count, Scan.isLetter(s[e]), e - k < 12 { e += 1 }
            if e > k, e == s.count || !Scan.isAlnum(s[e]), let m = multipliers.lookup(in: s, k..<e) {
                value = Self.multiply(value, m); end = e; multiplierStart = k; multiplier = m
            }
        }
        let leadingZero = integer.count > 1 && integer.hasPrefix("0")
        let trimmed = value.hasPrefix("0") && value.count > 1 && !value.hasPrefix("0.") ? String(value.drop { $0 == "0" }) : value
        let v = trimmed.isEmpty ? "0" : trimmed
        var n = Number(range: i..<end, value: v, integer: v.utf8.contains(UInt8(ascii: ".")) ? nil : Int(v))
        n.multiplierStart = multiplierStart
        n.multiplier = multiplier
        n.leadingZero = leadingZero
        return n
    }

    /// Exactly two digits follow position `j`, and then no digit.
    private static func twoDigits(_ s: [UInt32], after j: Int) -> Bool {
        j + 2 < s.count && Scan.isDigit(s[j + 1]) && Scan.isDigit(s[j + 2]) && (j + 3 >= s.count || !Scan.isDigit(s[j + 3]))
    }

    package static func multiply(_ value: String, _ by: Int) -> String {
        guard let d = Decimal(string: value, locale: Locale(identifier: "en_US_POSIX")) else { return value }
        return NSDecimalNumber(decimal: d * Decimal(by)).stringValue
    }

    private func readChinese(_ s: [UInt32], at i: Int) -> Number? {
        var j = i
        var digitsOnly = true
        while j < s.count, let v = chinese[s[j]], j - i < 24 {
            if v >= 10 { digitsOnly = false }
            j += 1
        }
        guard j > i else { return nil }
        let run = s[i..<j].map { chinese[$0]! }
        // 二〇二四 is read digit by digit.
        if digitsOnly, run.count >= 2 {
            guard run.count <= 18 else { return nil }
            let v = run.reduce(0) { $0 * 10 + $1 }
            return Number(range: i..<j, value: String(v), integer: v)
        }
        var total = 0, section = 0, digit = 0
        var lastUnit = 1
        for v in run {
            switch v {
            case 0...9: digit = v
            case 10, 100, 1000:
                section += (digit == 0 ? 1 : digit) * v
                digit = 0
                lastUnit = v
            default:
                // 万万万万…: no number, and no overflow.
                let (product, overflow) = (total + section + digit).multipliedReportingOverflow(by: v)
                guard !overflow, product < 1 << 52 else { return nil }
                total = product
                section = 0; digit = 0
                lastUnit = v
            }
        }
        // 三千二 is 3200: a trailing digit counts in the unit below the last one.
        if digit > 0, lastUnit >= 100, run.count >= 2, run[run.count - 2] == lastUnit { digit *= lastUnit / 10 }
        let v = total + section + digit
        return Number(range: i..<j, value: String(v), integer: v)
    }
}

