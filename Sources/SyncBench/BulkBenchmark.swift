import CaseModel
import CentralService
import Foundation
import OfflineStore
import SyncClient
import SyncProtocol
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Initial sync of many cases and an incremental sync of some changes into one replica, against
/// writing the same rows straight into SQLite, with peak memory and a clerk's edit latency.
struct BulkBenchmark {
    let options: SyncBenchOptions
    let directory: URL

    func run(store base: any CentralStore) async throws -> String {
        let unit = OrgUnitRef(
            id: "bulk", name: .init(de: "Massentest", en: "Bulk test"), directPhone: "089 233-1")
        try await base.createOrgUnit(unit)
        let hash = Credentials.hashPassword(BenchCentral.password, cost: 4)
        try await base.createClerk(
            ClerkRecord(id: "bulk", name: "Bulk", passwordHash: hash, roles: [.counter], orgUnits: [unit.id]))
        let seedStarted = ContinuousClock.now
        let clerk = ClerkRecord(
            id: "bulk", name: "Bulk", passwordHash: "", roles: [.counter], orgUnits: [unit.id])
        let decider = OperationDecider(definitions: BenchService.definitions)
        var caseIDs: [UUID] = []
        caseIDs.reserveCapacity(options.initialCases)
        let start = Date(timeIntervalSince1970: 1_772_000_000)
        for index in 0..<options.initialCases {
            let operation = BulkData.create(clerk: "bulk", unit: unit.id, index: index, at: start)
            caseIDs.append(operation.caseID)
            _ = try await base.apply(operation) { current in
                decider.decide(operation, current: current, clerk: clerk, now: start)
            }
        }
        let seedSeconds = Milliseconds.since(seedStarted) / 1000
        let central = try await BenchCentral.start(store: base, maxConnections: 8)
        defer { Task { await central.stop() } }

        let path = directory.appendingPathComponent("bulk.sqlite").path
        let replica = try Replica.open(path: path)
        defer { try? replica.close() }
        let login = try await central.http.login(
            LoginRequest(username: "bulk", password: BenchCentral.password, deviceID: "dev-bulk"))
        let engine = SyncEngine(
            replica: replica, server: central.http, token: login.token, deviceID: "dev-bulk",
            pullPageSize: 1000)

        // What the seeding wrote is flushed first, so the measurements do not pay for it.
        settleDisk()
        let peakWasReset = PeakMemory.resetPeak()
        let memoryBefore = PeakMemory.megabytes() ?? 0
        let probe = EditProbe(replica: replica, unit: unit.id)
        let editing = Task { try await probe.measureWhile(interval: .milliseconds(5)) }
        let initialStarted = ContinuousClock.now
        let initialReport = try await engine.syncOnce()
        let initialSeconds = Milliseconds.since(initialStarted) / 1000
        probe.stop()
        let busy = try await editing.value
        let initialPeak = PeakMemory.megabytes() ?? 0
        // Idle is measured the same way as during the pull (an edit every 5 ms), once the
        // pull's own writes have reached the disk.
        settleDisk()
        let idle = try probe.measureIdle(count: 300, interval: .milliseconds(5))
        try await engine.syncOnce()  // sends the edits made while measuring; not timed

        // The same rows straight into SQLite, page by page as the central service hands them out.
        let rawPath = directory.appendingPathComponent("raw.sqlite").path
        try Replica.open(path: rawPath).close()
        var rawSeconds = 0.0
        var cursor: Int64 = 0
        var row: Int64 = 1
        var written = Set<UUID>()
        while true {
            let page = try await base.changes(after: cursor, orgUnits: [unit.id], limit: 1000)
            let fresh = page.changes.filter { written.insert($0.case.id).inserted }
            rawSeconds += try writeCasesStraight(
                fresh.map(\.case), citizens: fresh.compactMap(\.citizen), intoReplicaAt: rawPath,
                firstRow: row)
            row += Int64(fresh.count)
            cursor = page.nextCursor
            if !page.hasMore { break }
        }

        // Incremental: changes made centrally by someone else.
        let changes = min(options.incrementalChanges, caseIDs.count)
        var changed: [Case] = []
        for index in 0..<changes {
            let operation = CaseModel.Operation(
                caseID: caseIDs[index * max(1, caseIDs.count / max(1, changes)) % caseIDs.count],
                baseVersion: 1,
                clerk: "bulk", device: "dev-other", timestamp: start.addingTimeInterval(60),
                kind: .setField(field: "rasse", old: .text("Dackel"), new: .text("Pudel")))
            _ = try await base.apply(operation) { current in
                decider.decide(operation, current: current, clerk: clerk, now: start)
            }
            if let now = try await base.currentCase(id: operation.caseID) { changed.append(now) }
        }
        PeakMemory.resetPeak()
        let incrementalBefore = PeakMemory.megabytes() ?? 0
        let incrementalStarted = ContinuousClock.now
        let incrementalReport = try await engine.syncOnce()
        let incrementalSeconds = Milliseconds.since(incrementalStarted) / 1000
        let incrementalPeak = PeakMemory.megabytes() ?? 0
        let rawIncrementalPath = directory.appendingPathComponent("raw-incremental.sqlite").path
        try Replica.open(path: rawIncrementalPath).close()
        let rawIncrementalSeconds = try writeCasesStraight(
            changed, citizens: [], intoReplicaAt: rawIncrementalPath)
        let visible = try replica.visibleCaseIDs().count
        let sealedComparison =
            options.sealedComparison ? try await SealedSyncComparison(directory: directory).run(central) : ""

        let initialRate = Double(initialReport.pulledChanges) / max(initialSeconds, 1e-9)
        let rawRate = Double(written.count) / max(rawSeconds, 1e-9)
        let incrementalRate = Double(incrementalReport.pulledChanges) / max(incrementalSeconds, 1e-9)
        let rawIncrementalRate = Double(changed.count) / max(rawIncrementalSeconds, 1e-9)
        var out = "### Initial and incremental sync (SQLite store)\n\n"
        out +=
            "Central store seeded with \(options.initialCases) cases in \(Milliseconds.format(seedSeconds)) s "
        out += "(not part of the figures). The replica now shows \(visible) cases.\n\n"
        out +=
            "| sync | changes | seconds | changes/s | straight into SQLite, changes/s | ratio | transactions | peak memory, whole process (VmHWM) | before the sync |\n"
        out += "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        out +=
            "| initial | \(initialReport.pulledChanges) | \(Milliseconds.format(initialSeconds, digits: 2)) | "
        out +=
            "\(Milliseconds.format(initialRate, digits: 0)) | \(Milliseconds.format(rawRate, digits: 0)) | "
        out +=
            "\(Milliseconds.format(100 * initialRate / max(rawRate, 1e-9), digits: 0)) % | \(initialReport.transactions) | "
        out +=
            "\(Milliseconds.format(initialPeak, digits: 0)) MB | \(Milliseconds.format(memoryBefore, digits: 0)) MB |\n"
        out +=
            "| incremental | \(incrementalReport.pulledChanges) | \(Milliseconds.format(incrementalSeconds, digits: 3)) | "
        out +=
            "\(Milliseconds.format(incrementalRate, digits: 0)) | \(Milliseconds.format(rawIncrementalRate, digits: 0)) | "
        out += "\(Milliseconds.format(100 * incrementalRate / max(rawIncrementalRate, 1e-9), digits: 0)) % | "
        out +=
            "\(incrementalReport.transactions) | \(Milliseconds.format(incrementalPeak, digits: 0)) MB | "
        out += "\(Milliseconds.format(incrementalBefore, digits: 0)) MB |\n\n"
        out += "Peak memory is the resident peak (VmHWM) of the whole process during each sync, reset to the "
        out +=
            "resident size just before it: the replica, the sync engine, the edit probe and the in-process "
        out +=
            "central service with its \(options.initialCases)-case store. This benchmark runs before the load "
        out += "benchmark, so none of the load test's replicas are counted."
        if !peakWasReset {
            out += " (Resetting the peak was not allowed here: the figure is the process's peak.)"
        }
        out += "\n\n"
        out += "A clerk's edit (`Replica.record`, one outbox row) — idle and while the initial pull runs:\n\n"
        out += "| | edits | p50 ms | p99 ms | max ms |\n| --- | ---: | ---: | ---: | ---: |\n"
        out +=
            "| idle | \(idle.count) | \(Milliseconds.format(Milliseconds.quantile(idle, 0.5), digits: 2)) | "
        out +=
            "\(Milliseconds.format(Milliseconds.quantile(idle, 0.99), digits: 2)) | \(Milliseconds.format(idle.max() ?? 0, digits: 2)) |\n"
        out +=
            "| during the pull | \(busy.count) | \(Milliseconds.format(Milliseconds.quantile(busy, 0.5), digits: 2)) | "
        out +=
            "\(Milliseconds.format(Milliseconds.quantile(busy, 0.99), digits: 2)) | \(Milliseconds.format(busy.max() ?? 0, digits: 2)) |\n"
        return out + sealedComparison
    }
}

/// Measures how long a clerk's edit takes, on its own thread so the sync cannot starve it.
final class EditProbe: Sendable {
    let replica: Replica
    let unit: String
    private let running = Mutex(true)

    init(replica: Replica, unit: String) {
        self.replica = replica
        self.unit = unit
    }

    func stop() { running.withLock { $0 = false } }

    /// `count` edits, one every `interval`, in milliseconds each.
    func measureIdle(count: Int, interval: Duration) throws -> [Double] {
        var times: [Double] = []
        for index in 0..<count {
            times.append(try edit(index))
            Thread.sleep(forTimeInterval: Self.seconds(interval))
        }
        return times
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Edits every `interval` until `stop()`, on a dedicated thread; milliseconds each.
    func measureWhile(interval: Duration) async throws -> [Double] {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { [self] in
                var times: [Double] = []
                var index = 10_000
                do {
                    while running.withLock({ $0 }) {
                        times.append(try edit(index))
                        index += 1
                        Thread.sleep(forTimeInterval: Self.seconds(interval))
                    }
                    continuation.resume(returning: times)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.start()
        }
    }

    /// One clerk's edit: a new application entered at the counter (outbox row, queue row,
    /// full-text entry, citizen), so no edit waits behind the clerk's own earlier ones.
    private func edit(_ index: Int) throws -> Double {
        let operation = BulkData.create(clerk: "bulk", unit: unit, index: index)
        let started = ContinuousClock.now
        try replica.record(operation)
        return Milliseconds.since(started)
    }
}

/// Waits until what the process wrote so far has reached the disk (and a moment more), so one
/// measurement does not pay for the writes of the step before it.
func settleDisk() {
    #if canImport(Glibc)
        Glibc.sync()
    #endif
    Thread.sleep(forTimeInterval: 1)
}
