import Hummingbird
import Logging

/// Logs and counts every request, and turns every error into a JSON `ErrorBody` answer.
struct RequestObserver: RouterMiddleware {
    typealias Context = CentralRequestContext
    let metrics: CentralMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = JSONBody.response(error)
        } catch let error as any HTTPResponseError {
            switch error.status {
            case .notFound: response = JSONBody.response(.notFound)
            case .contentTooLarge: response = JSONBody.response(.bodyTooLarge)
            default:
                response = JSONBody.response(
                    APIError(
                        error.status, "http_\(error.status.code)",
                        .init(de: "\(error.status)", en: "\(error.status)")))
            }
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            response = JSONBody.response(.internalError)
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let route = context.endpointPath ?? "unmatched"
        // Only the methods the service answers get a label of their own, so a client cannot grow
        // the metrics without bound by inventing methods.
        let method = MethodCheck.served.contains(request.method) ? request.method.rawValue : "other"
        metrics.recordRequest(method: method, route: route, status: response.status.code, seconds: seconds)
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "route": "\(route)",
                "status": "\(response.status.code)", "duration_ms": "\((seconds * 1e6).rounded() / 1e3)",
            ])
        return response
    }
}
