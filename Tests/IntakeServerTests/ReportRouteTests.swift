import Foundation
import Testing

/// `GET /v1/report`: the register's analysis report over HTTP, as `intake report` makes it, in both languages.
@Suite("intake-server report", .serialized)
struct ReportRouteTests {
    /// A Chinese and a Spanish customer who each wrote twice in the week of 10 June 2024, and one complaint in May.
    static let filed: [(c: Complaints.Case, email: String, at: String)] = [
        (Complaints.zhDelivery, "li.na@example.cn", "2024-06-10T10:00:00+08:00"),
        (Complaints.esDelivery, "jorge.salinas@example.mx", "2024-06-11T09:00:00-06:00"),
        (Complaints.zhQuality, "li.na@example.cn", "2024-06-12T20:00:00+08:00"),
        (Complaints.esService, "jorge.salinas@example.mx", "2024-06-13T16:30:00-06:00"),
    ]
    static let may = Complaints.Case(
        id: "es-may-1", text: "Compré una licuadora hace un mes y el vaso llegó rajado. Pido que me la cambien por una nueva.",
        language: "es", category: "quality", department: "quality_management", order: nil)

    static func filledServer() async throws -> LiveServer {
        let server = try await LiveServer.start { $0.db = Scratch.database() }
        for f in filed {
            let r = try await server.post("/v1/records", json: ["id": f.c.id, "text": f.c.text, "channel": "web", "received_at": f.at, "customer": ["email": f.email]])
            try #require(r.status == 200)
        }
        _ = try await server.post("/v1/records", json: ["id": may.id, "text": may.text, "received_at": "2024-05-20T12:00:00Z", "customer": ["email": "ana@example.es"]])
        let moved = try await server.post("/v1/cases/zh-delivery-1/transitions", json: ["status": "investigating", "note": "已联系快递", "at": "2024-06-10T14:00:00+08:00"])
        try #require(moved.status == 200)
        return server
    }

    @Test("JSON: the week's complaints by category and language, the repeat customers and their latest complaints, the terms found")
    func json() async throws {
        let server = try await Self.filledServer()
        defer { Task { await server.stop() } }
        let reply = try await server.get("/v1/report?from=2024-06-10&to=2024-06-16&at=2024-06-14T00:00:00Z")
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"].first == "application/json")
        let r = try reply.json()
        #expect(r["schema"] as? String == "complaint-report/1")
        let schemas = try #require((try OpenAPITests.document()["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        for key in try #require(schemas["Report"]?["required"] as? [String]) { #expect(r.keys.contains(key), "\(key) missing from the report") }
        #expect(r["from"] as? String == "2024-06-10" && r["to"] as? String == "2024-06-16")
        #expect(r["total"] as? Int == 4)
        #expect(r["by_language"] as? [String: Int] == ["zh-Hans": 2, "es": 2])
        let byCategory = try #require(r["by_category"] as? [String: Int])
        for category in Set(Self.filed.map(\.c.category)) {
            #expect(byCategory[category] == Self.filed.filter { $0.c.category == category }.count, "\(category)")
        }
        let weeks = try #require(r["by_week"] as? [[String: Any]])
        #expect(weeks.map { $0["label"] as? String } == ["2024-W24"])
        let repeaters = try #require(r["repeat_customers"] as? [String: Any])
        #expect(repeaters["customers"] as? Int == 2)
        let top = repeaters["top"] as? [[String: Any]] ?? []
        #expect(Set(top.compactMap { $0["last_complaint"] as? String }) == ["zh-quality-1", "es-service-1"])
        // Masked: the report names the complaints, not the customers' addresses.
        #expect(!reply.text.contains("li.na@example.cn") && !reply.text.contains("jorge.salinas@example.mx"))
        // Each term the report finds for delivery is in one of the week's delivery complaints, in either language.
        let delivery = ((r["concentration"] as? [String: Any])?["delivery"] as? [String: Any])?["terms"] as? [[String: Any]] ?? []
        let texts = Self.filed.filter { $0.c.category == "delivery" }.map { $0.c.text.lowercased() }
        #expect(!delivery.isEmpty)
        for term in delivery.compactMap({ $0["value"] as? String }) {
            #expect(texts.contains { $0.contains(term.lowercased()) }, "\(term)")
        }
        let logistics = try #require((r["handling"] as? [String: Any])?["logistics"] as? [String: Any])
        #expect(logistics["complaints"] as? Int == 2)
        #expect((logistics["investigating"] as? [String: Any])?["reached"] as? Int == 1)
        // The whole register without a period, by month: May's complaint too.
        let all = try await server.get("/v1/report?by=month&at=2024-06-14T00:00:00Z").json()
        #expect(all["total"] as? Int == 5)
        #expect((all["by_month"] as? [[String: Any]])?.compactMap { $0["label"] as? String } == ["2024-05", "2024-06"])
    }

    @Test("HTML by format= or by the Accept header, in the locale's words, with the report's JSON inside", arguments: [
        ("format=html&locale=zh-Hans", nil, "投诉分析报告"),
        ("locale=es", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "Análisis de reclamaciones"),
        ("", "text/html", "Complaint analysis"),
    ] as [(String, String?, String)])
    func html(_ query: String, _ accept: String?, _ title: String) async throws {
        let server = try await Self.filledServer()
        defer { Task { await server.stop() } }
        let reply = try await server.send(.GET, "/v1/report?from=2024-06-10&to=2024-06-16&at=2024-06-14T00:00:00Z&" + query,
                                          headers: accept.map { [("Accept", $0)] } ?? [])
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"].first?.hasPrefix("text/html") == true)
        #expect(reply.text.hasPrefix("<!DOCTYPE html>") || reply.text.hasPrefix("<!doctype html>"))
        #expect(reply.text.contains(title))
        #expect(reply.text.contains("<svg"))
        #expect(reply.text.contains("zh-quality-1") && reply.text.contains("es-service-1"))
        // JSON when the Accept header prefers it.
        let json = try await server.send(.GET, "/v1/report?at=2024-06-14T00:00:00Z", headers: [("Accept", "application/json")])
        #expect(json.headers["Content-Type"].first == "application/json")
        #expect(try json.json()["total"] as? Int == 5)
    }

    @Test("a bad parameter is 400, an Accept of neither JSON nor HTML 406, no register 503")
    func errors() async throws {
        let server = try await Self.filledServer()
        defer { Task { await server.stop() } }
        for (query, name) in [("from=ayer", "from"), ("to=2024-13-01", "to"), ("at=下周一", "at"), ("from=2024-06-16&to=2024-06-10", "to"),
                              ("by=day", "by"), ("format=pdf", "format"), ("format=csv", "format"), ("locale=fr", "locale")] {
            let path = "/v1/report?" + (query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? query)
            let reply = try await server.get(path)
            #expect(reply.status == 400, "\(query)")
            #expect(reply.code == "bad_parameter", "\(query)")
            #expect((try? reply.json()["message"] as? String)??.contains("'\(name)'") == true, "\(query)")
        }
        let png = try await server.send(.GET, "/v1/report", headers: [("Accept", "image/png")])
        #expect(png.status == 406)
        #expect(png.code == "not_acceptable")
        let bare = try await LiveServer.start()
        defer { Task { await bare.stop() } }
        let none = try await bare.get("/v1/report")
        #expect(none.status == 503)
        #expect(none.code == "register_unavailable")
    }
}
