import CICUShim

package enum ICULibrary {
    /// The version of the ICU library the tool runs on, such as `72.1`.
    package static var version: String {
        var buffer = [CChar](repeating: 0, count: 32)
        _ = ci_icu_version(&buffer, Int32(buffer.count))
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
