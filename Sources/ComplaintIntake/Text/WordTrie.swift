/// A trie over normalized scalars, for longest-match lookup of dictionary words and lexicon terms.
///
/// Transitions live in one flat hash table keyed by (node, scalar), which keeps the trie compact and a lookup
/// at one hash probe per character.
public struct WordTrie<Payload: Sendable>: Sendable {
    private var transitions: [UInt64: Int32] = [:]
    private var payloads: [Payload?] = [nil]
    /// The longest key, in scalars.
    public private(set) var maxLength = 0
    /// How many keys the trie holds.
    public private(set) var count = 0

    public init() {}

    private static func key(_ node: Int32, _ scalar: UInt32) -> UInt64 { UInt64(UInt32(bitPattern: node)) << 32 | UInt64(scalar) }

    /// Inserts `word`; `merge` combines the payload already there (if any) with the new one.
    public mutating func insert(_ word: [UInt32], payload: Payload, merge: (Payload, Payload) -> Payload = { _, new in new }) {
        guard !word.isEmpty else { return }
        var node: Int32 = 0
        for s in word {
            let k = Self.key(node, s)
            if let child = transitions[k] {
                node = child
            } else {
                let child = Int32(payloads.count)
                payloads.append(nil)
                transitions[k] = child
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
        while i < end, let child = transitions[Self.key(node, text[i])] {
            node = child
            i += 1
            if let p = payloads[Int(node)] { best = (i - start, p) }
        }
        return best
    }

    /// Every key that starts at `start`, shortest first.
    public func matches(in text: [UInt32], from start: Int, limit: Int? = nil) -> [(length: Int, payload: Payload)] {
        let end = min(limit ?? text.count, text.count)
        var node: Int32 = 0
        var found: [(Int, Payload)] = []
        var i = start
        while i < end, let child = transitions[Self.key(node, text[i])] {
            node = child
            i += 1
            if let p = payloads[Int(node)] { found.append((i - start, p)) }
        }
        return found
    }

    /// The payload stored for exactly `word`.
    public func lookup(_ word: [UInt32]) -> Payload? {
        var node: Int32 = 0
        for s in word {
            guard let child = transitions[Self.key(node, s)] else { return nil }
            node = child
        }
        return payloads[Int(node)]
    }

    public func contains(_ word: [UInt32]) -> Bool { lookup(word) != nil }
}
