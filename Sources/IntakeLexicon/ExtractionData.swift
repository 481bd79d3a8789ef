import IntakeCore
import IntakeText
/// One word of the extraction data files, with what it means.
///
/// A class, because hits pass words around by the thousand and one reference costs less to copy than four fields.
public final class ExtractionWord: Sendable, Equatable {
    public enum Table: String, Sendable { case cue, remedy, signal, date, number, currency, carrier }
    public let table: Table
    /// The row's second field: the cue kind, remedy, flag, date-word kind, number value or currency code.
    public let kind: String
    /// The row's third field when there is one (a date word's value, a currency's side, a repeat count).
    public let value: String
    /// The row's fourth field when there is one: the family of a generic currency mark ($, pesos, 元), such as
    /// `MXN,ARS,COP,CLP`.
    public let flag: String
    /// `zh` or `es`.
    public let language: String

    public init(table: Table, kind: String, value: String, flag: String = "", language: String) {
        self.table = table
        self.kind = kind
        self.value = value
        self.flag = flag
        self.language = language
    }

    public static func == (a: ExtractionWord, b: ExtractionWord) -> Bool {
        a.table == b.table && a.kind == b.kind && a.value == b.value && a.flag == b.flag && a.language == b.language
    }
}

/// The per-language words the extractors read (`<lang>/cues.tsv`, `remedies.tsv`, `signals.tsv`, `dates.tsv`,
/// `numbers.tsv`, `currencies.tsv`) and `carriers.tsv`, folded like text and kept in one trie.
public struct ExtractionData: Sendable {
    // A key's words are a slice of `wordList`: one array for all, not one per key.
    package let words: WordTrie<Range<Int>>
    package let wordList: [ExtractionWord]
    /// Single Chinese number characters (一 1, 两 2, 十 10, 万 10000) and Spanish number words, by value.
    package let chineseNumbers: ScalarValues
    package let spanishNumbers: [String: Int]
    /// The words around a bare number that decide whether it is a day (see ``DateContext``).
    package let dateContext: DateContext
    /// The words date phrases are built of, by role (see ``DateGrammar``).
    package let dateGrammar: DateGrammar
    /// Words after a number that multiply it (`mil`, `k`, `lucas`, `w`), from `<lang>/multipliers.tsv`.
    package let multipliers: [String: Int]
    /// The same words in a trie over folded scalars, built once at load: a number followed by letters looks them up
    /// where they lie instead of building a string and hashing it.
    package let multiplierWords: WordTrie<Int>
    /// Country calling codes (`52` MX), longest first, from `calling-codes.tsv`.
    package let callingCodes: [(code: String, country: String)]
    /// Parcel-number shapes of carriers, in file order (the first that matches wins), from `carrier-shapes.tsv`.
    package let carrierShapes: [CarrierShape]

    package static let files: [(String, ExtractionWord.Table, Int, Int)] = [
        ("cues.tsv", .cue, 2, 2), ("remedies.tsv", .remedy, 2, 3), ("signals.tsv", .signal, 2, 3),
        ("dates.tsv", .date, 3, 3), ("numbers.tsv", .number, 2, 3), ("currencies.tsv", .currency, 3, 4),
    ]

    public init(store: DataStore, fold: (String) -> [UInt32]) throws(LexiconError) {
        var trie = WordTrie<[ExtractionWord]>()
        var chineseNumbers: [UInt32: Int] = [:], spanishNumbers: [String: Int] = [:]
        var context = DateContext()
        var grammar = DateGrammar()
        for lang in ["zh", "es"] {
            for (name, table, minFields, maxFields) in Self.files {
                for file in store.layers("\(lang)/\(name)") {
                    for row in try TSV.rows(file, minFields: minFields, maxFields: maxFields) {
                        if table == .remedy, Remedy(rawValue: row.fields[1]) == nil {
                            throw .badLine(source: file.source, line: row.line, reason: "unknown remedy '\(row.fields[1])' (\(Remedy.allCases.map(\.rawValue).joined(separator: ", ")))")
                        }
                        if table == .number, Int(row.fields[1]) == nil {
                            throw .badLine(source: file.source, line: row.line, reason: "the value '\(row.fields[1])' is not a whole number")
                        }
                        if table == .currency, !["before", "after"].contains(row.fields[2]) {
                            throw .badLine(source: file.source, line: row.line, reason: "the side '\(row.fields[2])' is neither 'before' nor 'after'")
                        }
                        if table == .currency, row.fields.count > 3,
                           !row.fields[3].split(separator: ",").allSatisfy({ $0.count == 3 && $0.allSatisfy { $0.isASCII && $0.isUppercase } }) {
                            throw .badLine(source: file.source, line: row.line, reason: "the family '\(row.fields[3])' is not a list of ISO 4217 codes (MXN,ARS,CLP)")
                        }
                        let folded = fold(row.fields[0])
                        guard !folded.isEmpty else { throw .badLine(source: file.source, line: row.line, reason: "the word is empty") }
                        if table == .date, let kind = DateContext.Kind(rawValue: row.fields[1]) {
                            guard context.add(kind, NormalizedText.string(folded[...])) else {
                                throw .badLine(source: file.source, line: row.line, reason: "a place mark is one character")
                            }
                            continue
                        }
                        if table == .date, let role = DateGrammar.Role(rawValue: row.fields[1]) {
                            if let reason = grammar.add(role, folded, value: row.fields[2]) {
                                throw .badLine(source: file.source, line: row.line, reason: reason)
                            }
                            continue
                        }
                        let word = ExtractionWord(table: table, kind: row.fields[1], value: row.fields.count > 2 ? row.fields[2] : "",
                                                  flag: row.fields.count > 3 ? row.fields[3] : "", language: lang)
                        if table == .number, let v = Int(row.fields[1]) {
                            if lang == "zh", folded.count == 1 { chineseNumbers[folded[0]] = v }
                            if lang == "es" { spanishNumbers[NormalizedText.string(folded[...])] = v }
                        }
                        trie.insert(folded, payload: [word], merge: { old, new in old.contains(new[0]) ? old : old + new })
                    }
                }
            }
        }
        var multipliers: [String: Int] = [:]
        for lang in ["zh", "es"] {
            for file in store.layers("\(lang)/multipliers.tsv") {
                for row in try TSV.rows(file, minFields: 2, maxFields: 2) {
                    let folded = NormalizedText.string(fold(row.fields[0])[...])
                    guard !folded.isEmpty, folded.unicodeScalars.allSatisfy({ Scan.isLetter($0.value) }) else {
                        throw .badLine(source: file.source, line: row.line, reason: "a multiplier is a word of Latin letters")
                    }
                    guard let factor = Int(row.fields[1]), factor > 1, factor <= 1_000_000_000 else {
                        throw .badLine(source: file.source, line: row.line, reason: "the factor '\(row.fields[1])' is not a whole number from 2 to 1000000000")
                    }
                    multipliers[folded] = factor
                }
            }
        }
        self.multipliers = multipliers
        multiplierWords = Self.trie(multipliers)
        var codes: [(code: String, country: String)] = []
        for file in store.layers("calling-codes.tsv") {
            for row in try TSV.rows(file, minFields: 2, maxFields: 2) {
                guard (1...4).contains(row.fields[0].count), row.fields[0].allSatisfy(\.isASCII), row.fields[0].allSatisfy(\.isNumber),
                      row.fields[1].count == 2, row.fields[1].allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                    throw .badLine(source: file.source, line: row.line, reason: "a calling code is one to four digits and an ISO 3166 country (52, MX)")
                }
                codes.removeAll { $0.code == row.fields[0] }
                codes.append((row.fields[0], row.fields[1]))
            }
        }
        callingCodes = codes.sorted { $0.code.count > $1.code.count }
        // An overlay's shapes come first: a desk's own carrier wins over a built-in one.
        var shapes: [CarrierShape] = []
        for file in store.layers("carrier-shapes.tsv").reversed() { shapes += try CarrierShape.rows(file) }
        carrierShapes = shapes
        for file in store.layers("carriers.tsv") {
            for row in try TSV.rows(file, minFields: 2, maxFields: 2) {
                let folded = fold(row.fields[0])
                guard !folded.isEmpty else { throw .badLine(source: file.source, line: row.line, reason: "the name is empty") }
                let word = ExtractionWord(table: .carrier, kind: row.fields[1], value: "", language: "")
                trie.insert(folded, payload: [word], merge: { old, new in old.contains(new[0]) ? old : old + new })
            }
        }
        (words, wordList) = trie.flattened()
        self.chineseNumbers = ScalarValues(chineseNumbers)
        self.spanishNumbers = spanishNumbers
        dateContext = context
        dateGrammar = grammar
    }
}

/// Words that are no dates themselves but decide whether a bare number next to them is a day, from the
/// `dates.tsv` rows of these kinds (kept out of the word trie: they are looked up only beside a number).
package struct DateContext: Sendable, Equatable {
    package enum Kind: String {
        /// Right before a number, it says a day is meant: el, el día, del (`el 15`, `del 3`).
        case dayCue = "daycue"
        /// Right before a date, it makes a day-first reading likely: fecha, desde, 日期, 于.
        case dateCue = "datecue"
        /// Right after `el 15`, it makes the number something else: pesos, horas, unidades, kg, de.
        case notDay = "notday"
        /// Joins days in a list after a weekday (`el lunes 15 y el martes 16`): y, o, al, a, x.
        case joiner
        /// After N号, a character that makes it a numbered place, not a day: 楼 (3号楼), 线, 门.
        case place
        /// Shortly before a bare day (el 28), it points ahead: llega hasta el 28, antes del 24, para el 12.
        case futureCue = "futurecue"
    }

    package private(set) var dayCues: [String] = []
    package private(set) var dateCues: [String] = []
    package private(set) var notDay: Set<String> = []
    package private(set) var joiners: Set<String> = []
    package private(set) var places: Set<UInt32> = []
    package private(set) var futureCues: [String] = []

    /// Adds a folded word; false for a place mark longer than one scalar.
    package mutating func add(_ kind: Kind, _ word: String) -> Bool {
        switch kind {
        case .dayCue: if !dayCues.contains(word) { dayCues.append(word) }
        case .dateCue: if !dateCues.contains(word) { dateCues.append(word) }
        case .notDay: notDay.insert(word)
        case .joiner: joiners.insert(word)
        case .place:
            guard word.unicodeScalars.count == 1 else { return false }
            places.insert(word.unicodeScalars.first!.value)
        case .futureCue: if !futureCues.contains(word) { futureCues.append(word) }
        }
        return true
    }

    package func write(to w: inout BinaryWriter) {
        w.strings(dayCues)
        w.strings(dateCues)
        w.strings(notDay.sorted())
        w.strings(joiners.sorted())
        w.u32s(places.sorted())
        w.strings(futureCues)
    }

    package init() {}

    package init(from r: inout BinaryReader) throws(BinaryFormatError) {
        dayCues = try r.strings()
        dateCues = try r.strings()
        notDay = Set(try r.strings())
        joiners = Set(try r.strings())
        places = Set(try r.u32s())
        futureCues = try r.strings()
    }
}

extension ExtractionData {
    package func write(to w: inout BinaryWriter) {
        // Words are written once, in the order the trie first reaches them, and the trie refers to them by index.
        // A first pass over the trie numbers them; the second writes it in place, where its tables are aligned.
        var index: [String: Int] = [:]
        var table: [ExtractionWord] = []
        func number(_ word: ExtractionWord) -> Int {
            let key = [word.table.rawValue, word.kind, word.value, word.flag, word.language].joined(separator: "\t")
            if let i = index[key] { return i }
            index[key] = table.count
            table.append(word)
            return table.count - 1
        }
        var scratch = BinaryWriter()
        words.write(to: &scratch) { range, _ in for word in wordList[range] { _ = number(word) } }
        w.count(table.count)
        for word in table {
            w.string(word.table.rawValue)
            w.string(word.kind)
            w.string(word.value)
            w.string(word.flag)
            w.string(word.language)
        }
        words.write(to: &w) { range, w in
            w.count(range.count)
            for word in wordList[range] { w.u32(UInt32(number(word))) }
        }
        chineseNumbers.write(to: &w)
        w.pairs(spanishNumbers) { w, word, value in
            w.string(word)
            w.int(value)
        }
        dateContext.write(to: &w)
        dateGrammar.write(to: &w)
        w.pairs(multipliers) { w, word, factor in
            w.string(word)
            w.int(factor)
        }
        w.count(callingCodes.count)
        for c in callingCodes { w.string(c.code); w.string(c.country) }
        w.count(carrierShapes.count)
        for shape in carrierShapes { shape.write(to: &w) }
    }

    /// Folded words and their values as a trie over their scalars.
    private static func trie(_ words: [String: Int]) -> WordTrie<Int> {
        var t = WordTrie<Int>()
        for (word, value) in words { t.insert(word.unicodeScalars.map(\.value), payload: value) }
        return t
    }

    package init(from r: inout BinaryReader) throws(BinaryFormatError) {
        var table: [ExtractionWord] = []
        for _ in 0..<(try r.count(itemSize: 20)) {
            guard let kind = ExtractionWord.Table(rawValue: try r.string()) else { throw .badValue(at: r.offset, "an unknown word table") }
            let word = ExtractionWord(table: kind, kind: try r.string(), value: try r.string(), flag: try r.string(), language: try r.string())
            table.append(word)
        }
        var flat: [ExtractionWord] = []
        words = try WordTrie(from: &r) { (r: inout BinaryReader) throws(BinaryFormatError) in
            try r.slice(into: &flat, limit: table.count) { table[$0] }
        }
        wordList = flat
        chineseNumbers = try ScalarValues(from: &r)
        spanishNumbers = try r.pairs(itemSize: 12) { (r: inout BinaryReader) throws(BinaryFormatError) in (try r.string(), try r.int()) }
        dateContext = try DateContext(from: &r)
        dateGrammar = try DateGrammar(from: &r)
        multipliers = try r.pairs(itemSize: 12) { (r: inout BinaryReader) throws(BinaryFormatError) in (try r.string(), try r.int()) }
        multiplierWords = Self.trie(multipliers)
        var codes: [(code: String, country: String)] = []
        for _ in 0..<(try r.count(itemSize: 8)) { codes.append((try r.string(), try r.string())) }
        callingCodes = codes
        var shapes: [CarrierShape] = []
        for _ in 0..<(try r.count(itemSize: 28)) { shapes.append(try CarrierShape(from: &r)) }
        carrierShapes = shapes
    }
}

/// A data word found in a text.
/// Public only so that other stage targets can inline and specialize its members (all `package`): the compiler
/// serializes no member of a `package` type, not even an `@inlinable` one.
@_documentation(visibility: package)
public struct WordHit {
    package let range: Range<Int>
    /// Not retained: the words belong to the ``ExtractionData`` the extraction runs on, which outlives every hit (hits
    /// never leave an extraction). Retaining them cost two atomic operations per copy of a hit, on objects that
    /// every worker thread shares, and hits are copied by the dozen per record.
    package unowned(unsafe) let word: ExtractionWord
}

extension ExtractionData {
    /// Every data word in `s`: at each start, every length that matches (so 上周 and 上周三's parts both show),
    /// Latin words on word boundaries only.
    package func hits(in s: [UInt32]) -> [WordHit] {
        var out: [WordHit] = []
        out.reserveCapacity(16)
        for i in s.indices where words.canStart(s[i]) && Scan.startsWord(s, i) {
            words.forEachMatch(in: s, from: i) { length, payload in
                guard Scan.endsWord(s, i, length) else { return }
                for k in payload { out.append(WordHit(range: i..<i + length, word: wordList[k])) }
            }
        }
        return out
    }
}

/// Data hits by the position they start or end at, in compressed rows: one slice lookup per question.
/// Public only so that other stage targets can inline and specialize its members (all `package`): the compiler
/// serializes no member of a `package` type, not even an `@inlinable` one.
@_documentation(visibility: package)
public struct HitIndex {
    @usableFromInline let hits: [WordHit]
    @usableFromInline let first: [Int32]

    /// - Parameters:
    ///   - hits: the hits, in any order.
    ///   - count: the text length.
    ///   - byEnd: index by end position instead of start.
    package init(_ hits: [WordHit], count: Int, byEnd: Bool = false) {
        let key = { (h: WordHit) in byEnd ? h.range.upperBound : h.range.lowerBound }
        var counts = [Int32](repeating: 0, count: count + 2)
        for h in hits { counts[min(key(h), count) + 1] += 1 }
        for i in 1..<counts.count { counts[i] += counts[i - 1] }
        var slots = counts
        var ordered = hits
        for h in hits {
            let k = min(key(h), count)
            ordered[Int(slots[k])] = h
            slots[k] += 1
        }
        self.hits = ordered
        first = counts
    }

    /// The hits at `i` (empty outside the text).
    @inlinable
    package subscript(i: Int) -> ArraySlice<WordHit> {
        guard i >= 0, i + 1 < first.count else { return [] }
        return hits[Int(first[i])..<Int(first[i + 1])]
    }
}

/// Values of single scalars (Chinese number characters), looked up without hashing a Dictionary.
/// Public only so that other stage targets can inline and specialize its members (all `package`): the compiler
/// serializes no member of a `package` type, not even an `@inlinable` one.
@_documentation(visibility: package)
public struct ScalarValues: Sendable {
    @usableFromInline let table: WordTrie<Int>

    package init(_ values: [UInt32: Int]) {
        var t = WordTrie<Int>()
        for (k, v) in values { t.insert([k], payload: v) }
        table = t
    }

    @inlinable @inline(__always)
    package subscript(_ s: UInt32) -> Int? { table.lookup(scalar: s) }

    package func write(to w: inout BinaryWriter) { table.write(to: &w) { v, w in w.int(v) } }

    package init(from r: inout BinaryReader) throws(BinaryFormatError) {
        table = try WordTrie(from: &r) { (r: inout BinaryReader) throws(BinaryFormatError) in try r.int() }
    }
}

/// Character tests over normalized scalars.
/// Public only so that other stage targets can inline and specialize its members (all `package`): the compiler
/// serializes no member of a `package` type, not even an `@inlinable` one.
@_documentation(visibility: package)
public enum Scan {
    @inlinable package static func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }
    @inlinable package static func isLetter(_ c: UInt32) -> Bool { (c | 32) >= 0x61 && (c | 32) <= 0x7A }
    @inlinable package static func isAlnum(_ c: UInt32) -> Bool { isDigit(c) || isLetter(c) }
    @inlinable package static func isSpace(_ c: UInt32) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0xA0 || c == 0x3000 }
    @inlinable package static func digit(_ c: UInt32) -> Int { Int(c) - 0x30 }

    @inlinable package static func startsWord(_ s: [UInt32], _ i: Int) -> Bool {
        i == 0 || !isAlnum(s[i]) || !isAlnum(s[i - 1])
    }

    @inlinable package static func endsWord(_ s: [UInt32], _ start: Int, _ length: Int) -> Bool {
        let end = start + length
        // A word glued to the digits after it still ends there (PEDIDO406-3348377, tel5551234).
        return end >= s.count || !isAlnum(s[end - 1]) || !isAlnum(s[end]) || (isLetter(s[end - 1]) && isDigit(s[end]))
    }

    /// Where `w` starts when it ends right at `end` in `s` and begins a word there; nil otherwise.
    /// Compares scalar by scalar, with no array per call: the extractors ask this at every candidate.
    @inlinable package static func word(_ w: String, endingAt end: Int, in s: [UInt32]) -> Int? {
        var k = end
        for u in w.unicodeScalars.reversed() {
            guard k > 0, s[k - 1] == u.value else { return nil }
            k -= 1
        }
        return startsWord(s, k) ? k : nil
    }

    /// The end of `w` when `s` has it at `start` (no boundary test); nil otherwise.
    @inlinable package static func prefix(_ w: String, at start: Int, in s: [UInt32]) -> Int? {
        var k = start
        for u in w.unicodeScalars {
            guard k < s.count, s[k] == u.value else { return nil }
            k += 1
        }
        return k
    }

    /// The index after any spaces from `i`.
    @inlinable package static func skipSpaces(_ s: [UInt32], _ i: Int) -> Int {
        var j = i
        while j < s.count, isSpace(s[j]) { j += 1 }
        return j
    }

    /// The index of the first non-space before `i` (exclusive end), moving back over spaces.
    @inlinable package static func skipSpacesBack(_ s: [UInt32], _ i: Int) -> Int {
        var j = i
        while j > 0, isSpace(s[j - 1]) { j -= 1 }
        return j
    }

    /// Digits as an Int from `range` (at most 18 digits).
    @inlinable package static func number(_ s: [UInt32], _ range: Range<Int>) -> Int {
        var v = 0
        for i in range.prefix(18) { v = v * 10 + digit(s[i]) }
        return v
    }

    /// The run of ASCII digits starting at `i`.
    @inlinable package static func digits(_ s: [UInt32], from i: Int) -> Range<Int> {
        var j = i
        while j < s.count, isDigit(s[j]) { j += 1 }
        return i..<j
    }
}
