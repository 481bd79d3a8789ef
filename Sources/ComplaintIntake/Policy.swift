import IntakeCore
import IntakeText
import IntakeLexicon
import IntakeClassify
import IntakeExtract
import IntakeInput
import Foundation

/// The routing and deadline rules of the complaint procedures, as data: built-in defaults
/// (`lexicons/policy.json`) that a user overrides, key by key, with `--policy FILE` (JSON or TOML).
public struct Policy: Sendable, Equatable {
    /// Department per category.
    public var departments: [Category: String]
    /// The responsible department investigates within this many hours of receipt.
    public var investigateWithinHours: Int
    /// The customer gets the plan within this many hours after the investigation deadline.
    public var respondWithinHours: Int
    /// A follow-up within this many days after the response.
    public var followUpWithinDays: Int
    /// Complaints are accepted this many days after the goods were received.
    public var complaintWindowDays: Int
    /// Earlier complaints of the same customer within this many days make a repeat (the register uses it).
    public var repeatWindowDays: Int
    /// Promised delivery of a replacement, in days, per customer tier.
    public var replacementDaysByTier: [String: Int]
    /// Escalation level each signal raises the complaint to.
    public var signalLevels: [String: Int]
    /// Escalation level by the customer's complaint count (2nd: specialist, 3rd: team lead, 4th: manager).
    public var repeatLevels: [Int: Int]
    /// Other categories at or above this probability are listed as secondary.
    public var secondaryThreshold: Double
    /// The ISO 4217 currency of an amount whose text names none (`pagué 45`, `花了500`) and of a bare `$` or
    /// `pesos`: a Chilean desk sets CLP. Nil (the default) reports such amounts with `currency: null`, and reads
    /// `$` by the currencies the text names, else as MXN.
    public var defaultCurrency: String? = nil
    /// The ISO 3166 country of a phone number written without its calling code, when the text does not tell
    /// (`55 1234 5678` on a Mexican desk: MX). Nil reads such numbers by the shapes of each country.
    public var defaultCountry: String? = nil

    /// A model file (a desk model from `intake train --add`) used instead of the built-in one when no model is given;
    /// a relative path is read from the policy file's folder.
    public var model: String? = nil

    package static let keys: Set<String> = [
        "departments", "investigate_within_hours", "respond_within_hours", "follow_up_within_days", "complaint_window_days",
        "repeat_window_days", "replacement_days_by_tier", "signal_levels", "repeat_levels", "secondary_threshold",
        "default_currency", "default_country", "model",
    ]

    /// The built-in policy.
    public static func builtIn(store: DataStore = .builtIn()) throws(PolicyError) -> Policy {
        guard let file = store.layers("policy.json").last else { throw .invalid(source: "built-in policy", key: nil, reason: "missing") }
        var p = Policy.empty
        try p.apply(try parseJSON(file.bytes, source: file.source), source: file.source)
        return p
    }

    /// The built-in policy with the keys of the file at `path` laid over it.
    public static func load(path: String, over base: Policy) throws(PolicyError) -> Policy {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        let bytes = [UInt8](data)
        var p = base
        // A relative model path in the policy file is read from the policy file's folder.
        func resolveModel(_ object: [String: Any]) {
            if let m = object["model"] as? String, !m.hasPrefix("/") {
                p.model = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(m)
            }
        }
        guard path.lowercased().hasSuffix(".toml") else {
            let object = try parseJSON(bytes, source: path)
            try p.apply(object, source: path)
            resolveModel(object)
            return p
        }
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            let object = try PolicyTOML.parse(text, source: path)
            try p.apply(object, source: path)
            resolveModel(object)
        } catch .invalid(let source, let key?, let reason) where source == path {
            throw .invalid(source: PolicyTOML.line(of: key, in: text).map { "\(path):\($0)" } ?? path, key: key, reason: reason)
        }
        return p
    }

    package static let empty = Policy(departments: [:], investigateWithinHours: 24, respondWithinHours: 48, followUpWithinDays: 7,
                              complaintWindowDays: 30, repeatWindowDays: 30, replacementDaysByTier: [:], signalLevels: [:],
                              repeatLevels: [:], secondaryThreshold: 0.2)

    package static func parseJSON(_ bytes: [UInt8], source: String) throws(PolicyError) -> [String: Any] {
        do {
            guard let o = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                throw PolicyError.invalid(source: source, key: nil, reason: "the top level must be an object")
            }
            return o
        } catch let e as PolicyError {
            throw e
        } catch {
            throw .invalid(source: source, key: nil, reason: "not valid JSON (\(error.localizedDescription))")
        }
    }

    package mutating func apply(_ o: [String: Any], source: String) throws(PolicyError) {
        for key in o.keys.sorted() where !Self.keys.contains(key) {
            throw .invalid(source: source, key: key, reason: "unknown key (known: \(Self.keys.sorted().joined(separator: ", ")))")
        }
        func int(_ key: String, _ v: Any, min: Int = 0, max: Int = 100_000) throws(PolicyError) -> Int {
            guard let n = v as? NSNumber, n.doubleValue == n.doubleValue.rounded(), n.intValue >= min, n.intValue <= max else {
                throw .invalid(source: source, key: key, reason: "must be a whole number from \(min) to \(max)")
            }
            return n.intValue
        }
        func table(_ key: String, _ v: Any) throws(PolicyError) -> [String: Any] {
            guard let t = v as? [String: Any] else { throw .invalid(source: source, key: key, reason: "must be a table of names to values") }
            return t
        }
        for (key, v) in o {
            switch key {
            case "departments":
                for (k, d) in try table(key, v) {
                    guard let c = Category(rawValue: k) else { throw .invalid(source: source, key: "departments.\(k)", reason: "not a category (quality, delivery, service, other)") }
                    guard let name = d as? String, !name.isEmpty else { throw .invalid(source: source, key: "departments.\(k)", reason: "must be a department name") }
                    departments[c] = name
                }
            case "investigate_within_hours": investigateWithinHours = try int(key, v, min: 1)
            case "respond_within_hours": respondWithinHours = try int(key, v, min: 1)
            case "follow_up_within_days": followUpWithinDays = try int(key, v, min: 1)
            case "complaint_window_days": complaintWindowDays = try int(key, v, min: 1)
            case "repeat_window_days": repeatWindowDays = try int(key, v, min: 1)
            case "replacement_days_by_tier":
                for (k, d) in try table(key, v) { replacementDaysByTier[k] = try int("\(key).\(k)", d, min: 0) }
            case "signal_levels":
                for (k, d) in try table(key, v) { signalLevels[k] = try int("\(key).\(k)", d, min: 0, max: 3) }
            case "repeat_levels":
                for (k, d) in try table(key, v) {
                    guard let n = Int(k), n >= 2 else { throw .invalid(source: source, key: "\(key).\(k)", reason: "the count must be a whole number of 2 or more") }
                    repeatLevels[n] = try int("\(key).\(k)", d, min: 0, max: 3)
                }
            case "secondary_threshold":
                guard let n = v as? NSNumber, (0.0...1.0).contains(n.doubleValue) else {
                    throw .invalid(source: source, key: key, reason: "must be a number from 0 to 1")
                }
                secondaryThreshold = n.doubleValue
            case "default_currency":
                guard let c = v as? String, c.count == 3, c.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                    throw .invalid(source: source, key: key, reason: "must be an ISO 4217 code of three capital letters, such as CLP or EUR")
                }
                defaultCurrency = c
            case "default_country":
                guard let c = v as? String, c.count == 2, c.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                    throw .invalid(source: source, key: key, reason: "must be an ISO 3166 code of two capital letters, such as MX or TW")
                }
                defaultCountry = c
            case "model":
                guard let m = v as? String, !m.isEmpty else { throw .invalid(source: source, key: key, reason: "must be the path of a model file from intake train") }
                model = m
            default: break
            }
        }
        for c in Category.allCases where departments[c] == nil {
            throw .invalid(source: source, key: "departments.\(c.rawValue)", reason: "missing")
        }
    }

    /// The escalation level for a customer's `count`-th complaint (the highest rung at or below it).
    public func repeatLevel(_ count: Int) -> Int {
        repeatLevels.filter { $0.key <= count }.max { $0.key < $1.key }?.value ?? 0
    }
}

/// Why a policy file could not be used.
public enum PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String)
    case invalid(source: String, key: String?, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read the policy file \(path)"
        case .invalid(let source, let key, let reason): "\(source): " + (key.map { "key '\($0)': " } ?? "") + reason
        }
    }
}
