import IntakeCore
import IntakeText
import IntakeLexicon
import Foundation

/// Reads the facts of a complaint from its normalized text: dates, amounts, order and tracking numbers, phones,
/// e-mail addresses, requested remedies and escalation signals, each with its span in the original text.
///
/// Extractors run in a fixed order and claim what they take, so one stretch of digits is one thing only:
/// e-mail addresses, then dates, amounts, numbers named by a cue word, phones, and last numbers known only by
/// their shape. Every scan moves forward through the text, so the work is linear in its length.
public struct FieldExtractor: Sendable {
    public let data: ExtractionData

    public init(data: ExtractionData) { self.data = data }

    /// Extracts the fields of `text` (in `language`), with relative dates resolved against `reference`.
    /// `negationScopes` are the negated stretches the lexicon stage found (不要换货).
    public func extract(_ text: NormalizedText, language: Language, negationScopes: [Range<Int>], reference: Day) -> ExtractedFields {
        extract(text, language: language, negationScopes: negationScopes, reference: reference, meter: nil)
    }

    /// `meter` counts the hit lookups and scalar steps, so tests can check that work grows linearly with the text.
    package func extract(_ text: NormalizedText, language: Language, negationScopes: [Range<Int>], reference: Day, meter: WorkMeter?) -> ExtractedFields {
        var run = Extraction(data: data, text: text, language: language, hits: data.hits(in: text.scalars), negationScopes: negationScopes, meter: meter)
        var fields = ExtractedFields()
        fields.emails = run.emails()
        let dates = DateExtractor(run: run, reference: reference).extract()
        for d in dates { run.claim(d.normRange) }
        fields.dates = dates.map { $0.mention }
        if fields.dates.contains(where: \.ambiguous) { fields.warnings.append("date_order_ambiguous") }
        fields.amounts = run.amounts()
        let (orders, tracking) = run.cuedNumbers()
        fields.phones = run.phones()
        let (shapeOrders, shapeTracking) = run.shapedNumbers()
        fields.orderNumbers = (orders + shapeOrders).sorted { $0.start < $1.start }
        fields.trackingNumbers = (tracking + shapeTracking).sorted { $0.start < $1.start }
        fields.remedies = run.remedies()
        fields.signals = run.signals()
        return fields
    }
}

extension DateMention {
    /// A mention with its normalized range, while extraction runs.
    package struct Found {
        package var mention: DateMention
        package var normRange: Range<Int>
    }
}


/// The state of one extraction: the text, its data-word hits, and which scalars are already taken.
package struct Extraction {
    package let data: ExtractionData
    package let numbers: NumberReader
    package let text: NormalizedText
    package let s: [UInt32]
    package let language: Language
    /// Every data hit, in text order. Private so that every pass over them goes through a metered accessor: a pass
    /// per number is the quadratic path a work test must see.
    private let allHits: [WordHit]
    package let negationScopes: [Range<Int>]
    /// Spanish rules apply: the text is Spanish, or mixed with Latin letters. Decided once, not per number.
    package let isSpanish: Bool
    package private(set) var claimed: [Bool]
    /// Data hits by the index they end at, for looking back from a number to its cue.
    package let hitsEndingAt: HitIndex
    package let hitsStartingAt: HitIndex
    /// See ``codeRuns(_:)``.
    package let codes: [Range<Int>]
    private let negatedAt: [Bool]
    private let clauseStarts: [Int]
    package let meter: WorkMeter?

    package init(data: ExtractionData, text: NormalizedText, language: Language, hits: [WordHit], negationScopes: [Range<Int>], meter: WorkMeter? = nil) {
        self.data = data
        numbers = NumberReader(data: data)
        self.text = text
        s = text.scalars
        self.language = language
        allHits = hits
        isSpanish = language == .spanish || (language == .mixed && !language.isChinese && text.scalars.contains { Scan.isLetter($0) })
        self.negationScopes = negationScopes
        claimed = [Bool](repeating: false, count: text.scalars.count)
        hitsEndingAt = HitIndex(hits, count: s.count, byEnd: true)
        hitsStartingAt = HitIndex(hits, count: s.count)
        codes = Self.codeRuns(s)
        // Per-position tables, so that no question about a position costs more than a lookup.
        var negated = [Bool](repeating: false, count: s.count)
        for r in negationScopes { for i in r.clamped(to: 0..<s.count) { negated[i] = true } }
        negatedAt = negated
        var starts = [Int](repeating: 0, count: s.count + 1)
        for i in 1..<(s.count + 1) { starts[i] = Self.isClauseBreak(s[i - 1]) ? i : starts[i - 1] }
        clauseStarts = starts
        self.meter = meter
        meter?.count(s.count + hits.count)
    }

    /// The data hits that start at `i`.
    package func hits(startingAt i: Int) -> ArraySlice<WordHit> {
        meter?.count(1)
        return hitsStartingAt[i]
    }

    /// The data hits that end at `i`.
    package func hits(endingAt i: Int) -> ArraySlice<WordHit> {
        meter?.count(1)
        return hitsEndingAt[i]
    }

    /// The data hits that `keep` takes, in text order: one pass over all of them, and metered as such.
    package func hits(where keep: (WordHit) -> Bool) -> [WordHit] {
        meter?.count(allHits.count)
        return allHits.filter(keep)
    }

    package mutating func claim(_ r: Range<Int>) { for i in r { claimed[i] = true } }
    package func isFree(_ r: Range<Int>) -> Bool { !r.contains { claimed[$0] } }

    package func span(_ r: Range<Int>) -> SourceSpan {
        var o = text.originalRange(r)
        // The map stretches a range over characters folding dropped; trailing spaces are not part of it.
        while o.count > 1, Scan.isSpace(text.originalScalars[o.upperBound - 1]) { o = o.lowerBound..<o.upperBound - 1 }
        return SourceSpan(text: text.originalText(o), start: o.lowerBound, end: o.upperBound)
    }

    package func negated(_ at: Int) -> Bool { at >= 0 && at < negatedAt.count && negatedAt[at] }

    /// The start of the clause holding `i` (after the last , . ; : ! ? or line break).
    package func clauseStart(_ i: Int) -> Int { clauseStarts[min(max(i, 0), s.count)] }

    package static func isClauseBreak(_ c: UInt32) -> Bool {
        c == 0x2C || c == 0x2E || c == 0x3B || c == 0x21 || c == 0x3F || c == 0x0A || c == 0x3002 || c == 0x3001
    }

    // MARK: e-mail addresses

    package mutating func emails() -> [EmailAddress] {
        var out: [EmailAddress] = []
        for sp in text.specials where sp.kind == .email || sp.kind == .url {
            claim(sp.range)
            guard sp.kind == .email else { continue }
            let src = span(sp.range)
            out.append(EmailAddress(value: text.normalizedText(sp.range), text: src.text, start: src.start, end: src.end))
        }
        return out
    }

    // MARK: amounts

    package mutating func amounts() -> [Amount] {
        var out: [Amount] = []
        // A mark both languages know ($) is read by the rules of the text's language.
        let family = language.lexiconCode ?? (isSpanish ? "es" : "zh")
        // The text's own language first, each part in text order: a stable partition, linear where a sort was not.
        let all = hits { $0.word.table == .currency }
        let currencyHits = all.filter { $0.word.language == family } + all.filter { $0.word.language != family }
        // No currency word, no amount: a number alone is not one (see the loop below).
        if currencyHits.isEmpty { return [] }
        // A bare $ or pesos resolves by the currencies the text names: decided once for the text, not per amount.
        let named = Set(currencyHits.filter { $0.range.count >= 3 }.map(\.word.kind))
        // The longest mark ending (before a number) or starting (after one) at each position, the first of equals:
        // tables by position, whose lookups cost the same however long the text (a dictionary's did not).
        var beforeAt = [Int32](repeating: -1, count: s.count + 1), afterAt = [Int32](repeating: -1, count: s.count + 1)
        for (k, h) in currencyHits.enumerated() {
            let p = h.word.value == "before" ? h.range.upperBound : h.range.lowerBound
            if h.word.value == "before" {
                if beforeAt[p] < 0 || h.range.count > currencyHits[Int(beforeAt[p])].range.count { beforeAt[p] = Int32(k) }
            } else if afterAt[p] < 0 || h.range.count > currencyHits[Int(afterAt[p])].range.count {
                afterAt[p] = Int32(k)
            }
        }
        func mark(_ table: [Int32], _ first: Int, _ second: Int) -> WordHit? {
            let k = table[first] >= 0 ? table[first] : table[second]
            return k >= 0 ? currencyHits[Int(k)] : nil
        }
        var i = 0
        while i < s.count {
            guard !claimed[i], numbers.startsNumber(s[i]), i == 0 || !Scan.isAlnum(s[i - 1]) || !Scan.isDigit(s[i]),
                  let n = numbers.read(s, at: i) else { i += 1; continue }
            meter?.count(n.range.count)
            // The currency before the number (¥299, $1,500.50 MXN) or after it (1500元, 49,99 €, 两百块).
            var range = n.range
            var currency: String?
            let back = Scan.skipSpacesBack(s, i)
            if let h = mark(beforeAt, back, i), Scan.startsWord(s, h.range.lowerBound) || !Scan.isLetter(s[h.range.lowerBound]) {
                currency = resolve(h, named: named)
                range = h.range.lowerBound..<range.upperBound
            }
            let fwd = Scan.skipSpaces(s, n.range.upperBound)
            if let h = mark(afterAt, fwd, n.range.upperBound) {
                // A generic unit after the number (元, 块) does not undo a named currency before it (新台币150元).
                if currency == nil || (h.word.kind != "MXN" && h.range.count > 1) { currency = h.word.kind == "MXN" ? resolve(h, named: named) : h.word.kind }
                range = range.lowerBound..<h.range.upperBound
            }
            // 一块 is as often "a piece" as "one yuan": a small Chinese numeral needs 钱 or a currency before it.
            if let c = currency, Scan.isDigit(s[i]) == false, n.integer ?? 0 < 10, range.lowerBound == i, c == "CNY" || c == "HKD",
               !s[n.range.upperBound..<range.upperBound].contains("钱".unicodeScalars.first!.value) {
                currency = nil
            }
            guard let currency, isFree(range) else { i = n.range.upperBound; continue }
            claim(range)
            let src = span(range)
            out.append(Amount(value: n.value, currency: currency, text: src.text, start: src.start, end: src.end))
            i = range.upperBound
        }
        return out
    }

    /// A bare `$` or `pesos` is MXN in Spanish text unless the text names another currency; in Chinese text `$` is USD.
    private func resolve(_ h: WordHit, named: Set<String>) -> String {
        let code = h.word.kind
        if h.word.language == "zh" || !(code == "MXN") { return code }
        for other in ["USD", "ARS", "COP", "CLP", "PEN"] where named.contains(other) { return other }
        return code
    }

    // MARK: order and tracking numbers

    /// Maximal runs of letters and digits joined by single hyphens or underscores, holding at least one digit:
    /// the candidates for order and tracking numbers.
    package static func codeRuns(_ s: [UInt32]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i < s.count {
            guard Scan.isAlnum(s[i]), Scan.startsWord(s, i) else { i += 1; continue }
            var j = i
            while j < s.count {
                if Scan.isAlnum(s[j]) { j += 1; continue }
                if (s[j] == 0x2D || s[j] == 0x5F), j + 1 < s.count, Scan.isAlnum(s[j + 1]) { j += 1; continue }
                break
            }
            if s[i..<j].contains(where: Scan.isDigit) { out.append(i..<j) }
            i = j
        }
        return out
    }

    /// The cue (order, tracking or phone) that names the number starting at `start`: a cue word, then only
    /// fillers (是, número, nº) and separators (: # . spaces) up to the number.
    package func cue(before start: Int) -> WordHit? {
        var j = start
        for _ in 0..<6 {
            while j > 0, Self.isSeparator(s[j - 1]) { j -= 1 }
            let ending = hitsEndingAt[j]
            guard !ending.isEmpty else { return nil }
            if let cue = ending.filter({ ["order", "tracking", "phone"].contains($0.word.kind) && $0.word.table == .cue }).max(by: { $0.range.count < $1.range.count }) {
                return cue
            }
            // Fillers (是, número, de) and carrier names (guía de Estafeta 7788…) may stand between.
            guard let filler = ending.first(where: { $0.word.kind == "filler" || $0.word.table == .carrier }) else { return nil }
            j = filler.range.lowerBound
        }
        return nil
    }

    package static func isSeparator(_ c: UInt32) -> Bool {
        Scan.isSpace(c) || c == 0x3A || c == 0x23 || c == 0x2E || c == 0x3D || c == 0x28 || c == 0x5B || c == 0x2D
            || c == 0xB0 || c == 0xBA || c == 0x2116
    }

    package func value(_ r: Range<Int>) -> String {
        let text = span(r).text
        // Nearly every code is ASCII, where NFKC changes nothing and upper case is a byte away; Foundation's
        // path costs ten to thirty thousand instructions a call.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.compactMap { b -> UInt8? in
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) { return nil }
                return b >= 0x61 && b <= 0x7A ? b - 0x20 : b
            }, as: UTF8.self)
        }
        return text.precomposedStringWithCompatibilityMapping.uppercased().filter { !$0.isWhitespace }
    }

    /// The carrier named near a number: from 24 scalars before `at` to 12 after `end`.
    package func carrierNear(_ at: Int, end: Int) -> String? {
        var best: WordHit?
        for e in max(0, at - 24)...max(0, end + 40) {
            for h in hits(endingAt: e) where h.word.table == .carrier && h.range.lowerBound <= end + 12 {
                if best == nil || abs(h.range.lowerBound - at) < abs(best!.range.lowerBound - at) { best = h }
            }
        }
        return best?.word.kind
    }

    package mutating func cuedNumbers() -> ([OrderNumber], [TrackingNumber]) {
        var orders: [OrderNumber] = [], tracking: [TrackingNumber] = []
        for r in codes where isFree(r) {
            guard let cue = cue(before: r.lowerBound) else { continue }
            let digits = s[r].filter(Scan.isDigit).count
            guard digits >= 4 || (digits >= 2 && r.count >= 5) else { continue }
            let src = span(r)
            switch cue.word.kind {
            case "order":
                // 单号 and pedido also name parcels: a courier's own shape (SF…, YT…, 1Z…) makes it a tracking number.
                let v = value(r)
                if let c = Self.carrier(ofShape: v), c != "JD" {
                    tracking.append(TrackingNumber(value: v, carrier: c, text: src.text, start: src.start, end: src.end))
                } else {
                    orders.append(OrderNumber(value: v, text: src.text, start: src.start, end: src.end, confidence: "cue"))
                }
            case "tracking":
                let v = value(r)
                tracking.append(TrackingNumber(value: v, carrier: Self.carrier(ofShape: v) ?? carrierNear(cue.range.lowerBound, end: r.upperBound),
                                               text: src.text, start: src.start, end: src.end))
            default:
                continue
            }
            claim(r)
        }
        return (orders, tracking)
    }

    /// Carriers whose numbers have a shape of their own.
    package static func carrier(ofShape v: String) -> String? {
        let u = Array(v.unicodeScalars.map(\.value))
        func digitsOnly(_ r: Range<Int>) -> Bool { r.upperBound <= u.count && u[r].allSatisfy(Scan.isDigit) }
        func lettersOnly(_ r: Range<Int>) -> Bool { r.upperBound <= u.count && u[r].allSatisfy(Scan.isLetter) }
        if v.hasPrefix("SF"), (14...17).contains(u.count), digitsOnly(2..<u.count) { return "SF" }
        if v.hasPrefix("YT"), (15...17).contains(u.count), digitsOnly(2..<u.count) { return "YTO" }
        if v.hasPrefix("JT"), (15...16).contains(u.count), digitsOnly(2..<u.count) { return "JT" }
        if v.hasPrefix("ZTO"), (15...18).contains(u.count), digitsOnly(3..<u.count) { return "ZTO" }
        if v.hasPrefix("JD"), (12...16).contains(u.count), u[2...].filter(Scan.isDigit).count >= 9 { return "JD" }
        if v.hasPrefix("PQ"), u.count == 23, u.allSatisfy(Scan.isAlnum) { return "CORREOS" }
        if v.hasPrefix("1Z"), u.count == 18, u.allSatisfy(Scan.isAlnum) { return "UPS" }
        if v.hasPrefix("JJD"), (13...24).contains(u.count), digitsOnly(3..<u.count) { return "DHL" }
        if u.count == 13, lettersOnly(0..<2), digitsOnly(2..<11), lettersOnly(11..<13) {
            switch v.suffix(2) {
            case "ES": return "CORREOS"
            case "CN": return "CHINAPOST"
            case "MX": return "CORREOSMX"
            default: return "POST"
            }
        }
        return nil
    }

    package mutating func shapedNumbers() -> ([OrderNumber], [TrackingNumber]) {
        var orders: [OrderNumber] = [], tracking: [TrackingNumber] = []
        for r in codes where isFree(r) {
            let v = value(r)
            let src = span(r)
            if let carrier = Self.carrier(ofShape: v) {
                tracking.append(TrackingNumber(value: v, carrier: carrier, text: src.text, start: src.start, end: src.end))
                claim(r)
                continue
            }
            let u = Array(v.unicodeScalars.map(\.value))
            let digits = u.filter(Scan.isDigit).count
            let amazon = u.count == 19 && u[3] == 0x2D && u[11] == 0x2D && digits == 17
            let prefixed = u.prefix { Scan.isLetter($0) }.count
            let letterPrefix = (1...4).contains(prefixed) && digits >= 8 && digits == u.count - prefixed
            let longRun = digits == u.count && digits >= 12 && digits <= 24
            guard amazon || letterPrefix || longRun else { continue }
            orders.append(OrderNumber(value: v, text: src.text, start: src.start, end: src.end, confidence: "shape"))
            claim(r)
        }
        return (orders, tracking)
    }

    // MARK: phones

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

    package static let callingCodes: [(String, String)] = [
        ("852", "HK"), ("853", "MO"), ("886", "TW"), ("86", "CN"), ("34", "ES"), ("52", "MX"), ("54", "AR"),
        ("57", "CO"), ("56", "CL"), ("51", "PE"), ("1", "US"),
    ]

    private func classifyPhone(_ d: [Character], plus: Bool, separators: Int, cue: Bool) -> (value: String, country: String?)? {
        var digits = String(d)
        var international = plus
        if digits.hasPrefix("00"), digits.count > 10 { digits.removeFirst(2); international = true }
        if international {
            guard (8...15).contains(digits.count) else { return nil }
            let country = Self.callingCodes.first { digits.hasPrefix($0.0) }?.1
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
        if cue, (7...15).contains(n) { return (digits, nil) }
        return nil
    }

    // MARK: remedies and signals

    package func remedies() -> [Remedy] {
        var found = Set<Remedy>()
        let remedyHits = hits { $0.word.table == .remedy }
        var covered = -1
        for h in remedyHits {
            // Longest match wins: "devolución del dinero" is a refund, not also a return.
            guard h.range.lowerBound >= covered else { continue }
            let longest = hits(startingAt: h.range.lowerBound).filter { $0.word.table == .remedy }.max { $0.range.count < $1.range.count }!
            guard longest.range == h.range else { continue }
            covered = h.range.upperBound
            guard !negated(h.range.lowerBound), let remedy = Remedy(rawValue: h.word.kind) else { continue }
            // A request cue (我要, quiero, exijo) earlier in the same clause, within a short reach.
            let reach = max(clauseStart(h.range.lowerBound), h.range.lowerBound - 48)
            let asked = h.word.value == "asks" || (reach...h.range.lowerBound).contains { end in
                hits(endingAt: end).contains {
                    $0.word.table == .cue && $0.word.kind == "request" && $0.range.lowerBound >= reach && !negated($0.range.lowerBound)
                }
            }
            if asked { found.insert(remedy) }
        }
        return found.sorted()
    }

    package func signals() -> [Signal] {
        var out: [Signal] = []
        var last = -1
        for h in hits(where: { $0.word.table == .signal }) where h.range.lowerBound >= last {
            guard !negated(h.range.lowerBound) else { continue }
            // h itself starts there, so the longest signal starting there is h or a longer one.
            let longest = hits(startingAt: h.range.lowerBound).filter { $0.word.table == .signal }.max { $0.range.count < $1.range.count } ?? h
            guard longest.range == h.range else { continue }
            let src = span(h.range)
            out.append(Signal(flag: h.word.kind, count: Int(h.word.value), text: src.text, start: src.start, end: src.end))
            last = h.range.upperBound
        }
        return out
    }
}

/// Counts units of extraction work (scalars scanned, hit lookups), for tests that check the work is linear.
package final class WorkMeter: @unchecked Sendable {
    package private(set) var steps = 0
    package init() {}
    package func count(_ n: Int) { steps += n }
}
