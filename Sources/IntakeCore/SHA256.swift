import CSHA256

/// SHA-256 (FIPS 180-4), for content digests: model and data identities, derived record ids. Blocks go through the
/// processor's SHA instructions where it has them, else through the portable code here.
package struct SHA256 {
    private typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
    private var h: State =
        (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    private let hardware: Bool

    /// Whether this processor has the SHA instructions.
    package static let hardwareAvailable = ci_sha256_hardware() != 0

    /// - Parameter hardware: use the SHA instructions (only when ``hardwareAvailable``); tests compare both paths.
    package init(hardware: Bool = SHA256.hardwareAvailable) {
        self.hardware = hardware && Self.hardwareAvailable
        buffer.reserveCapacity(64)
    }

    /// Adds each field's UTF-8 followed by a unit separator (0x1F), so that ("ab", "c") and ("a", "bc") differ.
    package mutating func update(fields: [String?]) {
        for f in fields {
            update((f ?? "").utf8)
            update(CollectionOfOne(0x1F))
        }
    }

    package mutating func update(_ bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(buffer: UnsafeRawBufferPointer($0)) }
        if done == nil { let copy = Array(bytes); copy.withUnsafeBytes { update(buffer: $0) } }
    }

    private mutating func update(buffer input: UnsafeRawBufferPointer) {
        length &+= UInt64(input.count)
        var i = 0
        if !buffer.isEmpty {
            let take = min(64 - buffer.count, input.count)
            buffer.append(contentsOf: input[0..<take])
            i = take
            if buffer.count == 64 {
                buffer.withUnsafeBytes { compress($0.baseAddress!, blocks: 1) }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        let blocks = (input.count - i) / 64
        if blocks > 0 {
            compress(input.baseAddress! + i, blocks: blocks)
            i += 64 * blocks
        }
        if i < input.count { buffer.append(contentsOf: input[i...]) }
    }

    private mutating func compress(_ data: UnsafeRawPointer, blocks: Int) {
        if hardware {
            withUnsafeMutableBytes(of: &h) { state in
                ci_sha256_blocks(state.baseAddress!.assumingMemoryBound(to: UInt32.self), data.assumingMemoryBound(to: UInt8.self), blocks)
            }
            return
        }
        for b in 0..<blocks { Self.compress(&h, data + 64 * b) }
    }

    private static func compress(_ h: inout State, _ block: UnsafeRawPointer) {
        @inline(__always) func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { x >> n | x << (32 - n) }
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for i in 0..<16 {
                w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
            }
            for i in 16..<64 {
                let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = h
            let k = UnsafeBufferPointer(start: ci_sha256_round_constants(), count: 64)
            for i in 0..<64 {
                let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                let ch = (e & f) ^ (~e & g)
                let t1 = hh &+ s1 &+ ch &+ k[i] &+ w[i]
                let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                let maj = (a & b) ^ (a & c) ^ (b & c)
                let t2 = s0 &+ maj
                hh = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
            }
            h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh)
        }
    }

    /// The digest; the hasher is consumed.
    package mutating func finish() -> [UInt8] {
        let bits = length &* 8
        // The padding: 0x80, zeros to 56 mod 64, the length in bits; at most 72 bytes, on the stack.
        let pad = (buffer.count < 56 ? 56 : 120) - buffer.count
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: pad + 8) { tail in
            tail.initialize(repeating: 0)
            tail[0] = 0x80
            for i in 0..<8 { tail[pad + i] = UInt8(truncatingIfNeeded: bits >> (8 * UInt64(7 - i))) }
            update(buffer: UnsafeRawBufferPointer(tail))
        }
        return [UInt8](unsafeUninitializedCapacity: 32) { out, n in
            withUnsafeBytes(of: h) { words in
                for i in 0..<32 {
                    let word = words.load(fromByteOffset: i & ~3, as: UInt32.self)
                    out[i] = UInt8(truncatingIfNeeded: word >> (24 - 8 * UInt32(i & 3)))
                }
            }
            n = 32
        }
    }

    package var hexDigest: String {
        var copy = self
        return Self.hexString(copy.finish())
    }

    package static func hexString(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    package static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var h = SHA256()
        h.update(bytes)
        return h.hexDigest
    }
}
