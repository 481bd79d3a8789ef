/// A trie over normalized scalars, for longest-match lookup of dictionary words and lexicon terms.
///
/// Transitions live in one flat open-addressing table keyed by (node, scalar): compact, and a lookup costs one
/// multiplicative hash and usually one probe per character.
public struct WordTrie<Payload: Sendable>: Sendable {
    private var transitions = TransitionTable()
    private var payloads: [Payload?] = [nil]
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
    public func canStart(_ scalar: UInt32) -> Bool { transitions.child(0, scalar) != nil }

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
        var node: Int32 = 0
        var i = start
        while i < text.count, let child = transitions.child(node, text[i]) {
            node = child
            i += 1
            if let p = payloads[Int(node)] { body(i - start, p) }
        }
    }
}

/// (node, scalar) -> child, open addressing with linear probing. Swift's Dictionary hashes with SipHash, which
/// costs more than the rest of a trie step; keys here are small integers, so a multiplicative hash suffices.
struct TransitionTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private var shift: UInt64
    private var used = 0

    init() {
        keys = [UInt64](repeating: .max, count: 64)
        values = [Int32](repeating: 0, count: 64)
        mask = 63
        shift = 58
    }

    @inline(__always)
    private static func key(_ node: Int32, _ scalar: UInt32) -> UInt64 { UInt64(UInt32(bitPattern: node)) << 32 | UInt64(scalar) }

    @inline(__always)
    private func slot(_ k: UInt64) -> Int { Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    @inline(__always)
    func child(_ node: Int32, _ scalar: UInt32) -> Int32? {
        let k = Self.key(node, scalar)
        return keys.withUnsafeBufferPointer { ks in
            var i = slot(k)
            while true {
                let v = ks[i]
                if v == k { return values.withUnsafeBufferPointer { $0[i] } }
                if v == .max { return nil }
                i = (i + 1) & mask
            }
        }
    }

    mutating func insert(_ node: Int32, _ scalar: UInt32, _ child: Int32) {
        if (used + 1) * 2 > keys.count { grow() }
        let k = Self.key(node, scalar)
        var i = slot(k)
        while keys[i] != .max { i = (i + 1) & mask }
        keys[i] = k
        values[i] = child
        used += 1
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        let size = keys.count * 2
        keys = [UInt64](repeating: .max, count: size)
        values = [Int32](repeating: 0, count: size)
        mask = size - 1
        shift -= 1
        used = 0
        for (k, v) in zip(oldKeys, oldValues) where k != .max {
            var i = slot(k)
            while keys[i] != .max { i = (i + 1) & mask }
            keys[i] = k
            values[i] = v
            used += 1
        }
    }
}
