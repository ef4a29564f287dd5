import CaseModel
import Foundation
import Logging
import OfflineStore
import SyncProtocol

/// What the workstation shows about sync in its status bar.
public struct SyncStatus: Hashable, Sendable {
    public enum Connection: Hashable, Sendable {
        case online, offline, syncing
        /// The token is no longer valid; the clerk must enter the password again.
        case loginRequired
    }
    public var connection: Connection
    public var pending: Int
    public var conflicts: Int
    public var rejected: Int
    public var lastSync: Date?
    public var error: SyncError?

    public init(
        connection: Connection, pending: Int, conflicts: Int, rejected: Int, lastSync: Date?,
        error: SyncError?
    ) {
        self.connection = connection
        self.pending = pending
        self.conflicts = conflicts
        self.rejected = rejected
        self.lastSync = lastSync
        self.error = error
    }
}

/// What one sync round did.
public struct SyncReport: Hashable, Sendable {
    public var pushed = 0
    public var applied = 0
    public var duplicates = 0
    public var conflicts = 0
    public var rejected = 0
    public var pulledChanges = 0
    public var pulledPages = 0
    public var transactions = 0
    public init() {}
}

/// Pushes the outbox and pulls central changes into the replica.
///
/// A round pushes every pending operation in batches (in order), then pulls pages until the
/// central service has nothing more. Each page is written in short transactions, capped by time
/// (about `transactionBudget`), each together with the cursor of its last change, so a clerk's
/// own edit never waits long behind the sync and an interrupted pull resumes where it stopped.
/// Pushed operations leave the outbox only after the pull has brought their effect, so what the
/// clerk sees never flickers back to an older state.
public actor SyncEngine {
    let replica: Replica
    let server: any SyncServer
    let deviceID: String
    var token: String
    let logger: Logger
    public let pushBatchSize: Int
    public let pullPageSize: Int
    /// The target duration of one write transaction while applying a pull.
    public let transactionBudget: Duration
    var chunkSize = 100

    public init(
        replica: Replica, server: any SyncServer, token: String, deviceID: String,
        pushBatchSize: Int = 200, pullPageSize: Int = 1000, transactionBudget: Duration = .milliseconds(25),
        logger: Logger = Logger(label: "clerk.sync")
    ) {
        self.replica = replica
        self.server = server
        self.token = token
        self.deviceID = deviceID
        self.pushBatchSize = pushBatchSize
        self.pullPageSize = pullPageSize
        self.transactionBudget = transactionBudget
        self.logger = logger
    }

    /// Uses a new token (after the clerk logged in again); the outbox is untouched.
    public func replaceToken(_ token: String) { self.token = token }

    /// One full round: push everything pending, then pull until up to date.
    @discardableResult
    public func syncOnce() async throws(SyncError) -> SyncReport {
        var report = SyncReport()
        var landed: [UUID] = []
        var alreadySent = Set<UUID>()
        while true {
            let batch: [CaseModel.Operation]
            do { batch = try replica.pendingOperations(limit: pushBatchSize + alreadySent.count) } catch {
                throw .badResponse(detail: "replica: \(error)")
            }
            let fresh = batch.filter { !alreadySent.contains($0.id) }.prefix(pushBatchSize)
            if fresh.isEmpty { break }
            let response = try await server.push(
                PushRequest(deviceID: deviceID, operations: Array(fresh)), token: token)
            report.pushed += fresh.count
            var rejected: [(UUID, Rejection)] = []
            for answer in response.results {
                alreadySent.insert(answer.operationID)
                if case .duplicate = answer.result { report.duplicates += 1 }
                switch answer.result.original {
                case .applied:
                    report.applied += 1
                    landed.append(answer.operationID)
                case .conflict:
                    report.conflicts += 1
                    landed.append(answer.operationID)
                case .rejected(let why):
                    report.rejected += 1
                    rejected.append((answer.operationID, why))
                case .duplicate:
                    break
                }
            }
            if !rejected.isEmpty {
                do { try replica.markRejected(rejected) } catch {
                    throw .badResponse(detail: "replica: \(error)")
                }
            }
        }
        try await pullAll(into: &report)
        if !landed.isEmpty {
            do { try replica.acknowledge(operationIDs: landed) } catch {
                throw .badResponse(detail: "replica: \(error)")
            }
        }
        do { try replica.recordSyncError(nil) } catch {}
        return report
    }

    func pullAll(into report: inout SyncReport) async throws(SyncError) {
        while true {
            let cursor: Int64
            do { cursor = try replica.syncState().cursor } catch {
                throw .badResponse(detail: "replica: \(error)")
            }
            let page = try await server.pull(after: cursor, limit: pullPageSize, token: token)
            try validate(page, after: cursor)
            report.pulledPages += 1
            report.pulledChanges += page.changes.count
            try apply(page, report: &report)
            if !page.hasMore { break }
        }
    }

    /// Refuses a page that breaks the protocol's promises, before anything is written.
    func validate(_ page: PullResponse, after cursor: Int64) throws(SyncError) {
        var last = cursor
        for change in page.changes {
            guard change.seq > last else {
                throw .badResponse(detail: "pull page not ordered after cursor \(cursor) (seq \(change.seq))")
            }
            last = change.seq
        }
        guard page.nextCursor >= last else {
            throw .badResponse(detail: "pull cursor \(page.nextCursor) behind its last change \(last)")
        }
        if page.hasMore && page.changes.isEmpty {
            throw .badResponse(detail: "pull page empty but more announced")
        }
    }

    /// Writes a page in time-capped transactions, each with the cursor of its last change.
    func apply(_ page: PullResponse, report: inout SyncReport) throws(SyncError) {
        var index = page.changes.startIndex
        let clock = ContinuousClock()
        while index < page.changes.endIndex {
            let end = min(index + chunkSize, page.changes.endIndex)
            let chunk = page.changes[index..<end]
            let isLast = end == page.changes.endIndex
            let cursor = isLast ? page.nextCursor : chunk.last?.seq ?? page.nextCursor
            let started = clock.now
            do {
                try replica.applyCentralChanges(
                    chunk.map(\.case), citizens: chunk.compactMap(\.citizen), cursor: cursor)
            } catch {
                throw .badResponse(detail: "replica: \(error)")
            }
            report.transactions += 1
            adaptChunkSize(took: clock.now - started, rows: chunk.count)
            index = end
        }
        if page.changes.isEmpty {
            do { try replica.applyCentralChanges([], cursor: page.nextCursor) } catch {
                throw .badResponse(detail: "replica: \(error)")
            }
        }
    }

    /// Grows or shrinks the rows per transaction so one takes about `transactionBudget`.
    func adaptChunkSize(took: Duration, rows: Int) {
        let perRow = Double(took.components.attoseconds) / 1e18 + Double(took.components.seconds)
        guard rows > 0, perRow > 0 else { return }
        let budget =
            Double(transactionBudget.components.attoseconds) / 1e18
            + Double(transactionBudget.components.seconds)
        let ideal = Int(budget / (perRow / Double(rows)))
        chunkSize = max(1, min(5000, (chunkSize + ideal) / 2))
    }
}
