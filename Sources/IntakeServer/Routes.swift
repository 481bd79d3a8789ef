import ComplaintIntake
import ComplaintRegister
import Foundation
import Hummingbird

/// The routes of the service. Each reads its request, calls the library or the register, and answers JSON; errors
/// are thrown as they come and answered by ``ObservingMiddleware``.
struct Routes: Sendable {
    let service: IntakeService
    let openAPI: [UInt8]

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in Self.json(Array("{\"status\":\"ok\"}\n".utf8)) }
        router.get("/readyz") { _, _ in try self.ready() }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: self.service.metrics.text())))
        }
        router.get("/openapi.json") { _, _ in Self.json(self.openAPI) }
        router.post("/v1/records") { request, _ in try await self.records(request) }
        router.post("/v1/email") { request, _ in try await self.email(request) }
        router.post("/v1/batch") { request, _ in try await self.batch(request) }
        router.get("/v1/cases/:id") { _, context in try self.complaint(context.parameters.require("id")) }
        router.post("/v1/cases/:id/transitions") { request, context in
            try await self.transition(context.parameters.require("id"), request)
        }
        router.get("/v1/due") { request, _ in try self.due(request) }
        router.get("/v1/report") { request, _ in try self.report(request) }
    }

    // MARK: records

    func records(_ request: Request) async throws -> Response {
        try Self.require(request, ["application/json"])
        let body = try await collect(request)
        let message = try service.parser.message(json: body[...])
        return Self.json(try Self.encode(service.record(message)))
    }

    func email(_ request: Request) async throws -> Response {
        try Self.require(request, ["message/rfc822"])
        let body = try await collect(request)
        var limits = EmailLimits()
        limits.maxMessageBytes = service.settings.maxBodyBytes
        let message = try EmailParser(limits: limits).parse(body)
        return Self.json(try Self.encode(service.record(message)))
    }

    func batch(_ request: Request) async throws -> Response {
        try Self.require(request, ["application/x-ndjson", "application/jsonl"])
        guard await service.batches.acquire() else { throw APIError.overloaded }
        let stream = BatchStream(service: service)
        let body = request.body
        let batches = service.batches
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson"], body: ResponseBody { writer in
            defer { batches.release() }
            try await stream.run(body, into: &writer)
            try await writer.finish(nil)
        })
    }

    // MARK: the register

    func complaint(_ id: String) throws -> Response {
        Self.json(try Self.encode(value: service.requireRegister().complaint(id: id)))
    }

    func transition(_ id: String, _ request: Request) async throws -> Response {
        try Self.require(request, ["application/json"])
        let register = try service.requireRegister()
        let move = try Transition(json: try await collect(request))
        return Self.json(try Self.encode(value: register.transition(id: id, to: move.status, note: move.note, at: move.at ?? Date())))
    }

    func due(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        let register = try service.requireRegister()
        var overdue = false
        if let o = query["overdue"] {
            switch o.lowercased() {
            case "", "true", "1", "yes": overdue = true
            case "false", "0", "no": overdue = false
            default: throw APIError.badParameter(name: "overdue", reason: "must be true or false, not '\(o)'")
            }
        }
        var at = Date()
        if let a = query["at"] {
            guard let t = Timestamp.parse(String(a)) else { throw APIError.badParameter(name: "at", reason: "must be ISO 8601, not '\(a)'") }
            at = t
        }
        let department = query["department"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let items = try register.due(at: at, overdueOnly: overdue, department: department)
        var out: [UInt8] = []
        for item in items { out += try Self.encode(value: item) }
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson"], body: .init(byteBuffer: ByteBuffer(bytes: out)))
    }

    /// The analysis report of the register, as `intake report --format json|html` gives it.
    func report(_ request: Request) throws -> Response {
        let register = try service.requireRegister()
        var query: [String: String] = [:]
        for (k, v) in request.uri.queryParameters { query[String(k)] = String(v) }
        let (bytes, type) = try service.reports.render(register, try ReportQuery(query, accept: request.headers[.accept]))
        return Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    // MARK: health

    /// Ready when the pipeline is loaded (it is, before the service listens) and the register answers.
    func ready() throws -> Response {
        if let register = service.register { _ = try register.count() }
        return Self.json(Array("{\"status\":\"ready\"}\n".utf8))
    }

    // MARK: bodies

    /// The whole body, refused past the size limit (by its Content-Length before reading any of it) and past the
    /// request timeout, so that a slow client frees its place.
    func collect(_ request: Request) async throws -> [UInt8] {
        let limit = service.settings.maxBodyBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw APIError.bodyTooLarge(limit: limit) }
        let body = request.body
        let timeout = service.settings.requestTimeout
        return try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
            group.addTask {
                var bytes: [UInt8] = []
                for try await buffer in body {
                    guard bytes.count + buffer.readableBytes <= limit else { throw APIError.bodyTooLarge(limit: limit) }
                    bytes += buffer.readableBytesView
                }
                return bytes
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let bytes = first else {
                throw APIError.timeout(seconds: Int(timeout.components.seconds))
            }
            return bytes
        }
    }

    /// Checks the media type (parameters such as charset aside).
    static func require(_ request: Request, _ types: [String]) throws(APIError) {
        let given = request.headers[.contentType]
        let type = given.map { $0.split(separator: ";", maxSplits: 1).first.map(String.init) ?? "" }?
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard let type, types.contains(type) else { throw .unsupportedMediaType(given: given, expected: types) }
    }

    static func encode(_ record: IntakeRecord) throws -> [UInt8] {
        if let line = record.jsonLine() { return line }
        return try encode(value: record)
    }

    /// JSON as the command line writes it: sorted keys, slashes unescaped, one line.
    static func encode<T: Encodable>(value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes = [UInt8](try encoder.encode(value))
        bytes.append(0x0A)
        return bytes
    }

    static func json(_ bytes: [UInt8]) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// The body of `POST /v1/cases/{id}/transitions`: `{"status", "note"?, "at"?}`.
struct Transition: Sendable {
    let status: CaseStatus
    let note: String?
    let at: Date?

    init(json bytes: [UInt8]) throws(InputError) {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
            throw .badJSON((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "cannot parse it")
        }
        guard let o = object as? [String: Any] else { throw .notAnObject }
        guard let s = o["status"] as? String else { throw .badField(name: "status", reason: "is required: one of \(Self.statuses)") }
        guard let status = CaseStatus(rawValue: s) else { throw .badField(name: "status", reason: "must be one of \(Self.statuses), not '\(s)'") }
        self.status = status
        switch o["note"] {
        case nil, is NSNull: note = nil
        case let n as String: note = n
        default: throw .badField(name: "note", reason: "must be a string")
        }
        switch o["at"] {
        case nil, is NSNull: at = nil
        case let a as String:
            guard let t = Timestamp.parse(a) else { throw .badField(name: "at", reason: "must be ISO 8601, not '\(a)'") }
            at = t
        default: throw .badField(name: "at", reason: "must be an ISO 8601 string")
        }
    }

    static var statuses: String { CaseStatus.allCases.map(\.rawValue).joined(separator: ", ") }
}
