import Foundation

/// A trie over normalized scalars, for longest-match lookup of dictionary words and lexicon terms.
///
/// Transitions live in one flat open-addressing table keyed by (node, scalar): compact, and a lookup costs one
/// multiplicative hash and usually one probe per character. Each transition also names the payload of the key
/// that ends where it leads, so a step reads one slot and nothing else. The compiled form of a trie is its table
/// as it lies in memory, so the trie built into the tool is used where it lies, not rebuilt at start-up.
/// Public only so that other stage targets can inline and specialize its members (all `package`): the compiler
/// serializes no member of a `package` type, not even an `@inlinable` one.
@_documentation(visibility: package)
public struct WordTrie<Payload: Sendable>: Sendable {
    // Internal, not private, and read by the inlinable lookups below: the trie is generic and used from the other
    // stage targets, which can specialize only what they can see (a call into unspecialized generic code costs more
    // than the step itself).
    @usableFromInline var transitions = TransitionTable()
    @usableFromInline var payloads: [Payload] = []
    /// The first scalars of keys in the Basic Multilingual Plane, one bit each: most positions of a text start no
    /// key, and a bit test settles that without probing the table.
    @usableFromInline var starts = StartSet()
    @usableFromInline var nodeCount: Int32 = 1
    /// The longest key, in scalars.
    package private(set) var maxLength = 0
    /// How many keys the trie holds.
    package var count: Int { payloads.count }

    package init() {}

    /// Inserts `word`; `merge` combines the payload already there (if any) with the new one.
    package mutating func insert(_ word: [UInt32], payload: Payload, merge: (Payload, Payload) -> Payload = { _, new in new }) {
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
    @inlinable @inline(__always)
    func payloadIndex(_ p: Int32) -> Int? { UInt32(bitPattern: p) < UInt32(truncatingIfNeeded: payloads.count) ? Int(p) : nil }

    /// The longest key that starts at `start` in `text` and ends at or before `limit`.
    @inlinable
    package func longestMatch(in text: [UInt32], from start: Int, limit: Int? = nil) -> (length: Int, payload: Payload)? {
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
    @inlinable @inline(__always)
    package func canStart(_ scalar: UInt32) -> Bool { starts.mayContain(scalar) && transitions.step(0, scalar) != nil }

    /// The payload stored for the one-scalar key `scalar`.
    @inlinable @inline(__always)
    package func lookup(scalar: UInt32) -> Payload? {
        guard let step = transitions.step(0, scalar), let p = payloadIndex(step.payload) else { return nil }
        return payloads[p]
    }

    /// The payload stored for exactly `word`.
    @inlinable
    package func lookup(_ word: [UInt32]) -> Payload? { word.withUnsafeBufferPointer { lookup($0) } }

    @inlinable
    package func contains(_ word: [UInt32]) -> Bool { lookup(word) != nil }

    /// The payload stored for exactly the scalars of `text` in `range`.
    @inlinable
    package func lookup(in text: [UInt32], _ range: Range<Int>) -> Payload? {
        text.withUnsafeBufferPointer { lookup(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    @inlinable
    func lookup(_ word: UnsafeBufferPointer<UInt32>) -> Payload? {
        var node: Int32 = 0
        var payload: Int32 = -1
        for s in word {
            guard let step = transitions.step(node, s) else { return nil }
            (node, payload) = (step.child, step.payload)
        }
        return payloadIndex(payload).map { payloads[$0] }
    }

    /// Calls `body` with every key that starts at `start`, shortest first, without collecting them.
    @inlinable @inline(__always)
    package func forEachMatch(in text: [UInt32], from start: Int, _ body: (Int, Payload) -> Void) {
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
