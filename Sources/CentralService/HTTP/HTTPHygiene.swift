import Hummingbird
import Synchronization

/// Marks every answer as not to be cached and not to be sniffed for another content type.
///
/// Answers carry tokens, citizens' data and clerks' names: no proxy or browser cache may keep
/// them (`Cache-Control: no-store`), and none may be read as anything but their declared type.
struct ResponseHeaders: RouterMiddleware {
    typealias Context = CentralRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.cacheControl] = "no-store"
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }
}

/// The methods each path of the router answers, filled in once the routes are added.
final class RouteTable: Sendable {
    private let methods = Mutex<[String: [HTTPRequest.Method]]>([:])

    /// Records the routes (method and path).
    func set(_ routes: [(HTTPRequest.Method, String)]) {
        methods.withLock { table in
            table = [:]
            for (method, path) in routes { table[Self.key(path), default: []].append(method) }
        }
    }

    /// The methods `path` answers, or nil for a path without routes.
    func methods(for path: String) -> [HTTPRequest.Method]? {
        methods.withLock { $0[Self.key(path)] }
    }

    /// The path without leading and trailing slashes, as routes and requests may spell it.
    private static func key(_ path: String) -> String {
        String(path.drop { $0 == "/" }.reversed().drop { $0 == "/" }.reversed())
    }
}

/// Answers 405 with `Allow` to a method the path does not answer, and to TRACE, CONNECT and
/// every other method the service never answers, on any path.
struct MethodCheck: RouterMiddleware {
    typealias Context = CentralRequestContext
    let routes: RouteTable

    /// The only methods any route of the service answers.
    static let served: Set<HTTPRequest.Method> = [.get, .post]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard Self.served.contains(request.method) else {
            throw APIError.methodNotAllowed(
                request.method, allowed: routes.methods(for: request.uri.path) ?? [])
        }
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError where error.status == .notFound {
            guard let allowed = routes.methods(for: request.uri.path), !allowed.contains(request.method)
            else {
                throw error
            }
            throw APIError.methodNotAllowed(request.method, allowed: allowed)
        }
    }
}
