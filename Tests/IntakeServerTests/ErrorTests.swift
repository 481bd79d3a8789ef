import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// Every error code of the service: status, JSON body, and no complaint text in it.
@Suite("intake-server errors", .serialized)
struct ErrorTests {
    /// Checks an error reply: status, code, a message, and none of the complaint's words.
    func expectError(_ reply: LiveServer.Reply, _ status: Int, _ code: String, without text: String? = nil,
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(reply.status == status, sourceLocation: sourceLocation)
        #expect(reply.headers["Content-Type"].first == "application/json", sourceLocation: sourceLocation)
        let body = try reply.json()
        #expect(body["error"] as? String == code, sourceLocation: sourceLocation)
        #expect((body["message"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        if let text {
            // Not even a fragment of it: any 8 characters in a row.
            let chars = Array(text)
            for i in stride(from: 0, to: max(1, chars.count - 8), by: 4) {
                let piece = String(chars[i..<min(chars.count, i + 8)])
                #expect(!reply.text.contains(piece), "the error holds the complaint's text", sourceLocation: sourceLocation)
            }
        }
    }

    @Test("400: bad JSON, not an object, a bad field; 422: no text, empty text")
    func badInput() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let zh = Complaints.zhQuality.text, es = Complaints.esService.text
        try expectError(try await server.send(.POST, "/v1/records", body: Array("{\"text\": \"\(zh)\"".utf8), type: "application/json"), 400, "bad_json", without: zh)
        try expectError(try await server.send(.POST, "/v1/records", body: Array("[\"\(es)\"]".utf8), type: "application/json"), 400, "not_an_object", without: es)
        try expectError(try await server.post("/v1/records", json: ["text": es, "channel": "fax"]), 400, "bad_field", without: es)
        try expectError(try await server.post("/v1/records", json: ["text": zh, "received_at": "ayer"]), 400, "bad_field", without: zh)
        try expectError(try await server.post("/v1/records", json: ["text": 42]), 400, "bad_field")
        try expectError(try await server.post("/v1/records", json: ["text": zh, "customer": ["tier": "Z"]]), 400, "bad_field", without: zh)
        try expectError(try await server.post("/v1/records", json: ["id": "x"]), 422, "no_text")
        try expectError(try await server.post("/v1/records", json: ["text": "  \n\t "]), 422, "empty_text")
        try expectError(try await server.send(.POST, "/v1/records", body: [0x7B, 0x22, 0x74, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D], type: "application/json"), 400, "invalid_utf8")
    }

    @Test("413: a body over --max-body-bytes, by Content-Length and by what arrives; the e-mail limit too")
    func tooLarge() async throws {
        let server = try await LiveServer.start { $0.maxBodyBytes = 4096 }
        defer { Task { await server.stop() } }
        let long = String(repeating: Complaints.esDelivery.text + " ", count: 40)
        try expectError(try await server.post("/v1/records", json: ["text": long]), 413, "body_too_large", without: long)
        let mail = Complaints.esEmail + String(repeating: "Sigo esperando el pedido.\r\n", count: 400)
        try expectError(try await server.send(.POST, "/v1/email", body: Array(mail.utf8), type: "message/rfc822"), 413, "body_too_large")
        // Chunked, with no Content-Length: refused as the bytes pass the limit.
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/v1/records")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let chunks = (0..<20).map { _ in ByteBuffer(string: String(repeating: "x", count: 1000)) }
        request.body = .stream(Chunks(buffers: chunks), length: .unknown)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        #expect(response.status.code == 413)
        // A batch line over the limit is an error record in its place, not the end of the batch.
        let batch = "{\"id\":\"a\",\"text\":\"\(Complaints.esService.text)\"}\n{\"id\":\"b\",\"text\":\"\(long)\"}\n{\"id\":\"c\",\"text\":\"\(Complaints.zhQuality.text)\"}\n"
        let lines = try await server.send(.POST, "/v1/batch", body: Array(batch.utf8), type: "application/x-ndjson").lines
        #expect(lines.count == 3)
        #expect((lines[1]["error"] as? [String: Any])?["code"] as? String == "line_too_long")
        #expect(lines[2]["id"] as? String == "c")
    }

    @Test("415: a body of the wrong media type, or none named")
    func mediaType() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let body = Array("{\"text\": \"\(Complaints.esService.text)\"}".utf8)
        try expectError(try await server.send(.POST, "/v1/records", body: body, type: "text/plain"), 415, "unsupported_media_type")
        try expectError(try await server.send(.POST, "/v1/records", body: body), 415, "unsupported_media_type")
        try expectError(try await server.send(.POST, "/v1/email", body: body, type: "application/json"), 415, "unsupported_media_type")
        try expectError(try await server.send(.POST, "/v1/batch", body: body, type: "application/json"), 415, "unsupported_media_type")
        // Parameters such as the charset are fine.
        #expect(try await server.send(.POST, "/v1/records", body: body, type: "application/json; charset=utf-8").status == 200)
    }

    @Test("503 without a register, 404 for an unknown case or route, 409 for a move back")
    func register() async throws {
        let bare = try await LiveServer.start()
        defer { Task { await bare.stop() } }
        try expectError(try await bare.get("/v1/cases/x"), 503, "register_unavailable")
        try expectError(try await bare.get("/v1/due"), 503, "register_unavailable")
        try expectError(try await bare.post("/v1/cases/x/transitions", json: ["status": "closed"]), 503, "register_unavailable")
        try expectError(try await bare.get("/v1/report"), 503, "register_unavailable")
        try expectError(try await bare.get("/v1/complaints"), 404, "not_found")

        let server = try await LiveServer.start { $0.db = Scratch.database() }
        defer { Task { await server.stop() } }
        try expectError(try await server.get("/v1/cases/nope"), 404, "unknown_case")
        _ = try await server.post("/v1/records", json: ["id": "c1", "text": Complaints.zhDelivery.text])
        try expectError(try await server.post("/v1/cases/c1/transitions", json: ["status": "reopened"]), 400, "bad_field")
        try expectError(try await server.post("/v1/cases/c1/transitions", json: ["status": "closed", "at": "mañana"]), 400, "bad_field")
        _ = try await server.post("/v1/cases/c1/transitions", json: ["status": "closed"])
        try expectError(try await server.post("/v1/cases/c1/transitions", json: ["status": "investigating"]), 409, "invalid_transition")
    }

    @Test("503 when the register file is not a register: the service refuses to start instead")
    func badRegister() async throws {
        let path = Scratch.file("not-a-register.sqlite", contents: "Estimados señores: esto no es una base de datos")
        await #expect(throws: (any Error).self) { _ = try await LiveServer.start { $0.db = path } }
    }

    @Test("401 without the token or with another; health checks need none")
    func token() async throws {
        let server = try await LiveServer.start(token: "s3cret-token-for-tests-0001")
        defer { Task { await server.stop() } }
        try expectError(try await server.post("/v1/records", json: ["text": Complaints.zhDelivery.text], authorized: false), 401, "unauthorized", without: Complaints.zhDelivery.text)
        let wrong = try await server.send(.POST, "/v1/records", body: Array("{\"text\":\"hola\"}".utf8), type: "application/json", authorized: false,
                                          headers: [("Authorization", "Bearer s3cret-token-for-tests-0002")])
        try expectError(wrong, 401, "unauthorized")
        #expect(wrong.headers["WWW-Authenticate"].first == "Bearer")
        for path in ["/v1/due", "/v1/cases/x", "/metrics", "/openapi.json"] {
            try expectError(try await server.get(path, authorized: false), 401, "unauthorized")
        }
        #expect(try await server.get("/healthz", authorized: false).status == 200)
        #expect(try await server.get("/readyz", authorized: false).status == 200)
        #expect(try await server.post("/v1/records", json: ["text": Complaints.esDelivery.text]).status == 200)
    }

    /// A POST to `/v1/records` whose body is half sent and then held open until `rest` is called.
    struct HeldUpload: Sendable {
        let response: Task<(Int, String), any Error>
        let source: AsyncStream<ByteBuffer>.Continuation

        init(_ server: LiveServer) {
            let (stream, source) = AsyncStream<ByteBuffer>.makeStream()
            source.yield(ByteBuffer(string: "{\"text\": \"\(Complaints.esService.text.prefix(40))"))
            self.source = source
            response = Task {
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/v1/records")
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .stream(stream, length: .unknown)
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
                let body = try await response.body.collect(upTo: 1 << 20)
                return (Int(response.status.code), String(buffer: body))
            }
        }

        func rest() {
            source.yield(ByteBuffer(string: "\(Complaints.esService.text.dropFirst(40))\"}"))
            source.finish()
        }
    }

    @Test("503 when every place is taken past the queue timeout, with Retry-After; the place serves again once freed")
    func overloaded() async throws {
        let server = try await LiveServer.start {
            $0.maxConcurrentRequests = 1
            $0.queueTimeout = .milliseconds(100)
        }
        defer { Task { await server.stop() } }
        // A client that sends half a body and stalls holds the only place for as long as it stalls.
        let held = HeldUpload(server)
        try await server.waitForMetric("intake_http_requests_in_flight_count 1.0")
        let refused = try await server.post("/v1/records", json: ["text": Complaints.zhDelivery.text])
        try expectError(refused, 503, "overloaded", without: Complaints.zhDelivery.text)
        #expect(refused.headers["Retry-After"].first == "1")
        held.rest()
        let (status, body) = try await held.response.value
        #expect(status == 200)
        #expect(body.contains("\"language\":\"es\""))
        try await server.waitForMetric("intake_http_requests_in_flight_count 0.0")
        #expect(try await server.post("/v1/records", json: ["text": Complaints.zhDelivery.text]).status == 200)
    }

    @Test("408 when a body does not arrive within the request timeout, and the place is freed")
    func slowBody() async throws {
        let server = try await LiveServer.start {
            $0.maxConcurrentRequests = 1
            $0.requestTimeout = .seconds(1)
        }
        defer { Task { await server.stop() } }
        let held = HeldUpload(server)
        // The rest is never sent before the answer: the 408 comes from the service's clock alone.
        let (status, body) = try await held.response.value
        held.source.finish()
        #expect(status == 408)
        #expect(body.contains("request_timeout"))
        #expect(!body.contains(String(Complaints.esService.text.prefix(12))))
        try await server.waitForMetric("intake_http_requests_in_flight_count 0.0")
        #expect(try await server.post("/v1/records", json: ["text": Complaints.esService.text]).status == 200)
    }
}

/// Buffers sent one after another, with no length announced (chunked transfer encoding).
struct Chunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let buffers: [ByteBuffer]

    struct AsyncIterator: AsyncIteratorProtocol {
        var rest: ArraySlice<ByteBuffer>
        mutating func next() async throws -> ByteBuffer? { rest.popFirst() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(rest: buffers[...]) }
}
