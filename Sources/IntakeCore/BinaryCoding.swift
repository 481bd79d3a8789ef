/// Little-endian writing of the compiled lexicons (see ``CompiledLexicons``): fixed-width numbers, and
/// strings and arrays behind a 32-bit count.
package struct BinaryWriter {
    package private(set) var bytes: [UInt8] = []

    package init() {}

    package mutating func u8(_ v: UInt8) { bytes.append(v) }
    package mutating func u32(_ v: UInt32) { bytes.appendU32(v) }
    package mutating func u64(_ v: UInt64) {
        u32(UInt32(truncatingIfNeeded: v))
        u32(UInt32(truncatingIfNeeded: v >> 32))
    }
    package mutating func int(_ v: Int) { u64(UInt64(bitPattern: Int64(v))) }
    package mutating func double(_ v: Double) { u64(v.bitPattern) }
    package mutating func bool(_ v: Bool) { u8(v ? 1 : 0) }
    package mutating func count(_ n: Int) { u32(UInt32(n)) }

    package mutating func string(_ s: String) {
        let utf8 = Array(s.utf8)
        count(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    package mutating func strings(_ a: [String]) {
        count(a.count)
        for s in a { string(s) }
    }

    package mutating func u32s(_ a: [UInt32]) {
        count(a.count)
        for v in a { u32(v) }
    }

    package mutating func u8s(_ a: [UInt8]) {
        count(a.count)
        bytes.append(contentsOf: a)
    }

    /// Zeros up to the next multiple of `alignment` from the start, for data that is read in place.
    package mutating func align(_ alignment: Int) {
        while bytes.count % alignment != 0 { bytes.append(0) }
    }

    /// Bytes as they are, with no count.
    package mutating func raw(_ b: UnsafeRawBufferPointer) { bytes.append(contentsOf: b) }

    /// A dictionary as a count and its pairs in key order, so that the same entries always give the same bytes.
    package mutating func pairs<K: Comparable, V>(_ d: [K: V], _ write: (inout BinaryWriter, K, V) -> Void) {
        count(d.count)
        for (k, v) in d.sorted(by: { $0.key < $1.key }) { write(&self, k, v) }
    }
}

/// Reads what ``BinaryWriter`` wrote, from memory that outlives the reader (the blob built into the tool, or
/// a buffer the caller holds). Every read checks the bounds.
/// Public only so that the other stage targets can inline and specialize its members (all `package`): the
/// compiler serializes no member of a `package` type, and reading the built-in data goes through these at start-up.
@_documentation(visibility: package)
public struct BinaryReader {
    @usableFromInline let base: UnsafeRawBufferPointer
    @usableFromInline package internal(set) var offset = 0
    /// The memory lasts as long as the process and never changes (the blob built into the tool), so what is read
    /// may point into it instead of copying it.
    package let isStatic: Bool

    package init(_ base: UnsafeRawBufferPointer, isStatic: Bool = false) {
        self.base = base
        self.isStatic = isStatic
    }

    package var isAtEnd: Bool { offset == base.count }

    @inlinable
    mutating func take(_ n: Int) throws(BinaryFormatError) -> Int {
        guard n >= 0, n <= base.count - offset else { throw .truncated(at: offset) }
        defer { offset += n }
        return offset
    }

    @inlinable
    package mutating func u8() throws(BinaryFormatError) -> UInt8 { base[try take(1)] }

    @inlinable
    package mutating func u32() throws(BinaryFormatError) -> UInt32 {
        let at = try take(4)
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt32.self))
    }

    @inlinable
    package mutating func u64() throws(BinaryFormatError) -> UInt64 {
        let at = try take(8)
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    @inlinable
    package mutating func int() throws(BinaryFormatError) -> Int { Int(Int64(bitPattern: try u64())) }
    @inlinable
    package mutating func double() throws(BinaryFormatError) -> Double { Double(bitPattern: try u64()) }

    @inlinable
    package mutating func bool() throws(BinaryFormatError) -> Bool {
        switch try u8() {
        case 0: return false
        case 1: return true
        default: throw .badValue(at: offset - 1, "a flag is neither 0 nor 1")
        }
    }

    /// A count, checked against the bytes left (each item takes at least `itemSize` bytes).
    @inlinable
    package mutating func count(itemSize: Int = 1) throws(BinaryFormatError) -> Int {
        let n = Int(try u32())
        guard n <= (base.count - offset) / max(itemSize, 1) else { throw .truncated(at: offset) }
        return n
    }

    @inlinable
    package mutating func string() throws(BinaryFormatError) -> String {
        let n = try count()
        let at = try take(n)
        // The generic validating initializer costs several times the copy; this one checks on the fast path too.
        let bytes = UnsafeRawBufferPointer(rebasing: base[at..<at + n]).assumingMemoryBound(to: UInt8.self)
        let s = String(decoding: bytes, as: UTF8.self)
        guard s.utf8.count == n else { throw .badValue(at: at, "a string is not UTF-8") }
        return s
    }

    package mutating func strings() throws(BinaryFormatError) -> [String] {
        let n = try count(itemSize: 4)
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }

    package mutating func u32s() throws(BinaryFormatError) -> [UInt32] {
        let n = try count(itemSize: 4)
        let at = try take(4 * n)
        return [UInt32](unsafeUninitializedCapacity: n) { out, k in
            UnsafeMutableRawBufferPointer(out).copyMemory(from: UnsafeRawBufferPointer(rebasing: base[at..<at + 4 * n]))
            for i in 0..<n { out[i] = UInt32(littleEndian: out[i]) }
            k = n
        }
    }

    /// A list of indices below `limit` (as ``BinaryWriter/u32s(_:)`` writes them), appended to `items` as
    /// `element(index)`; returns the slice of `items` they fill.
    @inlinable
    package mutating func slice<T>(into items: inout [T], limit: Int, _ element: (Int) -> T) throws(BinaryFormatError) -> Range<Int> {
        let start = items.count
        for _ in 0..<(try count(itemSize: 4)) {
            let i = Int(try u32())
            guard i < limit else { throw .badValue(at: offset, "an index past the end of its table") }
            items.append(element(i))
        }
        return start..<items.count
    }

    /// A dictionary written by ``BinaryWriter/pairs(_:_:)``; each pair takes at least `itemSize` bytes.
    @inlinable
    package mutating func pairs<K: Hashable, V>(itemSize: Int, _ read: (inout BinaryReader) throws(BinaryFormatError) -> (K, V)) throws(BinaryFormatError) -> [K: V] {
        var d: [K: V] = [:]
        for _ in 0..<(try count(itemSize: itemSize)) {
            let (k, v) = try read(&self)
            d[k] = v
        }
        return d
    }

    /// Skips the padding ``BinaryWriter/align(_:)`` wrote.
    package mutating func align(_ alignment: Int) throws(BinaryFormatError) {
        _ = try take((alignment - offset % alignment) % alignment)
    }

    /// The next `n` bytes, where they lie.
    package mutating func raw(_ n: Int) throws(BinaryFormatError) -> UnsafeRawBufferPointer {
        let at = try take(n)
        return UnsafeRawBufferPointer(rebasing: base[at..<at + n])
    }

    package mutating func u8s() throws(BinaryFormatError) -> [UInt8] {
        let n = try count()
        let at = try take(n)
        return Array(base[at..<at + n])
    }
}

/// Why compiled data could not be read.
///
/// Public only because the inlinable reads of ``BinaryReader`` throw it.
@_documentation(visibility: package)
public enum BinaryFormatError: Error, Equatable, CustomStringConvertible {
    case truncated(at: Int)
    case badValue(at: Int, String)

    public var description: String {
        switch self {
        case .truncated(let at): "it ends early (at byte \(at))"
        case .badValue(let at, let what): "\(what) (at byte \(at))"
        }
    }
}

extension [UInt8] {
    package mutating func appendU32(_ v: UInt32) { for i in 0..<4 { append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(i)))) } }
    package mutating func appendF32(_ v: Float) { appendU32(v.bitPattern) }
}
