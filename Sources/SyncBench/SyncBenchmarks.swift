import CaseModel
import CentralService
import Foundation
import Logging
import OfflineStore
import SyncClient
import SyncProtocol
import Synchronization

/// What the sync benchmarks run; every size is bounded so a run ends on its own.
public struct SyncBenchOptions: Sendable {
    /// Simulated clerks syncing at once in the load benchmark.
    public var clerks = 200
    /// Sync rounds per clerk; each records `operationsPerRound` operations first.
    public var rounds = 5
    public var operationsPerRound = 3
    /// Cases of the initial sync and changes of the incremental sync.
    public var initialCases = 100_000
    public var incrementalChanges = 1_000
    /// A PostgreSQL URL; the load benchmark also runs against PostgreSQL when given.
    public var postgresURL: String?
    /// Where replicas and the SQLite store are written (removed afterwards).
    public var workDirectory = FileManager.default.temporaryDirectory
    /// The load benchmark stops starting new rounds after this long.
    public var loadTimeLimit: Duration = .seconds(240)
    /// Whether to run the load benchmark (many clerks at once).
    public var runLoad = true
    /// Whether to run the initial and incremental sync benchmark (it runs first, so that its
    /// memory figures are not inflated by what the load benchmark left behind).
    public var runBulk = true
    /// Whether the bulk benchmark also pulls the same cases into fresh sealed and plain replicas,
    /// for the cost of sealing (`--sealed`).
    public var sealedComparison = false

    /// Defaults; the PostgreSQL URL is taken from `CLERK_BENCH_POSTGRES_URL` or `CLERK_TEST_POSTGRES_URL`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        postgresURL = environment["CLERK_BENCH_POSTGRES_URL"] ?? environment["CLERK_TEST_POSTGRES_URL"]
        if postgresURL?.isEmpty == true { postgresURL = nil }
    }
}

/// Runs the sync benchmarks against the real central service on loopback and returns the
/// figures as Markdown: load with many clerks (per store), initial and incremental sync with
/// the ratio to writing the same rows straight into SQLite, peak memory, and a clerk's edit
/// latency while a large pull runs.
public func runSyncBenchmarks(_ options: SyncBenchOptions = SyncBenchOptions()) async throws -> String {
    let directory = options.workDirectory.appendingPathComponent("clerk-sync-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var out = "## Sync benchmarks\n\n"
    out +=
        "Loopback only; the central service runs in the same process (\(ProcessInfo.processInfo.activeProcessorCount) cores).\n\n"
    if options.runBulk {
        out += try await withBenchStore(postgresURL: nil, directory: directory) { store in
            try await BulkBenchmark(options: options, directory: directory).run(store: store)
        }
        out += "\n"
    }
    guard options.runLoad else { return out }
    var stores: [(String, String?)] = [("SQLite", nil)]
    if let url = options.postgresURL { stores.append(("PostgreSQL", url)) }
    out += "### Load: \(options.clerks) clerks syncing at once\n\n"
    out +=
        "| store | operations | applied / conflict / rejected | seconds | operations/s | push p50 ms | push p99 ms | pull p50 ms | pull p99 ms | lost | applied twice |\n"
    out += "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
    for (name, url) in stores {
        let line = try await withBenchStore(postgresURL: url, directory: directory) { store in
            try await LoadBenchmark(options: options, directory: directory).run(store: store)
        }
        out += "| \(name) | \(line.operations) | \(line.applied) / \(line.conflicts) / \(line.rejected) | "
        out += "\(Milliseconds.format(line.seconds)) | "
        out += "\(Milliseconds.format(line.operationsPerSecond, digits: 0)) | "
        out += "\(Milliseconds.format(line.pushP50)) | \(Milliseconds.format(line.pushP99)) | "
        out += "\(Milliseconds.format(line.pullP50)) | \(Milliseconds.format(line.pullP99)) | "
        out += "\(line.lost) | \(line.duplicated) |\n"
    }
    out += "\n"
    return out
}

/// One line of the load benchmark.
struct LoadResult: Sendable {
    var operations: Int
    var seconds: Double
    var operationsPerSecond: Double { seconds > 0 ? Double(operations) / seconds : 0 }
    var pushP50: Double
    var pushP99: Double
    var pullP50: Double
    var pullP99: Double
    /// Recorded operations that never took effect centrally.
    var lost: Int
    /// Operations that took effect more than once.
    var duplicated: Int
    /// How the central service answered each operation the first time.
    var applied: Int
    var conflicts: Int
    var rejected: Int
}

/// Many clerks, each with a real replica, recording and syncing at the same time.
struct LoadBenchmark {
    let options: SyncBenchOptions
    let directory: URL

    func run(store base: any CentralStore) async throws -> LoadResult {
        let units = max(1, options.clerks / 10)
        for unit in 0..<units {
            try await base.createOrgUnit(
                OrgUnitRef(
                    id: "unit-\(unit)", name: .init(de: "Team \(unit)", en: "Team \(unit)"),
                    directPhone: "089 233-0"))
        }
        let hash = Credentials.hashPassword(BenchCentral.password, cost: 4)
        for clerk in 0..<options.clerks {
            try await base.createClerk(
                ClerkRecord(
                    id: "clerk-\(clerk)", name: "Clerk \(clerk)", passwordHash: hash, roles: [.counter],
                    orgUnits: ["unit-\(clerk % units)"]))
        }
        let central = try await BenchCentral.start(store: base, maxConnections: 64, teams: units)
        let timing = TimingServer(central.http)
        var clerks: [BenchClerk] = []
        for index in 0..<options.clerks {
            clerks.append(
                try await BenchClerk.make(
                    index: index, unit: "unit-\(index % units)", central: central, server: timing,
                    directory: directory))
        }
        let recorded = RecordedOperations()
        let deadline = ContinuousClock.now + options.loadTimeLimit
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for clerk in clerks {
                let options = self.options
                group.addTask {
                    var random = SystemRandomNumberGenerator()
                    for round in 0..<options.rounds where ContinuousClock.now < deadline {
                        var ids: [UUID] = []
                        for step in 0..<options.operationsPerRound {
                            if let id = try clerk.work(round: round, step: step, random: &random) {
                                ids.append(id)
                            }
                        }
                        recorded.add(ids)
                        do { try await clerk.engine.syncOnce() } catch let error as SyncError
                            where error.isTransient
                        {
                            continue  // retried in the next round, as the scheduler would
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let seconds = Milliseconds.since(started) / 1000
        // A quiet final round for everybody, then count.
        for clerk in clerks { try await clerk.engine.syncOnce() }
        let applications = central.store.firstApplications
        let ids = recorded.all
        var pending = 0
        for clerk in clerks { pending += try clerk.replica.pendingCount() }
        let lost = ids.filter { applications[$0] == nil }.count
        let duplicated = applications.values.filter { $0 > 1 }.count
        let first = central.store.results.compactMapValues(\.first)
        var applied = 0
        var conflicts = 0
        var rejected = 0
        for id in ids {
            switch first[id] {
            case .applied?: applied += 1
            case .conflict?: conflicts += 1
            case .rejected?: rejected += 1
            case .duplicate?, nil: break
            }
        }
        let measured = timing.measured
        await central.stop()
        for clerk in clerks { clerk.close() }
        if pending > 0 { throw BenchError.failed("\(pending) operations still pending after the final sync") }
        return LoadResult(
            operations: ids.count, seconds: seconds, pushP50: Milliseconds.quantile(measured.push, 0.5),
            pushP99: Milliseconds.quantile(measured.push, 0.99),
            pullP50: Milliseconds.quantile(measured.pull, 0.5),
            pullP99: Milliseconds.quantile(measured.pull, 0.99), lost: lost, duplicated: duplicated,
            applied: applied, conflicts: conflicts, rejected: rejected)
    }
}

/// One simulated clerk: a real replica and a sync engine over HTTP.
struct BenchClerk: Sendable {
    let id: String
    let unit: String
    let replica: Replica
    let engine: SyncEngine
    let path: String

    static func make(
        index: Int, unit: String, central: BenchCentral, server: any SyncServer, directory: URL
    ) async throws -> BenchClerk {
        let id = "clerk-\(index)"
        let path = directory.appendingPathComponent("\(id).sqlite").path
        let replica = try Replica.open(path: path)
        let login = try await central.http.login(
            LoginRequest(username: id, password: BenchCentral.password, deviceID: "dev-\(id)"))
        let engine = SyncEngine(
            replica: replica, server: server, token: login.token, deviceID: "dev-\(id)", pullPageSize: 500)
        return BenchClerk(id: id, unit: unit, replica: replica, engine: engine, path: path)
    }

    /// Records one operation: a new case in the first round, later an edit or a comment on a
    /// case of the unit. Returns its id (nil if the replica refused it locally).
    func work(round: Int, step: Int, random: inout some RandomNumberGenerator) throws -> UUID? {
        let now = Date()
        if round == 0 && step == 0 {
            let operation = BulkData.create(
                clerk: id, unit: unit, index: Int.random(in: 0..<1_000_000, using: &random))
            try replica.record(operation)
            return operation.id
        }
        guard let caseID = try replica.visibleCaseIDs().randomElement(using: &random),
            let visible = try replica.visibleCase(id: caseID)
        else { return nil }
        let kind: OperationKind =
            step % 2 == 0
            ? .setField(field: "farbe", old: visible.fields["farbe"], new: .text("\(id)-\(round)-\(step)"))
            : .addComment(text: "Runde \(round)")
        let operation = CaseModel.Operation(
            caseID: caseID, baseVersion: try replica.centralCase(id: caseID)?.version ?? 0, clerk: id,
            device: "dev-\(id)", timestamp: now, kind: kind)
        do { try replica.record(operation) } catch is ReplicaError { return nil }
        return operation.id
    }

    func close() {
        try? replica.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// Generated cases for the benchmarks.
enum BulkData {
    static let families = [
        "Huber", "Müller", "Schmid", "Bauer", "Wagner", "Gruber", "Brandl", "Öztürk", "Weiß", "Kraus",
    ]
    static let streets = ["Sendlinger Straße", "Leopoldstraße", "Rosenheimer Straße", "Landsberger Straße"]

    static func create(clerk: String, unit: String, index: Int, at time: Date = Date()) -> CaseModel.Operation
    {
        let citizen = Citizen(
            id: UUID(), name: PersonName(given: "Josef", family: families[index % families.count]),
            dateOfBirth: LocalDate(dayNumber: -10_000 + index % 20_000),
            address: PostalAddress(
                street: streets[index % streets.count], houseNumber: "\(index % 200 + 1)", postcode: "80331",
                city: "München"))
        let caseID = UUID()
        return CaseModel.Operation(
            caseID: caseID, baseVersion: 0, clerk: clerk, device: "dev-\(clerk)", timestamp: time,
            kind: .createCase(
                NewCase(
                    number: "HUN-2026-\(String(index, radix: 10))-\(caseID.uuidString.prefix(4))",
                    serviceID: BenchService.service(of: unit).id, formVersion: 1, orgUnit: unit,
                    channel: .counter,
                    initialState: "eingegangen", citizen: citizen,
                    fields: ["name_hund": .text("Bello \(index)"), "rasse": .text("Dackel")],
                    receivedAt: time,
                    enteredBy: clerk)))
    }
}

/// The ids of the operations the simulated clerks recorded.
final class RecordedOperations: Sendable {
    private let ids = Mutex<[UUID]>([])
    var all: [UUID] { ids.withLock { $0 } }
    func add(_ more: [UUID]) { ids.withLock { $0.append(contentsOf: more) } }
}
