/// A customer key as a report shows it: enough to tell customers apart and find them again, not enough to read off a
/// page sent to a manager (`li***@example.cn`, `+86***5678`); order numbers are shown whole.
enum CustomerMask {
    static func mask(_ key: String) -> String {
        guard let colon = key.firstIndex(of: ":") else { return key }
        let kind = key[..<colon], value = String(key[key.index(after: colon)...])
        switch kind {
        case "email":
            guard let at = value.firstIndex(of: "@") else { return String(value.prefix(2)) + "***" }
            return String(value[..<at].prefix(2)) + "***" + value[at...]
        case "phone":
            return String(value.prefix(3)) + "***" + String(value.suffix(4))
        default:
            return value
        }
    }
}
