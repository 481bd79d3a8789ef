import IntakeTestSupport
import Testing
@testable import ComplaintIntake

/// The trie behind the dictionary, the keyword lexicon and the extraction words, built by inserting and read from
/// its compiled form (in place from static memory, or copied).
@Suite("Word trie")
struct WordTrieTests {
    private static func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

    /// Chinese and Spanish terms with prefixes of one another, as the lexicons have them.
    static let words: [(String, Int)] = [
        ("退", 1), ("退款", 2), ("退货", 3), ("退款申请", 4), ("客服", 5), ("客服態度", 6), ("快递", 7),
        ("no", 8), ("no llegó", 9), ("no llegó nunca", 10), ("reembolso", 11), ("devolución", 12), ("𠀀字", 13),
    ]

    static func built() -> WordTrie<Int> {
        var trie = WordTrie<Int>()
        for (w, v) in words { trie.insert(scalars(w), payload: v) }
        return trie
    }

    struct Match: CustomTestStringConvertible, Sendable {
        let text: String
        let start: Int
        let longest: String?
        let all: [String]
        var testDescription: String { "\(text) @\(start)" }
    }

    static let matches: [Match] = [
        Match(text: "我要退款申请", start: 2, longest: "退款申请", all: ["退", "退款", "退款申请"]),
        Match(text: "我要退款申", start: 2, longest: "退款", all: ["退", "退款"]),
        Match(text: "申请退货", start: 2, longest: "退货", all: ["退", "退货"]),
        Match(text: "客服態度很差", start: 0, longest: "客服態度", all: ["客服", "客服態度"]),
        Match(text: "客服态度很差", start: 0, longest: "客服", all: ["客服"]),
        Match(text: "el pedido no llegó nunca", start: 10, longest: "no llegó nunca", all: ["no", "no llegó", "no llegó nunca"]),
        Match(text: "el pedido no llegó", start: 10, longest: "no llegó", all: ["no", "no llegó"]),
        Match(text: "quiero mi reembolso", start: 10, longest: "reembolso", all: ["reembolso"]),
        Match(text: "quiero mi reembols", start: 10, longest: nil, all: []),
        Match(text: "𠀀字", start: 0, longest: "𠀀字", all: ["𠀀字"]),
        Match(text: "快递", start: 1, longest: nil, all: []),
    ]

    private static func check(_ trie: WordTrie<Int>, _ m: Match) {
        let text = scalars(m.text)
        let value = Dictionary(uniqueKeysWithValues: words)
        let longest = trie.longestMatch(in: text, from: m.start)
        #expect(longest.map { String(String.UnicodeScalarView(text[m.start..<m.start + $0.length].compactMap(Unicode.Scalar.init))) } == m.longest)
        #expect(longest?.payload == m.longest.flatMap { value[$0] })
        var all: [Int] = []
        trie.forEachMatch(in: text, from: m.start) { _, p in all.append(p) }
        #expect(all == m.all.map { value[$0]! })
    }

    @Test("longest and every match, built by inserting", arguments: matches)
    func builtMatches(_ m: Match) { Self.check(Self.built(), m) }

    @Test("longest and every match, read back from the compiled form in place and as a copy", arguments: matches)
    func compiledMatches(_ m: Match) throws {
        for trie in try Self.readBack(Self.built()) { Self.check(trie, m) }
    }

    @Test("exact lookups and a limit on the match")
    func lookups() throws {
        for trie in [Self.built()] + (try Self.readBack(Self.built())) {
            #expect(trie.lookup(Self.scalars("退款")) == 2)
            #expect(trie.lookup(Self.scalars("退款申")) == nil)
            #expect(trie.lookup(scalar: ("退" as Unicode.Scalar).value) == 1)
            #expect(trie.lookup(scalar: ("客" as Unicode.Scalar).value) == nil)
            #expect(trie.canStart(("客" as Unicode.Scalar).value))
            #expect(!trie.canStart(("货" as Unicode.Scalar).value))
            #expect(trie.lookup(in: Self.scalars("mi devolución ya"), 3..<13) == 12)
            #expect(trie.longestMatch(in: Self.scalars("退款申请"), from: 0, limit: 3)?.payload == 2)
            #expect(trie.count == Self.words.count)
            #expect(trie.maxLength == 14)
        }
    }

    @Test("the compiled form does not depend on the order of insertion")
    func canonical() {
        var reversed = WordTrie<Int>()
        for (w, v) in Self.words.reversed() { reversed.insert(Self.scalars(w), payload: v) }
        #expect(Self.bytes(reversed) == Self.bytes(Self.built()))
    }

    @Test("inserting into a copy, or into a trie read in place, leaves the original as it was")
    func copyOnWrite() throws {
        let original = Self.built()
        var copy = original
        copy.insert(Self.scalars("退款"), payload: 99)
        copy.insert(Self.scalars("envío"), payload: 100)
        #expect(original.lookup(Self.scalars("退款")) == 2)
        #expect(original.lookup(Self.scalars("envío")) == nil)
        #expect(copy.lookup(Self.scalars("退款")) == 99)
        #expect(copy.lookup(Self.scalars("envío")) == 100)

        let compiled = Self.bytes(original)
        try StaticBytes.withCopy(compiled) { raw in
            var r = BinaryReader(raw, isStatic: true)
            var inPlace = try WordTrie<Int>(from: &r) { (r: inout BinaryReader) throws(BinaryFormatError) in try r.int() }
            inPlace.insert(Self.scalars("快递员"), payload: 101)
            #expect(inPlace.lookup(Self.scalars("快递员")) == 101)
            #expect(inPlace.lookup(Self.scalars("快递")) == 7)
            var again = BinaryReader(raw, isStatic: true)
            let untouched = try WordTrie<Int>(from: &again) { (r: inout BinaryReader) throws(BinaryFormatError) in try r.int() }
            #expect(untouched.lookup(Self.scalars("快递员")) == nil)
        }
    }

    @Test("a damaged table (no empty slot, payload numbers past the payloads) answers misses, not a loop or a crash")
    func damaged() throws {
        var bytes = Self.bytes(Self.built())
        // The header is three counts, then the table's size and use, then the slots from the next multiple of 16.
        let size = Int(bytes[12]) | Int(bytes[13]) << 8
        let slots = 32
        for i in 0..<size {
            let at = slots + 16 * i
            if bytes[at..<at + 8].allSatisfy({ $0 == 0xFF }) {
                for k in 0..<8 { bytes[at + k] = 0xEE }  // a key no lookup asks for: no slot is empty any more
            } else {
                for k in 12..<16 { bytes[at + k] = 0x7F }  // payload 0x7F7F7F7F
            }
        }
        try bytes.withUnsafeBytes { raw in
            var r = BinaryReader(raw)
            let trie = try WordTrie<Int>(from: &r) { (r: inout BinaryReader) throws(BinaryFormatError) in try r.int() }
            #expect(trie.lookup(Self.scalars("退款")) == nil)
            #expect(trie.lookup(Self.scalars("不在")) == nil)
            #expect(trie.longestMatch(in: Self.scalars("quiero un reembolso"), from: 10) == nil)
        }
    }

    @Test("a table whose size is not a power of two, or that runs past the data, is refused")
    func refused() {
        var bad = Self.bytes(Self.built())
        bad[12] = 65
        #expect(throws: BinaryFormatError.self) {
            try bad.withUnsafeBytes { raw in
                var r = BinaryReader(raw)
                _ = try WordTrie<Int>(from: &r) { (r: inout BinaryReader) throws(BinaryFormatError) in try r.int() }
            }
        }
        let short = Array(Self.bytes(Self.built()).prefix(600))
        #expect(throws: BinaryFormatError.self) {
            try short.withUnsafeBytes { raw in
                var r = BinaryReader(raw)
                _ = try WordTrie<Int>(from: &r) { (r: inout BinaryReader) throws(BinaryFormatError) in try r.int() }
            }
        }
    }

    static func bytes(_ trie: WordTrie<Int>) -> [UInt8] {
        var w = BinaryWriter()
        trie.write(to: &w) { v, w in w.int(v) }
        return w.bytes
    }

    /// The trie read back from its compiled form twice: in place from memory marked static, and copied.
    static func readBack(_ trie: WordTrie<Int>) throws -> [WordTrie<Int>] {
        let compiled = bytes(trie)
        let inPlace = try StaticBytes.keep(compiled) { raw throws(BinaryFormatError) in
            var r = BinaryReader(raw, isStatic: true)
            return try WordTrie<Int>(from: &r) { (r: inout BinaryReader) throws(BinaryFormatError) in try r.int() }
        }
        let copied = try compiled.withUnsafeBytes { raw in
            var r = BinaryReader(raw)
            return try WordTrie<Int>(from: &r) { (r: inout BinaryReader) throws(BinaryFormatError) in try r.int() }
        }
        return [inPlace, copied]
    }
}

/// Aligned memory that stands in for the data built into the tool: `keep` never frees it (a trie read in place
/// points into it for good); `withCopy` frees it after `body`.
enum StaticBytes {
    static func keep<T>(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws(BinaryFormatError) -> T) throws(BinaryFormatError) -> T {
        let p = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 64)
        bytes.withUnsafeBytes { p.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        return try body(UnsafeRawBufferPointer(start: p, count: bytes.count))
    }

    static func withCopy(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let p = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 64)
        defer { p.deallocate() }
        bytes.withUnsafeBytes { p.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        try body(UnsafeRawBufferPointer(start: p, count: bytes.count))
    }
}
