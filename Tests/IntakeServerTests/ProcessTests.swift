import AsyncHTTPClient
import ComplaintRegister
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// The built binary: SIGTERM with requests in flight, and a 100,000-line batch for order and memory.
@Suite("intake-server as a process", .serialized)
struct ProcessTests {
    static func post(_ port: Int, _ path: String, _ body: String, type: String, timeout: TimeAmount = .seconds(300)) async throws -> (Int, String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: type)
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let collected = try await response.body.collect(upTo: 1 << 30)
        return (Int(response.status.code), String(buffer: collected))
    }

    @Test("SIGTERM: the requests in flight are answered in full, the register is closed whole, exit 0")
    func sigterm() async throws {
        let db = Scratch.database()
        let server = try ServerProcess(["--db", db])
        let port = server.port
        // A batch whose upload is still open when the signal comes, beside single records in both languages.
        let lines = (0..<300).map { i in
            BatchTests.line(["id": "t\(i)", "text": Complaints.all[i % 4].text, "channel": "social", "customer": ["email": "u\(i)@example.com"]]) + "\n"
        }
        let (upload, source) = AsyncStream<ByteBuffer>.makeStream()
        source.yield(ByteBuffer(string: lines[..<100].joined()))
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/batch")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-ndjson")
        request.body = .stream(upload, length: .unknown)
        let singles = (0..<8).map { i in
            Task {
                let c = Complaints.all[i % 4]
                return try await Self.post(port, "/v1/records", BatchTests.line(["id": "s\(i)", "text": c.text, "customer": ["email": "s\(i)@example.com"]]), type: "application/json")
            }
        }
        // The response head means the batch is in the handler: in flight, however slow the machine.
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(300))
        server.terminate()
        // The signal is taken while the upload is still open; the rest of it must still be read and answered.
        try await Task.sleep(for: .milliseconds(300))
        source.yield(ByteBuffer(string: lines[100...].joined()))
        source.finish()
        var batchBody = ""
        do {
            for try await part in response.body { batchBody += String(buffer: part) }
        } catch {
            let exit = await server.waitForExit(seconds: 30)
            Issue.record("the batch broke off after \(batchBody.split(separator: "\n").count) lines: \(error); exit \(exit.map(String.init) ?? "none"); server said: \(server.remainingErrors())")
            return
        }
        #expect(response.status == .ok)
        let answered = batchBody.split(separator: "\n")
        #expect(answered.count == 300)
        #expect(answered.last?.contains("\"id\":\"t299\"") == true)
        var stored = 300
        for t in singles {
            // A request that had not reached the server before it stopped accepting is refused, never half-answered.
            if let (status, _) = try? await t.value {
                #expect(status == 200)
                stored += 1
            }
        }
        let status = await server.waitForExit(seconds: 60)
        #expect(status == 0)
        #expect(server.remainingErrors().contains("stopped"))
        // Every answered record is in the register, and the file opens as a register.
        let register = try ComplaintRegister(path: db, access: .readOnly)
        #expect(try register.count() == stored)
        // And nothing listens any more (a short deadline: the client retries a refused connection until it passes).
        await #expect(throws: (any Error).self) { _ = try await Self.post(port, "/v1/records", "{}", type: "application/json", timeout: .seconds(2)) }
    }

    @Test("100,000 lines: one out per line in, in order, in bounded memory")
    func hundredThousand() async throws {
        let server = try ServerProcess([])
        defer { server.terminate() }
        let port = server.port
        // Warm up the workers, so the peak measured after is the stream's, not the start-up's.
        _ = try await Self.post(port, "/v1/batch", (0..<2000).map { BatchTests.line(["id": "w\($0)", "text": Complaints.all[$0 % 4].text]) }.joined(separator: "\n"), type: "application/x-ndjson")
        let before = try server.memory()
        let total = 100_000
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/batch")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-ndjson")
        request.body = .stream(GeneratedLines(total: total), length: .unknown)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(1800))
        #expect(response.status == .ok)
        var count = 0
        var inOrder = true
        var errors = 0
        var pending = ""
        var outputBytes = 0
        for try await buffer in response.body {
            outputBytes += buffer.readableBytes
            pending += String(buffer: buffer)
            var parts = pending.split(separator: "\n", omittingEmptySubsequences: false)
            pending = String(parts.removeLast())
            for line in parts {
                let tag = "\"id\":\"n\(count)\""
                if line.contains("\"error\":") {
                    errors += 1
                    if !line.contains("\"line\":\(count + 1)") { inOrder = false }
                } else if !line.contains(tag) {
                    inOrder = false
                }
                count += 1
            }
        }
        let after = try server.memory()
        #expect(pending.isEmpty)
        #expect(count == total)
        #expect(inOrder)
        // Every 1,000th line is a bad one, answered in its place.
        #expect(errors == total / 1000)
        let growthMiB = Double(after.peak - before.peak) / 1024
        print("100,000-line batch: \(outputBytes / 1_048_576) MiB out; peak RSS \(before.peak / 1024) MiB before, \(after.peak / 1024) MiB after (+\(String(format: "%.1f", growthMiB)) MiB)")
        // The output alone is over 100 MiB: holding it, or the input, would show here.
        #expect(outputBytes > 100 << 20)
        #expect(growthMiB < 64)
    }
}

/// 100,000 JSON lines made as the upload goes, in both languages, one bad line in 1,000.
struct GeneratedLines: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let total: Int

    struct AsyncIterator: AsyncIteratorProtocol {
        let total: Int
        var next = 0
        mutating func next() async throws -> ByteBuffer? {
            guard next < total else { return nil }
            var s = ""
            let end = Swift.min(total, next + 500)
            while next < end {
                let c = Complaints.all[next % 4]
                if next % 1000 == 999 {
                    s += "{\"id\":\"n\(next)\",\"text\":\n"
                } else {
                    s += BatchTests.line(["id": "n\(next)", "text": c.text, "channel": "social"]) + "\n"
                }
                next += 1
            }
            return ByteBuffer(string: s)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(total: total) }
}
