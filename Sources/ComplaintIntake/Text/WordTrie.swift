/// A trie over normalized scalars, for longest-match lookup of dictionary words and lexicon terms.
///
/// Transitions live in one flat open-addressing table keyed by (node, scalar): compact, and a lookup costs one
/// multiplicative hash and usually one probe per character.
public struct WordTrie<Payload: Sendable>: Sendable {
    private var transitions = TransitionTable()
    private var payloads: [Payload?] = [nil]
    /// The first scalars of keys in the Basic Multilingual Plane, one bit each: most positions of a text start no
    /// key, and a bit test settles that without probing the table.
    private var starts = StartSet()
    /// The longest key, in scalars.
    public private(set) var maxLength = 0
    /// How many keys the trie holds.
    public private(set) var count = 0

    public init() {}

    /// Inserts `word`; `merge` combines the payload already there (if any) with the new one.
    public mutating func insert(_ word: [UInt32], payload: Payload, merge: (Payload, Payload) -> Payload = { _, new in new }) {
        guard !word.isEmpty else { return }
        var node: Int32 = 0
        for s in word {
            if let child = transitions.child(node, s) {
                node = child
            } else {
                let child = Int32(payloads.count)
                payloads.append(nil)
                transitions.insert(node, s, child)
                if node == 0 { starts.insert(s) }
                node = child
            }
        }
        if let old = payloads[Int(node)] {
            payloads[Int(node)] = merge(old, payload)
        } else {
            payloads[Int(node)] = payload
            count += 1
        }
        maxLength = max(maxLength, word.count)
    }

    /// The longest key that starts at `start` in `text` and ends at or before `limit`.
    public func longestMatch(in text: [UInt32], from start: Int, limit: Int? = nil) -> (length: Int, payload: Payload)? {
        let end = min(limit ?? text.count, text.count)
        guard start < end, starts.mayContain(text[start]) else { return nil }
        var node: Int32 = 0
        var best: (Int, Payload)?
        var i = start
        while i < end, let child = transitions.child(node, text[i]) {
            node = child
            i += 1
            if let p = payloads[Int(node)] { best = (i - start, p) }
        }
        return best
    }

    /// Whether some key starts with `scalar`: a cheap test before a full match.
    @inline(__always)
    public func canStart(_ scalar: UInt32) -> Bool { starts.mayContain(scalar) && transitions.child(0, scalar) != nil }

    /// The payload stored for the one-scalar key `scalar`.
    @inline(__always)
    public func lookup(scalar: UInt32) -> Payload? {
        guard let child = transitions.child(0, scalar) else { return nil }
        return payloads[Int(child)]
    }

    /// The payload stored for exactly `word`.
    public func lookup(_ word: [UInt32]) -> Payload? {
        var node: Int32 = 0
        for s in word {
            guard let child = transitions.child(node, s) else { return nil }
            node = child
        }
        return payloads[Int(node)]
    }

    public func contains(_ word: [UInt32]) -> Bool { lookup(word) != nil }

    /// The payload stored for exactly the scalars of `text` in `range`.
    public func lookup(in text: [UInt32], _ range: Range<Int>) -> Payload? {
        var node: Int32 = 0
        for i in range {
            guard let child = transitions.child(node, text[i]) else { return nil }
            node = child
        }
        return payloads[Int(node)]
    }

    /// Calls `body` with every key that starts at `start`, shortest first, without collecting them.
    @inline(__always)
    public func forEachMatch(in text: [UInt32], from start: Int, _ body: (Int, Payload) -> Void) {
        guard start < text.count, starts.mayContain(text[start]) else { return }
        var node: Int32 = 0
        var i = start
        while i < text.count, let child = transitions.child(node, text[i]) {
            node = child
            i += 1
            if let p = payloads[Int(node)] { body(i - start, p) }
        }
    }
}

extension WordTrie {
    /// The trie with each list payload replaced by its slice of one shared array: one allocation for all the
    /// lists instead of one each.
    func flattened<T>() -> (trie: WordTrie<Range<Int>>, items: [T]) where Payload == [T] {
        var items: [T] = []
        var out = WordTrie<Range<Int>>()
        out.transitions = transitions
        out.starts = starts
        out.payloads = payloads.map { list in
            list.map { list in
                defer { items += list }
                return items.count..<items.count + list.count
            }
        }
        out.maxLength = maxLength
        out.count = count
        return (out, items)
    }

    /// Writes the trie in a canonical form: nodes depth-first, children in scalar order, so the same keys and
    /// payloads give the same bytes whatever order they were inserted in. Columns (payload flags, child counts,
    /// the scalar leading to each node), then the payloads, so that reading is a few array copies and one pass.
    func write(to w: inout BinaryWriter, payload: (Payload, inout BinaryWriter) -> Void) {
        var children = [[(scalar: UInt32, child: Int32)]](repeating: [], count: payloads.count)
        transitions.forEach { node, scalar, child in children[Int(node)].append((scalar, child)) }
        var order: [Int32] = [], scalars: [UInt32] = [], childCounts: [UInt32] = []
        var stack: [(node: Int32, scalar: UInt32)] = [(0, 0)]
        while let (node, scalar) = stack.popLast() {
            let kids = children[Int(node)].sorted { $0.scalar < $1.scalar }
            order.append(node)
            scalars.append(scalar)
            childCounts.append(UInt32(kids.count))
            stack.append(contentsOf: kids.reversed().map { ($0.child, $0.scalar) })
        }
        w.count(maxLength)
        w.count(count)
        w.u8s(order.map { payloads[Int($0)] == nil ? 0 : 1 })
        w.u32s(childCounts)
        w.u32s(scalars)
        for node in order {
            if let p = payloads[Int(node)] { payload(p, &w) }
        }
    }

    /// Reads a trie written by ``write(to:payload:)``; nodes are numbered in the order they were written.
    init(from r: inout BinaryReader, payload: (inout BinaryReader) throws(BinaryFormatError) -> Payload) throws(BinaryFormatError) {
        maxLength = Int(try r.u32())
        count = Int(try r.u32())
        let flags = try r.u8s(), childCounts = try r.u32s(), scalars = try r.u32s()
        let nodes = flags.count
        guard nodes > 0, childCounts.count == nodes, scalars.count == nodes else {
            throw .badValue(at: r.offset, "the columns of a trie differ in length")
        }
        var edges = [(parent: Int32, scalar: UInt32)](repeating: (0, 0), count: nodes)
        var open: [(node: Int32, children: UInt32)] = [(0, childCounts[0])]
        for id in 1..<nodes {
            while let last = open.last, last.children == 0 { open.removeLast() }
            guard !open.isEmpty else { throw .badValue(at: r.offset, "a trie node no parent leads to") }
            open[open.count - 1].children -= 1
            edges[id] = (open[open.count - 1].node, scalars[id])
            open.append((Int32(id), childCounts[id]))
        }
        guard open.allSatisfy({ $0.children == 0 }) else { throw .badValue(at: r.offset, "a trie node missing") }
        transitions = TransitionTable(edges: edges)
        for edge in edges.dropFirst() where edge.parent == 0 { starts.insert(edge.scalar) }
        payloads = [Payload?](repeating: nil, count: nodes)
        for id in 0..<nodes where flags[id] != 0 { payloads[id] = try payload(&r) }
    }
}

/// A bit per scalar of the Basic Multilingual Plane (8 KB); scalars above it are always "maybe".
struct StartSet: Sendable {
    private var bits = [UInt64](repeating: 0, count: 0x10000 / 64)

    mutating func insert(_ s: UInt32) {
        if s < 0x10000 { bits[Int(s >> 6)] |= 1 << UInt64(s & 63) }
    }

    @inline(__always)
    func mayContain(_ s: UInt32) -> Bool {
        s >= 0x10000 || bits.withUnsafeBufferPointer { $0[Int(s >> 6)] } & (1 << UInt64(s & 63)) != 0
    }
}

/// (node, scalar) -> child, open addressing with linear probing. Swift's Dictionary hashes with SipHash, which
/// costs more than the rest of a trie step; keys here are small integers, so a multiplicative hash suffices.
/// A key and its child share a slot, so a step that finds its transition reads one cache line.
struct TransitionTable: Sendable {
    private struct Slot {
        var key: UInt64
        var child: Int32
    }

    private static let empty = Slot(key: .max, child: 0)
    private var slots: [Slot]
    private var mask: Int
    private var shift: UInt64
    private var used = 0

    /// A table with room for `capacity` transitions before it grows.
    init(capacity: Int = 0) {
        var size = 64, bits: UInt64 = 6
        while size < 2 * (capacity + 1) { size *= 2; bits += 1 }
        slots = [Slot](repeating: Self.empty, count: size)
        mask = size - 1
        shift = 64 - bits
    }

    /// The table of a trie whose node `i` (from 1) is reached from `edges[i]`; `edges[0]` is ignored.
    init(edges: [(parent: Int32, scalar: UInt32)]) {
        self.init(capacity: edges.count)
        for child in edges.indices.dropFirst() { insert(edges[child].parent, edges[child].scalar, Int32(child)) }
    }

    /// Calls `body` with every (node, scalar, child), in no particular order.
    func forEach(_ body: (Int32, UInt32, Int32) -> Void) {
        for s in slots where s.key != .max {
            body(Int32(bitPattern: UInt32(truncatingIfNeeded: s.key >> 32)), UInt32(truncatingIfNeeded: s.key), s.child)
        }
    }

    @inline(__always)
    private static func key(_ node: Int32, _ scalar: UInt32) -> UInt64 { UInt64(UInt32(bitPattern: node)) << 32 | UInt64(scalar) }

    @inline(__always)
    private func slot(_ k: UInt64) -> Int { Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    @inline(__always)
    func child(_ node: Int32, _ scalar: UInt32) -> Int32? {
        let k = Self.key(node, scalar)
        return slots.withUnsafeBufferPointer { ss in
            var i = slot(k)
            while true {
                let s = ss[i]
                if s.key == k { return s.child }
                if s.key == .max { return nil }
                i = (i + 1) & mask
            }
        }
    }

    mutating func insert(_ node: Int32, _ scalar: UInt32, _ child: Int32) {
        if (used + 1) * 2 > slots.count { grow() }
        let k = Self.key(node, scalar)
        var i = slot(k)
        while slots[i].key != .max { i = (i + 1) & mask }
        slots[i] = Slot(key: k, child: child)
        used += 1
    }

    private mutating func grow() {
        var bigger = TransitionTable(capacity: slots.count / 2)
        forEach { bigger.insert($0, $1, $2) }
        self = bigger
    }
}
