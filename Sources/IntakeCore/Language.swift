/// The language of a complaint, as the intake record reports it.
public enum Language: String, Codable, Sendable, CaseIterable {
    /// Chinese written in Simplified characters.
    case chineseSimplified = "zh-Hans"
    /// Chinese written in Traditional characters (Taiwan, Hong Kong).
    case chineseTraditional = "zh-Hant"
    /// Spanish, of Spain or Latin America.
    case spanish = "es"
    /// Substantial Chinese and Spanish in the same text.
    case mixed
    /// No letters, or a language the product does not read.
    case unknown

    /// Whether the text is Chinese in either script.
    public var isChinese: Bool { self == .chineseSimplified || self == .chineseTraditional }

    /// The lexicon folder that serves this language (`zh` or `es`), or nil when none does.
    public var lexiconCode: String? {
        switch self {
        case .chineseSimplified, .chineseTraditional: "zh"
        case .spanish: "es"
        case .mixed, .unknown: nil
        }
    }
}
