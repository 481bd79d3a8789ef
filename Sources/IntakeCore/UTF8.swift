/// UTF-8 by hand, for the places that move between scalars and bytes in a hot loop or at start-up.
/// Public only so that other stage targets can inline and specialize its members (all `package`): the compiler
/// serializes no member of a `package` type, not even an `@inlinable` one.
@_documentation(visibility: package)
public enum UTF8Bytes {
    /// The encoding of one scalar, packed first byte lowest into a UInt32, with its length. Surrogates and values
    /// past U+10FFFF encode as U+FFFD.
    @inlinable @inline(__always)
    package static func of(_ s: UInt32) -> (UInt32, Int) {
        switch s {
        case 0..<0x80: return (s, 1)
        case 0x80..<0x800: return (0xC0 | s >> 6 | (0x80 | s & 0x3F) << 8, 2)
        case 0xD800..<0xE000: return of(0xFFFD)
        case 0x800..<0x10000: return (0xE0 | s >> 12 | (0x80 | s >> 6 & 0x3F) << 8 | (0x80 | s & 0x3F) << 16, 3)
        case 0x10000...0x10FFFF:
            return (0xF0 | s >> 18 | (0x80 | s >> 12 & 0x3F) << 8 | (0x80 | s >> 6 & 0x3F) << 16 | (0x80 | s & 0x3F) << 24, 4)
        default: return of(0xFFFD)
        }
    }

    /// Calls `body` with each byte of the encoding of `s`, in order.
    @inlinable @inline(__always)
    package static func forEachByte(of s: UInt32, _ body: (UInt8) -> Void) {
        var (bytes, count) = of(s)
        for _ in 0..<count {
            body(UInt8(truncatingIfNeeded: bytes))
            bytes >>= 8
        }
    }

    /// The scalar whose encoding starts at `i` in well-formed UTF-8, and moves `i` past it; nil when the sequence
    /// is cut off by the end of `u`.
    @inlinable @inline(__always)
    package static func decode(_ u: UnsafeBufferPointer<UInt8>, at i: inout Int) -> UInt32? {
        let b0 = UInt32(u[i])
        let n = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4
        guard i + n <= u.count else { return nil }
        var v = n == 1 ? b0 : b0 & (0x7F >> UInt32(n))
        for k in 1..<n { v = v << 6 | UInt32(u[i + k] & 0x3F) }
        i += n
        return v
    }
}
