import ComplaintIntake
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// The HTTP service: intake records, e-mails and batches over HTTP, with the register, metrics and an OpenAPI
/// document. Build it with ``init(settings:)``, which loads everything and fails before listening, then ``run(gracefulShutdownSignals:onRunning:)``.
///
/// ```swift
/// var settings = ServerSettings()
/// settings.port = 0
/// let server = try IntakeServer(settings: settings)
/// try await server.run { port in print("listening on \(port)") }
/// ```
public struct IntakeServer: Sendable {
    let service: IntakeService
    let openAPI: [UInt8]

    /// Loads the pipeline, opens the register and reads the token.
    /// - Throws: ``StartError`` naming what cannot be used.
    public init(settings: ServerSettings) throws(StartError) {
        service = try IntakeService(settings: settings)
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"), let data = try? Data(contentsOf: url) else {
            throw .resource("openapi.json, the OpenAPI document built into the service, is missing; rebuild intake-server")
        }
        openAPI = [UInt8](data)
    }

    /// The committed OpenAPI 3.1 document the service serves at `/openapi.json`.
    public var openAPIDocument: [UInt8] { openAPI }

    /// Serves until one of the signals arrives or the task is cancelled; then stops accepting connections, finishes
    /// the requests in flight, closes the register and returns.
    /// - Parameters:
    ///   - gracefulShutdownSignals: the signals that stop the service (none in tests, which cancel the task).
    ///   - onRunning: called with the port once the service listens (the one picked when the port is 0).
    public func run(gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint], onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        var logger = Logger(label: "intake-server")
        logger.logLevel = .notice
        let router = Hummingbird.Router(context: BasicRequestContext.self)
        router.add(middleware: ObservingMiddleware(metrics: service.metrics))
        if let token = service.token { router.add(middleware: TokenMiddleware(token: token)) }
        router.add(middleware: AdmissionMiddleware(limiter: service.requests, metrics: service.metrics))
        Routes(service: service, openAPI: openAPI).add(to: router)
        let settings = service.settings
        let app = Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .seconds(max(1, settings.idleTimeout.components.seconds)))),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "intake-server", reuseAddress: true),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? settings.port) },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: gracefulShutdownSignals, logger: logger))
        // Cancelling the caller's task (as the tests stop a service) shuts down as a signal does: the group runs in a
        // task of its own, so that it drains its connections instead of being cancelled with the caller.
        let running = Task { try await group.run() }
        do {
            try await withTaskCancellationHandler {
                try await running.value
            } onCancel: {
                Task { await group.triggerGracefulShutdown() }
            }
        } catch {
            try? service.close()
            throw error
        }
        try service.close()
    }
}
