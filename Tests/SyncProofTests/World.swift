import CaseModel
import CentralService
import Foundation
import Logging
import OfflineStore
import SyncClient
import SyncProtocol

/// Org units, clerks and the service the proofs use.
enum World {
    static let start = Date(timeIntervalSince1970: 1_772_000_000)
    static let password = "Geheim-123"
    static let mitte = OrgUnitRef(
        id: "bb-mitte", name: .init(de: "Bürgerbüro Mitte", en: "Citizen office centre"),
        directPhone: "089 233-00001")
    static let kfz = OrgUnitRef(
        id: "kfz", name: .init(de: "Kfz-Zulassung", en: "Vehicle registration"), directPhone: "089 233-00002")

    /// anna and dora (counter, Mitte), bernd (phone, Mitte: may not start work on a case),
    /// carla (counter, Kfz).
    static let clerks: [(id: String, role: Role, unit: String)] = [
        ("anna", .counter, mitte.id), ("bernd", .phone, mitte.id), ("dora", .counter, mitte.id),
        ("carla", .counter, kfz.id),
    ]

    static func seed(_ store: any CentralStore) async throws {
        try await store.createOrgUnit(mitte)
        try await store.createOrgUnit(kfz)
        let hash = Credentials.hashPassword(password, cost: 4)
        for clerk in clerks {
            try await store.createClerk(
                ClerkRecord(
                    id: clerk.id, name: clerk.id.capitalized, passwordHash: hash, roles: [clerk.role],
                    orgUnits: [clerk.unit]))
        }
    }

    /// Dog tax: eingegangen → in_bearbeitung (counter only) → rueckfrage / entschieden.
    static let dogTax = ServiceDefinition(
        id: "hundesteuer", version: 1, title: .init(de: "Hundesteuer", en: "Dog tax"), numberPrefix: "HUN",
        orgUnit: mitte, channels: [.counter, .phone],
        workflow: Workflow(
            states: [
                WorkflowState(id: "eingegangen", label: .init(de: "Eingegangen", en: "Received")),
                WorkflowState(id: "in_bearbeitung", label: .init(de: "In Bearbeitung", en: "In progress")),
                WorkflowState(id: "rueckfrage", label: .init(de: "Rückfrage", en: "Query"), pausesSLA: true),
                WorkflowState(
                    id: "entschieden", label: .init(de: "Entschieden", en: "Decided"), terminal: true),
            ],
            initialState: "eingegangen",
            transitions: [
                Transition(
                    from: "eingegangen", to: "in_bearbeitung", label: .init(de: "Bearbeiten", en: "Work"),
                    roles: [.counter]),
                Transition(
                    from: "in_bearbeitung", to: "rueckfrage", label: .init(de: "Rückfrage", en: "Query")),
                Transition(
                    from: "rueckfrage", to: "in_bearbeitung", label: .init(de: "Weiter", en: "Continue")),
            ]),
        sla: SLAPolicy(workingDays: 10, stalledAfterWorkingDays: 5),
        form: FormDefinition(
            fields: ["name_hund", "farbe", "rasse", "kennzeichen"].map {
                FieldDefinition(id: $0, type: .text, label: .init(de: $0, en: $0))
            }))

    /// Dog tax's form and workflow as a service of Kfz (so Kfz clerks have a service of their own).
    static let plates: ServiceDefinition = {
        var service = dogTax
        service.id = "kennzeichen"
        service.numberPrefix = "KEN"
        service.orgUnit = kfz
        service.channels = [.counter]
        return service
    }()

    /// A logger for engines under test that only speaks up on critical problems.
    static var quietLogger: Logger {
        var logger = Logger(label: "clerk.sync.test")
        logger.logLevel = .critical
        return logger
    }

    static func temporaryDirectory(_ purpose: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("clerk-sync-\(purpose)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// A new case of `unit`'s own service, created by `clerk` through the clerk's channel
    /// (bernd is on the phone).
    static func create(
        _ caseID: UUID = UUID(), by clerk: String, unit: String = mitte.id, at offset: TimeInterval = 0,
        citizen: Citizen? = nil
    ) -> CaseModel.Operation {
        CaseModel.Operation(
            caseID: caseID, baseVersion: 0, clerk: clerk, device: "dev-\(clerk)",
            timestamp: start.addingTimeInterval(offset),
            kind: .createCase(
                NewCase(
                    number: "HUN-2026-\(caseID.uuidString.prefix(8))",
                    serviceID: unit == kfz.id ? plates.id : dogTax.id, formVersion: 1,
                    orgUnit: unit, channel: clerk == "bernd" ? .phone : .counter, initialState: "eingegangen",
                    citizen: citizen,
                    fields: ["name_hund": .text("Bello")], receivedAt: start, enteredBy: clerk)))
    }

    static func citizen(_ family: String = "Brandl") -> Citizen {
        Citizen(
            id: UUID(), name: PersonName(given: "Josef", family: family),
            dateOfBirth: LocalDate(year: 1941, month: 5, day: 17) ?? LocalDate(dayNumber: 0),
            address: PostalAddress(
                street: "Sendlinger Straße", houseNumber: "7", postcode: "80331", city: "München"))
    }
}

/// One workstation: a real temporary replica, the clerk's token and an engine over real HTTP.
struct Node: Sendable {
    let clerk: String
    let replica: Replica
    let engine: SyncEngine
    let directory: URL

    /// Opens a fresh replica for `clerk`, logged in at `central`, reaching it through `server`
    /// (by default the plain HTTP connection).
    static func make(
        _ clerk: String, central: Central, server: (any SyncServer)? = nil, pushBatchSize: Int = 200,
        pullPageSize: Int = 1000, logger: Logger = World.quietLogger
    ) async throws -> Node {
        let directory = try World.temporaryDirectory("replica-\(clerk)")
        let replica = try Replica.open(
            path: directory.appendingPathComponent("replica.sqlite").path,
            services: [World.dogTax, World.plates])
        let token = try await central.token(clerk)
        let engine = SyncEngine(
            replica: replica, server: server ?? central.http, token: token, deviceID: "dev-\(clerk)",
            pushBatchSize: pushBatchSize, pullPageSize: pullPageSize, logger: logger)
        return Node(clerk: clerk, replica: replica, engine: engine, directory: directory)
    }

    /// Records a local change made by this node's clerk on the case as visible now.
    @discardableResult
    func record(_ caseID: UUID, _ kind: OperationKind, at offset: TimeInterval = 60) throws
        -> CaseModel.Operation
    {
        let base = try replica.centralCase(id: caseID)?.version ?? 0
        let operation = CaseModel.Operation(
            caseID: caseID, baseVersion: base, clerk: clerk, device: "dev-\(clerk)",
            timestamp: World.start.addingTimeInterval(offset), kind: kind)
        try replica.record(operation)
        return operation
    }

    /// Everything a clerk could see or lose: visible cases, outbox and cursor.
    func snapshot() throws -> ReplicaSnapshot {
        var cases: [UUID: Case] = [:]
        for id in try replica.visibleCaseIDs() { cases[id] = try replica.visibleCase(id: id) }
        return ReplicaSnapshot(
            cases: cases, outbox: try replica.pendingOperations(limit: 100_000),
            cursor: try replica.syncState().cursor, rejected: try replica.rejectedCount())
    }

    func close() {
        try? replica.close()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// What a replica shows and holds, compared before and after a failed sync.
struct ReplicaSnapshot: Equatable {
    var cases: [UUID: Case]
    var outbox: [CaseModel.Operation]
    var cursor: Int64
    var rejected: Int
}
