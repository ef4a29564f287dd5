import CaseModel
import Foundation
import Logging
import OfflineStore
import SyncProtocol

/// Pushes the outbox and pulls central changes into the replica.
///
/// A round pushes every pending operation in batches (in order), then pulls pages until the
/// central service has nothing more. Each page is written in short transactions, capped by time
/// (about `transactionBudget`, with prepared statements), each together with the cursor of its
/// last change, so a clerk's own edit never waits long behind the sync and an interrupted pull
/// resumes after the last change written. Pushed operations leave the outbox only after the pull
/// that follows has brought their effect, so what the clerk sees never flickers back to an older
/// state. A batch the central service refuses as a whole is split until the refused operation
/// stands alone; that one is kept as rejected, with the reason, and never blocks the others.
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
    /// Rows per write transaction; adapted after each one so it takes about `transactionBudget`.
    var chunkSize = 16

    /// An engine syncing `replica` with `server` as the clerk whose `token` it holds.
    public init(
        replica: Replica, server: any SyncServer, token: String, deviceID: String,
        pushBatchSize: Int = 200, pullPageSize: Int = 1000, transactionBudget: Duration = .milliseconds(5),
        logger: Logger = Logger(label: "clerk.sync")
    ) {
        self.replica = replica
        self.server = server
        self.token = token
        self.deviceID = deviceID
        self.pushBatchSize = max(1, pushBatchSize)
        self.pullPageSize = max(1, pullPageSize)
        self.transactionBudget = transactionBudget
        self.logger = logger
    }

    /// Uses a new token (after the clerk logged in again); the outbox is untouched.
    public func replaceToken(_ token: String) { self.token = token }

    /// One full round: push everything pending, then pull until up to date.
    @discardableResult
    public func syncOnce() async throws(SyncError) -> SyncReport {
        var report = SyncReport()
        let landed = try await pushAll(into: &report)
        try await pullAll(into: &report)
        if !landed.isEmpty {
            try local { try replica.acknowledge(operationIDs: landed) }
        }
        try local { try replica.recordSyncError(nil) }
        return report
    }

    /// Pushes every pending operation once; returns the ids that landed (applied or conflict).
    func pushAll(into report: inout SyncReport) async throws(SyncError) -> [UUID] {
        var landed: [UUID] = []
        var sent = Set<UUID>()
        while true {
            let pending = try local { try replica.pendingOperations(limit: pushBatchSize + sent.count) }
            let batch = Array(pending.filter { !sent.contains($0.id) }.prefix(pushBatchSize))
            if batch.isEmpty { break }
            for operation in batch { sent.insert(operation.id) }
            var rejected: [(UUID, Rejection)] = []
            for (id, result) in try await pushIsolating(batch) {
                sent.insert(id)
                report.pushed += 1
                if case .duplicate = result { report.duplicates += 1 }
                switch result.original {
                case .applied:
                    report.applied += 1
                    landed.append(id)
                case .conflict:
                    report.conflicts += 1
                    landed.append(id)
                case .rejected(let why):
                    report.rejected += 1
                    rejected.append((id, why))
                case .duplicate:
                    break
                }
            }
            if !rejected.isEmpty {
                for (id, why) in rejected {
                    logger.notice(
                        "operation rejected", metadata: ["operation": "\(id)", "code": "\(why.code)"])
                }
                try local { try replica.markRejected(rejected) }
            }
        }
        return landed
    }

    /// Pushes `operations`; a batch refused as a whole is split until the refused one stands alone.
    func pushIsolating(_ operations: [CaseModel.Operation]) async throws(SyncError) -> [(UUID, PushResult)] {
        do throws(SyncError) {
            let response = try await server.push(
                PushRequest(deviceID: deviceID, operations: operations), token: token)
            return response.results.map { ($0.operationID, $0.result) }
        } catch {
            guard case .refused(let status, let code, let message) = error, Self.isolatable(status) else {
                throw error
            }
            if operations.count == 1, let only = operations.first {
                logger.notice("push refused", metadata: ["operation": "\(only.id)", "status": "\(status)"])
                return [(only.id, .rejected(Rejection(code: code, message: message)))]
            }
            guard operations.count > 1 else { return [] }
            let middle = operations.count / 2
            let first = try await pushIsolating(Array(operations[..<middle]))
            let second = try await pushIsolating(Array(operations[middle...]))
            return first + second
        }
    }

    /// Refusals that concern the operations sent (not the clerk or the protocol as a whole).
    static func isolatable(_ status: Int) -> Bool {
        [400, 403, 409, 413, 422].contains(status)
    }

    /// Pulls pages until the central service has nothing more. While one page is written, the
    /// next is already being fetched (the request starts from that page's cursor, which is where
    /// the replica's cursor stands once the page is written), so the network, the central service
    /// and the decoding overlap with the local writes. A page that fails to be written cancels the
    /// fetch ahead; a fetch that fails is reported after the page before it has been written.
    func pullAll(into report: inout SyncReport) async throws(SyncError) {
        var cursor = try local { try replica.syncState().cursor }
        var page = try await server.pull(after: cursor, limit: pullPageSize, token: token)
        while true {
            try validate(page, after: cursor)
            report.pulledPages += 1
            report.pulledChanges += page.changes.count
            let ahead = page.hasMore ? prefetch(after: page.nextCursor) : nil
            do {
                try apply(page, after: cursor, report: &report)
            } catch {
                ahead?.cancel()
                throw error
            }
            guard let ahead else { break }
            cursor = page.nextCursor
            page = try await ahead.value.get()
        }
    }

    /// Starts fetching the page after `cursor` off the actor, so it runs while the actor writes.
    func prefetch(after cursor: Int64) -> Task<Result<PullResponse, SyncError>, Never> {
        let server = self.server
        let token = self.token
        let limit = pullPageSize
        return Task.detached {
            do throws(SyncError) {
                return .success(try await server.pull(after: cursor, limit: limit, token: token))
            } catch {
                return .failure(error)
            }
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
    func apply(_ page: PullResponse, after cursor: Int64, report: inout SyncReport) throws(SyncError) {
        let changes = page.changes
        var index = changes.startIndex
        let clock = ContinuousClock()
        // Each transaction goes on top of the cursor the one before wrote (a rebuilt replica
        // refuses the rest of a pull that began before it).
        var written = cursor
        while index < changes.endIndex {
            let end = min(index + chunkSize, changes.endIndex)
            let chunk = changes[index..<end]
            let chunkCursor = end == changes.endIndex ? page.nextCursor : chunk.last?.seq ?? page.nextCursor
            let started = clock.now
            try local {
                try replica.applyCentralChanges(
                    chunk.map(\.case), citizens: chunk.compactMap(\.citizen), cursor: chunkCursor,
                    after: written)
            }
            written = chunkCursor
            report.transactions += 1
            adaptChunkSize(took: clock.now - started, rows: chunk.count)
            index = end
        }
        if changes.isEmpty && page.nextCursor != cursor {
            try local { try replica.applyCentralChanges([], cursor: page.nextCursor, after: written) }
        }
    }

    /// Grows or shrinks the rows per transaction so one takes about `transactionBudget`.
    func adaptChunkSize(took: Duration, rows: Int) {
        guard rows > 0, took > .zero else { return }
        let ideal = Double(rows) * (transactionBudget / took) * 0.8
        let next = Int(min(5000, max(1, ideal)))
        chunkSize = next < chunkSize ? next : min(next, chunkSize * 2)
    }

    /// Runs a replica call, turning its failure into `SyncError.localStore`.
    func local<T>(_ body: () throws -> T) throws(SyncError) -> T {
        do { return try body() } catch {
            throw .localStore(detail: "replica: \(error)")
        }
    }
}
