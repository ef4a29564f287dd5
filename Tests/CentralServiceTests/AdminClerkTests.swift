import CaseModel
import CentralService
import Foundation
import Testing

/// `clerk-central admin` for clerks: the rules for new names and passwords, unknown clerks, and
/// the commands themselves as an administrator runs them (the built binary on a SQLite store).
@Suite("Administration of clerks")
struct AdminClerkTests {
    static let goodPassword = "Viktualienmarkt-2026"

    @Test(arguments: StoreFlavor.allCases)
    func everyCommandRefusesAnUnknownClerk(_ flavor: StoreFlavor) async throws {
        try await withStore(flavor) { store in
            try await Fixtures.seed(store)
            let admin = CentralAdmin(store: store, now: { Fixtures.start })
            let unknown = CentralAdminError.unknownClerk("typo")
            await #expect(throws: unknown) { _ = try await admin.revokeTokens(clerkID: "typo") }
            await #expect(throws: unknown) { _ = try await admin.disableClerk(id: "typo") }
            await #expect(throws: unknown) { try await admin.enableClerk(id: "typo") }
            await #expect(throws: unknown) {
                _ = try await admin.setPassword(id: "typo", password: Self.goodPassword, bcryptCost: 4)
            }
            await #expect(throws: unknown) { _ = try await admin.setRoles(id: "typo", roles: [.counter]) }
            await #expect(throws: unknown) {
                _ = try await admin.setOrgUnits(id: "typo", orgUnits: [Fixtures.mitte.id])
            }
            await #expect(throws: CentralAdminError.unknownOrgUnit("nowhere")) {
                _ = try await admin.setOrgUnits(id: "anna", orgUnits: ["nowhere"])
            }
            await #expect(throws: CentralAdminError.noRoles) {
                _ = try await admin.setRoles(id: "anna", roles: [])
            }
            await #expect(throws: CentralAdminError.noOrgUnits) {
                _ = try await admin.setOrgUnits(id: "anna", orgUnits: [])
            }
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func newClerksNeedASaneNameAndAStrongPassword(_ flavor: StoreFlavor) async throws {
        try await withStore(flavor) { store in
            try await Fixtures.seed(store)
            let admin = CentralAdmin(store: store)
            func create(_ id: String, _ password: String = Self.goodPassword) async throws {
                try await admin.createClerk(
                    id: id, name: "Neu", password: password, roles: [.counter], orgUnits: [Fixtures.mitte.id],
                    bcryptCost: 4)
            }
            let badNames = [
                "", " ", "   ", "Anna", "-rf", ".hidden", "a b", "anna\u{0}", "anna\n", "änna", "аnna",
                "a/b", String(repeating: "a", count: 65),
            ]
            for name in badNames {
                await #expect(throws: CentralAdminError.self, "user name \(name.debugDescription)") {
                    try await create(name)
                }
            }
            let badPasswords = [
                "", "kurz", "Elf-Zeichen", String(repeating: " ", count: 14), "Viktualien\u{0}markt",
                "Viktualien\tmarkt-26", String(repeating: "x", count: 257),
            ]
            for password in badPasswords {
                await #expect(throws: CentralAdminError.self, "password \(password.debugDescription)") {
                    try await create("neu", password)
                }
            }
            #expect(try await store.clerk(id: "neu") == nil)
            try await create("z.wimmer-2_b", "Zwölf-Zeiche")
            try await create(String(repeating: "a", count: 64), String(repeating: "ü", count: 256))
            #expect(try await store.clerk(id: "z.wimmer-2_b") != nil)
            await #expect(throws: CentralAdminError.clerkExists("anna")) { try await create("anna") }
        }
    }

    @Test func listsOfRolesAndUnitsAreParsedStrictly() throws {
        #expect(try CentralAdmin.roles(" counter, team_lead,counter,") == [.counter, .teamLead])
        #expect(throws: CentralAdminError.unknownRole("admin")) { try CentralAdmin.roles("counter,admin") }
        #expect(CentralAdmin.items("bb-mitte, kfz,,bb-mitte") == ["bb-mitte", "kfz"])
    }

    // MARK: The binary

    /// The package root, from this file's place in `Tests/CentralServiceTests/`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs the built `clerk-central` with `arguments` and `input` on standard input.
    static func clerkCentral(_ arguments: [String], input: String = "") throws -> Run {
        try Subprocess.run(root.appendingPathComponent(".build/debug/clerk-central"), arguments, input: input)
    }

    /// A fresh SQLite store with the fixtures' org units and clerks; returns its `--store` value.
    static func seededStore() async throws -> (store: String, directory: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "clerk-central-admin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("central.sqlite").path
        let store = try SQLiteCentralStore(path: path)
        try await store.migrate()
        try await Fixtures.seed(store)
        return ("sqlite:" + path, directory)
    }

    @Test func anUnknownUserFailsWithExitStatusOneAndAMessage() async throws {
        let (store, directory) = try await Self.seededStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let commands: [([String], String)] = [
            (["revoke-tokens", "--user", "typo"], ""),
            (["disable-clerk", "--user", "typo"], ""),
            (["enable-clerk", "--user", "typo"], ""),
            (["set-password", "--user", "typo", "--password-stdin"], Self.goodPassword + "\n"),
            (["set-roles", "--user", "typo", "--roles", "counter"], ""),
            (["set-org-units", "--user", "typo", "--org-units", "bb-mitte"], ""),
        ]
        for (arguments, input) in commands {
            let run = try Self.clerkCentral(["admin"] + arguments + ["--store", store], input: input)
            #expect(run.status == 1, "\(arguments): \(run.output) \(run.errors)")
            #expect(run.errors.contains("„typo“") && run.errors.contains("no clerk 'typo'"), "\(arguments)")
            #expect(!run.output.contains("revoked"), "\(arguments)")
        }
    }

    @Test func disableSetPasswordAndRolesFromTheCommandLine() async throws {
        let (location, directory) = try await Self.seededStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = String(location.dropFirst("sqlite:".count))
        let store = try SQLiteCentralStore(path: path)
        try await store.insertToken(
            TokenRecord(
                hash: "t1", clerkID: "anna", deviceID: "d", issuedAt: Date(),
                expiresAt: Date().addingTimeInterval(3600)))

        var run = try Self.clerkCentral(["admin", "disable-clerk", "--user", "anna", "--store", location])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output == "clerk anna disabled, 1 token(s) revoked\n")
        #expect(try await store.clerk(id: "anna")?.isDisabled == true)
        run = try Self.clerkCentral(["admin", "enable-clerk", "--user", "anna", "--store", location])
        #expect(run.status == 0)
        #expect(try await store.clerk(id: "anna")?.isDisabled == false)

        // A short password is refused with the rule; nothing changes.
        run = try Self.clerkCentral(
            ["admin", "set-password", "--user", "anna", "--password-stdin", "--store", location],
            input: "kurz\n")
        #expect(run.status == 1)
        #expect(run.errors.contains("mindestens 12 Zeichen"))
        var anna = try #require(try await store.clerk(id: "anna"))
        #expect(Credentials.verifyPassword(Fixtures.password, hash: anna.passwordHash))

        run = try Self.clerkCentral(
            ["admin", "set-password", "--user", "anna", "--password-stdin", "--store", location],
            input: Self.goodPassword + "\n")
        #expect(run.status == 0, "\(run.errors)")
        anna = try #require(try await store.clerk(id: "anna"))
        #expect(Credentials.verifyPassword(Self.goodPassword, hash: anna.passwordHash))
        // Without --password-stdin and without a terminal the password is not read from anywhere.
        run = try Self.clerkCentral(["admin", "set-password", "--user", "anna", "--store", location])
        #expect(run.status != 0)
        #expect(run.errors.contains("--password-stdin"))

        run = try Self.clerkCentral(
            ["admin", "set-roles", "--user", "anna", "--roles", "counter,team_lead", "--store", location])
        #expect(run.output == "roles of anna: counter,team_lead, 0 token(s) revoked\n")
        run = try Self.clerkCentral(
            ["admin", "set-org-units", "--user", "anna", "--org-units", "kfz,bb-mitte", "--store", location])
        #expect(run.output == "org units of anna: kfz,bb-mitte, 0 token(s) revoked\n")
        anna = try #require(try await store.clerk(id: "anna"))
        #expect(anna.roles == [.counter, .teamLead])
        #expect(anna.orgUnits == ["kfz", "bb-mitte"])
        run = try Self.clerkCentral(
            ["admin", "set-roles", "--user", "anna", "--roles", "counter,chef", "--store", location])
        #expect(run.status == 1)
        #expect(run.errors.contains("chef"))

        run = try Self.clerkCentral(
            [
                "admin", "create-clerk", "--user", "Neu Mann", "--name", "Neu", "--password-stdin", "--roles",
                "counter", "--org-units", "kfz", "--store", location,
            ], input: Self.goodPassword + "\n")
        #expect(run.status == 1)
        #expect(run.errors.contains("Ungültiger Benutzername"))
        run = try Self.clerkCentral(
            [
                "admin", "create-clerk", "--user", "neu", "--name", "Neu", "--password-stdin", "--roles",
                "counter", "--org-units", "kfz", "--store", location,
            ], input: Self.goodPassword + "\n")
        #expect(run.status == 0, "\(run.errors)")
        #expect(try await store.clerk(id: "neu")?.orgUnits == ["kfz"])
    }
}
