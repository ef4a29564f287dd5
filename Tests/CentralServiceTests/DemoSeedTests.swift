import CaseModel
import CentralService
import Foundation
import SyncProtocol
import Testing

@Suite("Demo seeding")
struct DemoSeedTests {
    static let today = MunichClock.day(of: Fixtures.start)

    /// Every change for every org unit, in order.
    static func pullAll(_ store: any CentralStore, units: Set<String>) async throws -> [CaseChange] {
        var cursor: Int64 = 0
        var changes: [CaseChange] = []
        while true {
            let page = try await store.changes(after: cursor, orgUnits: units, limit: 400)
            changes += page.changes
            cursor = page.nextCursor
            if !page.hasMore { return changes }
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func seedingCreatesTheCatalogueUnitsOneClerkPerRoleAndValidCases(_ flavor: StoreFlavor) async throws {
        try await withStore(flavor) { store in
            let admin = CentralAdmin(store: store, now: { Fixtures.start })
            let requested = 60
            let report = try await admin.seedDemo(
                password: "geheim", cases: requested, catalogDirectory: ShippedCatalog.directory,
                bcryptCost: 4,
                batchSize: 25)
            let services = try ShippedCatalog.services()
            let units = Set(services.map(\.orgUnit.id))
            #expect(report.catalogImport?.imported.count == services.count)
            #expect(Set(report.orgUnits.map(\.id)) == units)
            #expect(Set(try await store.orgUnits().map(\.id)) == units)
            #expect(report.clerksCreated == ["anna", "paul", "fatima", "lena"])
            for (id, role) in [
                ("anna", Role.counter), ("paul", .phone), ("fatima", .field), ("lena", .teamLead),
            ] {
                let clerk = try #require(try await store.clerk(id: id))
                #expect(clerk.roles == [role])
                #expect(Set(clerk.orgUnits) == units)
            }
            let lena = try #require(try await store.clerk(id: "lena"))
            #expect(Credentials.verifyPassword("geheim", hash: lena.passwordHash))

            #expect(report.rejections.isEmpty, "\(report.rejections.prefix(3))")
            #expect(report.casesCreated + report.casesSkipped == requested)
            #expect(report.casesCreated >= requested * 9 / 10)

            // What clients pull: each case once in its latest state, valid for its form.
            let changes = try await Self.pullAll(store, units: units)
            #expect(changes.count == report.casesCreated)
            var latest: [UUID: CaseChange] = [:]
            for change in changes { latest[change.case.id] = change }
            #expect(latest.count == report.casesCreated)
            let definitions = ServiceDefinitions(services)
            let context = EvaluationContext(today: Self.today)
            for change in latest.values {
                let pulled = change.case
                let service = try #require(
                    definitions.definition(service: pulled.serviceID, version: pulled.formVersion))
                let issues = FormEngine.validate(form: service.form, values: pulled.fields, context: context)
                #expect(issues.isEmpty, "\(pulled.number): \(issues)")
                #expect(
                    FormEngine.calculate(form: service.form, values: pulled.fields, context: context)
                        == pulled.fields)
                #expect(service.workflow.state(pulled.state) != nil)
                #expect(change.citizen != nil)
            }
            let states = latest.values.map { change in
                (try? ShippedCatalog.service(change.case.serviceID))?.workflow.isTerminal(change.case.state)
                    ?? false
            }
            #expect(states.contains(true))
            #expect(states.contains(false))

            // Seeding again keeps the catalogue, units and clerks.
            let again = try await admin.seedDemo(password: "anders", bcryptCost: 4)
            #expect(again.catalogImport == nil)
            #expect(again.clerksCreated.isEmpty)
            #expect(again.casesCreated == 0)
            let kept = try #require(try await store.clerk(id: "lena"))
            #expect(Credentials.verifyPassword("geheim", hash: kept.passwordHash))
        }
    }

    @Test func withoutACatalogueThereIsNothingToSeed() async throws {
        try await withStore(.sqlite) { store in
            await #expect(throws: DemoSeedError.noCatalog) {
                try await CentralAdmin(store: store).seedDemo(password: "demo", cases: 5, bcryptCost: 4)
            }
        }
    }
}
