import CaseModel
import SyncClient
import SyncProtocol
import Synchronization

/// The real HTTP connection with a hook that runs just before each push and each pull is sent,
/// with its number (1 for the first), so a test can kill or stop the central service while that
/// request is on its way.
final class TappedServer: SyncServer {
    enum Request: Sendable { case push, pull }

    let inner: HTTPSyncServer
    private let counts = Mutex<[Request: Int]>([:])
    private let hook = Mutex<(@Sendable (Request, Int) -> Void)?>(nil)

    init(inner: HTTPSyncServer) { self.inner = inner }

    /// Runs `hook` before every push and pull from now on (nil: none), counting from 1 again.
    func tap(_ hook: (@Sendable (Request, Int) -> Void)?) {
        counts.withLock { $0 = [:] }
        self.hook.withLock { $0 = hook }
    }

    private func before(_ request: Request) {
        let number = counts.withLock { counts in
            counts[request, default: 0] += 1
            return counts[request, default: 0]
        }
        hook.withLock { $0 }?(request, number)
    }

    func login(_ request: LoginRequest) async throws(SyncError) -> LoginResponse {
        try await inner.login(request)
    }
    func logout(token: String) async throws(SyncError) { try await inner.logout(token: token) }
    func catalog(token: String) async throws(SyncError) -> CatalogResponse {
        try await inner.catalog(token: token)
    }
    func checkReachable() async throws(SyncError) { try await inner.checkReachable() }

    func push(_ request: PushRequest, token: String) async throws(SyncError) -> PushResponse {
        before(.push)
        return try await inner.push(request, token: token)
    }

    func pull(after cursor: Int64, limit: Int, token: String) async throws(SyncError) -> PullResponse {
        before(.pull)
        return try await inner.pull(after: cursor, limit: limit, token: token)
    }
}
