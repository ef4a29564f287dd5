import CaseModel
import Foundation
import SyncProtocol

/// The central service's storage: clerks, tokens, the catalogue, cases and the change log.
///
/// Implementations: `SQLiteCentralStore` (embedded default) and `PostgresCentralStore`
/// (production). One contract test suite runs against both.
public protocol CentralStore: Sendable {
    /// Which implementation this is, as shown in metrics.
    var kind: StoreKind { get }

    /// Creates or upgrades the schema; safe to call on every start.
    func migrate() async throws

    /// Adds an org unit; throws `StoreError.alreadyExists` if its id is taken.
    func createOrgUnit(_ unit: OrgUnitRef) async throws
    /// All org units, ordered by id.
    func orgUnits() async throws -> [OrgUnitRef]

    /// Adds a clerk; throws `StoreError.alreadyExists` or `StoreError.unknownOrgUnit`.
    func createClerk(_ clerk: ClerkRecord) async throws
    /// The clerk with this id, if any (a disabled one too).
    func clerk(id: String) async throws -> ClerkRecord?
    /// Changes a clerk in one transaction, on the stored record locked against other changes,
    /// and revokes every live token of the clerk in the same transaction when the change takes
    /// rights away (`ClerkRecord.takesRightsAway(from:)`). The id cannot change. Throws
    /// `StoreError.unknownClerk` for an unknown id, `StoreError.unknownOrgUnit` for an org unit
    /// that does not exist, and whatever `change` throws (then nothing is written).
    func updateClerk(
        id: String, at now: Date, _ change: @Sendable (inout ClerkRecord) throws -> Void
    ) async throws -> ClerkUpdate

    /// Stores a newly issued token (only its hash).
    func insertToken(_ token: TokenRecord) async throws
    /// Looks a token up by its hash and tells whether it is usable at `now`; a disabled clerk's
    /// token is `.revoked`.
    func lookUpToken(hash: String, at now: Date) async throws -> TokenLookup
    /// Revokes one token; revoking twice is harmless.
    func revokeToken(hash: String, at now: Date) async throws
    /// Revokes every live token of a clerk and returns how many were live.
    func revokeTokens(clerkID: String, at now: Date) async throws -> Int

    /// The escrow key of a clerk's device: 32 random bytes made on the first call and kept
    /// (table `device_escrow`); records `now` as the device's last contact. Throws
    /// `StoreError.deviceRevoked` for a revoked device (nothing is made then).
    func escrowKey(clerkID: String, deviceID: String, at now: Date) async throws -> Data
    /// Records `now` as the last contact of a clerk's device (a pull); unknown devices are left out.
    func recordContact(clerkID: String, deviceID: String, at now: Date) async throws
    /// The devices a clerk has logged in from, ordered by id.
    func devices(clerkID: String) async throws -> [DeviceRecord]
    /// Revokes a clerk's device in one transaction: every token of the device is revoked, its
    /// escrow key deleted, and the device is marked revoked, so its tokens are refused as
    /// `.deviceRevoked` and it cannot log in again. Returns how many tokens were live; throws
    /// `StoreError.unknownDevice` for a device the clerk never logged in from.
    func revokeDevice(clerkID: String, deviceID: String, at now: Date) async throws -> Int

    /// Stores one version of a service definition; the same text again is harmless, other
    /// text under an existing version throws `StoreError.alreadyExists`.
    func putCatalogEntry(_ entry: CatalogEntry) async throws
    /// Every stored definition version, ordered by service and version.
    func catalogEntries() async throws -> [CatalogEntry]

    /// The org unit of each of these cases that exists.
    func caseOrgUnits(ids: [UUID]) async throws -> [UUID: String]
    /// The authoritative state of a case, if it exists.
    func currentCase(id: UUID) async throws -> Case?

    /// Applies one operation at most once, in one transaction.
    ///
    /// A resent operation (same id, same content — the SHA-256 of its canonical JSON, which the
    /// store computes) returns `.duplicate` of its original
    /// result; the same id with other content throws `StoreError.operationIDReused`. Otherwise
    /// `decide` is called with the locked current case and its decision is written: the case
    /// with version + 1, one change-log entry, and the operation's result.
    func apply(
        _ operation: CaseModel.Operation, decide: @Sendable (Case?) -> OperationDecision
    ) async throws -> PushResult

    /// Applies `operations` in order, each exactly as `apply` would, in one transaction: the
    /// bulk path for seeding and imports. Each operation sees the cases as the ones before it
    /// left them. If any throws (e.g. `StoreError.operationIDReused`), nothing is written.
    func applyBatch(
        _ operations: [CaseModel.Operation],
        decide: @Sendable (CaseModel.Operation, Case?) -> OperationDecision
    ) async throws -> [PushResult]

    /// The bytes the store takes on disk (tables, indexes and logs), for capacity checks.
    func storageBytes() async throws -> Int64

    /// The cases of `orgUnits` changed after `cursor`, each once in its latest state, in the
    /// order of their last change; at most `limit`, and past the first at most `maxBytes` of
    /// stored data.
    ///
    /// Sequence order is commit order, and a case's sequence number only grows, so a client
    /// that resumes from the last seq it saw never misses a change.
    func changes(after cursor: Int64, orgUnits: Set<String>, limit: Int, maxBytes: Int) async throws
        -> PullResponse
}

extension CentralStore {
    /// The changes after `cursor`, bounded by count and by `CentralConfiguration`'s default bytes.
    public func changes(after cursor: Int64, orgUnits: Set<String>, limit: Int) async throws -> PullResponse {
        try await changes(
            after: cursor, orgUnits: orgUnits, limit: limit, maxBytes: CentralConfiguration().maxPullBytes)
    }
}

/// The storage implementations.
public enum StoreKind: String, Sendable, Codable {
    case sqlite
    case postgres
}

/// A clerk as stored centrally.
public struct ClerkRecord: Hashable, Sendable {
    /// The login name, also used as `Operation.clerk`.
    public var id: String
    public var name: String
    /// bcrypt hash of the password.
    public var passwordHash: String
    public var roles: [Role]
    public var orgUnits: [String]
    /// When the clerk was disabled; a disabled clerk can neither log in nor use a token.
    public var disabledAt: Date?

    public init(
        id: String, name: String, passwordHash: String, roles: [Role], orgUnits: [String],
        disabledAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.passwordHash = passwordHash
        self.roles = roles
        self.orgUnits = orgUnits
        self.disabledAt = disabledAt
    }

    /// Whether the clerk is disabled.
    public var isDisabled: Bool { disabledAt != nil }

    /// Whether this record, replacing `old`, takes rights away, so that tokens issued under
    /// `old` must not be used any more: the clerk is disabled, the password changed (whoever
    /// knew the old one may hold a token), or a role or an org unit was removed. Only adding
    /// roles or units, or renaming, keeps the tokens.
    public func takesRightsAway(from old: ClerkRecord) -> Bool {
        (isDisabled && !old.isDisabled) || passwordHash != old.passwordHash
            || !Set(old.roles).isSubset(of: roles) || !Set(old.orgUnits).isSubset(of: orgUnits)
    }
}

/// What `CentralStore.updateClerk` did.
public struct ClerkUpdate: Hashable, Sendable {
    /// The clerk before and after the change.
    public var before: ClerkRecord
    public var after: ClerkRecord
    /// How many live tokens were revoked (0 unless the change took rights away).
    public var revokedTokens: Int

    public init(before: ClerkRecord, after: ClerkRecord, revokedTokens: Int) {
        self.before = before
        self.after = after
        self.revokedTokens = revokedTokens
    }
}

/// An issued access token; the token itself is never stored, only its SHA-256 hash.
public struct TokenRecord: Hashable, Sendable {
    /// Hex SHA-256 of the token.
    public var hash: String
    public var clerkID: String
    public var deviceID: String
    public var issuedAt: Date
    public var expiresAt: Date

    public init(hash: String, clerkID: String, deviceID: String, issuedAt: Date, expiresAt: Date) {
        self.hash = hash
        self.clerkID = clerkID
        self.deviceID = deviceID
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
    }
}

/// What a token lookup found.
public enum TokenLookup: Hashable, Sendable {
    case valid(ClerkRecord, TokenRecord)
    case expired
    case revoked
    /// The token's device was revoked (`CentralStore.revokeDevice`).
    case deviceRevoked
    case unknown
}

/// What applying an operation should write, decided on the locked current case.
public struct OperationDecision: Hashable, Sendable {
    /// What the operation does to the case.
    public enum Outcome: Hashable, Sendable {
        /// The case after the operation.
        case applied(Case)
        /// The case after the operation, marked with these conflicts.
        case conflict(Case, [FieldConflict])
        case rejected(Rejection)
    }

    public var outcome: Outcome
    /// The citizen to store: with a new case, added only if the case's org unit does not know
    /// this citizen yet (a new case never overwrites a citizen's data); with `update_citizen`,
    /// the citizen's corrected data.
    public var citizen: Citizen?
    /// For a new case: the prefix under which the store gives it the next free case number
    /// (e.g. `HUN-2026` → `HUN-2026-000042`); nil keeps the number the case carries (imports).
    public var numberPrefix: String?
    /// When the clerk made the change as their device said, bounded by the server's clock: kept
    /// for the history only, never used to decide.
    public var doneAt: Date?
    /// The device of the token that pushed the operation.
    public var device: String?

    public init(
        _ outcome: Outcome, citizen: Citizen? = nil, numberPrefix: String? = nil, doneAt: Date? = nil,
        device: String? = nil
    ) {
        self.outcome = outcome
        self.citizen = citizen
        self.numberPrefix = numberPrefix
        self.doneAt = doneAt
        self.device = device
    }

    /// The case after the operation; `citizen` as for `citizen`.
    public static func applied(_ next: Case, citizen: Citizen? = nil) -> OperationDecision {
        OperationDecision(.applied(next), citizen: citizen)
    }

    /// The case after the operation, marked with conflicts.
    public static func conflict(_ next: Case, _ fields: [FieldConflict]) -> OperationDecision {
        OperationDecision(.conflict(next, fields))
    }

    /// The operation is refused.
    public static func rejected(_ rejection: Rejection) -> OperationDecision {
        OperationDecision(.rejected(rejection))
    }
}

/// Store failures callers handle.
public enum StoreError: Error, Hashable, Sendable {
    /// The operation id was used before for different content.
    case operationIDReused(UUID)
    /// A record with this key exists.
    case alreadyExists(String)
    /// A clerk names an org unit that does not exist.
    case unknownOrgUnit(String)
    /// No clerk has this id.
    case unknownClerk(String)
    /// A stored value could not be read back.
    case corrupt(String)
    /// The device was revoked: no escrow key, no login.
    case deviceRevoked
    /// The clerk never logged in from this device.
    case unknownDevice(String)
}

/// A device a clerk logged in from, as the store keeps it (never its escrow key).
public struct DeviceRecord: Hashable, Sendable {
    public var clerkID: String
    public var deviceID: String
    public var firstSeen: Date
    /// The last login or pull from it.
    public var lastContact: Date
    public var revokedAt: Date?
    /// Whether an escrow key is kept for it (none after revocation).
    public var hasEscrowKey: Bool

    public init(
        clerkID: String, deviceID: String, firstSeen: Date, lastContact: Date, revokedAt: Date?,
        hasEscrowKey: Bool
    ) {
        self.clerkID = clerkID
        self.deviceID = deviceID
        self.firstSeen = firstSeen
        self.lastContact = lastContact
        self.revokedAt = revokedAt
        self.hasEscrowKey = hasEscrowKey
    }
}
