import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// `POST /v1/batch`: one line out per line in, in order, error records in place.
@Suite("intake-server batch", .serialized)
struct BatchTests {
    static func line(_ o: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: o), as: UTF8.self)
    }

    @Test("both languages, bad lines answered in their place, the rest processed")
    func mixed() async throws {
        let server = try await LiveServer.start { $0.batchWorkers = 2 }
        defer { Task { await server.stop() } }
        var input: [String] = []
        var expected: [(id: String?, category: String?, error: String?)] = []
        for i in 0..<600 {
            let c = Complaints.all[i % Complaints.all.count]
            switch i % 10 {
            case 3:
                input.append("{\"id\": \"b\(i)\", \"text\": ")
                expected.append((nil, nil, "bad_json"))
            case 7:
                input.append(Self.line(["id": "b\(i)", "text": c.text, "channel": "paloma"]))
                expected.append(("b\(i)", nil, "bad_field"))
            case 9:
                input.append("")
                expected.append((nil, nil, "no_text"))
            default:
                input.append(Self.line(["id": "b\(i)", "text": c.text, "channel": "social"]))
                expected.append(("b\(i)", c.category, nil))
            }
        }
        let reply = try await server.send(.POST, "/v1/batch", body: Array((input.joined(separator: "\n") + "\n").utf8), type: "application/x-ndjson")
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"].first == "application/x-ndjson")
        let lines = reply.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == input.count)
        for (i, (raw, want)) in zip(lines, expected).enumerated() {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any])
            if let code = want.error {
                #expect((o["error"] as? [String: Any])?["code"] as? String == code, "line \(i + 1)")
                #expect(o["line"] as? Int == i + 1)
                if let id = want.id { #expect(o["id"] as? String == id) }
            } else {
                #expect(o["id"] as? String == want.id, "line \(i + 1)")
                #expect(o["category"] as? String == want.category, "line \(i + 1)")
            }
        }
    }

    @Test("a body without a final line break, and with one line, and empty")
    func edges() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let one = try await server.send(.POST, "/v1/batch", body: Array(Self.line(["id": "solo", "text": Complaints.esService.text]).utf8), type: "application/x-ndjson")
        #expect(one.lines.count == 1)
        #expect(one.lines.first?["id"] as? String == "solo")
        let empty = try await server.send(.POST, "/v1/batch", body: [], type: "application/x-ndjson")
        #expect(empty.status == 200)
        #expect(empty.body.isEmpty)
    }

    @Test("the batch streams: the first lines come back before the upload ends")
    func streams() async throws {
        let server = try await LiveServer.start { $0.batchWorkers = 1 }
        defer { Task { await server.stop() } }
        let (stream, source) = AsyncStream<ByteBuffer>.makeStream()
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/v1/batch")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-ndjson")
        request.body = .stream(stream, length: .unknown)
        // More than the three chunks the engine holds (256 lines a worker each), so the first is handed back.
        let chunk = (0..<2000).map { Self.line(["id": "s\($0)", "text": Complaints.zhDelivery.text]) }.joined(separator: "\n") + "\n"
        source.yield(ByteBuffer(string: chunk))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        var iterator = response.body.makeAsyncIterator()
        // Records arrive while the request body is still open.
        let first = try await iterator.next()
        #expect((first?.readableBytes ?? 0) > 0)
        #expect(String(buffer: first!).hasPrefix("{"))
        source.finish()
        var total = first.map { String(buffer: $0) } ?? ""
        while let b = try await iterator.next() { total += String(buffer: b) }
        #expect(total.split(separator: "\n").count == 2000)
    }
}
