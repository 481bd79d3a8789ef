import Foundation
import NIOHTTP1
import Testing

/// The committed OpenAPI document against the live routes, and the metrics the requests leave.
@Suite("intake-server document and metrics", .serialized)
struct OpenAPITests {
    static func document() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/IntakeServer/openapi.json").standardizedFileURL)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("GET /openapi.json serves the committed document, OpenAPI 3.1")
    func served() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let reply = try await server.get("/openapi.json")
        #expect(reply.status == 200)
        let served = try reply.json()
        #expect(served["openapi"] as? String == "3.1.0")
        #expect(NSDictionary(dictionary: served).isEqual(to: try Self.document()))
    }

    @Test("every documented operation is a route, and a path left out is not")
    func routes() async throws {
        let server = try await LiveServer.start { $0.db = Scratch.database() }
        defer { Task { await server.stop() } }
        let paths = try #require(try Self.document()["paths"] as? [String: [String: Any]])
        #expect(Set(paths.keys) == ["/v1/records", "/v1/email", "/v1/batch", "/v1/cases/{id}", "/v1/cases/{id}/transitions",
                                    "/v1/due", "/v1/report", "/healthz", "/readyz", "/metrics", "/openapi.json"])
        for (path, operations) in paths {
            for (method, _) in operations {
                let concrete = path.replacingOccurrences(of: "{id}", with: "some-id")
                let reply = try await server.send(HTTPMethod(rawValue: method.uppercased()), concrete)
                #expect(reply.code != "not_found", "\(method) \(path) is documented but not routed")
                #expect(reply.status != 404 || reply.code == "unknown_case", "\(method) \(path)")
                // A method the document leaves out of a path is not served either.
                let other = method == "get" ? HTTPMethod.DELETE : HTTPMethod.PUT
                #expect(try await server.send(other, concrete).status >= 400)
            }
        }
        #expect(try await server.get("/v1/reports").code == "not_found")
        #expect(try await server.get("/v1/records").status >= 400)
    }

    @Test("a record carries every field the document requires, and an error the error schema's")
    func schemas() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let schemas = try #require((try Self.document()["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        let required = try #require(schemas["IntakeRecord"]?["required"] as? [String])
        for c in [Complaints.zhQuality, Complaints.esDelivery] {
            let record = try await server.post("/v1/records", json: ["text": c.text]).json()
            for key in required { #expect(record[key] != nil, "\(key) missing from the record") }
        }
        let error = try await server.post("/v1/records", json: ["text": ""]).json()
        for key in try #require(schemas["Error"]?["required"] as? [String]) { #expect(error[key] != nil) }
    }

    @Test("GET /metrics counts requests by route and status, latency, records by category and language, errors by code")
    func metrics() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        for c in Complaints.all { _ = try await server.post("/v1/records", json: ["text": c.text]) }
        _ = try await server.post("/v1/records", json: ["text": "   "])
        _ = try await server.send(.POST, "/v1/email", body: Array(Complaints.esEmail.utf8), type: "message/rfc822")
        let reply = try await server.get("/metrics")
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"].first?.hasPrefix("text/plain") == true)
        let text = reply.text
        #expect(text.contains(#"intake_http_requests_total{route="/v1/records",method="POST",status="200"} 4"#))
        #expect(text.contains(#"intake_http_requests_total{route="/v1/records",method="POST",status="422"} 1"#))
        #expect(text.contains(#"intake_http_requests_total{route="/v1/email",method="POST",status="200"} 1"#))
        #expect(text.contains(#"intake_http_request_duration_seconds_count{route="/v1/records",method="POST"} 5"#))
        #expect(text.contains(#"intake_http_request_duration_seconds_bucket{route="/v1/records",method="POST",le="+Inf"} 5"#))
        #expect(text.contains(#"intake_records_total{category="delivery",language="zh-Hans"} 1"#))
        #expect(text.contains(#"intake_records_total{category="delivery",language="es"} 2"#))
        #expect(text.contains(#"intake_records_total{category="service",language="es"} 1"#))
        #expect(text.contains(#"intake_errors_total{code="empty_text"} 1"#))
    }
}
