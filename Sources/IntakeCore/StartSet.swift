import Foundation

/// A bit per scalar of the Basic Multilingual Plane (8 KB); scalars above it are always "maybe".
/// Public only so that other stage targets can inline and specialize its members (all `package`): the compiler
/// serializes no member of a `package` type, not even an `@inlinable` one.
@_documentation(visibility: package)
public struct StartSet: Sendable {
    private static let byteCount = 0x10000 / 8
    /// Shared by every empty set until its first insert copies it.
    private static let empty = TableMemory(filled: byteCount, with: 0)
    @usableFromInline var memory = empty

    package init() {}

    package mutating func insert(_ s: UInt32) {
        guard s < 0x10000 else { return }
        TableMemory.makeWritable(&memory)
        let at = Int(s >> 3)
        memory.base.storeBytes(of: memory.base.load(fromByteOffset: at, as: UInt8.self) | 1 << UInt8(s & 7),
                               toByteOffset: at, as: UInt8.self)
    }

    @inlinable @inline(__always)
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
