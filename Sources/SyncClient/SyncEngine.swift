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
///
/// **Which store.** Every page names its central store and that store's head. When the store is
/// not the one the replica synced with, or the replica's cursor is beyond the head (a store
/// restored from an older copy), the cursor means nothing there: the engine logs a notice, keeps
/// a `PullRestart` for the workstation to show, and pulls from the beginning — the outbox is
/// kept and pushed again (the service recognises operations it has by their ids), and cases the
/// store does not deliver again leave the replica once the new pull is complete. With pending
/// operations, the store is checked before they are pushed, so a push cannot lift the head of a
/// restored store past the cursor and hide the restore.
///
/// **Page size.** A page whose answer is larger than the client takes is asked for again with
/// half the limit, down to a single case; the limit grows back page by page. Only when even one
/// case is too large does the pull stop, with `SyncError.tooLarge` for the clerk to read.
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
    /// A restart of the pull not yet taken by `takeRestart()`.
    var unreportedRestart: PullRestart?

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

    /// The last restart of the pull since this was asked last (also when the round that found it
    /// failed afterwards), or nil.
    public func takeRestart() -> PullRestart? {
        defer { unreportedRestart = nil }
        return unreportedRestart
    }

    /// Asks the central service whether it answers at all (a quick request without the replica).
    public func checkReachable() async throws(SyncError) {
        try await server.checkReachable()
    }

    /// One full round: push everything pending, then pull until up to date.
    @discardableResult
    public func syncOnce() async throws(SyncError) -> SyncReport {
        var report = SyncReport()
        if try local({ try replica.pendingCount() }) > 0 {
            // The store is checked before the push, which could lift a restored store's head past the cursor.
            _ = try await startPull(limit: 1, into: &report)
        }
        let landed = try await pushAll(into: &report)
        try await pullAll(into: &report)
        if !landed.isEmpty {
            try local { try replica.acknowledge(operationIDs: landed) }
        }
        try local { try replica.recordSyncError(nil) }
        // A round that got this far spoke with the central service with a token it accepted.
        try local {
            try replica.recordCentralContact(at: Date(), offlineLimitSeconds: report.offlineLimitSeconds)
        }
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

    /// A page and the limit it was asked for with.
    struct FetchedPage: Sendable {
        var page: PullResponse
        var cursor: Int64
        var limit: Int
    }

    /// Fetches the first page (of at most `limit` cases) after the replica's cursor and starts
    /// the pull over if the store is another one or its head is behind the cursor; returns the
    /// page to go on with, checked (`validate`) but not written yet.
    func startPull(limit: Int, into report: inout SyncReport) async throws(SyncError) -> FetchedPage {
        let state = try local { try replica.syncState() }
        let fetched = try await fetch(after: state.cursor, limit: limit, report: &report)
        let page = fetched.page
        report.offlineLimitSeconds = page.offlineLimitSeconds ?? report.offlineLimitSeconds
        var restart: PullRestart?
        if let previous = state.centralStore, previous != page.storeID {
            restart = .otherStore(previous: previous, current: page.storeID)
        } else if state.cursor > page.head {
            restart = .cursorAhead(cursor: state.cursor, head: page.head)
        }
        guard let restart else {
            try validate(page, after: state.cursor, store: page.storeID)
            if state.centralStore == nil { try local { try replica.rememberCentralStore(page.storeID) } }
            return fetched
        }
        logger.notice(
            "central store reset or replaced: pulling everything again, the outbox is kept",
            metadata: ["reason": "\(restart.detail)", "store": "\(page.storeID)"])
        try local { try replica.restartPull(centralStore: page.storeID) }
        report.restart = restart
        unreportedRestart = restart
        let fresh = try await fetch(after: 0, limit: limit, report: &report)
        try validate(fresh.page, after: 0, store: page.storeID)
        return fresh
    }

    /// Pulls pages until the central service has nothing more. While one page is written, the
    /// next is already being fetched (the request starts from that page's cursor, which is where
    /// the replica's cursor stands once the page is written), so the network, the central service
    /// and the decoding overlap with the local writes. A page that fails to be written cancels the
    /// fetch ahead; a fetch that fails is reported after the page before it has been written; a
    /// cancelled round cancels it too. Once the pull is complete, cases a restarted pull did not
    /// bring again are removed.
    func pullAll(into report: inout SyncReport) async throws(SyncError) {
        var fetched = try await startPull(limit: pullPageSize, into: &report)
        let store = fetched.page.storeID
        while true {
            let page = fetched.page
            report.pulledPages += 1
            report.pulledChanges += page.changes.count
            let limit = min(pullPageSize, fetched.limit * 2)
            let ahead = page.hasMore ? prefetch(after: page.nextCursor, limit: limit) : nil
            do {
                try apply(page, after: fetched.cursor, report: &report)
            } catch {
                ahead?.cancel()
                throw error
            }
            guard let ahead else { break }
            let result = await withTaskCancellationHandler {
                await ahead.value
            } onCancel: {
                ahead.cancel()
            }
            let next = try result.get()
            report.smallerPages += next.smallerPages
            try validate(next.fetched.page, after: next.fetched.cursor, store: store)
            fetched = next.fetched
        }
        let removed = try local { try replica.finishRestartedPull() }
        if removed > 0 {
            report.removedCases += removed
            logger.notice(
                "cases the central store did not deliver again were removed",
                metadata: ["cases": "\(removed)"])
        }
    }

    /// What a fetch off the actor brought: the page, and how often it had to ask with less.
    struct Prefetched: Sendable {
        var fetched: FetchedPage
        var smallerPages: Int
    }

    /// Starts fetching the page after `cursor` off the actor, so it runs while the actor writes.
    func prefetch(after cursor: Int64, limit: Int) -> Task<Result<Prefetched, SyncError>, Never> {
        let server = self.server
        let token = self.token
        let logger = self.logger
        return Task.detached {
            do throws(SyncError) {
                var smaller = 0
                let fetched = try await Self.fetch(
                    server: server, token: token, after: cursor, limit: limit, logger: logger,
                    smaller: &smaller)
                return .success(Prefetched(fetched: fetched, smallerPages: smaller))
            } catch {
                return .failure(error)
            }
        }
    }

    /// Fetches the page after `cursor`, asking again with half the limit, down to one case, while
    /// the answer is too large for the client.
    func fetch(after cursor: Int64, limit: Int, report: inout SyncReport) async throws(SyncError)
        -> FetchedPage
    {
        var smaller = 0
        defer { report.smallerPages += smaller }
        return try await Self.fetch(
            server: server, token: token, after: cursor, limit: limit, logger: logger, smaller: &smaller)
    }

    static func fetch(
        server: any SyncServer, token: String, after cursor: Int64, limit: Int, logger: Logger,
        smaller: inout Int
    ) async throws(SyncError) -> FetchedPage {
        var limit = max(1, limit)
        while true {
            do throws(SyncError) {
                let page = try await server.pull(after: cursor, limit: limit, token: token)
                return FetchedPage(page: page, cursor: cursor, limit: limit)
            } catch {
                guard case .tooLarge = error, limit > 1 else { throw error }
                limit /= 2
                smaller += 1
                logger.notice(
                    "pull answer too large: asking for fewer cases",
                    metadata: ["after": "\(cursor)", "limit": "\(limit)", "error": "\(error.detail)"])
            }
        }
    }

    /// Refuses a page that breaks the protocol's promises, before anything is written.
    func validate(_ page: PullResponse, after cursor: Int64, store: UUID) throws(SyncError) {
        guard page.storeID == store else {
            throw .badResponse(
                detail: "pull page from store \(page.storeID) in a pull from store \(store)")
        }
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
        guard page.nextCursor <= page.head else {
            throw .badResponse(detail: "pull cursor \(page.nextCursor) beyond the store's head \(page.head)")
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
