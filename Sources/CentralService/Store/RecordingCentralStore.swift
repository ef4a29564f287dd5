import CaseModel
import Foundation
import SyncProtocol
import Synchronization

/// Any central store with a record of what `apply` answered for each operation id, so tests and
/// the load benchmark can prove every operation took effect exactly once (all later answers are
/// `duplicate`).
public final class RecordingCentralStore: CentralStore {
    public let base: any CentralStore
    private let answers = Mutex<[UUID: [PushResult]]>([:])

    public init(_ base: any CentralStore) { self.base = base }

    /// Every answer `apply` gave, by operation id, in order.
    public var results: [UUID: [PushResult]] { answers.withLock { $0 } }

    /// How often each operation was applied (not answered as a duplicate).
    public var firstApplications: [UUID: Int] {
        answers.withLock { all in
            all.mapValues { list in list.filter { if case .duplicate = $0 { false } else { true } }.count }
        }
    }

    public var kind: StoreKind { base.kind }
    public func migrate() async throws { try await base.migrate() }
    public func createOrgUnit(_ unit: OrgUnitRef) async throws { try await base.createOrgUnit(unit) }
    public func orgUnits() async throws -> [OrgUnitRef] { try await base.orgUnits() }
    public func createClerk(_ clerk: ClerkRecord) async throws { try await base.createClerk(clerk) }
    public func clerk(id: String) async throws -> ClerkRecord? { try await base.clerk(id: id) }
    public func updateClerk(
        id: String, at now: Date, _ change: @Sendable (inout ClerkRecord) throws -> Void
    ) async throws -> ClerkUpdate {
        try await base.updateClerk(id: id, at: now, change)
    }
    public func insertToken(_ token: TokenRecord) async throws { try await base.insertToken(token) }
    public func lookUpToken(hash: String, at now: Date) async throws -> TokenLookup {
        try await base.lookUpToken(hash: hash, at: now)
    }
    public func revokeToken(hash: String, at now: Date) async throws {
        try await base.revokeToken(hash: hash, at: now)
    }
    public func revokeTokens(clerkID: String, at now: Date) async throws -> Int {
        try await base.revokeTokens(clerkID: clerkID, at: now)
    }
    public func escrowKey(clerkID: String, deviceID: String, at now: Date) async throws -> Data {
        try await base.escrowKey(clerkID: clerkID, deviceID: deviceID, at: now)
    }
    public func recordContact(clerkID: String, deviceID: String, at now: Date) async throws {
        try await base.recordContact(clerkID: clerkID, deviceID: deviceID, at: now)
    }
    public func devices(clerkID: String) async throws -> [DeviceRecord] {
        try await base.devices(clerkID: clerkID)
    }
    public func revokeDevice(clerkID: String, deviceID: String, at now: Date) async throws -> Int {
        try await base.revokeDevice(clerkID: clerkID, deviceID: deviceID, at: now)
    }
    public func putCatalogEntry(_ entry: CatalogEntry) async throws { try await base.putCatalogEntry(entry) }
    public func catalogEntries() async throws -> [CatalogEntry] { try await base.catalogEntries() }
    public func caseOrgUnits(ids: [UUID]) async throws -> [UUID: String] {
        try await base.caseOrgUnits(ids: ids)
    }
    public func currentCase(id: UUID) async throws -> Case? { try await base.currentCase(id: id) }
    public func apply(
        _ operation: CaseModel.Operation, decide: @Sendable (Case?) -> OperationDecision
    ) async throws -> PushResult {
        let result = try await base.apply(operation, decide: decide)
        answers.withLock { $0[operation.id, default: []].append(result) }
        return result
    }
    public func applyBatch(
        _ operations: [CaseModel.Operation],
        decide: @Sendable (CaseModel.Operation, Case?) -> OperationDecision
    ) async throws -> [PushResult] {
        let results = try await base.applyBatch(operations, decide: decide)
        answers.withLock { answers in
            for (operation, result) in zip(operations, results) {
                answers[operation.id, default: []].append(result)
            }
        }
        return results
    }
    public func storageBytes() async throws -> Int64 { try await base.storageBytes() }

    public func changes(
        after cursor: Int64, orgUnits: Set<String>, limit: Int, maxBytes: Int
    ) async throws -> PullResponse {
        try await base.changes(after: cursor, orgUnits: orgUnits, limit: limit, maxBytes: maxBytes)
    }
}
