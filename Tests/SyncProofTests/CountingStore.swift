import CaseModel
import CentralService
import Foundation
import SyncProtocol
import Synchronization

/// The real central store with a record of what `apply` answered for each operation id, so a
/// test can prove that every operation took effect exactly once (all later answers are
/// `duplicate`).
final class CountingStore: CentralStore {
    let base: any CentralStore
    private let answers = Mutex<[UUID: [PushResult]]>([:])

    init(_ base: any CentralStore) { self.base = base }

    /// Every answer `apply` gave, by operation id, in order.
    var results: [UUID: [PushResult]] { answers.withLock { $0 } }

    /// How often each operation was applied (not answered as a duplicate).
    var firstApplications: [UUID: Int] {
        answers.withLock { all in
            all.mapValues { list in list.filter { if case .duplicate = $0 { false } else { true } }.count }
        }
    }

    var kind: StoreKind { base.kind }
    func migrate() async throws { try await base.migrate() }
    func createOrgUnit(_ unit: OrgUnitRef) async throws { try await base.createOrgUnit(unit) }
    func orgUnits() async throws -> [OrgUnitRef] { try await base.orgUnits() }
    func createClerk(_ clerk: ClerkRecord) async throws { try await base.createClerk(clerk) }
    func clerk(id: String) async throws -> ClerkRecord? { try await base.clerk(id: id) }
    func insertToken(_ token: TokenRecord) async throws { try await base.insertToken(token) }
    func lookUpToken(hash: String, at now: Date) async throws -> TokenLookup {
        try await base.lookUpToken(hash: hash, at: now)
    }
    func revokeToken(hash: String, at now: Date) async throws {
        try await base.revokeToken(hash: hash, at: now)
    }
    func revokeTokens(clerkID: String, at now: Date) async throws -> Int {
        try await base.revokeTokens(clerkID: clerkID, at: now)
    }
    func putCatalogEntry(_ entry: CatalogEntry) async throws { try await base.putCatalogEntry(entry) }
    func catalogEntries() async throws -> [CatalogEntry] { try await base.catalogEntries() }
    func caseOrgUnits(ids: [UUID]) async throws -> [UUID: String] { try await base.caseOrgUnits(ids: ids) }
    func currentCase(id: UUID) async throws -> Case? { try await base.currentCase(id: id) }
    func apply(
        _ operation: CaseModel.Operation, contentHash: String, decide: @Sendable (Case?) -> OperationDecision
    ) async throws -> PushResult {
        let result = try await base.apply(operation, contentHash: contentHash, decide: decide)
        answers.withLock { $0[operation.id, default: []].append(result) }
        return result
    }
    func changes(after cursor: Int64, orgUnits: Set<String>, limit: Int) async throws -> PullResponse {
        try await base.changes(after: cursor, orgUnits: orgUnits, limit: limit)
    }
}
