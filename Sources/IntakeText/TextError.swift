import IntakeCore
/// Why a text could not be analysed.
public enum TextError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input holds no characters, or only white space.
    case empty
    /// The input bytes are not valid UTF-8; `offset` is the first bad byte.
    case invalidUTF8(offset: Int)
    /// The input is longer than the configured limit.
    case tooLong(scalars: Int, limit: Int)
    /// ICU could not open a service; `name` is ICU's error name.
    case icuUnavailable(service: String, name: String)

    /// A stable code for error records.
    public var code: String {
        switch self {
        case .empty: "empty_text"
        case .invalidUTF8: "invalid_utf8"
        case .tooLong: "text_too_long"
        case .icuUnavailable: "icu_unavailable"
        }
    }

    public var description: String {
        switch self {
        case .empty:
            "the complaint text is empty (no characters other than white space)"
        case .invalidUTF8(let offset):
            "the input is not valid UTF-8 (first bad byte at offset \(offset)); convert it to UTF-8 or give its charset"
        case .tooLong(let scalars, let limit):
            "the text has \(scalars) characters, more than the limit of \(limit); split it into smaller complaints"
        case .icuUnavailable(let service, let name):
            "ICU could not open \(service) (\(name)); is libicu installed with its data?"
        }
    }
}
