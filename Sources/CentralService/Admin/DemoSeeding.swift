import CaseModel
import DemoData
import Foundation
import ServiceCatalog
import SyncProtocol

/// One clerk of the demo.
public struct DemoClerk: Hashable, Sendable {
    /// The login name.
    public var id: String
    public var name: String
    public var roles: [Role]

    public init(id: String, name: String, roles: [Role]) {
        self.id = id
        self.name = name
        self.roles = roles
    }
}

/// What `admin seed-demo` did.
public struct DemoSeedReport: Sendable {
    /// The catalogue import, if the store had no catalogue yet.
    public var catalogImport: CatalogImportReport?
    /// The org units of the catalogue's services (created if missing).
    public var orgUnits: [OrgUnitRef]
    /// The demo clerks created by this run (existing ones are kept as they are).
    public var clerksCreated: [String]
    /// Cases created.
    public var casesCreated: Int
    /// Operations applied (create, assign, transitions, comments).
    public var operationsApplied: Int
    /// Operations refused by the decider; a correct seed has none.
    public var rejections: [Rejection]
    /// Generated cases whose values could not be made to fit their form (left out).
    public var casesSkipped: Int
}

/// A demo seeding failure.
public enum DemoSeedError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No catalogue is stored and no directory was given, or the directory held no usable service.
    case noCatalog

    public var description: String {
        switch self {
        case .noCatalog: "no service catalogue stored and none importable: pass --catalog DIR"
        }
    }
}

extension CentralAdmin {
    /// The demo clerks, one per role: they all work in every org unit of the catalogue.
    public static let demoClerks: [DemoClerk] = [
        DemoClerk(id: "anna", name: "Anna Huber", roles: [.counter]),
        DemoClerk(id: "paul", name: "Paul Berger", roles: [.phone]),
        DemoClerk(id: "fatima", name: "Fatima Yılmaz", roles: [.field]),
        DemoClerk(id: "lena", name: "Lena Obermaier", roles: [.teamLead]),
    ]

    /// Seeds a demo: imports the catalogue from `catalogDirectory` if none is stored, creates
    /// the org units of its services and the demo clerks (all with `password`), then `cases`
    /// demo cases from `DemoCaseGenerator` — each as the operations a clerk would make (create,
    /// assign, the transitions to its state, comments), decided by the normal decider with the
    /// form validator and applied in batches of `batchSize` cases per transaction.
    ///
    /// `progress` hears, after every batch, how many of the cases are done.
    ///
    /// Deterministic for the same `seed`, `now` and catalogue. Existing org units and clerks are
    /// kept, so seeding twice is harmless (it adds more cases).
    public func seedDemo(
        password: String, cases: Int = 0, catalogDirectory: URL? = nil, seed: UInt64 = 2026,
        bcryptCost: UInt8 = 12, batchSize: Int = 500,
        progress: (@Sendable (_ done: Int, _ of: Int) -> Void)? = nil
    ) async throws -> DemoSeedReport {
        var catalogImport: CatalogImportReport?
        if try await store.catalogEntries().isEmpty, let catalogDirectory {
            catalogImport = try await importCatalog(directory: catalogDirectory)
        }
        let definitions = ServiceDefinitions.parsing(try await store.catalogEntries()).0
        let services = definitions.latest
        guard !services.isEmpty else { throw DemoSeedError.noCatalog }

        var units: [OrgUnitRef] = []
        for service in services where !units.contains(where: { $0.id == service.orgUnit.id }) {
            units.append(service.orgUnit)
        }
        let existingUnits = Set(try await store.orgUnits().map(\.id))
        for unit in units where !existingUnits.contains(unit.id) { try await store.createOrgUnit(unit) }
        var created: [String] = []
        for clerk in Self.demoClerks where try await store.clerk(id: clerk.id) == nil {
            // Demo passwords may be short ("demo"); every other rule holds for them too.
            try await createClerk(
                id: clerk.id, name: clerk.name, password: password, minimumPasswordLength: 1,
                roles: clerk.roles, orgUnits: units.map(\.id), bcryptCost: bcryptCost)
            created.append(clerk.id)
        }

        var report = DemoSeedReport(
            catalogImport: catalogImport, orgUnits: units, clerksCreated: created, casesCreated: 0,
            operationsApplied: 0, rejections: [], casesSkipped: 0)
        guard cases > 0 else { return report }
        let now = self.now()
        let clerks = Dictionary(
            uniqueKeysWithValues: Self.demoClerks.map { clerk in
                (
                    clerk.id,
                    ClerkRecord(
                        id: clerk.id, name: clerk.name, passwordHash: "", roles: clerk.roles,
                        orgUnits: units.map(\.id))
                )
            })
        // The demo's history keeps its own times and numbers: an import by the administrator.
        let decider = OperationDecider(
            definitions: definitions, validator: FormOperationValidator(), stamping: .asSent)
        var planner = DemoCasePlanner(services: services, clerks: Self.demoClerks, seed: seed)
        var generator = DemoCaseGenerator(services: services, count: cases, seed: seed, now: now)
        var batch: [CaseModel.Operation] = []
        var batchCases = 0
        func flush() async throws {
            guard !batch.isEmpty else { return }
            let results = try await store.applyBatch(batch) { operation, current in
                guard let clerk = clerks[operation.clerk] else {
                    return .rejected(Rejection(code: "forbidden", message: CentralTexts.forbiddenCase))
                }
                return decider.decide(operation, current: current, clerk: clerk, now: now, clerks: clerks)
            }
            for (operation, result) in zip(batch, results) {
                switch result {
                case .applied, .duplicate, .conflict:
                    report.operationsApplied += 1
                    if case .createCase = operation.kind { report.casesCreated += 1 }
                case .rejected(let rejection):
                    report.rejections.append(rejection)
                }
            }
            batch.removeAll(keepingCapacity: true)
            batchCases = 0
            progress?(report.casesCreated + report.casesSkipped, cases)
        }
        while let demoCase = generator.next() {
            guard let operations = planner.operations(for: demoCase, now: now) else {
                report.casesSkipped += 1
                continue
            }
            batch += operations
            batchCases += 1
            if batchCases >= batchSize { try await flush() }
        }
        try await flush()
        return report
    }
}
