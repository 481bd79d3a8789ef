import Hummingbird

/// The outermost layer: every error a route throws becomes its JSON response here, through ``APIError``, and every
/// answer is counted by route, method and status, with its latency.
struct ObservingMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            var e = APIError(error)
            if case .notFound = e { e = .notFound(path: request.uri.path) }
            metrics.error(code: e.code)
            response = e.response()
        }
        let route = context.endpointPath ?? "unmatched"
        metrics.request(route: route, method: request.method.rawValue, status: response.status.code, duration: ContinuousClock.now - start)
        return response
    }
}

/// Asks for the bearer token on every route but the health checks, which load balancers call without one.
struct TokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String
    static var open: Set<String> { ["/healthz", "/readyz"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !Self.open.contains(request.uri.path) else { return try await next(request, context) }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
              Self.same(header.dropFirst(7).trimmingCharacters(in: .whitespaces), token) else {
            throw APIError.unauthorized
        }
        return try await next(request, context)
    }

    /// Compares in time that does not depend on where the two first differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var d: UInt8 = 0
        for i in x.indices { d |= x[i] ^ y[i] }
        return d == 0
    }
}

/// Bounds the work of the `/v1/` routes: a request takes a place or waits briefly for one, then gets 503. A streamed
/// response keeps its place until its last byte is written.
struct AdmissionMiddleware<Context: RequestContext>: RouterMiddleware {
    let limiter: AdmissionLimiter
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/v1/") else { return try await next(request, context) }
        guard await limiter.acquire() else { throw APIError.overloaded }
        metrics.inFlight(limiter.inUse)
        var response: Response
        do { response = try await next(request, context) } catch {
            limiter.release()
            metrics.inFlight(limiter.inUse)
            throw error
        }
        let body = response.body
        let (limiter, metrics) = (limiter, metrics)
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            defer {
                limiter.release()
                metrics.inFlight(limiter.inUse)
            }
            try await body.write(writer)
        }
        return response
    }
}
