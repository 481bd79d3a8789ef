/// What the desk gave the customer in the end, recorded with `intake case ID --remedy`. The remedies a customer can
/// ask for, with `none` for a case closed without one (and without `cancel`, which a customer asks but a desk does
/// not give).
public enum GivenRemedy: String, Sendable, Codable, CaseIterable, Comparable {
    case refund, `return`, exchange, repair, compensation, discount, coupon, replacement, apology, none

    public static func < (a: GivenRemedy, b: GivenRemedy) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}
