import Foundation
import Hummingbird
import IntakeReport

/// The query of `GET /v1/report`, read as `intake report` reads its options: `from`, `to`, `by`, `at`, `locale`,
/// and the format from `format=` or, without it, the `Accept` header.
struct ReportQuery: Sendable, Equatable {
    enum Format: String, Sendable, CaseIterable {
        case json, html
        var contentType: String { self == .json ? "application/json" : "text/html; charset=utf-8" }
    }

    let request: ReportRequest
    let format: Format
    let locale: ReportLabels.Locale

    init(_ query: [String: String], accept: String?, now: Date = Date()) throws(APIError) {
        func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ fallback: T) throws(APIError) -> T where T.RawValue == String {
            guard let given = query[name], !given.isEmpty else { return fallback }
            guard let value = T(rawValue: given) else {
                throw .badParameter(name: name, reason: "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), not '\(given)'")
            }
            return value
        }
        let grain: PeriodGrain = try choice("by", .week)
        locale = try choice("locale", .en)
        if query["format"] == "csv" {
            throw .badParameter(name: "format", reason: "must be json or html; the CSV tables are one file each: intake report --format csv --out DIR")
        }
        format = try choice("format", try Self.negotiate(accept))
        func given(_ name: String) -> String? { query[name].flatMap { $0.isEmpty ? nil : $0 } }
        do {
            request = try ReportRequest(from: given("from"), to: given("to"), grain: grain, at: given("at"), now: now)
        } catch {
            switch error {
            case .badTime(let option, let value):
                throw .badParameter(name: String(option.drop { $0 == "-" }), reason: "must be a day (2024-03-04) or an ISO 8601 time (2024-03-04T09:00:00Z), not '\(value)'")
            case .emptyPeriod(let from, let to):
                throw .badParameter(name: "to", reason: "(\(to)) comes before from (\(from)); give the first day first")
            case .badData:
                throw .internal(error.description)
            }
        }
    }

    /// HTML when the client prefers it over JSON (a browser), JSON otherwise; a client that takes neither gets 406.
    static func negotiate(_ accept: String?) throws(APIError) -> Format {
        guard let accept, !accept.trimmingCharacters(in: .whitespaces).isEmpty else { return .json }
        var json = 0.0, html = 0.0, any = 0.0
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let type = parts.first else { continue }
            let q = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            switch type {
            case "application/json": json = max(json, q)
            case "text/html": html = max(html, q)
            case "application/*": json = max(json, q)
            case "text/*": html = max(html, q)
            case "*/*": any = max(any, q)
            default: continue
            }
        }
        json = max(json, any)
        html = max(html, any)
        if json == 0 && html == 0 { throw .notAcceptable(given: accept, offered: Format.allCases.map(\.contentType)) }
        return html > json ? .html : .json
    }
}
