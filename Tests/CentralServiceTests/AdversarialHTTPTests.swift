import CaseModel
import CentralService
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SyncProtocol
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Attacks on the HTTP layer of the central service, each over real HTTP on a loopback port and
/// against both stores: broken and stalled requests, odd methods, keys the protocol does not
/// know, numbers out of range, and values that try to forge log lines.
@Suite("Adversarial HTTP", .serialized)
struct AdversarialHTTPTests {
    // MARK: Bodies cut short, slow clients, connection bound

    @Test(arguments: StoreFlavor.allCases)
    func bodyCutShortGets400(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            let port = try #require(server.client.port)
            let token = try await server.login("anna").token
            let requests = [
                "POST /v1/auth/login HTTP/1.1\r\nHost: clerk\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 500\r\n\r\n{\"username\":\"anna\",",
                "POST /v1/sync/push HTTP/1.1\r\nHost: clerk\r\nAuthorization: Bearer \(token)\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"device_id\":\"d\",\"operations\":[",
            ]
            for request in requests {
                // The client announces more than it sends, then says it has finished.
                let connection = try RawHTTPConnection(port: port)
                try connection.send(request)
                connection.shutdownWrite()
                let answer = try #require(await connection.readToEnd(within: 45), "no answer")
                #expect(answer.hasPrefix("HTTP/1.1 400 "), "\(answer.prefix(200))")
                #expect(answer.contains("incomplete_body"), "\(answer)")
            }
            // The same, but the client vanishes: nobody reads the answer, yet it is a 400, not a 500.
            let vanishing = try RawHTTPConnection(port: port)
            try vanishing.send(requests[1])
            try await Task.sleep(for: .milliseconds(200))
            vanishing.closeNow()
            var metrics = ""
            for _ in 0..<100 {
                metrics = String(buffer: try await server.send(.get, "/metrics").body)
                if Self.requests(in: metrics, "POST", "/v1/sync/push", 400) == 2 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(Self.requests(in: metrics, "POST", "/v1/sync/push", 400) == 2, "\(metrics)")
            #expect(Self.requests(in: metrics, "POST", "/v1/auth/login", 400) == 1, "\(metrics)")
            #expect(!OpenAPIDocumentTests.answered(metrics).contains { $0.1 >= 500 }, "\(metrics)")
            #expect(try await server.pull(token).changes.isEmpty, "nothing was applied")
        }
    }

    /// The number of requests the metrics text counted for `method`, `route` and `status`.
    static func requests(in metrics: String, _ method: String, _ route: String, _ status: Int) -> Int {
        let prefix =
            #"clerk_central_http_requests_total{method="\#(method)",route="\#(route)",status="\#(status)"}"#
        let line = metrics.split(separator: "\n").first { $0.hasPrefix(prefix) }
        return line.flatMap { Int($0.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)) } ?? 0
    }

    /// Half-sent requests of the attack: half again the connection bound, so the bound and the
    /// timeout both act. (300 at once filled the listen backlog and starved the services of other
    /// tests running in the same process, whose requests then timed out.)
    static let halfSent = 150

    @Test(arguments: StoreFlavor.allCases)
    func halfSentRequestsAreClosedAndTheServiceStillAnswers(_ flavor: StoreFlavor) async throws {
        try await withRunningService(
            flavor,
            configure: {
                $0.idleTimeoutSeconds = 1
                $0.maxConnections = 100
            }
        ) { port in
            var stalled: [RawHTTPConnection] = []
            for index in 0..<Self.halfSent {
                let connection = try RawHTTPConnection(port: port)
                if index.isMultiple(of: 2) {
                    // A request head that never ends.
                    try connection.send("POST /v1/auth/login HTTP/1.1\r\nHost: clerk\r\nContent-Le")
                } else {
                    // A whole head, then a tenth of the body it announces, then silence.
                    try connection.send(
                        "POST /v1/auth/login HTTP/1.1\r\nHost: clerk\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 100\r\n\r\n{\"username\"")
                }
                stalled.append(connection)
            }
            // While they stall, a clerk's request is still answered: idle ones are closed, so
            // places under the connection bound come free.
            let probe = try RawHTTPConnection(port: port)
            try probe.send("GET /health HTTP/1.1\r\nHost: clerk\r\nConnection: close\r\n\r\n")
            let answer = try #require(await probe.readToEnd(within: 30), "the service did not answer")
            #expect(answer.hasPrefix("HTTP/1.1 200 "), "\(answer.prefix(200))")

            let deadline = ContinuousClock.now + .seconds(40)
            var open = stalled.count
            while ContinuousClock.now < deadline {
                open = stalled.filter { !$0.isClosed() }.count
                if open == 0 { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(open == 0, "\(open) of \(Self.halfSent) half-sent requests are still open")

            let after = try RawHTTPConnection(port: port)
            try after.send("GET /health HTTP/1.1\r\nHost: clerk\r\nConnection: close\r\n\r\n")
            let second = try #require(await after.readToEnd(within: 30), "no answer after the attack")
            #expect(second.hasPrefix("HTTP/1.1 200 "))
        }
    }

    /// The bound holds up to the burst NIO accepts in one read (at most 4 connections), so the
    /// attack holds that many more than the bound. The service runs as `clerk-central serve`
    /// runs it (HummingbirdTesting's live mode drops the connection bound of the configuration).
    @Test(arguments: StoreFlavor.allCases)
    func connectionsAreBounded(_ flavor: StoreFlavor) async throws {
        let bound = 4
        try await withRunningService(
            flavor,
            configure: {
                $0.idleTimeoutSeconds = 60
                $0.maxConnections = bound
            }
        ) { port in
            var holders: [RawHTTPConnection] = []
            for _ in 0..<(bound + 4) {
                let connection = try RawHTTPConnection(port: port)
                try connection.send("GET /health HTTP/1.1\r\nHost: clerk\r\n")
                holders.append(connection)
            }
            let probe = try RawHTTPConnection(port: port)
            try probe.send("GET /health HTTP/1.1\r\nHost: clerk\r\nConnection: close\r\n\r\n")
            let early = await probe.readToEnd(within: 1.5)
            #expect(early == nil, "answered beyond the connection bound: \(early.debugDescription)")
            holders.removeAll()
            let answer = try #require(await probe.readToEnd(within: 30), "not answered once places came free")
            #expect(answer.hasPrefix("HTTP/1.1 200 "))
        }
    }

    // MARK: Methods and headers

    @Test(arguments: StoreFlavor.allCases)
    func unsupportedMethodsGet405WithAllow(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            let cases: [(HTTPRequest.Method, String, String)] = [
                (.trace, "/v1/sync/push", "POST"), (.trace, "/health", "GET"), (.trace, "/nowhere", ""),
                (.trace, "/v1/auth/login", "POST"), (.delete, "/v1/sync/push", "POST"),
                (.put, "/v1/catalog", "GET"), (.options, "/metrics", "GET"), (.get, "/v1/sync/push", "POST"),
                (.post, "/v1/sync/pull", "GET"), (.head, "/health", "GET"), (.patch, "/", ""),
            ]
            for (method, path, allow) in cases {
                let response = try await server.send(method, path)
                #expect(response.status == .methodNotAllowed, "\(method) \(path): \(response.status)")
                #expect(response.headers[.allow] == allow, "\(method) \(path)")
                if method != .head {
                    let code = try? server.error(response).code
                    #expect(
                        code == "method_not_allowed", "\(method) \(path): \(String(buffer: response.body))")
                }
            }
            let unknown = try await server.send(.get, "/nowhere")
            #expect(unknown.status == .notFound)
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func everyAnswerForbidsCachingAndSniffing(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            let login = try await server.send(
                .post, "/v1/auth/login",
                json: LoginRequest(username: "anna", password: Fixtures.password, deviceID: "d"))
            let token = try server.decode(LoginResponse.self, login).token
            let responses = [
                login,
                try await server.send(.get, "/health"),
                try await server.send(.get, "/metrics"),
                try await server.send(.get, "/v1/sync/pull", token: token),
                try await server.send(.get, "/v1/catalog", token: token),
                try await server.send(.get, "/v1/sync/pull"),
                try await server.send(.post, "/v1/sync/push", token: token, body: Data("{".utf8)),
                try await server.send(.get, "/nowhere"),
                try await server.send(.trace, "/health"),
                try await server.send(.post, "/v1/auth/logout", token: token),
            ]
            for response in responses {
                #expect(response.headers[.cacheControl] == "no-store", "\(response.status)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(response.status)")
            }
        }
    }

    // MARK: Closed schemas and numbers out of range

    /// A push of a create (with a citizen) and of field values of every shape: money, a name, an
    /// address, repeat rows, a conflict resolution.
    static func push() -> PushRequest {
        let caseID = UUID()
        let create = Fixtures.create(
            caseID, fields: ["name_hund": .text("Bello"), "betrag": .money(cents: 1200)],
            citizen: Fixtures.citizen())
        let kinds: [OperationKind] = [
            .setField(field: "halter", old: nil, new: .name(PersonName(given: "Josef", family: "Brandl"))),
            .setField(
                field: "anschrift", old: nil,
                new: .address(
                    PostalAddress(
                        street: "Sendlinger Straße", houseNumber: "7", postcode: "80331", city: "München"))),
            .setField(field: "hunde", old: nil, new: .rows([["name": .text("Bello")]])),
            .resolveConflict(field: "name_hund", value: .text("Rex")),
        ]
        return PushRequest(
            deviceID: "d", operations: [create] + kinds.map { Fixtures.op(caseID, base: 1, $0) })
    }

    /// `push()` as JSON after `edit`.
    static func pushText(_ edit: (inout [String: Any]) -> Void) throws -> Data {
        let data = try WireProtocol.makeEncoder().encode(push())
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        edit(&object)
        return try JSONSerialization.data(withJSONObject: object)
    }

    /// Edits the JSON object at `path` (keys and array indexes) of `root`.
    static func edit(_ root: inout [String: Any], _ path: [Any], _ change: (inout [String: Any]) -> Void) {
        func walk(_ value: Any, _ rest: ArraySlice<Any>) -> Any {
            guard let step = rest.first else {
                var object = value as? [String: Any] ?? [:]
                change(&object)
                return object
            }
            if let index = step as? Int, var array = value as? [Any] {
                array[index] = walk(array[index], rest.dropFirst())
                return array
            }
            var object = value as? [String: Any] ?? [:]
            if let key = step as? String { object[key] = walk(object[key] as Any, rest.dropFirst()) }
            return object
        }
        root = walk(root, path[...]) as? [String: Any] ?? root
    }

    @Test(arguments: StoreFlavor.allCases)
    func unknownKeysAreRefusedAtEveryDepth(_ flavor: StoreFlavor) async throws {
        let newCase: [Any] = ["operations", 0, "kind", "new_case"]
        let cases: [(String, [Any], String)] = [
            ("citizen", newCase + ["citizen"], "operations[0].kind.new_case.citizen.nickname"),
            (
                "citizen name", newCase + ["citizen", "name"],
                "operations[0].kind.new_case.citizen.name.nickname"
            ),
            (
                "citizen address", newCase + ["citizen", "address"],
                "operations[0].kind.new_case.citizen.address.nickname"
            ),
            (
                "field value of a new case", newCase + ["fields", "name_hund"],
                "operations[0].kind.new_case.fields.name_hund.nickname"
            ),
            ("set_field value", ["operations", 1, "kind", "new"], "operations[1].kind.new.nickname"),
            ("name value", ["operations", 1, "kind", "new", "v"], "operations[1].kind.new.v.nickname"),
            ("address value", ["operations", 2, "kind", "new", "v"], "operations[2].kind.new.v.nickname"),
            (
                "value in a repeat row", ["operations", 3, "kind", "new", "v", 0, "name"],
                "operations[3].kind.new.v[0].name.nickname"
            ),
            ("resolved value", ["operations", 4, "kind", "value"], "operations[4].kind.value.nickname"),
        ]
        let bodies = try cases.map { name, path, expected in
            (name, try Self.pushText { Self.edit(&$0, path) { $0["nickname"] = "x" } }, expected)
        }
        try await withServer(flavor) { server in
            let token = try await server.login("anna").token
            for (name, body, expected) in bodies {
                let response = try await server.send(.post, "/v1/sync/push", token: token, body: body)
                #expect(response.status == .badRequest, "\(name)")
                let error = try server.error(response)
                #expect(error.code == "unknown_field", "\(name)")
                #expect(error.message.en.contains(expected), "\(name): \(error.message.en)")
            }
            #expect(try await server.pull(token).changes.isEmpty, "nothing was applied")
            let untouched = try Self.pushText { _ in }
            let accepted = try await server.send(.post, "/v1/sync/push", token: token, body: untouched)
            #expect(
                accepted.status == .ok, "the unedited push is well-formed: \(String(buffer: accepted.body))")
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func numbersOutOfRangeAreInvalidValues(_ flavor: StoreFlavor) async throws {
        let cases: [(String, String, String)] = [
            ("base_version 1e30", #""baseVersion":0,"#, #""baseVersion":1e30,"#),
            ("base_version beyond Int64", #""baseVersion":0,"#, #""baseVersion":99999999999999999999,"#),
            ("base_version with a fraction", #""baseVersion":0,"#, #""baseVersion":1.5,"#),
            ("form version 1e30", #""formVersion":1"#, #""formVersion":1e30"#),
            ("money beyond Int64", #""t":"money","v":1200"#, #""t":"money","v":-99999999999999999999"#),
            ("money 1e400", #""t":"money","v":1200"#, #""t":"money","v":1e400"#),
        ]
        try await withServer(flavor) { server in
            let token = try await server.login("anna").token
            let text = try #require(
                String(data: try WireProtocol.makeEncoder().encode(Self.push()), encoding: .utf8))
            for (name, original, replacement) in cases {
                #expect(text.contains(original), "\(name): the fixture changed")
                let body = Data(text.replacingOccurrences(of: original, with: replacement).utf8)
                let response = try await server.send(.post, "/v1/sync/push", token: token, body: body)
                #expect(response.status == .badRequest, "\(name)")
                #expect(try server.error(response).code == "invalid_value", "\(name)")
            }
            let cursor = try await server.send(.get, "/v1/sync/pull?after=1e30", token: token)
            #expect(try server.error(cursor).code == "invalid_cursor")
            #expect(try await server.pull(token).changes.isEmpty, "nothing was applied")
        }
    }

    // MARK: Logs

    @Test(arguments: StoreFlavor.allCases)
    func controlCharactersInLoggedValuesAreEscaped(_ flavor: StoreFlavor) async throws {
        let lines = LogLines()
        let forged =
            "ws-1\r\nts=2026-01-01T00:00:00Z level=info msg=\"login\" clerk=admin\u{1B}[2J\u{202E}\u{85}x"
        try await withLoggingServer(flavor, logger: lines.logger()) { server in
            let login = try await server.send(
                .post, "/v1/auth/login",
                json: LoginRequest(username: "anna", password: Fixtures.password, deviceID: forged))
            let token = try server.decode(LoginResponse.self, login).token
            let push = try await server.send(
                .post, "/v1/sync/push", token: token, json: PushRequest(deviceID: forged, operations: []))
            #expect(push.status == .ok)
            _ = try await server.send(.get, "/v1/sync/pull%0D%0Amsg=forged%1B", token: token)
        }
        let written = lines.all
        #expect(written.count >= 5)
        for line in written {
            #expect(line.hasSuffix("\n"))
            let body = line.dropLast()
            #expect(
                !body.unicodeScalars.contains {
                    $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}"
                },
                "unescaped control character in \(body.debugDescription)")
        }
        let text = written.joined()
        #expect(text.components(separatedBy: "\n").filter { $0.contains("msg=login") }.count == 1)
        #expect(text.components(separatedBy: "\n").filter { $0.contains("msg=push") }.count == 1)
        #expect(
            !text.components(separatedBy: "\n").contains { $0.hasPrefix("ts=2026-01-01") }, "a forged line")
        #expect(
            text.contains(
                #"device="ws-1\r\nts=2026-01-01T00:00:00Z level=info msg=\"login\" clerk=admin\u{1B}[2J\u{202E}\u{85}x""#
            ))
    }
}

/// Like `withServer`, with the service logging through `logger`.
func withLoggingServer(
    _ flavor: StoreFlavor, logger: Logger, _ body: @escaping @Sendable (Harness) async throws -> Void
) async throws {
    try await withStore(flavor) { store in
        try await Fixtures.seed(store)
        var configuration = CentralConfiguration()
        configuration.port = 0
        configuration.logLevel = "info"
        let clock = TestClock()
        let app = try buildApplication(
            configuration: configuration,
            environment: CentralEnvironment(
                store: store, definitions: ServiceDefinitions([Fixtures.dogTax]), now: { clock.now },
                logger: logger))
        try await app.test(.live) { client in
            try await body(Harness(client: client, store: store, clock: clock))
        }
    }
}

/// Runs the service as `clerk-central serve` does, on a free loopback port, seeded, until `body`
/// returns.
func withRunningService(
    _ flavor: StoreFlavor, configure: @Sendable (inout CentralConfiguration) -> Void,
    _ body: @escaping @Sendable (Int) async throws -> Void
) async throws {
    try await withStore(flavor) { store in
        try await Fixtures.seed(store)
        var configuration = CentralConfiguration()
        configuration.port = try freePort()
        configuration.logLevel = "warning"
        configure(&configuration)
        let app = try buildApplication(
            configuration: configuration,
            environment: CentralEnvironment(store: store, definitions: ServiceDefinitions([Fixtures.dogTax])))
        let port = configuration.port
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            defer { group.cancelAll() }
            var up = false
            for _ in 0..<200 where !up {
                if let probe = try? RawHTTPConnection(port: port) {
                    try probe.send("GET /health HTTP/1.1\r\nHost: clerk\r\nConnection: close\r\n\r\n")
                    up = await probe.readToEnd(within: 2)?.hasPrefix("HTTP/1.1 200") == true
                } else {
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            try #require(up, "the service did not start")
            try await body(port)
        }
    }
}

/// A loopback port nobody listens on right now.
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
        }
    }
    try #require(bound, "no free port: errno \(errno)")
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Log lines written by a `KeyValueLogHandler`, kept in memory.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    /// A logger at level info writing here.
    func logger() -> Logger {
        var logger = Logger(label: "clerk-central") { label in
            KeyValueLogHandler(label: label) { line in self.append(line) }
        }
        logger.logLevel = .info
        return logger
    }
}
