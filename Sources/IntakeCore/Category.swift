/// The four complaint categories of TAXONOMY.md, chosen by "which department must act first?".
public enum Category: String, Codable, Sendable, CaseIterable, Comparable {
    /// The product itself (or, for services, the service itself).
    case quality
    /// Getting the goods there.
    case delivery
    /// How people and processes treated the customer.
    case service
    /// Billing, accounts, payments, praise, questions, anything else.
    case other

    /// Index in ``Category/allCases``, for score arrays.
    public var index: Int {
        switch self {
        case .quality: 0
        case .delivery: 1
        case .service: 2
        case .other: 3
        }
    }

    public static func < (a: Category, b: Category) -> Bool { a.index < b.index }
}
