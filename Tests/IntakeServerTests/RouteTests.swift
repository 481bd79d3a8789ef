import Foundation
import Testing

/// Every route with a real HTTP client, in both languages.
@Suite("intake-server routes", .serialized)
struct RouteTests {
    @Test("POST /v1/records gives the record of each complaint", arguments: Complaints.all)
    func records(_ c: Complaints.Case) async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let reply = try await server.post("/v1/records", json: [
            "id": c.id, "channel": "web", "received_at": "2024-06-12T09:30:00+08:00", "text": c.text,
            "customer": ["name": "Cliente", "email": "cliente@example.com"],
        ])
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"].first == "application/json")
        let r = try reply.json()
        #expect(r["schema"] as? String == "complaint-intake/1")
        #expect(r["id"] as? String == c.id)
        #expect(r["language"] as? String == c.language)
        #expect(r["category"] as? String == c.category)
        #expect(r["department"] as? String == c.department)
        #expect(r["text"] as? String == c.text)
        #expect((r["customer"] as? [String: Any])?["email"] as? String == "cliente@example.com")
        let orders = ((r["fields"] as? [String: Any])?["order_numbers"] as? [[String: Any]])?.compactMap { $0["value"] as? String } ?? []
        if let order = c.order { #expect(orders.contains(order)) } else { #expect(orders.isEmpty) }
        // Due dates count from the received time given.
        #expect(((r["due"] as? [String: Any])?["investigate_by"] as? String)?.hasPrefix("2024-06-13") == true)
    }

    @Test("POST /v1/records reads the Spanish amount and the Chinese tracking number")
    func fields() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let es = try await server.post("/v1/records", json: ["text": Complaints.esDelivery.text]).json()
        let amounts = (es["fields"] as? [String: Any])?["amounts"] as? [[String: Any]] ?? []
        #expect(amounts.contains { $0["value"] as? String == "89.95" && $0["currency"] as? String == "EUR" })
        let zh = try await server.post("/v1/records", json: ["text": Complaints.zhDelivery.text]).json()
        let tracking = (zh["fields"] as? [String: Any])?["tracking_numbers"] as? [[String: Any]] ?? []
        #expect(tracking.contains { $0["value"] as? String == "SF1234567890123" })
    }

    @Test("POST /v1/email reads a base64 UTF-8 Chinese mail and a quoted-printable Latin-1 Spanish one")
    func email() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let zh = try await server.send(.POST, "/v1/email", body: Array(Complaints.zhEmail.utf8), type: "message/rfc822")
        #expect(zh.status == 200)
        let z = try zh.json()
        #expect(z["channel"] as? String == "email")
        #expect(z["language"] as? String == "zh-Hans")
        #expect(z["category"] as? String == "quality")
        #expect((z["text"] as? String)?.contains("左耳完全没有声音") == true)
        #expect((z["customer"] as? [String: Any])?["email"] as? String == "wangli@example.cn")
        let es = try await server.send(.POST, "/v1/email", body: Array(Complaints.esEmail.utf8), type: "message/rfc822")
        #expect(es.status == 200)
        let e = try es.json()
        #expect(e["language"] as? String == "es")
        #expect(e["category"] as? String == "delivery")
        #expect((e["text"] as? String)?.contains("todavía no lo recibo") == true)
        #expect(e["subject"] as? String == "Pedido 88-30117 sin entregar")
    }

    @Test("with --db: records are stored, the same message again is a duplicate, a second complaint is a repeat")
    func register() async throws {
        let db = Scratch.database()
        let server = try await LiveServer.start { $0.db = db }
        defer { Task { await server.stop() } }
        let first: [String: Any] = ["id": "r-1", "channel": "email", "received_at": "2024-06-10T10:00:00+08:00",
                                    "text": Complaints.zhDelivery.text, "customer": ["email": "li.na@example.cn"]]
        let stored = try await server.post("/v1/records", json: first).json()
        #expect(stored["duplicate"] == nil)
        let again = try await server.post("/v1/records", json: first).json()
        #expect(again["duplicate"] as? Bool == true)
        #expect(again["id"] as? String == "r-1")
        let second = try await server.post("/v1/records", json: [
            "id": "r-2", "channel": "email", "received_at": "2024-06-12T10:00:00+08:00",
            "text": Complaints.zhQuality.text, "customer": ["email": "li.na@example.cn"],
        ]).json()
        #expect(second["repeat_of"] as? [String] == ["r-1"])
        // A Spanish case through the register too.
        let es = try await server.post("/v1/records", json: ["id": "r-es", "text": Complaints.esService.text, "received_at": "2024-06-12T10:00:00-06:00"])
        #expect(es.status == 200)
    }

    @Test("GET /v1/cases/{id} and POST /v1/cases/{id}/transitions follow the procedure in both languages")
    func cases() async throws {
        let server = try await LiveServer.start { $0.db = Scratch.database() }
        defer { Task { await server.stop() } }
        for c in [Complaints.zhQuality, Complaints.esDelivery] {
            _ = try await server.post("/v1/records", json: ["id": c.id, "text": c.text, "received_at": "2024-06-12T09:30:00+08:00"])
            let open = try await server.get("/v1/cases/\(c.id)")
            #expect(open.status == 200)
            let o = try open.json()
            #expect(o["status"] as? String == "open")
            #expect((o["record"] as? [String: Any])?["text"] as? String == c.text)
            #expect(o["next_deadline"] as? String != nil)
            let moved = try await server.post("/v1/cases/\(c.id)/transitions", json: ["status": "investigating", "note": "QA lo revisa / 质检处理中", "at": "2024-06-12T12:00:00+08:00"])
            #expect(moved.status == 200)
            let m = try moved.json()
            #expect(m["status"] as? String == "investigating")
            let history = m["history"] as? [[String: Any]] ?? []
            #expect(history.last?["note"] as? String == "QA lo revisa / 质检处理中")
            let closed = try await server.post("/v1/cases/\(c.id)/transitions", json: ["status": "closed"])
            #expect(try closed.json()["status"] as? String == "closed")
            let back = try await server.post("/v1/cases/\(c.id)/transitions", json: ["status": "open"])
            #expect(back.status == 409)
            #expect(back.code == "invalid_transition")
        }
    }

    @Test("GET /v1/due lists open cases, filters by department and overdue at a time")
    func due() async throws {
        let server = try await LiveServer.start { $0.db = Scratch.database() }
        defer { Task { await server.stop() } }
        for c in Complaints.all {
            _ = try await server.post("/v1/records", json: ["id": c.id, "text": c.text, "received_at": "2024-06-12T09:30:00+08:00"])
        }
        let all = try await server.get("/v1/due?at=2024-06-12T10:00:00%2B08:00")
        #expect(all.status == 200)
        #expect(Set(all.lines.compactMap { $0["id"] as? String }) == Set(Complaints.all.map(\.id)))
        #expect(all.lines.allSatisfy { $0["overdue"] as? Bool == false })
        let logistics = try await server.get("/v1/due?department=logistics&at=2024-06-12T10:00:00%2B08:00")
        #expect(Set(logistics.lines.compactMap { $0["id"] as? String }) == ["zh-delivery-1", "es-delivery-1"])
        let late = try await server.get("/v1/due?overdue=true&at=2024-07-30T00:00:00Z")
        #expect(late.lines.count == Complaints.all.count)
        let none = try await server.get("/v1/due?overdue=true&at=2024-06-12T10:00:00%2B08:00")
        #expect(none.status == 200)
        #expect(none.lines.isEmpty)
        let bad = try await server.get("/v1/due?at=yesterday")
        #expect(bad.status == 400)
        #expect(bad.code == "bad_parameter")
    }

    @Test("health checks answer, readiness follows the register")
    func health() async throws {
        let server = try await LiveServer.start { $0.db = Scratch.database() }
        defer { Task { await server.stop() } }
        let live = try await server.get("/healthz")
        #expect(live.status == 200)
        #expect(try live.json()["status"] as? String == "ok")
        let ready = try await server.get("/readyz")
        #expect(ready.status == 200)
        #expect(try ready.json()["status"] as? String == "ready")
    }
}
