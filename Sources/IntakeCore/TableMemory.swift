import Foundation

/// Memory a table owns (allocated, freed with it), or the static memory of the data built into the tool.
/// The tables below never write to memory they share: before a write they copy what they hold unless it is theirs
/// alone.
/// Public only so that other stage targets can inline and specialize its members (all `package`): the compiler
/// serializes no member of a `package` type, not even an `@inlinable` one.
@_documentation(visibility: package)
public final class TableMemory: @unchecked Sendable {
    @usableFromInline package let base: UnsafeMutableRawPointer
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
