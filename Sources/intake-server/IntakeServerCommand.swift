import ArgumentParser
import Foundation
import IntakeServer

/// `intake-server`: the intake pipeline and the register over HTTP.
@main
struct IntakeServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake-server",
        abstract: "Serve intake records, e-mails, batches and the complaint register over HTTP.",
        discussion: """
            POST /v1/records, /v1/email and /v1/batch make records; GET /v1/cases/{id}, POST \
            /v1/cases/{id}/transitions and GET /v1/due use the register (--db). GET /healthz, /readyz, /metrics and \
            /openapi.json describe the service. SIGTERM or SIGINT stops accepting, finishes the requests in flight, \
            closes the register and exits 0.
            """
    )

    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on (0: any free port, printed at start).") var port = 8080
    @Option(help: ArgumentHelp("The complaint register (SQLite; created when missing).", valueName: "file")) var db: String?
    @Option(help: ArgumentHelp("A JSON or TOML file whose keys override the built-in routing and deadline policy.", valueName: "file")) var policy: String?
    @Option(help: ArgumentHelp("A model file from `intake train` instead of the built-in model.", valueName: "file")) var model: String?
    @Option(help: ArgumentHelp("A folder laid out like lexicons/ whose files are added to the built-in ones.", valueName: "dir")) var lexicons: String?
    @Option(name: .customLong("token-file"), help: ArgumentHelp("Every route but /healthz and /readyz needs 'Authorization: Bearer' with the first line of this file.", valueName: "file"))
    var tokenFile: String?
    @Option(name: .customLong("max-body-bytes"), help: "The largest body (and the largest /v1/batch line).")
    var maxBodyBytes = ServerSettings().maxBodyBytes
    @Option(name: .customLong("max-concurrent"), help: "Requests worked on at once; more wait briefly, then get 503.")
    var maxConcurrent = ServerSettings().maxConcurrentRequests
    @Option(name: .customLong("queue-timeout-ms"), help: "How long a request waits for a place before 503.")
    var queueTimeoutMs = 250
    @Option(name: .customLong("request-timeout"), help: "Seconds a client may take to send a body before 408.")
    var requestTimeout = 30
    @Option(name: .customLong("idle-timeout"), help: "Seconds of silence after which a connection is closed.")
    var idleTimeout = 30
    @Option(name: .customLong("batch-workers"), help: "Worker threads of each /v1/batch request.")
    var batchWorkers = ServerSettings().batchWorkers

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard maxBodyBytes > 0, maxConcurrent > 0, queueTimeoutMs >= 0, requestTimeout > 0, idleTimeout > 0, batchWorkers > 0 else {
            throw ValidationError("limits must be positive")
        }
    }

    func run() async throws {
        var s = ServerSettings()
        s.host = host
        s.port = port
        s.db = db
        s.policy = policy
        s.model = model
        s.lexicons = lexicons
        s.tokenFile = tokenFile
        s.maxBodyBytes = maxBodyBytes
        s.maxConcurrentRequests = maxConcurrent
        s.queueTimeout = .milliseconds(queueTimeoutMs)
        s.requestTimeout = .seconds(requestTimeout)
        s.idleTimeout = .seconds(idleTimeout)
        s.batchWorkers = batchWorkers
        let server: IntakeServer
        do { server = try IntakeServer(settings: s) } catch {
            FileHandle.standardError.write(Data("intake-server: \(error.description)\n".utf8))
            throw ExitCode(78)
        }
        let host = host
        try await server.run { port in
            FileHandle.standardError.write(Data("intake-server: listening on http://\(host):\(port)\n".utf8))
        }
        FileHandle.standardError.write(Data("intake-server: stopped\n".utf8))
    }
}
