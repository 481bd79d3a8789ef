import IntakeCore

/// A field of a batch input line that a desk's own column (CSV) or key (JSON Lines) may carry.
public enum BatchField: String, Sendable, CaseIterable {
    case text, id, channel
    case receivedAt = "received_at"
    case subject
    case customerName = "customer.name"
    case customerEmail = "customer.email"
    case customerPhone = "customer.phone"
    case tier
    case replyTo = "reply_to"

    /// The field named `name`, accepting `customer.tier` for ``tier``.
    public init?(name: String) {
        if name == "customer.tier" { self = .tier; return }
        self.init(rawValue: name)
    }
}

/// Which column (CSV) or key (JSON Lines) each batch field is read from, for the fields a desk names its own way.
///
/// Fields left out are read from their usual names (`text`, `id`, `channel`, `received_at`, `subject`, the
/// `customer` object or `customer_name`, `name`, …). A JSON key with dots (`cliente.correo`) is looked up in nested
/// objects when no key has the whole name.
public struct BatchFieldMap: Sendable, Equatable {
    /// The mapped fields and their columns.
    public private(set) var columns: [BatchField: String]

    public init(_ columns: [BatchField: String] = [:]) { self.columns = columns }

    /// Reads `NAME=COLUMN`, as `--field customer.email=correo` gives it.
    /// - Throws: ``BatchFieldError`` for an unknown field name or a missing column.
    public static func mapping(_ spec: String) throws(BatchFieldError) -> (field: BatchField, column: String) {
        guard let eq = spec.firstIndex(of: "=") else { throw .notAMapping(spec) }
        let name = String(spec[..<eq]).trimmingSpaces()
        let column = String(spec[spec.index(after: eq)...]).trimmingSpaces()
        guard let field = BatchField(name: name) else { throw .unknownField(name) }
        guard !column.isEmpty else { throw .emptyColumn(name) }
        return (field, column)
    }

    /// Maps `field` to `column`; a later mapping of the same field replaces the earlier one.
    public mutating func map(_ field: BatchField, to column: String) { columns[field] = column }

    /// The column of `field`, when it is mapped.
    public subscript(field: BatchField) -> String? { columns[field] }

    /// The column the text is read from.
    public var textColumn: String { columns[.text] ?? "text" }

    /// Checks a CSV header: every mapped column, and the text column, must be in it.
    /// - Throws: ``InputError/missingColumns(_:header:)`` naming what is missing and the header's columns.
    public func check(header: [String]) throws(InputError) {
        let present = Set(header)
        var missing: [String] = []
        if !present.contains(textColumn) { missing.append("'\(textColumn)' (text)") }
        for field in BatchField.allCases where field != .text {
            if let c = columns[field], !present.contains(c) { missing.append("'\(c)' (\(field.rawValue))") }
        }
        if !missing.isEmpty { throw .missingColumns(missing, header: header) }
    }
}

/// Why a `NAME=COLUMN` mapping cannot be used.
public enum BatchFieldError: Error, Sendable, Equatable, CustomStringConvertible {
    case notAMapping(String)
    case unknownField(String)
    case emptyColumn(String)

    public var description: String {
        let known = BatchField.allCases.map(\.rawValue).joined(separator: ", ")
        switch self {
        case .notAMapping(let s): return "'\(s)' is not NAME=COLUMN (fields: \(known))"
        case .unknownField(let n): return "'\(n)' is not a batch field; the fields are \(known)"
        case .emptyColumn(let n): return "the field '\(n)' is mapped to no column; write \(n)=COLUMN"
        }
    }
}
