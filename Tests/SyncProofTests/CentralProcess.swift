import CaseModel
import CentralService
import Foundation
import SyncClient
import SyncProtocol
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Why a test with the real `clerk-central` could not start.
enum CentralProcessError: Error, CustomStringConvertible {
    case missingBinary(String)
    case notStarted(log: String)

    var description: String {
        switch self {
        case .missingBinary(let path): "\(path) is missing: run swift build first"
        case .notStarted(let log): "clerk-central did not answer:\n\(log)"
        }
    }
}

/// The built `clerk-central serve`, as a process of its own on a loopback port, with a SQLite
/// store in a temporary folder: started, killed (`SIGKILL`), stopped and continued (`SIGSTOP`,
/// `SIGCONT`), started again on the same port and store, or on a store file put back from a copy.
///
/// Used by one test at a time; not shared between tasks.
final class CentralProcess {
    /// The package root, from this file's place in `Tests/SyncProofTests/`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static var binary: String { root.appendingPathComponent(".build/debug/clerk-central").path }
    static let password = "Geheim-123"

    let directory: URL
    let port: Int
    private var process: Process?
    private var starts = 0

    /// The process id while it runs.
    var pid: Int32? { process?.processIdentifier }
    /// The store file.
    var storePath: String { directory.appendingPathComponent("central.sqlite").path }
    var url: String { "http://127.0.0.1:\(port)" }
    /// An HTTP connection as the workstation has one.
    var http: HTTPSyncServer { HTTPSyncServer(baseURL: url) }

    /// A seeded store (the catalogue, its org units, the demo clerks with `password`, `cases` demo
    /// cases of `seed`) and a free port; nothing runs yet.
    init(cases: Int, seed: UInt64 = 2026) async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw CentralProcessError.missingBinary(Self.binary)
        }
        directory = try World.temporaryDirectory("central-process")
        port = try freePort()
        try await Self.seed(
            path: directory.appendingPathComponent("central.sqlite").path, cases: cases, seed: seed)
    }

    /// Seeds a new store file at `path`.
    static func seed(path: String, cases: Int, seed: UInt64) async throws {
        let store = try SQLiteCentralStore(path: path)
        try await store.migrate()
        let report = try await CentralAdmin(store: store).seedDemo(
            password: password, cases: cases, catalogDirectory: root.appendingPathComponent("Catalog"),
            seed: seed,
            bcryptCost: 4)
        try #require(report.rejections.isEmpty, "\(report.rejections)")
    }

    /// Starts `clerk-central serve` and waits until it answers.
    func start() async throws {
        starts += 1
        let log = directory.appendingPathComponent("serve-\(starts).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = [
            "serve", "--store", "sqlite:" + storePath, "--host", "127.0.0.1", "--port", String(port),
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["CLERK_CENTRAL_LOG_LEVEL"] = "warning"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        self.process = process
        let http = self.http
        for _ in 0..<400 {
            if (try? await http.checkReachable()) != nil { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CentralProcessError.notStarted(log: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    /// Kills the process at once (`SIGKILL`): no shutdown, no checkpoint, the port closes.
    func kill() {
        guard let process else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    /// Stops the process (`SIGSTOP`): connections are still accepted by the kernel, nothing answers.
    func hang() {
        guard let process else { return }
        Glibc.kill(process.processIdentifier, SIGSTOP)
    }

    /// Lets a stopped process go on (`SIGCONT`).
    func proceed() {
        guard let process else { return }
        Glibc.kill(process.processIdentifier, SIGCONT)
    }

    /// Copies the store file (with its write-ahead log) to `name` in the folder; only while the
    /// process is not running, so the copy is consistent.
    func copyStore(to name: String) throws {
        precondition(process == nil, "copy the store only while the service is down")
        for suffix in ["", "-wal"] {
            let source = storePath + suffix
            let target = directory.appendingPathComponent(name + suffix).path
            try? FileManager.default.removeItem(atPath: target)
            if FileManager.default.fileExists(atPath: source) {
                try FileManager.default.copyItem(atPath: source, toPath: target)
            }
        }
    }

    /// Puts the copy `name` back as the store file (a restore from a backup); only while the
    /// process is not running.
    func restoreStore(from name: String) throws {
        precondition(process == nil, "restore the store only while the service is down")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath + suffix) }
        for suffix in ["", "-wal"] {
            let source = directory.appendingPathComponent(name + suffix).path
            if FileManager.default.fileExists(atPath: source) {
                try FileManager.default.copyItem(atPath: source, toPath: storePath + suffix)
            }
        }
    }

    /// Replaces the store file with a newly seeded one (another store: another identity).
    func replaceStore(cases: Int, seed: UInt64) async throws {
        precondition(process == nil, "replace the store only while the service is down")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath + suffix) }
        try await Self.seed(path: storePath, cases: cases, seed: seed)
    }

    /// The store as the service keeps it, read from the file (while the service may run).
    func withStore<T>(_ body: (SQLiteCentralStore) async throws -> T) async throws -> T {
        let store = try SQLiteCentralStore(path: storePath)
        return try await body(store)
    }

    /// Every case of the store, by id, as a workstation receives it (through the wire's coding:
    /// instants to the millisecond), the store's identity and its head; read straight from the file.
    func cases() async throws -> (cases: [UUID: Case], storeID: UUID, head: Int64) {
        try await withStore { store in
            let units = Set(try await store.orgUnits().map(\.id))
            var cases: [UUID: Case] = [:]
            var cursor: Int64 = 0
            var last: PullResponse
            repeat {
                let page = try await store.changes(after: cursor, orgUnits: units, limit: 1000)
                last = try WireProtocol.makeDecoder().decode(
                    PullResponse.self, from: WireProtocol.makeEncoder().encode(page))
                for change in last.changes { cases[change.case.id] = change.case }
                cursor = last.nextCursor
            } while last.hasMore
            return (cases, last.storeID, last.head)
        }
    }

    /// Logs `clerk` in and returns the token.
    func token(_ clerk: String = "anna", device: String = "dev-anna") async throws -> String {
        try await http.login(LoginRequest(username: clerk, password: Self.password, deviceID: device)).token
    }

    /// Kills the process if it runs and removes the folder.
    func close() {
        proceed()
        kill()
        try? FileManager.default.removeItem(at: directory)
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
