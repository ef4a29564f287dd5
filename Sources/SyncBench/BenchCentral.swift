import CaseModel
import CentralService
import Foundation
import Logging
import SyncClient
import SyncProtocol
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The central service running in this process on a free loopback port.
struct BenchCentral {
    let url: String
    let store: RecordingCentralStore
    let task: Task<Void, any Error>
    let connections: SyncConnections

    static let password = "Bench-Passwort-1"

    /// Starts the service on `store` (already migrated), deciding with the bulk service and the
    /// services of `teams` teams.
    static func start(store base: any CentralStore, maxConnections: Int, teams: Int = 0) async throws
        -> BenchCentral
    {
        let store = RecordingCentralStore(base)
        var configuration = CentralConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = try freeLoopbackPort()
        configuration.logLevel = "critical"
        configuration.maxPullLimit = 1000
        var logger = Logger(label: "bench-central")
        logger.logLevel = .critical
        let app = try buildApplication(
            configuration: configuration,
            environment: CentralEnvironment(
                store: store, definitions: BenchService.definitions(teams: teams), logger: logger))
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        let url = "http://127.0.0.1:\(configuration.port)"
        let connections = SyncConnections(maxConnections: maxConnections)
        let probe = HTTPSyncServer(baseURL: url, connections: connections, timeoutSeconds: 5)
        for _ in 0..<200 {
            do throws(SyncError) {
                _ = try await probe.pull(after: 0, limit: 1, token: "probe")
            } catch {
                if case .unreachable = error {
                    try await Task.sleep(for: .milliseconds(25))
                    continue
                }
                break  // it answers (401): up
            }
        }
        return BenchCentral(url: url, store: store, task: task, connections: connections)
    }

    /// An HTTP connection to the service through the shared connection pool.
    var http: HTTPSyncServer { HTTPSyncServer(baseURL: url, connections: connections, timeoutSeconds: 60) }

    func stop() async {
        try? await connections.shutdown()
        task.cancel()
        _ = try? await task.value
    }

    /// A port on 127.0.0.1 that was free a moment ago.
    static func freeLoopbackPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchError.noPort }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw BenchError.noPort }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw BenchError.noPort }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Why a benchmark could not run.
enum BenchError: Error, CustomStringConvertible {
    case noPort
    case failed(String)

    var description: String {
        switch self {
        case .noPort: "no free loopback port"
        case .failed(let why): why
        }
    }
}

/// Opens a fresh store of the given kind in `directory` (SQLite) or a new schema at `postgresURL`,
/// runs `body` and cleans up.
func withBenchStore<T: Sendable>(
    postgresURL: String?, directory: URL, _ body: @Sendable (any CentralStore) async throws -> T
) async throws -> T {
    guard let postgresURL else {
        let path = directory.appendingPathComponent("central-\(UUID().uuidString).sqlite").path
        let store = try SQLiteCentralStore(path: path)
        try await store.migrate()
        return try await body(store)
    }
    var logger = Logger(label: "bench-postgres")
    logger.logLevel = .error
    let schema = "bench_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
    let store = try PostgresCentralStore(url: postgresURL, schema: schema, logger: logger)
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
            await store.client.run()
            return nil
        }
        defer { group.cancelAll() }
        try await store.migrate()
        return try await body(store)
    }
}

/// Latencies of calls to the central service, measured around the real HTTP connection.
final class TimingServer: SyncServer {
    let inner: any SyncServer
    private let times = Mutex<(push: [Double], pull: [Double])>(([], []))

    init(_ inner: any SyncServer) { self.inner = inner }

    /// Milliseconds of every push and every pull.
    var measured: (push: [Double], pull: [Double]) { times.withLock { $0 } }

    func login(_ request: LoginRequest) async throws(SyncError) -> LoginResponse {
        try await inner.login(request)
    }
    func logout(token: String) async throws(SyncError) { try await inner.logout(token: token) }
    func catalog(token: String) async throws(SyncError) -> CatalogResponse {
        try await inner.catalog(token: token)
    }
    func checkReachable() async throws(SyncError) { try await inner.checkReachable() }
    func push(_ request: PushRequest, token: String) async throws(SyncError) -> PushResponse {
        let started = ContinuousClock.now
        let response = try await inner.push(request, token: token)
        let ms = Milliseconds.since(started)
        times.withLock { $0.push.append(ms) }
        return response
    }
    func pull(after cursor: Int64, limit: Int, token: String) async throws(SyncError) -> PullResponse {
        let started = ContinuousClock.now
        let response = try await inner.pull(after: cursor, limit: limit, token: token)
        let ms = Milliseconds.since(started)
        times.withLock { $0.pull.append(ms) }
        return response
    }
}

/// Small measuring helpers.
enum Milliseconds {
    static func since(_ start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    /// The `q` quantile (0…1) of `values` (nearest rank); 0 when empty.
    static func quantile(_ values: [Double], _ q: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
        return sorted[max(0, min(sorted.count - 1, rank))]
    }

    static func format(_ value: Double, digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
}

/// The process's peak resident memory (VmHWM), which `resetPeak` starts counting anew.
enum PeakMemory {
    /// VmHWM in megabytes, or nil where /proc is missing.
    static func megabytes() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let number = line.split(separator: " ").dropFirst().first.flatMap { Double($0) }
            return number.map { $0 / 1024 }
        }
        return nil
    }

    /// Resets the peak to the current resident size (Linux `clear_refs` 5); false if not allowed.
    @discardableResult
    static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }
}
