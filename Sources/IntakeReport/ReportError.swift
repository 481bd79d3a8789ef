/// Why a report cannot be made.
public enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A `--from`, `--to` or `--at` that is not a day or time.
    case badTime(option: String, value: String)
    /// `--to` before `--from`.
    case emptyPeriod(from: String, to: String)
    /// A label or template file of the report (built in, or from `--lexicons`) cannot be used.
    case badData(source: String, reason: String)

    public var description: String {
        switch self {
        case .badTime(let option, let value):
            "\(option) must be a day (2024-03-04) or an ISO 8601 time (2024-03-04T09:00:00Z), not '\(value)'"
        case .emptyPeriod(let from, let to):
            "--to \(to) comes before --from \(from); give the first day first"
        case .badData(let source, let reason):
            "\(source): \(reason)"
        }
    }
}
