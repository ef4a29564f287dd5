import CaseModel
import CentralService
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SyncProtocol
import Testing

/// The real central service, in-process on a free loopback port, with a client talking HTTP to it.
struct Harness: Sendable {
    let client: any TestClientProtocol
    let store: any CentralStore
    let clock: TestClock

    /// Sends a request; `body` is sent as is (so tests can send broken JSON).
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, body: Data? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        return try await client.executeRequest(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
    }

    /// Sends `value` as wire JSON.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json value: some Encodable
    ) async throws -> TestResponse {
        try await send(method, uri, token: token, body: try WireProtocol.makeEncoder().encode(value))
    }

    func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        try WireProtocol.makeDecoder().decode(type, from: Data(response.body.readableBytesView))
    }

    func error(_ response: TestResponse) throws -> ErrorBody { try decode(ErrorBody.self, response) }

    func login(_ user: String, password: String = Fixtures.password) async throws -> LoginResponse {
        let response = try await send(
            .post, "/v1/auth/login",
            json: LoginRequest(username: user, password: password, deviceID: "dev-\(user)"))
        try #require(response.status == .ok, "login of \(user): \(String(buffer: response.body))")
        return try decode(LoginResponse.self, response)
    }

    func push(_ token: String, _ operations: [CaseModel.Operation]) async throws -> [PushResult] {
        let response = try await send(
            .post, "/v1/sync/push", token: token, json: PushRequest(deviceID: "dev", operations: operations))
        try #require(response.status == .ok, "push: \(response.status) \(String(buffer: response.body))")
        let body = try decode(PushResponse.self, response)
        #expect(body.results.map(\.operationID) == operations.map(\.id))
        return body.results.map(\.result)
    }

    func pull(_ token: String, after: Int64 = 0, limit: Int = 100) async throws -> PullResponse {
        let response = try await send(.get, "/v1/sync/pull?after=\(after)&limit=\(limit)", token: token)
        try #require(response.status == .ok, "pull: \(response.status) \(String(buffer: response.body))")
        return try decode(PullResponse.self, response)
    }
}

/// Runs `body` against a fresh, seeded central service on `flavor`'s store, logging to `logger`.
func withServer(
    _ flavor: StoreFlavor, services: [ServiceDefinition] = [Fixtures.dogTax, Fixtures.plates],
    logger: Logger = Logger(label: "clerk-central"),
    configure: @Sendable (inout CentralConfiguration) -> Void = { _ in },
    _ body: @escaping @Sendable (Harness) async throws -> Void
) async throws {
    try await withStore(flavor) { store in
        try await Fixtures.seed(store)
        var configuration = CentralConfiguration()
        configuration.port = 0
        configuration.logLevel = "warning"
        configure(&configuration)
        let clock = TestClock()
        let app = try buildApplication(
            configuration: configuration,
            environment: CentralEnvironment(
                store: store, definitions: ServiceDefinitions(services), now: { clock.now },
                logger: logger))
        try await app.test(.live) { client in
            try await body(Harness(client: client, store: store, clock: clock))
        }
    }
}
