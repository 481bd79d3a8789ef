import ComplaintIntake
import ComplaintRegister
import Foundation
import Hummingbird

/// Every way a request can fail, and the one place where each gets its HTTP status and stable code. Codes are those of
/// the command line and of batch error records; messages name limits, fields and ids, never the complaint's text.
public enum APIError: Error, Sendable {
    /// The body or a field of it cannot be read (bad JSON, a wrong type, a bad channel, a missing text, …).
    case input(InputError)
    /// The pipeline refused the text (empty, too long, nothing to read).
    case intake(IntakeError)
    /// The e-mail cannot be read at all (empty, over the limit).
    case email(EmailError)
    /// The register refused or failed.
    case register(RegisterError)
    /// The service was started without `--db`.
    case noRegister
    /// A query parameter is malformed.
    case badParameter(name: String, reason: String)
    /// No `Authorization: Bearer` header, or not the service's token.
    case unauthorized
    /// The body is over `--max-body-bytes`.
    case bodyTooLarge(limit: Int)
    /// The body is not of the media type the route reads.
    case unsupportedMediaType(given: String?, expected: [String])
    /// The `Accept` header takes none of the media types the route answers in.
    case notAcceptable(given: String, offered: [String])
    /// Every place is taken and none came free within the queue timeout.
    case overloaded
    /// The body did not arrive within the request timeout.
    case timeout(seconds: Int)
    /// No route for this path and method.
    case notFound(path: String)
    /// A failure that is the service's, not the client's.
    case `internal`(String)

    /// The HTTP status for the error.
    public var status: HTTPResponse.Status {
        switch self {
        case .input(let e):
            switch e {
            case .noText: .unprocessableContent
            case .lineTooLong: .contentTooLarge
            default: .badRequest
            }
        case .intake(let e):
            switch e {
            case .text(.invalidUTF8): .badRequest
            case .text(.icuUnavailable), .lexicon, .model, .policy, .internal: .internalServerError
            case .text: .unprocessableContent
            }
        case .email(.tooLarge): .contentTooLarge
        case .email: .unprocessableContent
        case .register(let e):
            switch e {
            case .unknownCase: .notFound
            case .invalidTransition: .conflict
            default: .serviceUnavailable
            }
        case .noRegister, .overloaded: .serviceUnavailable
        case .badParameter: .badRequest
        case .unauthorized: .unauthorized
        case .bodyTooLarge: .contentTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .notAcceptable: .notAcceptable
        case .timeout: .requestTimeout
        case .notFound: .notFound
        case .internal: .internalServerError
        }
    }

    /// The stable code, as in the command line's messages and batch error records.
    public var code: String {
        switch self {
        case .input(let e): e.code
        case .intake(let e): e.code
        case .email(let e): e.code
        case .register(let e): e.code
        case .noRegister: "register_unavailable"
        case .badParameter: "bad_parameter"
        case .unauthorized: "unauthorized"
        case .bodyTooLarge: "body_too_large"
        case .unsupportedMediaType: "unsupported_media_type"
        case .notAcceptable: "not_acceptable"
        case .overloaded: "overloaded"
        case .timeout: "request_timeout"
        case .notFound: "not_found"
        case .internal: "internal_error"
        }
    }

    /// What a client can act on.
    public var message: String {
        switch self {
        case .input(let e): e.description
        case .intake(let e): e.description
        case .email(let e): e.description
        case .register(let e): e.description
        case .noRegister: "the service was started without a register; start it with --db FILE to store and track cases"
        case .badParameter(let name, let reason): "the parameter '\(name)' \(reason)"
        case .unauthorized: "this route needs the header 'Authorization: Bearer <token>' with the service's token"
        case .bodyTooLarge(let limit): "the body is over the limit of \(limit) bytes (--max-body-bytes)"
        case .unsupportedMediaType(let given, let expected):
            "the body must be \(expected.joined(separator: " or ")), not \(given.map { "'\($0)'" } ?? "unlabeled (no Content-Type)")"
        case .notAcceptable(let given, let offered):
            "the route answers in \(offered.joined(separator: " or ")), which 'Accept: \(given)' does not take; or ask with format=json or format=html"
        case .overloaded: "the service is at its limit of concurrent requests; try again shortly"
        case .timeout(let s): "the request body did not arrive within \(s) s"
        case .notFound(let path): "no route \(path); see /openapi.json"
        case .internal(let m): "internal error: \(m)"
        }
    }

    /// Any error a route throws, as one of these: the library's coded errors keep their codes, Hummingbird's own
    /// (an unknown route, a body over its limit) get theirs.
    public init(_ error: any Error) {
        switch error {
        case let e as APIError: self = e
        case let e as InputError: self = .input(e)
        case let e as IntakeError: self = .intake(e)
        case let e as EmailError: self = .email(e)
        case let e as RegisterError: self = .register(e)
        case let e as HTTPError where e.status == .notFound: self = .notFound(path: "")
        case let e as HTTPError where e.status == .contentTooLarge: self = .bodyTooLarge(limit: 0)
        default: self = .internal(String(describing: type(of: error)))
        }
    }

    /// The JSON body `{"error": code, "message": message}`.
    var body: [UInt8] {
        struct Body: Encodable { let error: String; let message: String }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes = (try? encoder.encode(Body(error: code, message: message))).map { [UInt8]($0) } ?? Array("{\"error\":\"internal_error\"}".utf8)
        bytes.append(0x0A)
        return bytes
    }

    /// The error as a response.
    func response() -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if case .overloaded = self { headers[.retryAfter] = "1" }
        if case .unauthorized = self { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
