import IntakeCore
/// Traditional and Simplified forms of Han characters (`zh/variants.tsv`), for folding text to Simplified and
/// for telling the two scripts apart.
///
/// The table is ICU's Traditional-Simplified and Simplified-Traditional transliterators applied one character at
/// a time, written out by `scripts/gen-han-variants.c`. Opening those transliterators cost a process about
/// 60 ms at start-up; reading the table costs a fraction of a millisecond and gives the same folding.
public struct HanVariants: Sendable {
    /// Whether a Han character is written only in Traditional, only in Simplified, or alike in both.
    public enum Variant: Sendable { case neutral, traditionalOnly, simplifiedOnly }

    package static let low: UInt32 = 0x3400, high: UInt32 = 0x9FFF
    /// For `low...high`: the Simplified form, or 0 for a character folding leaves alone.
    private let simplified: [UInt32]
    /// For `low...high`: bit 1 when folding to Simplified changes it, bit 2 when the reverse mapping does.
    private let changes: [UInt8]
    /// Characters beyond the Basic Multilingual Plane that fold to another.
    private let supplementary: [UInt32: UInt32]

    package init(rows: [(String, UInt32, UInt32)]) {
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
    package func write(to w: inout BinaryWriter) {
        w.u32s(simplified)
        w.u8s(changes)
        w.pairs(supplementary) { w, from, to in
            w.u32(from)
            w.u32(to)
        }
    }

    package init(from r: inout BinaryReader) throws(BinaryFormatError) {
        let n = Int(Self.high - Self.low) + 1
        simplified = try r.u32s()
        changes = try r.u8s()
        guard simplified.count == n, changes.count == n else { throw .badValue(at: r.offset, "the Han table has the wrong size") }
        supplementary = try r.pairs(itemSize: 8) { (r: inout BinaryReader) throws(BinaryFormatError) in (try r.u32(), try r.u32()) }
    }
}
