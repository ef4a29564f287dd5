import CaseModel
import SyncProtocol

/// The central service as the sync engine sees it.
///
/// `HTTPSyncServer` talks to a real `clerk-central` over HTTP; tests may put any other
/// implementation of the same contract behind it.
public protocol SyncServer: Sendable {
    /// Logs a clerk in and returns a fresh access token.
    func login(_ request: LoginRequest) async throws(SyncError) -> LoginResponse
    /// Revokes the token.
    func logout(token: String) async throws(SyncError)
    /// Sends outbox operations in order; the answer has one result per operation.
    func push(_ request: PushRequest, token: String) async throws(SyncError) -> PushResponse
    /// Fetches the next page of central changes after `cursor`.
    func pull(after cursor: Int64, limit: Int, token: String) async throws(SyncError) -> PullResponse
    /// Fetches the current service catalogue.
    func catalog(token: String) async throws(SyncError) -> CatalogResponse
    /// Asks whether the central service answers at all, waiting only a few seconds; used
    /// between rounds, so a service that went away shows as offline long before the next round.
    func checkReachable() async throws(SyncError)
}
