/// A trie over normalized scalars, for longest-match lookup of dictionary words and lexicon terms.
///
/// Transitions live in one flat open-addressing table keyed by (node, scalar): compact, and a lookup costs one
/// multiplicative hash and usually one probe per character. Each transition also names the payload of the key
/// that ends where it leads, so a step reads one slot and nothing else. The compiled form of a trie is its table
/// as it lies in memory, so the trie built into the tool is used where it lies, not rebuilt at start-up.
public struct WordTrie<Payload: Sendable>: Sendable {
    private var transitions = TransitionTable()
    private var payloads: [Payload] = []
    /// The first scalars of keys in the Basic Multilingual Plane, one bit each: most positions of a text start no
    /// key, and a bit test settles that without probing the table.
    private var starts = StartSet()
    private var nodeCount: Int32 = 1
    /// The longest key, in scalars.
    public private(set) var maxLength = 0
    /// How many keys the trie holds.
    public var count: Int { payloads.count }

    public init() {}

    /// Inserts `word`; `merge` combines the payload already there (if any) with the new one.
    public mutating func insert(_ word: [UInt32], payload: Payload, merge: (Payload, Payload) -> Payload = { _, new in new }) {
        guard !word.isEmpty else { return }
        var parent: Int32 = 0
        var step = TransitionTable.Step(child: 0, payload: -1)
        for (i, s) in word.enumerated() {
            if i > 0 { parent = step.child }
            if let found = transitions.step(parent, s) {
                step = found
            } else {
                step = TransitionTable.Step(child: nodeCount, payload: -1)
                nodeCount += 1
                transitions.insert(parent, s, step)
                if parent == 0 { starts.insert(s) }
            }
        }
        if let index = payloadIndex(step.payload) {
            payloads[index] = merge(payloads[index], payload)
        } else {
            transitions.setPayload(parent, word[word.count - 1], Int32(payloads.count))
            payloads.append(payload)
        }
        maxLength = max(maxLength, word.count)
    }

    /// The index of a step's payload; nil for none, and for an index past the payloads (damaged compiled data).
    @inline(__always)
    private func payloadIndex(_ p: Int32) -> Int? { UInt32(bitPattern: p) < UInt32(truncatingIfNeeded: payloads.count) ? Int(p) : nil }

    /// The longest key that starts at `start` in `text` and ends at or before `limit`.
    public func longestMatch(in text: [UInt32], from start: Int, limit: Int? = nil) -> (length: Int, payload: Payload)? {
        let end = min(limit ?? text.count, text.count)
        guard start < end, starts.mayContain(text[start]) else { return nil }
        var node: Int32 = 0
        var best: (length: Int, payload: Int)?
        var i = start
        while i < end, let step = transitions.step(node, text[i]) {
            node = step.child
            i += 1
            if let p = payloadIndex(step.payload) { best = (i - start, p) }
        }
        return best.map { ($0.length, payloads[$0.payload]) }
    }

    /// Whether some key starts with `scalar`: a cheap test before a full match.
    @inline(__always)
    public func canStart(_ scalar: UInt32) -> Bool { starts.mayContain(scalar) && transitions.step(0, scalar) != nil }

    /// The payload stored for the one-scalar key `scalar`.
    @inline(__always)
    public func lookup(scalar: UInt32) -> Payload? {
        guard let step = transitions.step(0, scalar), let p = payloadIndex(step.payload) else { return nil }
        return payloads[p]
    }

    /// The payload stored for exactly `word`.
    public func lookup(_ word: [UInt32]) -> Payload? { word.withUnsafeBufferPointer { lookup($0) } }

    public func contains(_ word: [UInt32]) -> Bool { lookup(word) != nil }

    /// The payload stored for exactly the scalars of `text` in `range`.
    public func lookup(in text: [UInt32], _ range: Range<Int>) -> Payload? {
        text.withUnsafeBufferPointer { lookup(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    private func lookup(_ word: UnsafeBufferPointer<UInt32>) -> Payload? {
        var node: Int32 = 0
        var payload: Int32 = -1
        for s in word {
            guard let step = transitions.step(node, s) else { return nil }
            (node, payload) = (step.child, step.payload)
        }
        return payloadIndex(payload).map { payloads[$0] }
    }

    /// Calls `body` with every key that starts at `start`, shortest first, without collecting them.
    @inline(__always)
    public func forEachMatch(in text: [UInt32], from start: Int, _ body: (Int, Payload) -> Void) {
        guard start < text.count, starts.mayContain(text[start]) else { return }
        var node: Int32 = 0
        var i = start
        while i < text.count, let step = transitions.step(node, text[i]) {
            node = step.child
            i += 1
            if let p = payloadIndex(step.payload) { body(i - start, payloads[p]) }
        }
    }
}

extension WordTrie {
    /// The trie with each list payload replaced by its slice of one shared array: one allocation for all the
    /// lists instead of one each.
    package func flattened<T>() -> (trie: WordTrie<Range<Int>>, items: [T]) where Payload == [T] {
        var items: [T] = []
        var out = WordTrie<Range<Int>>()
        out.transitions = transitions
        out.starts = starts
        out.nodeCount = nodeCount
        out.payloads = payloads.map { list in
            defer { items += list }
            return items.count..<items.count + list.count
        }
        out.maxLength = maxLength
        return (out, items)
    }

    /// The same keys and payloads in a canonical layout: nodes numbered in the order a walk from the root meets
    /// them, children in scalar order, payloads in that order, and the table filled in that order. Equal tries
    /// give equal bytes however they were built.
    private func canonical() -> WordTrie {
        var children = [[(scalar: UInt32, step: TransitionTable.Step)]](repeating: [], count: Int(nodeCount))
        transitions.forEach { node, scalar, step in children[Int(node)].append((scalar, step)) }
        var out = WordTrie()
        out.transitions = TransitionTable(capacity: Int(nodeCount) - 1)
        out.maxLength = maxLength
        out.payloads.reserveCapacity(payloads.count)
        var stack: [(old: Int32, new: Int32)] = [(0, 0)]
        while let (old, new) = stack.popLast() {
            var next: [(old: Int32, new: Int32)] = []
            for kid in children[Int(old)].sorted(by: { $0.scalar < $1.scalar }) {
                var step = TransitionTable.Step(child: out.nodeCount, payload: -1)
                out.nodeCount += 1
                if let p = payloadIndex(kid.step.payload) {
                    step.payload = Int32(out.payloads.count)
                    out.payloads.append(payloads[p])
                }
                out.transitions.insert(new, kid.scalar, step)
                if new == 0 { out.starts.insert(kid.scalar) }
                next.append((kid.step.child, step.child))
            }
            stack.append(contentsOf: next.reversed())
        }
        return out
    }

    /// Writes the trie in its canonical layout (see ``canonical()``): the sizes, the transition table and the
    /// start set as they lie in memory (little-endian, aligned), then the payloads in order.
    package func write(to w: inout BinaryWriter, payload: (Payload, inout BinaryWriter) -> Void) {
        let c = canonical()
        w.count(c.maxLength)
        w.count(c.payloads.count)
        w.count(Int(c.nodeCount))
        c.transitions.write(to: &w)
        c.starts.write(to: &w)
        for p in c.payloads { payload(p, &w) }
    }

    /// Reads a trie written by ``write(to:payload:)``. From memory that lasts as long as the process (the data
    /// built into the tool) the table and start set are used in place; from any other memory they are copied.
    package init(from r: inout BinaryReader, payload: (inout BinaryReader) throws(BinaryFormatError) -> Payload) throws(BinaryFormatError) {
        maxLength = Int(try r.u32())
        let keys = try r.count()
        let nodes = try r.u32()
        guard nodes >= 1, nodes <= Int32.max, keys < nodes else {
            throw .badValue(at: r.offset, "a trie with \(keys) keys and \(nodes) nodes")
        }
        nodeCount = Int32(nodes)
        transitions = try TransitionTable(from: &r)
        starts = try StartSet(from: &r)
        payloads.reserveCapacity(keys)
        for _ in 0..<keys { payloads.append(try payload(&r)) }
    }
}

/// Memory a table owns (allocated, freed with it), or the static memory of the data built into the tool.
/// The tables below never write to memory they share: before a write they copy what they hold unless it is theirs
/// alone.
package final class TableMemory: @unchecked Sendable {
    package let base: UnsafeMutableRawPointer
    package let byteCount: Int
    private let owned: Bool

    /// `byteCount` bytes, each `byte`.
    package init(filled byteCount: Int, with byte: UInt8) {
        base = .allocate(byteCount: max(byteCount, 1), alignment: 64)
        base.initializeMemory(as: UInt8.self, repeating: byte, count: byteCount)
        self.byteCount = byteCount
        owned = true
    }

    /// A copy of `bytes`.
    package init(copying bytes: UnsafeRawBufferPointer) {
        base = .allocate(byteCount: max(bytes.count, 1), alignment: 64)
        if let from = bytes.baseAddress { base.copyMemory(from: from, byteCount: bytes.count) }
        byteCount = bytes.count
        owned = true
    }

    /// Memory that is never freed and never written.
    package init(static bytes: UnsafeRawBufferPointer) {
        base = UnsafeMutableRawPointer(mutating: bytes.baseAddress!)
        byteCount = bytes.count
        owned = false
    }

    deinit { if owned { base.deallocate() } }

    /// Makes `memory` safe to write: kept when its holder is its only user and it is not static, else replaced by
    /// a copy.
    package static func makeWritable(_ memory: inout TableMemory) {
        guard !isKnownUniquelyReferenced(&memory) || !memory.owned else { return }
        memory = TableMemory(copying: UnsafeRawBufferPointer(start: memory.base, count: memory.byteCount))
    }
}

extension BinaryReader {
    /// The next `byteCount` bytes after padding to `alignment`: in place when the reader's memory is static and
    /// the bytes are aligned there, a copy otherwise.
    package mutating func table(byteCount: Int, alignment: Int) throws(BinaryFormatError) -> TableMemory {
        try align(alignment)
        let bytes = try raw(byteCount)
        if isStatic, Int(bitPattern: bytes.baseAddress) % alignment == 0 { return TableMemory(static: bytes) }
        return TableMemory(copying: bytes)
    }
}

/// A bit per scalar of the Basic Multilingual Plane (8 KB); scalars above it are always "maybe".
package struct StartSet: Sendable {
    private static let byteCount = 0x10000 / 8
    /// Shared by every empty set until its first insert copies it.
    private static let empty = TableMemory(filled: byteCount, with: 0)
    private var memory = empty

    package init() {}

    package mutating func insert(_ s: UInt32) {
        guard s < 0x10000 else { return }
        TableMemory.makeWritable(&memory)
        let at = Int(s >> 3)
        memory.base.storeBytes(of: memory.base.load(fromByteOffset: at, as: UInt8.self) | 1 << UInt8(s & 7),
                               toByteOffset: at, as: UInt8.self)
    }

    @inline(__always)
    package func mayContain(_ s: UInt32) -> Bool {
        s >= 0x10000 || memory.base.load(fromByteOffset: Int(s >> 3), as: UInt8.self) & (1 << UInt8(s & 7)) != 0
    }

    package func write(to w: inout BinaryWriter) {
        w.align(8)
        w.raw(UnsafeRawBufferPointer(start: memory.base, count: Self.byteCount))
    }

    package init(from r: inout BinaryReader) throws(BinaryFormatError) {
        memory = try r.table(byteCount: Self.byteCount, alignment: 8)
    }
}

/// (node, scalar) -> (child, payload), open addressing with linear probing. Swift's Dictionary hashes with
/// SipHash, which costs more than the rest of a trie step; keys here are small integers, so a multiplicative hash
/// suffices. A slot is 16 little-endian bytes: the key (node << 32 | scalar, all ones when empty), the child, and
/// the payload index of the key that ends at the child (-1 for none).
package struct TransitionTable: Sendable {
    package struct Step: Equatable {
        package var child: Int32
        package var payload: Int32
    }

    private static let slotSize = 16
    private static let emptyKey = UInt64.max
    private var memory: TableMemory
    private var mask: Int
    private var shift: UInt64
    private var used = 0

    /// Shared by every empty table until its first insert copies it.
    private static let empty = TableMemory(filled: 64 * slotSize, with: 0xFF)

    /// An empty table.
    package init() { self.init(memory: Self.empty, size: 64) }

    /// A table with room for `capacity` transitions before it grows. All bits set is an empty slot.
    package init(capacity: Int) {
        var size = 64
        while size < 2 * (capacity + 1) { size *= 2 }
        self.init(memory: TableMemory(filled: size * Self.slotSize, with: 0xFF), size: size)
    }

    private init(memory: TableMemory, size: Int) {
        self.memory = memory
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    private var size: Int { mask + 1 }

    @inline(__always)
    private func key(at i: Int) -> UInt64 { UInt64(littleEndian: memory.base.load(fromByteOffset: i &* Self.slotSize, as: UInt64.self)) }

    @inline(__always)
    private func step(at i: Int) -> Step {
        let at = i &* Self.slotSize
        return Step(child: Int32(littleEndian: memory.base.load(fromByteOffset: at + 8, as: Int32.self)),
                    payload: Int32(littleEndian: memory.base.load(fromByteOffset: at + 12, as: Int32.self)))
    }

    private func storeKey(_ k: UInt64, at i: Int) {
        memory.base.storeBytes(of: k.littleEndian, toByteOffset: i * Self.slotSize, as: UInt64.self)
    }

    private func store(_ s: Step, at i: Int) {
        memory.base.storeBytes(of: s.child.littleEndian, toByteOffset: i * Self.slotSize + 8, as: Int32.self)
        memory.base.storeBytes(of: s.payload.littleEndian, toByteOffset: i * Self.slotSize + 12, as: Int32.self)
    }

    @inline(__always)
    private static func key(_ node: Int32, _ scalar: UInt32) -> UInt64 { UInt64(UInt32(bitPattern: node)) << 32 | UInt64(scalar) }

    @inline(__always)
    private func home(_ k: UInt64) -> Int { Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// The slot holding `k`, or nil. Probes at most every slot once: a table read from damaged data may have no
    /// empty slot to stop at.
    @inline(__always)
    private func find(_ k: UInt64) -> Int? {
        var i = home(k)
        var probesLeft = mask
        while true {
            let found = key(at: i)
            if found == k { return i }
            if found == Self.emptyKey || probesLeft == 0 { return nil }
            probesLeft &-= 1
            i = (i &+ 1) & mask
        }
    }

    @inline(__always)
    package func step(_ node: Int32, _ scalar: UInt32) -> Step? {
        guard let i = find(Self.key(node, scalar)) else { return nil }
        return step(at: i)
    }

    /// Calls `body` with every (node, scalar, step), in no particular order.
    package func forEach(_ body: (Int32, UInt32, Step) -> Void) {
        for i in 0..<size {
            let k = key(at: i)
            if k != Self.emptyKey { body(Int32(bitPattern: UInt32(truncatingIfNeeded: k >> 32)), UInt32(truncatingIfNeeded: k), step(at: i)) }
        }
    }

    package mutating func insert(_ node: Int32, _ scalar: UInt32, _ step: Step) {
        if (used + 1) * 2 > size {
            grow()
        } else {
            TableMemory.makeWritable(&memory)
        }
        let k = Self.key(node, scalar)
        var i = home(k)
        while key(at: i) != Self.emptyKey { i = (i + 1) & mask }
        storeKey(k, at: i)
        store(step, at: i)
        used += 1
    }

    /// Sets the payload of the transition (node, scalar), which must exist.
    package mutating func setPayload(_ node: Int32, _ scalar: UInt32, _ payload: Int32) {
        TableMemory.makeWritable(&memory)
        guard let i = find(Self.key(node, scalar)) else { preconditionFailure("no transition to set a payload on") }
        store(Step(child: step(at: i).child, payload: payload), at: i)
    }

    private mutating func grow() {
        var bigger = TransitionTable(capacity: size / 2)
        forEach { bigger.insert($0, $1, $2) }
        self = bigger
    }

    package func write(to w: inout BinaryWriter) {
        w.count(size)
        w.count(used)
        w.align(Self.slotSize)
        w.raw(UnsafeRawBufferPointer(start: memory.base, count: size * Self.slotSize))
    }

    package init(from r: inout BinaryReader) throws(BinaryFormatError) {
        let size = Int(try r.u32())
        let used = Int(try r.u32())
        guard size >= 64, size.nonzeroBitCount == 1, size <= 1 << 26, used < size else {
            throw .badValue(at: r.offset, "a transition table of \(size) slots with \(used) used")
        }
        self.init(memory: try r.table(byteCount: size * Self.slotSize, alignment: Self.slotSize), size: size)
        self.used = used
    }
}
