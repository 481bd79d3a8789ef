import Foundation

/// (node, scalar) -> (child, payload), open addressing with linear probing. Swift's Dictionary hashes with
/// SipHash, which costs more than the rest of a trie step; keys here are small integers, so a multiplicative hash
/// suffices. A slot is 16 little-endian bytes: the key (node << 32 | scalar, all ones when empty), the child, and
/// the payload index of the key that ends at the child (-1 for none).
/// Public only so that other stage targets can inline and specialize its members (all `package`): the compiler
/// serializes no member of a `package` type, not even an `@inlinable` one.
@_documentation(visibility: package)
public struct TransitionTable: Sendable {
    @usableFromInline
    package struct Step: Equatable {
        @usableFromInline package var child: Int32
        @usableFromInline package var payload: Int32

        @inlinable
        package init(child: Int32, payload: Int32) {
            self.child = child
            self.payload = payload
        }
    }

    // What the inlinable lookups read is internal, not private: the tries of the other stage targets step through
    // this table in their own code instead of calling into this module for every scalar.
    @inlinable static var slotSize: Int { 16 }
    @inlinable static var emptyKey: UInt64 { UInt64.max }
    @usableFromInline var memory: TableMemory
    @usableFromInline var mask: Int
    @usableFromInline var shift: UInt64
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

    @inlinable @inline(__always)
    func key(at i: Int) -> UInt64 { UInt64(littleEndian: memory.base.load(fromByteOffset: i &* Self.slotSize, as: UInt64.self)) }

    @inlinable @inline(__always)
    func step(at i: Int) -> Step {
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

    @inlinable @inline(__always)
    static func key(_ node: Int32, _ scalar: UInt32) -> UInt64 { UInt64(UInt32(bitPattern: node)) << 32 | UInt64(scalar) }

    @inlinable @inline(__always)
    func home(_ k: UInt64) -> Int { Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// The slot holding `k`, or nil. Probes at most every slot once: a table read from damaged data may have no
    /// empty slot to stop at.
    @inlinable @inline(__always)
    func find(_ k: UInt64) -> Int? {
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

    @inlinable @inline(__always)
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
