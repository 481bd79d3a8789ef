import Foundation

/// Everything `intake-server` is started with, as plain values: where it listens, what it reads, and the limits that
/// keep its work bounded. The defaults are those of the command line's options left out.
public struct ServerSettings: Sendable, Equatable {
    /// The address to listen on; loopback unless the service is meant to be reached from other hosts.
    public var host = "127.0.0.1"
    /// The port to listen on; 0 picks a free one (tests), reported by ``IntakeServer/run(onRunning:)``.
    public var port = 8080
    /// The complaint register (SQLite, created when missing); without it the case and due routes answer 503.
    public var db: String?
    /// A JSON or TOML policy file over the built-in routing and deadlines.
    public var policy: String?
    /// A model file from `intake train` instead of the built-in one.
    public var model: String?
    /// A folder laid out like `lexicons/` whose files are added to the built-in ones.
    public var lexicons: String?
    /// A file whose first line is the bearer token every route but the health checks asks for.
    public var tokenFile: String?
    /// The largest body of `/v1/records`, `/v1/email` and `/v1/cases/{id}/transitions`, and the largest line of
    /// `/v1/batch` (whose body as a whole has no limit: it is streamed).
    public var maxBodyBytes = 10 * 1024 * 1024
    /// Requests worked on at once; more wait up to ``queueTimeout`` for a place, then get 503.
    public var maxConcurrentRequests = 64
    /// How long a request beyond ``maxConcurrentRequests`` waits for a place.
    public var queueTimeout: Duration = .milliseconds(250)
    /// How long a client may take to send a whole body (`/v1/records`, `/v1/email`, transitions): 408 after it.
    public var requestTimeout: Duration = .seconds(30)
    /// A connection that sends nothing for this long while a request body is due, or between requests, is closed,
    /// so that a slow client holds no place for ever (this also bounds a stalled `/v1/batch` upload).
    public var idleTimeout: Duration = .seconds(30)
    /// Worker threads of each `/v1/batch` request's batch engine.
    public var batchWorkers = ProcessInfo.processInfo.activeProcessorCount
    /// Batch streams served at once; each has its own workers, so more would only share the same cores.
    public var maxConcurrentBatches = 2

    public init() {}
}
