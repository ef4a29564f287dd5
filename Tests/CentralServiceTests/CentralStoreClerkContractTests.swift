import CaseModel
import CentralService
import Foundation
import Testing

/// One contract, every store: changing clerks, and which changes revoke their tokens.
@Suite("CentralStore contract: clerks")
struct CentralStoreClerkContractTests {
    /// Gives anna `count` live tokens (h0, h1, …) and returns their hashes.
    static func tokens(_ store: any CentralStore, _ count: Int, prefix: String = "h") async throws -> [String]
    {
        var hashes: [String] = []
        for index in 0..<count {
            let hash = "\(prefix)\(index)"
            try await store.insertToken(
                TokenRecord(
                    hash: hash, clerkID: "anna", deviceID: "d", issuedAt: Fixtures.start,
                    expiresAt: Fixtures.start.addingTimeInterval(3600)))
            hashes.append(hash)
        }
        return hashes
    }

    static func isValid(_ store: any CentralStore, _ hash: String) async throws -> Bool {
        if case .valid = try await store.lookUpToken(hash: hash, at: Fixtures.start) { return true }
        return false
    }

    @Test(arguments: StoreFlavor.allCases)
    func disablingRevokesEveryTokenAndEnablingKeepsThemRevoked(_ flavor: StoreFlavor) async throws {
        try await withStore(flavor) { store in
            try await Fixtures.seed(store)
            let hashes = try await Self.tokens(store, 2)
            let update = try await store.updateClerk(id: "anna", at: Fixtures.start) {
                $0.disabledAt = Fixtures.start
            }
            #expect(update.revokedTokens == 2)
            #expect(update.before.disabledAt == nil)
            #expect(update.after.disabledAt == Fixtures.start)
            #expect(try await store.clerk(id: "anna")?.disabledAt == Fixtures.start)
            for hash in hashes {
                #expect(try await store.lookUpToken(hash: hash, at: Fixtures.start) == .revoked)
            }

            // A token stored after disabling (a login that raced the admin) is refused too.
            let late = try await Self.tokens(store, 1, prefix: "late")
            #expect(try await store.lookUpToken(hash: late[0], at: Fixtures.start) == .revoked)

            let enabled = try await store.updateClerk(id: "anna", at: Fixtures.start) { $0.disabledAt = nil }
            #expect(enabled.revokedTokens == 0)
            #expect(try await store.clerk(id: "anna")?.isDisabled == false)
            for hash in hashes {
                #expect(try await store.lookUpToken(hash: hash, at: Fixtures.start) == .revoked)
            }
            #expect(try await Self.isValid(store, late[0]))
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func aNewPasswordRevokesAndARenameDoesNot(_ flavor: StoreFlavor) async throws {
        try await withStore(flavor) { store in
            try await Fixtures.seed(store)
            let hashes = try await Self.tokens(store, 2)
            let renamed = try await store.updateClerk(id: "anna", at: Fixtures.start) {
                $0.name = "Anna Huber-Moser"
            }
            #expect(renamed.revokedTokens == 0)
            #expect(try await store.clerk(id: "anna")?.name == "Anna Huber-Moser")
            let hash = Credentials.hashPassword("Viktualienmarkt-2026", cost: 4)
            let changed = try await store.updateClerk(id: "anna", at: Fixtures.start) {
                $0.passwordHash = hash
            }
            #expect(changed.revokedTokens == 2)
            let stored = try #require(try await store.clerk(id: "anna"))
            #expect(Credentials.verifyPassword("Viktualienmarkt-2026", hash: stored.passwordHash))
            #expect(!Credentials.verifyPassword(Fixtures.password, hash: stored.passwordHash))
            for hash in hashes {
                #expect(try await store.lookUpToken(hash: hash, at: Fixtures.start) == .revoked)
            }
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func rightsAddedKeepTokensAndRightsRemovedRevokeThem(_ flavor: StoreFlavor) async throws {
        try await withStore(flavor) { store in
            try await Fixtures.seed(store)
            let first = try await Self.tokens(store, 1, prefix: "a")
            var update = try await store.updateClerk(id: "anna", at: Fixtures.start) {
                $0.roles = [.teamLead, .counter]
                $0.orgUnits = [Fixtures.kfz.id, Fixtures.mitte.id]
            }
            #expect(update.revokedTokens == 0)
            guard case .valid(let clerk, _) = try await store.lookUpToken(hash: first[0], at: Fixtures.start)
            else {
                Issue.record("the token should still be valid")
                return
            }
            #expect(clerk.roles == [.teamLead, .counter])
            #expect(clerk.orgUnits == [Fixtures.kfz.id, Fixtures.mitte.id])

            update = try await store.updateClerk(id: "anna", at: Fixtures.start) { $0.roles = [.teamLead] }
            #expect(update.revokedTokens == 1)
            #expect(try await store.lookUpToken(hash: first[0], at: Fixtures.start) == .revoked)

            let second = try await Self.tokens(store, 1, prefix: "b")
            update = try await store.updateClerk(id: "anna", at: Fixtures.start) {
                $0.orgUnits = [Fixtures.kfz.id]
            }
            #expect(update.revokedTokens == 1)
            #expect(try await store.lookUpToken(hash: second[0], at: Fixtures.start) == .revoked)
            // Another clerk's tokens are untouched.
            try await store.insertToken(
                TokenRecord(
                    hash: "bernd", clerkID: "bernd", deviceID: "d", issuedAt: Fixtures.start,
                    expiresAt: Fixtures.start.addingTimeInterval(60)))
            _ = try await store.updateClerk(id: "anna", at: Fixtures.start) { $0.disabledAt = Fixtures.start }
            #expect(try await Self.isValid(store, "bernd"))
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func unknownClerksAndUnitsAreRefusedAndNothingIsWritten(_ flavor: StoreFlavor) async throws {
        try await withStore(flavor) { store in
            try await Fixtures.seed(store)
            let hashes = try await Self.tokens(store, 1)
            await #expect(throws: StoreError.unknownClerk("typo")) {
                _ = try await store.updateClerk(id: "typo", at: Fixtures.start) {
                    $0.disabledAt = Fixtures.start
                }
            }
            await #expect(throws: StoreError.unknownOrgUnit("nowhere")) {
                _ = try await store.updateClerk(id: "anna", at: Fixtures.start) { $0.orgUnits = ["nowhere"] }
            }
            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                _ = try await store.updateClerk(id: "anna", at: Fixtures.start) { clerk in
                    clerk.disabledAt = Fixtures.start
                    throw Refused()
                }
            }
            let anna = try #require(try await store.clerk(id: "anna"))
            #expect(anna.orgUnits == [Fixtures.mitte.id])
            #expect(!anna.isDisabled)
            #expect(try await Self.isValid(store, hashes[0]))
            // The id stays whatever the change does.
            let update = try await store.updateClerk(id: "anna", at: Fixtures.start) { $0.id = "bernd" }
            #expect(update.after.id == "anna")
            #expect(try await store.clerk(id: "bernd")?.name == "Bernd Maier")
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func aClerkCreatedDisabledCannotUseATokenAndSurvivesAMigrationRerun(_ flavor: StoreFlavor) async throws {
        try await withStore(flavor) { store in
            try await Fixtures.seed(store)
            try await store.createClerk(
                ClerkRecord(
                    id: "dora", name: "Dora", passwordHash: "x", roles: [.counter],
                    orgUnits: [Fixtures.mitte.id],
                    disabledAt: Fixtures.start))
            try await store.migrate()
            #expect(try await store.clerk(id: "dora")?.disabledAt == Fixtures.start)
            try await store.insertToken(
                TokenRecord(
                    hash: "dora", clerkID: "dora", deviceID: "d", issuedAt: Fixtures.start,
                    expiresAt: Fixtures.start.addingTimeInterval(60)))
            #expect(try await store.lookUpToken(hash: "dora", at: Fixtures.start) == .revoked)
        }
    }
}
