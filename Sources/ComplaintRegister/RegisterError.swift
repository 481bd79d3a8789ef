import ComplaintIntake
import Foundation

/// Why the register could not do what was asked.
public enum RegisterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file exists but is not an SQLite database (or is damaged).
    case notADatabase(path: String)
    /// The database was written by a newer version of the tool; it is left untouched.
    case newerSchema(path: String)
    /// The file is an SQLite database of another application (it holds `tables`); it is left untouched.
    case foreign(path: String, tables: [String])
    /// `--db` names no file, for a command that only reads.
    case missing(path: String)
    /// The database cannot be opened or written (permissions, a file that is not writable).
    case unavailable(path: String, reason: String)
    /// The database is busy past the timeout, the disk is full, or an I/O error struck: trying again later may work.
    case temporarilyUnavailable(path: String, reason: String)
    /// No complaint has this id.
    case unknownCase(id: String)
    /// The case cannot move from its status to the one asked for.
    case invalidTransition(id: String, from: CaseStatus, to: CaseStatus)
    /// A satisfaction off the 1 to 5 scale.
    case invalidSatisfaction(id: String, value: Int)

    /// Whether trying again later may succeed: a busy database, a full disk, an I/O error.
    public var isTransient: Bool {
        if case .temporarilyUnavailable = self { return true }
        return false
    }

    /// A stable code for error records and exit messages.
    public var code: String {
        switch self {
        case .notADatabase: "register_not_a_database"
        case .newerSchema: "register_newer_schema"
        case .foreign: "register_foreign"
        case .missing: "register_missing"
        case .unavailable: "register_unavailable"
        case .temporarilyUnavailable: "register_busy"
        case .unknownCase: "unknown_case"
        case .invalidTransition: "invalid_transition"
        case .invalidSatisfaction: "invalid_satisfaction"
        }
    }

    public var description: String {
        switch self {
        case .notADatabase(let path):
            "\(path) is not a complaint register (not an SQLite database, or damaged); it was not changed. Use another file"
        case .newerSchema(let path):
            "\(path) was written by a newer version of intake; upgrade the tool (the database was not changed)"
        case .foreign(let path, let tables):
            "\(path) is an SQLite database of another application (tables \(tables.joined(separator: ", "))); it was not changed. Use a new file or an existing register"
        case .missing(let path):
            "no register at \(path); check the path (a register is created when the first complaint is stored in it)"
        case .unavailable(let path, let reason):
            "cannot use the register \(path): \(reason)"
        case .temporarilyUnavailable(let path, let reason):
            "the register \(path) cannot be used now (\(reason)); try again later"
        case .unknownCase(let id):
            "no complaint with id \(id) in the register"
        case .invalidTransition(let id, let from, let to) where from.next.isEmpty:
            "complaint \(id) is \(from.rawValue) and cannot move to \(to.rawValue); a closed case is never reopened"
        case .invalidTransition(let id, let from, let to):
            "complaint \(id) is \(from.rawValue); it can move to \(from.next.map(\.rawValue).joined(separator: " or ")), not to \(to.rawValue)"
        case .invalidSatisfaction(let id, let value):
            "satisfaction \(value) for complaint \(id) is off the scale; give 1 (very unhappy) to 5 (very happy)"
        }
    }
}
extension RegisterError: CodedError {}
