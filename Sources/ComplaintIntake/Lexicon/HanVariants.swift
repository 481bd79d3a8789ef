/// Traditional and Simplified forms of Han characters (`zh/variants.tsv`), for folding text to Simplified and
/// for telling the two scripts apart.
///
/// The table is ICU's Traditional-Simplified and Simplified-Traditional transliterators applied one character at
/// a time, written out by `scripts/gen-han-variants.c`. Opening those transliterators cost a process about
/// 60 ms at start-up; reading the table costs a fraction of a millisecond and gives the same folding.
public struct HanVariants: Sendable {
    /// Whether a Han character is written only in Traditional, only in Simplified, or alike in both.
    public enum Variant: Sendable { case neutral, traditionalOnly, simplifiedOnly }

    static let low: UInt32 = 0x3400, high: UInt32 = 0x9FFF
    /// For `low...high`: the Simplified form, or 0 for a character folding leaves alone.
    private let simplified: [UInt32]
    /// For `low...high`: bit 1 when folding to Simplified changes it, bit 2 when the reverse mapping does.
    private let changes: [UInt8]
    /// Characters beyond the Basic Multilingual Plane that fold to another.
    private let supplementary: [UInt32: UInt32]

    /// The table in the built-in data.
    public static let builtIn: HanVariants = (try? HanVariants(store: DataStore.builtIn())) ?? HanVariants(rows: [])

    /// Reads `zh/variants.tsv` (built-in and user layers) from `store`.
    public init(store: DataStore) throws(LexiconError) {
        var rows: [(String, UInt32, UInt32)] = []
        for file in store.layers("zh/variants.tsv") {
            try Self.read(file, into: &rows)
        }
        self.init(rows: rows)
    }

    /// Reads rows of `kind<TAB>character<TAB>character`, decoding the bytes directly instead of splitting them
    /// into strings: 5,400 rows, read at start-up by every process given --lexicons.
    private static func read(_ file: DataStore.File, into rows: inout [(String, UInt32, UInt32)]) throws(LexiconError) {
        var failure: Int?
        file.bytes.withUnsafeBufferPointer { u in
            var i = 0, line = 0
            func scalar(_ at: inout Int) -> UInt32? { at < u.count ? UTF8Bytes.decode(u, at: &at) : nil }
            while i < u.count {
                line += 1
                var end = i
                while end < u.count, u[end] != 0x0A { end += 1 }
                defer { i = end + 1 }
                var stop = end
                if stop > i, u[stop - 1] == 0x0D { stop -= 1 }
                if stop == i || u[i] == 0x23 { continue }
                guard stop - i >= 5, u[i] == 0x74 || u[i] == 0x73, u[i + 1] == 0x09 else { failure = line; return }
                var p = i + 2
                guard let a = scalar(&p), p < stop, u[p] == 0x09 else { failure = line; return }
                p += 1
                guard let b = scalar(&p), p == stop else { failure = line; return }
                rows.append((u[i] == 0x74 ? "t" : "s", a, b))
            }
        }
        if let line = failure {
            throw .badLine(source: file.source, line: line,
                           reason: "expected t or s and two single characters, tab-separated (t: Traditional, Simplified; s: Simplified, Traditional)")
        }
    }

    init(rows: [(String, UInt32, UInt32)]) {
        let n = Int(Self.high - Self.low) + 1
        var simplified = [UInt32](repeating: 0, count: n)
        var changes = [UInt8](repeating: 0, count: n)
        var supplementary: [UInt32: UInt32] = [:]
        for (kind, from, to) in rows {
            let inRange = from >= Self.low && from <= Self.high
            if kind == "t" {
                if inRange {
                    simplified[Int(from - Self.low)] = to
                    changes[Int(from - Self.low)] |= 1
                } else if from >= 0x20000 {
                    supplementary[from] = to
                }
            } else if inRange {
                changes[Int(from - Self.low)] |= 2
            }
        }
        self.simplified = simplified
        self.changes = changes
        self.supplementary = supplementary
    }

    /// The Simplified form `c` folds to (itself when none).
    @inline(__always)
    public func simplify(_ c: UInt32) -> UInt32 {
        if c >= Self.low, c <= Self.high {
            let s = simplified[Int(c - Self.low)]
            return s == 0 ? c : s
        }
        if c >= 0x20000 { return supplementary[c] ?? c }
        return c
    }

    /// Which script writes `c`; a character both mappings change (苎 and 苧 map to each other) says nothing.
    public func variant(_ c: UInt32) -> Variant {
        guard c >= Self.low, c <= Self.high else { return .neutral }
        switch changes[Int(c - Self.low)] {
        case 1: return .traditionalOnly
        case 2: return .simplifiedOnly
        default: return .neutral
        }
    }
}

extension HanVariants {
    func write(to w: inout BinaryWriter) {
        w.u32s(simplified)
        w.u8s(changes)
        w.pairs(supplementary) { w, from, to in
            w.u32(from)
            w.u32(to)
        }
    }

    init(from r: inout BinaryReader) throws(BinaryFormatError) {
        let n = Int(Self.high - Self.low) + 1
        simplified = try r.u32s()
        changes = try r.u8s()
        guard simplified.count == n, changes.count == n else { throw .badValue(at: r.offset, "the Han table has the wrong size") }
        supplementary = try r.pairs(itemSize: 8) { (r: inout BinaryReader) throws(BinaryFormatError) in (try r.u32(), try r.u32()) }
    }
}
