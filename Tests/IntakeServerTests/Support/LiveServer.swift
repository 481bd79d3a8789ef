import AsyncHTTPClient
import Foundation
import IntakeServer
import NIOCore
import NIOHTTP1

/// A service started in this process on a free loopback port, and a real HTTP client to call it with.
final class LiveServer: Sendable {
    let port: Int
    let token: String?
    private let task: Task<Void, any Error>

    private init(port: Int, token: String?, task: Task<Void, any Error>) {
        self.port = port
        self.token = token
        self.task = task
    }

    /// Starts a service with the settings `configure` makes from the defaults (port 0, no signals).
    static func start(token: String? = nil, _ configure: (inout ServerSettings) -> Void = { _ in }) async throws -> LiveServer {
        var settings = ServerSettings()
        settings.port = 0
        // Long clocks by default: a test starved by the suite's other work may leave an upload it holds open unfed
        // for longer than the service's defaults; the tests of these timeouts set their own.
        settings.idleTimeout = .seconds(600)
        settings.requestTimeout = .seconds(600)
        if let token {
            let file = Scratch.file("token", contents: token + "\n")
            settings.tokenFile = file
        }
        configure(&settings)
        let server = try IntakeServer(settings: settings)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            try await server.run(gracefulShutdownSignals: []) { port in continuation.yield(port) }
            continuation.finish()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            _ = try await task.value
            throw CancellationError()
        }
        return LiveServer(port: port, token: token, task: task)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    struct Reply: Sendable {
        let status: Int
        let headers: HTTPHeaders
        let body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> [String: Any] {
            guard let o = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { throw Problem("not a JSON object: \(text.prefix(200))") }
            return o
        }
        /// The `error` code of an error body.
        var code: String? { (try? json())?["error"] as? String }
        var lines: [[String: Any]] {
            text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }
    }

    /// One request; the token is sent unless `authorized` is false.
    func send(_ method: HTTPMethod, _ path: String, body: [UInt8]? = nil, type: String? = nil, authorized: Bool = true,
              headers extra: [(String, String)] = [], timeout: TimeAmount = .seconds(120)) async throws -> Reply {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        if let type { request.headers.add(name: "Content-Type", value: type) }
        if authorized, let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (k, v) in extra { request.headers.add(name: k, value: v) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let collected = try await response.body.collect(upTo: 1 << 30)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Array(collected.readableBytesView))
    }

    func post(_ path: String, json: [String: Any], authorized: Bool = true) async throws -> Reply {
        try await send(.POST, path, body: [UInt8](try JSONSerialization.data(withJSONObject: json)), type: "application/json", authorized: authorized)
    }

    func get(_ path: String, authorized: Bool = true) async throws -> Reply { try await send(.GET, path, authorized: authorized) }
}

struct Problem: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Files the tests write, each in a folder of its own under the temporary directory.
enum Scratch {
    static func directory() -> String {
        let dir = NSTemporaryDirectory() + "intake-server-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func file(_ name: String, contents: String) -> String {
        let path = directory() + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(contents.utf8))
        return path
    }

    static func database() -> String { directory() + "/register.sqlite" }
}

extension LiveServer {
    /// Waits until `/metrics` has the line `sample` (a metric with its labels, a space, its value): the state a test
    /// needs, whatever the machine's speed; fails past a minute.
    func waitForMetric(_ sample: String) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if try await get("/metrics").text.split(separator: "\n").contains(where: { $0 == sample }) { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw Problem("no '\(sample)' in /metrics after 60 s")
    }
}
