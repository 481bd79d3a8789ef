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
    /// `negationScopes` are the negated stretches the lexicon stage found (不要换货). `defaultCurrency` is the desk's
    /// currency for amounts whose text names none (the policy's `default_currency`); `defaultCountry` the country of
    /// phone numbers written without a calling code.
    public func extract(_ text: NormalizedText, language: Language, negationScopes: [Range<Int>], reference: Day,
                        defaultCurrency: String? = nil, defaultCountry: String? = nil) -> ExtractedFields {
        extract(text, language: language, negationScopes: negationScopes, reference: reference,
                defaultCurrency: defaultCurrency, defaultCountry: defaultCountry, meter: nil)
    }

    /// `meter` counts the hit lookups and scalar steps, so tests can check that work grows linearly with the text.
    package func extract(_ text: NormalizedText, language: Language, negationScopes: [Range<Int>], reference: Day,
                         defaultCurrency: String? = nil, defaultCountry: String? = nil, meter: WorkMeter?) -> ExtractedFields {
        var run = Extraction(data: data, text: text, language: language, hits: data.hits(in: text.scalars), negationScopes: negationScopes, meter: meter)
        run.defaultCurrency = defaultCurrency
        run.defaultCountry = defaultCountry
        var fields = ExtractedFields()
        fields.emails = run.emails()
        let dates = DateExtractor(run: run, reference: reference).extract()
        for d in dates { run.claim(d.normRange) }
        fields.dates = dates.map { $0.mention }
        if fields.dates.contains(where: \.ambiguous) { fields.warnings.append("date_order_ambiguous") }
        fields.amounts = run.amounts()
        let (orders, tracking, references) = run.cuedNumbers()
        fields.referenceNumbers = references
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
    package var defaultCurrency: String?
    package var defaultCountry: String?

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
