/// A remedy the customer asks for.
public enum Remedy: String, Sendable, Codable, CaseIterable, Comparable {
    case refund, `return`, exchange, repair, compensation, discount, coupon, replacement, apology, cancel
    public static func < (a: Remedy, b: Remedy) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}
