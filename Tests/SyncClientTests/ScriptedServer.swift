import CaseModel
import Foundation
import SyncClient
import SyncProtocol
import Synchronization

/// A central service in memory that plays scripted faults: a `SyncServer` for testing the sync
/// engine and the scheduler without a network.
///
/// It keeps cases with the change sequence number of their last change and applies each pushed
/// operation at most once (a resent one is answered `duplicate`), like the real service. Faults are
/// queued per request kind and used up in order; `tooLargeAbove` makes every pull page with more
/// cases than that too large for the client. The store can be replaced (`replaceStore`: a new
/// identity and other cases) or restored from an earlier `snapshot()` (same identity, older head).
final class ScriptedServer: SyncServer {
    /// A scripted answer instead of the real one.
    enum Fault: Sendable, Equatable {
        /// The real answer (to script a fault for a later request).
        case normal
        /// Connection refused.
        case unreachable
        /// The request is never answered: it waits until the caller gives up (its task is cancelled).
        case hang
        /// The token is not valid any more (401).
        case unauthorized
        /// An answer the protocol does not allow.
        case garbage
        /// A page whose `next_cursor` is beyond the store's head.
        case cursorBeyondHead
        /// A page that names another store than the pull began with.
        case foreignPage
    }

    /// The kinds of request faults are queued for.
    enum Call: Hashable, Sendable { case push, pull, reachable }

    /// What the store holds: its identity, the cases with their sequence numbers, the results.
    struct Store: Sendable {
        var id = UUID()
        var head: Int64 = 0
        var cases: [UUID: (seq: Int64, case: Case)] = [:]
        var results: [UUID: PushResult] = [:]
    }

    private struct State {
        var store = Store()
        var faults: [Call: [Fault]] = [:]
        var tooLargeAbove: Int?
        var pulls: [(after: Int64, limit: Int)] = []
        var pushed: [UUID] = []
        var firstApplications: [UUID: Int] = [:]
        var cancelled = 0
        var reachableCalls = 0
    }

    private let state = Mutex(State())
    let context: ApplyContext

    init(service: ServiceDefinition) { context = ApplyContext(service: service) }

    // MARK: Scripting

    /// Queues `faults` for the next requests of kind `call`.
    func script(_ call: Call, _ faults: Fault...) {
        state.withLock { $0.faults[call, default: []] += faults }
    }
    /// Makes every pull page of more than `cases` cases too large (nil: no limit).
    func tooLarge(above cases: Int?) { state.withLock { $0.tooLargeAbove = cases } }
    /// The store as it is now, to restore later.
    func snapshot() -> Store { state.withLock { $0.store } }
    /// Puts an earlier state of the same store back (a restore from a backup).
    func restore(_ store: Store) { state.withLock { $0.store = store } }
    /// Replaces the store with another one: a new identity and `cases` (each a change of its own).
    func replaceStore(with cases: [Case]) {
        state.withLock { state in
            var store = Store()
            for c in cases {
                store.head += 1
                store.cases[c.id] = (store.head, c)
            }
            state.store = store
        }
    }

    /// Adds `cases` to the store as it is (each a change of its own).
    func add(_ cases: [Case]) {
        state.withLock { state in
            for c in cases {
                state.store.head += 1
                state.store.cases[c.id] = (state.store.head, c)
            }
        }
    }

    var storeID: UUID { state.withLock { $0.store.id } }
    var head: Int64 { state.withLock { $0.store.head } }
    var cases: [UUID: Case] { state.withLock { $0.store.cases.mapValues(\.case) } }
    /// Every pull asked for, in order, answered or not.
    var pulls: [(after: Int64, limit: Int)] { state.withLock { $0.pulls } }
    /// Every operation id pushed, in order, resends included.
    var pushed: [UUID] { state.withLock { $0.pushed } }
    /// How often each operation was applied (not answered as a duplicate); never more than once.
    var firstApplications: [UUID: Int] { state.withLock { $0.firstApplications } }
    /// How many requests were given up by their caller while they hung.
    var cancelled: Int { state.withLock { $0.cancelled } }
    var reachableCalls: Int { state.withLock { $0.reachableCalls } }

    // MARK: SyncServer

    func login(_ request: LoginRequest) async throws(SyncError) -> LoginResponse {
        LoginResponse(
            token: "token-\(request.username)", expiresAt: Date().addingTimeInterval(3600),
            clerkID: request.username, name: request.username, orgUnits: ["bb-mitte"], roles: [.counter])
    }

    func logout(token: String) async throws(SyncError) {}

    func catalog(token: String) async throws(SyncError) -> CatalogResponse { CatalogResponse(services: [:]) }

    func checkReachable() async throws(SyncError) {
        state.withLock { $0.reachableCalls += 1 }
        try await play(.reachable)
    }

    func push(_ request: PushRequest, token: String) async throws(SyncError) -> PushResponse {
        try await play(.push)
        let context = self.context
        let results = state.withLock { state -> [OperationResponse] in
            request.operations.map { operation in
                state.pushed.append(operation.id)
                if let original = state.store.results[operation.id] {
                    return OperationResponse(
                        operationID: operation.id, result: .duplicate(original: original))
                }
                let current = state.store.cases[operation.caseID]?.case
                let result: PushResult
                switch operation.apply(to: current, mode: .central, context: context) {
                case .applied(let next), .conflict(let next, _):
                    state.store.head += 1
                    state.store.cases[next.id] = (state.store.head, next)
                    result = .applied(newVersion: next.version)
                    state.firstApplications[operation.id, default: 0] += 1
                case .rejected(let why):
                    result = .rejected(why)
                }
                state.store.results[operation.id] = result
                return OperationResponse(operationID: operation.id, result: result)
            }
        }
        return PushResponse(results: results)
    }

    func pull(after cursor: Int64, limit: Int, token: String) async throws(SyncError) -> PullResponse {
        state.withLock { $0.pulls.append((cursor, limit)) }
        let fault = try await play(.pull)
        return try state.withLock { state throws(SyncError) -> PullResponse in
            let store = state.store
            let after = store.cases.values.filter { $0.seq > cursor }.sorted { $0.seq < $1.seq }
            let changes = after.prefix(limit).map { CaseChange(seq: $0.seq, case: $0.case, citizen: nil) }
            if let most = state.tooLargeAbove, changes.count > most {
                throw .tooLarge(limit: 1 << 20, detail: "GET /v1/sync/pull: \(changes.count) cases (test)")
            }
            var page = PullResponse(
                changes: changes, nextCursor: changes.last?.seq ?? cursor, hasMore: after.count > limit,
                storeID: store.id, head: store.head)
            switch fault {
            case .cursorBeyondHead: page.nextCursor = store.head + 5
            case .foreignPage: page.storeID = UUID()
            default: break
            }
            return page
        }
    }

    /// Plays the next fault queued for `call`: throws, hangs until cancelled, or returns a fault
    /// that changes the answer (nil when none is queued).
    @discardableResult
    private func play(_ call: Call) async throws(SyncError) -> Fault? {
        let fault = state.withLock { state -> Fault? in
            guard var queue = state.faults[call], !queue.isEmpty else { return nil }
            let first = queue.removeFirst()
            state.faults[call] = queue
            return first
        }
        switch fault {
        case .unreachable:
            throw .unreachable(detail: "connection refused (test)")
        case .unauthorized:
            throw .unauthorized(detail: "token expired (test)")
        case .garbage:
            throw .badResponse(detail: "not JSON (test)")
        case .hang:
            while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(10)) }
            state.withLock { $0.cancelled += 1 }
            throw .unreachable(detail: "request cancelled (test)")
        case .normal, .cursorBeyondHead, .foreignPage, nil:
            return fault
        }
    }
}
