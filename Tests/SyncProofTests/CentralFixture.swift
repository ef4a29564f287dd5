import CaseModel
import CentralService
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OfflineStore
import SyncClient
import SyncProtocol
import Synchronization
import Testing

/// The store implementations the proofs run against.
enum StoreFlavor: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
}

/// Why a PostgreSQL proof could not run.
struct MissingPostgres: Error, CustomStringConvertible {
    var description: String {
        "CLERK_TEST_POSTGRES_URL is not set but CI is: run the tests through scripts/with-postgres"
    }
}

/// A clock tests move forward (token expiry).
final class TestClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date = World.start) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// The real central service, running in-process on a free loopback port.
struct Central: Sendable {
    /// Base URL, e.g. `http://127.0.0.1:41234`.
    let url: String
    let store: RecordingCentralStore
    let clock: TestClock

    /// An HTTP connection to the service, as the workstation uses it.
    var http: HTTPSyncServer { HTTPSyncServer(baseURL: url, timeoutSeconds: 20) }

    /// Logs `clerk` in over HTTP and returns the token.
    func token(_ clerk: String) async throws -> String {
        try await http.login(
            LoginRequest(username: clerk, password: World.password, deviceID: "dev-\(clerk)")
        )
        .token
    }

    /// The authoritative cases of `orgUnits`, by id (from the change log, read straight from the store).
    func cases(orgUnits: Set<String> = [World.mitte.id]) async throws -> [UUID: Case] {
        var ids = Set<UUID>()
        var cursor: Int64 = 0
        while true {
            let page = try await store.changes(after: cursor, orgUnits: orgUnits, limit: 1000)
            for change in page.changes { ids.insert(change.case.id) }
            cursor = page.nextCursor
            if !page.hasMore { break }
        }
        var cases: [UUID: Case] = [:]
        for id in ids { cases[id] = try await store.currentCase(id: id) }
        return cases
    }
}

/// Runs `body` against a fresh, seeded central service on `flavor`'s store, over real HTTP.
///
/// PostgreSQL uses `CLERK_TEST_POSTGRES_URL` and a new schema per call; without the variable
/// the run fails when `CI` is set and is skipped with a notice otherwise.
func withCentral(
    _ flavor: StoreFlavor = .sqlite, configure: @Sendable (inout CentralConfiguration) -> Void = { _ in },
    logger centralLogger: Logger? = nil, _ body: @escaping @Sendable (Central) async throws -> Void
) async throws {
    try await withStore(flavor) { base in
        let store = RecordingCentralStore(base)
        try await World.seed(store)
        var configuration = CentralConfiguration()
        configuration.port = 0
        configuration.host = "127.0.0.1"
        configuration.logLevel = "error"
        configure(&configuration)
        let clock = TestClock()
        var logger = centralLogger ?? Logger(label: "central-test")
        if centralLogger == nil { logger.logLevel = .error }
        let app = try buildApplication(
            configuration: configuration,
            environment: CentralEnvironment(
                store: store, definitions: ServiceDefinitions([World.dogTax, World.plates]),
                now: { clock.now },
                logger: logger))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await body(Central(url: "http://127.0.0.1:\(port)", store: store, clock: clock))
        }
    }
}

/// Opens a fresh, migrated store of `flavor`, runs `body`, and cleans up.
func withStore(_ flavor: StoreFlavor, _ body: @Sendable (any CentralStore) async throws -> Void) async throws
{
    switch flavor {
    case .sqlite:
        let directory = try World.temporaryDirectory("central")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteCentralStore(path: directory.appendingPathComponent("central.sqlite").path)
        try await store.migrate()
        try await body(store)
    case .postgres:
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["CLERK_TEST_POSTGRES_URL"], !url.isEmpty else {
            if environment["CI"] != nil { throw MissingPostgres() }
            print("notice: CLERK_TEST_POSTGRES_URL is not set; skipping the PostgreSQL run")
            return
        }
        let schema = "s_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        var logger = Logger(label: "test-postgres")
        logger.logLevel = .warning
        let store = try PostgresCentralStore(url: url, schema: schema, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await store.client.run() }
            defer { group.cancelAll() }
            try await store.migrate()
            try await body(store)
        }
    }
}
