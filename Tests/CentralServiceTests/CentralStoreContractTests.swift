import CaseModel
import CentralService
import Foundation
import SyncProtocol
import Synchronization
import Testing

/// One contract, every store: what `CentralStore` promises, checked against SQLite and PostgreSQL.
@Suite("CentralStore contract")
struct CentralStoreContractTests {
    /// A decider that applies with CaseModel only (the store's part is what is under test here).
    static let decide: @Sendable (CaseModel.Operation, Case?) -> OperationDecision = { operation, current in
        let clerk = ClerkRecord(
            id: operation.clerk, name: "", passwordHash: "", roles: [.counter], orgUnits: ["bb-mitte", "kfz"])
        return OperationDecider(definitions: ServiceDefinitions([Fixtures.dogTax, Fixtures.plates]))
            .decide(operation, current: current, clerk: clerk, now: Fixtures.start)
    }

    static func apply(_ store: any CentralStore, _ operation: CaseModel.Operation) async throws -> PushResult
    {
        try await store.apply(operation) { decide(operation, $0) }
    }

    @Test(arguments: StoreFlavor.allCases)
    func orgUnitsAndClerks(_ flavor: StoreFlavor) async throws {
        try await withStore(flavor) { store in
            try await store.migrate()  // a second migration is harmless
            try await Fixtures.seed(store)
            #expect(try await store.orgUnits() == [Fixtures.mitte, Fixtures.kfz].sorted { $0.id < $1.id })
            await #expect(throws: StoreError.alreadyExists("org unit kfz")) {
                try await store.createOrgUnit(Fixtures.kfz)
            }
            let anna = try #require(try await store.clerk(id: "anna"))
            #expect(anna.name == "Anna Huber")
            #expect(anna.roles == [.counter])
            #expect(anna.orgUnits == ["bb-mitte"])
            #expect(Credentials.verifyPassword(Fixtures.password, hash: anna.passwordHash))
            #expect(try await store.clerk(id: "nobody") == nil)
            let stray = ClerkRecord(
                id: "dora", name: "Dora", passwordHash: "x", roles: [], orgUnits: ["nowhere"])
            await #expect(throws: StoreError.unknownOrgUnit("nowhere")) { try await store.createClerk(stray) }
            await #expect(throws: StoreError.alreadyExists("clerk anna")) {
                try await store.createClerk(anna)
            }
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func tokensExpireAndAreRevoked(_ flavor: StoreFlavor) async throws {
        try await withStore(flavor) { store in
            try await Fixtures.seed(store)
            let now = Fixtures.start
            let first = TokenRecord(
                hash: "h1", clerkID: "anna", deviceID: "d", issuedAt: now,
                expiresAt: now.addingTimeInterval(3600))
            var second = first
            second.hash = "h2"
            try await store.insertToken(first)
            try await store.insertToken(second)
            guard case .valid(let clerk, let token) = try await store.lookUpToken(hash: "h1", at: now) else {
                Issue.record("token h1 should be valid")
                return
            }
            #expect(clerk.id == "anna")
            #expect(token.expiresAt == first.expiresAt)
            #expect(try await store.lookUpToken(hash: "h1", at: now.addingTimeInterval(3600)) == .expired)
            #expect(try await store.lookUpToken(hash: "nope", at: now) == .unknown)
            try await store.revokeToken(hash: "h1", at: now)
            #expect(try await store.lookUpToken(hash: "h1", at: now) == .revoked)
            #expect(try await store.revokeTokens(clerkID: "anna", at: now) == 1)
            #expect(try await store.lookUpToken(hash: "h2", at: now) == .revoked)
            #expect(try await store.revokeTokens(clerkID: "anna", at: now) == 0)
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func catalogVersionsAreImmutable(_ flavor: StoreFlavor) async throws {
        try await withStore(flavor) { store in
            let v1 = CatalogEntry(
                serviceID: "hundesteuer", version: 1, source: "id: hundesteuer\nversion: 1\n")
            let v2 = CatalogEntry(
                serviceID: "hundesteuer", version: 2, source: "id: hundesteuer\nversion: 2\n")
            let other = CatalogEntry(
                serviceID: "anmeldung", version: 3, source: "id: anmeldung\nversion: 3\n")
            try await store.putCatalogEntry(v2)
            try await store.putCatalogEntry(v1)
            try await store.putCatalogEntry(other)
            try await store.putCatalogEntry(v1)  // the same text again is harmless
            var changed = v1
            changed.source += "# changed\n"
            await #expect(throws: StoreError.alreadyExists("catalog hundesteuer version 1")) {
                try await store.putCatalogEntry(changed)
            }
            #expect(try await store.catalogEntries() == [other, v1, v2])
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func operationsApplyAtMostOnce(_ flavor: StoreFlavor) async throws {
        try await withStore(flavor) { store in
            try await Fixtures.seed(store)
            let citizen = Fixtures.citizen()
            let create = Fixtures.create(citizen: citizen)
            #expect(try await Self.apply(store, create) == .applied(newVersion: 1))
            #expect(try await Self.apply(store, create) == .duplicate(original: .applied(newVersion: 1)))
            var reused = create
            reused.device = "another-device"
            await #expect(throws: StoreError.operationIDReused(create.id)) {
                try await Self.apply(store, reused)
            }
            let stored = try #require(try await store.currentCase(id: create.caseID))
            #expect(stored.version == 1)
            #expect(stored.citizenID == citizen.id)
            #expect(
                try await store.caseOrgUnits(ids: [create.caseID, UUID()]) == [create.caseID: "bb-mitte"])

            let rejected = Fixtures.op(
                create.caseID, base: 1, .transition(from: "eingegangen", to: "entschieden", reason: nil))
            guard case .rejected(let rejection) = try await Self.apply(store, rejected) else {
                Issue.record("a transition outside the workflow must be rejected")
                return
            }
            #expect(rejection.code == "transition_not_allowed")
            #expect(try await Self.apply(store, rejected) == .duplicate(original: .rejected(rejection)))

            let edit = Fixtures.op(
                create.caseID, base: 1, .setField(field: "name_hund", old: .text("Bello"), new: .text("Rex")))
            #expect(try await Self.apply(store, edit) == .applied(newVersion: 2))
            let racing = Fixtures.op(
                create.caseID, by: "bernd", base: 1,
                .setField(field: "name_hund", old: .text("Bello"), new: .text("Waldi")))
            guard case .conflict(let fields, let version) = try await Self.apply(store, racing) else {
                Issue.record("a concurrent edit of the same field must conflict")
                return
            }
            #expect(version == 3)
            #expect(fields.map(\.field) == ["name_hund"])
            #expect(fields.first?.mine == .text("Waldi"))
            #expect(fields.first?.theirs == .text("Rex"))
            #expect(fields.first?.base == .text("Bello"))

            // A pull shows the case once, in its latest state.
            let page = try await store.changes(after: 0, orgUnits: ["bb-mitte"], limit: 10)
            #expect(page.changes.map(\.case.version) == [3])
            #expect(page.changes.first?.citizen == citizen)
            #expect(page.changes.last?.case.conflicts.map(\.field) == ["name_hund"])
            #expect(page.hasMore == false)
            #expect(page.nextCursor == page.changes.last?.seq)
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func changesArePagedAndScopedToOrgUnits(_ flavor: StoreFlavor) async throws {
        try await withStore(flavor) { store in
            try await Fixtures.seed(store)
            var mitteCases: [UUID] = []
            for index in 0..<5 {
                let create = Fixtures.create()
                mitteCases.append(create.caseID)
                _ = try await Self.apply(store, create)
                _ = try await Self.apply(
                    store, Fixtures.create(by: "carla", unit: "kfz", number: "KFZ-\(index)"))
            }
            var cursor: Int64 = 0
            var seen: [UUID] = []
            var pages = 0
            while true {
                let page = try await store.changes(after: cursor, orgUnits: ["bb-mitte"], limit: 2)
                pages += 1
                seen += page.changes.map(\.case.id)
                #expect(page.changes.allSatisfy { $0.case.orgUnit == "bb-mitte" })
                #expect(page.changes.allSatisfy { $0.seq > cursor })
                cursor = page.nextCursor
                if !page.hasMore { break }
            }
            #expect(seen == mitteCases)
            #expect(pages == 3)
            let after = try await store.changes(after: cursor, orgUnits: ["bb-mitte"], limit: 2)
            #expect(after.changes.isEmpty && after.nextCursor == cursor && !after.hasMore)
            #expect(try await store.changes(after: 0, orgUnits: [], limit: 10).changes.isEmpty)
            #expect(try await store.changes(after: 0, orgUnits: ["kfz"], limit: 100).changes.count == 5)
        }
    }

    /// Every page names the store (an identity made once, kept by later migrations) and its
    /// head (the highest change sequence number, of all org units); a cursor beyond the head is
    /// answered with itself, so the client can tell.
    @Test(arguments: StoreFlavor.allCases)
    func pagesNameTheStoreAndItsHead(_ flavor: StoreFlavor) async throws {
        let identities = Mutex<[UUID]>([])
        for _ in 0..<2 {
            try await withStore(flavor) { store in
                try await Fixtures.seed(store)
                let empty = try await store.changes(after: 0, orgUnits: ["bb-mitte"], limit: 10)
                #expect(empty.head == 0 && empty.changes.isEmpty && empty.nextCursor == 0)
                try await store.migrate()
                #expect(try await store.changes(after: 0, orgUnits: [], limit: 10).storeID == empty.storeID)
                identities.withLock { $0.append(empty.storeID) }

                for unit in ["bb-mitte", "kfz", "bb-mitte"] {
                    _ = try await Self.apply(store, Fixtures.create(unit: unit))
                }
                let first = try await store.changes(after: 0, orgUnits: ["bb-mitte"], limit: 1)
                #expect(first.storeID == empty.storeID)
                #expect(first.head == 3, "the head counts every org unit's changes")
                #expect(first.changes.count == 1 && first.hasMore && first.nextCursor < first.head)
                let none = try await store.changes(after: 0, orgUnits: [], limit: 10)
                #expect(none.head == 3 && none.changes.isEmpty)
                let ahead = try await store.changes(after: 9_000_000_000, orgUnits: ["bb-mitte"], limit: 10)
                #expect(ahead.changes.isEmpty && ahead.nextCursor == 9_000_000_000 && ahead.head == 3)
            }
        }
        let made = identities.withLock { $0 }
        #expect(made.count == 2 || flavor == .postgres && made.isEmpty)
        #expect(Set(made).count == made.count, "every store has an identity of its own")
    }

    /// Many writers commit while a client pulls page by page: the client must end with every
    /// case's final state, never seeing a state twice or going back. In PostgreSQL this needs seq order == commit order (see
    /// `PostgresCentralStore`); a store that let a later seq commit first would make the client
    /// move its cursor past a change that becomes visible afterwards.
    @Test(arguments: StoreFlavor.allCases)
    func concurrentWritersNeverMakeAPullerSkipAChange(_ flavor: StoreFlavor) async throws {
        try await withStore(flavor) { store in
            try await Fixtures.seed(store)
            let writers = 8
            let editsPerCase = 12
            let caseIDs = (0..<writers).map { _ in UUID() }
            let expected = Set(
                caseIDs.flatMap { id in (1...Int64(editsPerCase + 1)).map { ChangeKey(id: id, version: $0) } }
            )
            let writersDone = Flag()
            async let pulled = Self.pullUntilQuiet(after: writersDone) { cursor in
                try await store.changes(after: cursor, orgUnits: ["bb-mitte"], limit: 7)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for caseID in caseIDs {
                    group.addTask {
                        _ = try await Self.apply(store, Fixtures.create(caseID))
                        for edit in 0..<editsPerCase {
                            let old: FieldValue = edit == 0 ? .text("Bello") : .text("v\(edit - 1)")
                            let operation = Fixtures.op(
                                caseID, base: Int64(edit + 1),
                                .setField(field: "name_hund", old: old, new: .text("v\(edit)")))
                            #expect(
                                try await Self.apply(store, operation)
                                    == .applied(newVersion: Int64(edit + 2)))
                        }
                    }
                }
                try await group.waitForAll()
            }
            writersDone.set()
            let seen = try await pulled
            let keys = seen.map { ChangeKey(id: $0.case.id, version: $0.case.version) }
            // Each case comes in its latest state at the time of the pull: never the same state
            // twice, versions only growing, and the last one seen is the final one.
            #expect(Set(keys).count == keys.count, "no state twice")
            #expect(Set(keys).isSubset(of: expected))
            var last: [UUID: Int64] = [:]
            for key in keys {
                #expect(key.version > last[key.id] ?? 0)
                last[key.id] = key.version
            }
            #expect(last == Dictionary(uniqueKeysWithValues: caseIDs.map { ($0, Int64(editsPerCase + 1)) }))
            #expect(seen.map(\.seq) == seen.map(\.seq).sorted())
        }
    }
}

extension CentralStoreContractTests {
    /// Pulls page by page until the writers are done and a pull after that finds nothing new.
    static func pullUntilQuiet(
        after writersDone: Flag, _ pull: @Sendable (Int64) async throws -> PullResponse
    ) async throws -> [CaseChange] {
        var cursor: Int64 = 0
        var changes: [CaseChange] = []
        while true {
            let finished = writersDone.isSet
            let page = try await pull(cursor)
            #expect(page.nextCursor <= page.head, "a page never goes beyond the head read with it")
            changes += page.changes
            cursor = page.nextCursor
            if page.changes.isEmpty {
                if finished { return changes }
                try await Task.sleep(for: .milliseconds(2))
            }
        }
    }
}

/// A flag set once, read from any task.
final class Flag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}

struct ChangeKey: Hashable, Sendable {
    var id: UUID
    var version: Int64
}
