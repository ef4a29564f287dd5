import CaseModel
import CentralService
import Foundation
import Hummingbird
import SyncProtocol
import Testing
import Yams

/// Keeps `docs/openapi.yaml` true: every route is documented and every documented route
/// exists, and every status code the service answers with is documented for its route.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    static let methods: Set<String> = ["get", "post", "put", "patch", "delete"]

    /// "METHOD /path" → documented status codes.
    static func documented() throws -> [String: Set<Int>] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/openapi.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let root = try #require(try Yams.load(yaml: text) as? [String: Any])
        #expect((root["openapi"] as? String)?.hasPrefix("3.") == true)
        let paths = try #require(root["paths"] as? [String: Any])
        var result: [String: Set<Int>] = [:]
        for (path, item) in paths {
            let operations = try #require(item as? [String: Any])
            for (method, operation) in operations where methods.contains(method) {
                let responses = try #require(
                    (operation as? [String: Any])?["responses"] as? [AnyHashable: Any])
                let codes = Set(responses.keys.compactMap { Int("\($0)") })
                #expect(codes.count == responses.count, "\(method) \(path): status codes must be numbers")
                #expect(codes.allSatisfy { (100...599).contains($0) })
                result["\(method.uppercased()) \(path)"] = codes
            }
        }
        return result
    }

    @Test func everyRouteIsDocumentedAndViceVersa() async throws {
        try await withStore(.sqlite) { store in
            let router = buildRouter(
                configuration: CentralConfiguration(), environment: CentralEnvironment(store: store),
                store: store,
                metrics: CentralMetrics(storeKind: .sqlite))
            let routes = Set(router.routes.map { "\($0.method.rawValue) \($0.path)" })
            let documented = Set(try Self.documented().keys)
            #expect(routes == documented)
        }
    }

    /// Drives every route through its success and error answers, then checks each
    /// (route, status) the metrics counted against the document.
    @Test func everyAnsweredStatusIsDocumented() async throws {
        let documented = try Self.documented()
        try await withServer(.sqlite, configure: { $0.maxBodyBytes = 4096 }) { server in
            let token = try await server.login("anna").token
            _ = try await server.send(.post, "/v1/auth/login", body: Data("{".utf8))
            _ = try await server.send(
                .post, "/v1/auth/login", json: LoginRequest(username: "anna", password: "x", deviceID: "d"))
            _ = try await server.send(.post, "/v1/auth/login", body: Data(repeating: 32, count: 5000))
            let create = Fixtures.create()
            _ = try await server.push(token, [create])
            _ = try await server.send(.post, "/v1/sync/push", token: token, body: Data("[".utf8))
            _ = try await server.send(.post, "/v1/sync/push", body: Data("{}".utf8))
            _ = try await server.send(
                .post, "/v1/sync/push", token: token,
                json: PushRequest(deviceID: "d", operations: [Fixtures.create(by: "bernd")]))
            var reused = create
            reused.device = "x"
            _ = try await server.send(
                .post, "/v1/sync/push", token: token, json: PushRequest(deviceID: "d", operations: [reused]))
            _ = try await server.send(
                .post, "/v1/sync/push", token: token,
                body: Data(#"{"device_id":"d","operations":[{"kind":{"kind":"explode"}}]}"#.utf8))
            _ = try await server.send(
                .post, "/v1/sync/push", token: token, body: Data(repeating: 32, count: 5000))
            _ = try await server.send(.get, "/v1/sync/pull?after=1", token: token)
            _ = try await server.send(.get, "/v1/sync/pull?limit=0", token: token)
            _ = try await server.send(.get, "/v1/sync/pull")
            _ = try await server.send(.get, "/v1/catalog", token: token)
            _ = try await server.send(.get, "/v1/catalog")
            _ = try await server.send(.get, "/health")
            _ = try await server.send(.post, "/v1/auth/logout", token: token)
            _ = try await server.send(.post, "/v1/auth/logout", token: token)
            let metrics = try await server.send(.get, "/metrics")
            let seen = Self.answered(String(buffer: metrics.body))
            #expect(seen.count >= 15)
            for (route, status) in seen where route != "GET /metrics" {
                let codes = try #require(documented[route], "\(route) is not documented")
                #expect(codes.contains(status), "\(route) answered \(status), which is not documented")
            }
            #expect(Set(seen.map(\.0)).isSuperset(of: Set(documented.keys).subtracting(["GET /metrics"])))
        }
    }

    /// ("METHOD /route", status) pairs from the request counter of the metrics text.
    static func answered(_ text: String) -> [(String, Int)] {
        var pairs: [(String, Int)] = []
        for line in text.split(separator: "\n") where line.hasPrefix("clerk_central_http_requests_total{") {
            let labels = line.drop { $0 != "{" }.dropFirst().prefix { $0 != "}" }
            var values: [String: String] = [:]
            for part in labels.split(separator: ",") {
                let pair = part.split(separator: "=", maxSplits: 1)
                if pair.count == 2 { values[String(pair[0])] = pair[1].trimmingCharacters(in: ["\""]) }
            }
            if let method = values["method"], let route = values["route"],
                let status = values["status"].flatMap(Int.init)
            {
                pairs.append(("\(method) \(route)", status))
            }
        }
        return pairs
    }
}
