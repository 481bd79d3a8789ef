import ComplaintIntake
import Prometheus

/// The service's metrics in a registry of its own (no process-wide metrics system, so two services in one process,
/// as in the tests, count apart), written as Prometheus text by `GET /metrics`.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private static let latencyBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
        .seconds(5), .seconds(10), .seconds(30),
    ]

    /// One answered request: by route (the pattern, not the path, so ids do not make new series) and status.
    func request(route: String, method: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: .init(namespace: "intake", metricName: "http_requests", unitName: "total", helpText: "HTTP requests answered, by route, method and status"),
            labels: [("route", route), ("method", method), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .init(namespace: "intake", metricName: "http_request_duration", unitName: "seconds", helpText: "Time from the request head to the response head, by route"),
            labels: [("route", route), ("method", method)],
            buckets: Self.latencyBuckets
        ).record(duration)
    }

    /// One record made, by its category and language.
    func record(category: Category, language: Language) {
        registry.makeCounter(
            descriptor: .init(namespace: "intake", metricName: "records", unitName: "total", helpText: "Intake records made, by category and language"),
            labels: [("category", category.rawValue), ("language", language.rawValue)]
        ).increment()
    }

    /// One error answered or written in a batch, by its code.
    func error(code: String) {
        registry.makeCounter(
            descriptor: .init(namespace: "intake", metricName: "errors", unitName: "total", helpText: "Errors, by code (requests and batch error records)"),
            labels: [("code", code)]
        ).increment()
    }

    /// Requests being worked on now.
    func inFlight(_ n: Int) {
        registry.makeGauge(
            descriptor: .init(namespace: "intake", metricName: "http_requests_in_flight", unitName: "count", helpText: "Requests holding a place now")
        ).set(Double(n))
    }

    /// The Prometheus text exposition.
    func text() -> [UInt8] { registry.emitToBuffer() }
}
