import CaseModel
import Foundation
import Logging
import OfflineStore
import SyncClient
import Synchronization
import Testing

/// The service, clerk and replicas the scripted sync tests use.
enum ScriptedWorld {
    static let start = Date(timeIntervalSince1970: 1_772_000_000)
    static let mitte = OrgUnitRef(
        id: "bb-mitte", name: .init(de: "Bürgerbüro Mitte", en: "Citizen office centre"),
        directPhone: "089 233-00001")

    /// Dog tax with two states and a free text field.
    static let dogTax = ServiceDefinition(
        id: "hundesteuer", version: 1, title: .init(de: "Hundesteuer", en: "Dog tax"), numberPrefix: "HUN",
        orgUnit: mitte, channels: [.counter],
        workflow: Workflow(
            states: [
                WorkflowState(id: "eingegangen", label: .init(de: "Eingegangen", en: "Received")),
                WorkflowState(id: "in_bearbeitung", label: .init(de: "In Bearbeitung", en: "In progress")),
            ],
            initialState: "eingegangen",
            transitions: [
                Transition(
                    from: "eingegangen", to: "in_bearbeitung", label: .init(de: "Bearbeiten", en: "Work"))
            ]),
        sla: SLAPolicy(workingDays: 10, stalledAfterWorkingDays: 5),
        form: FormDefinition(fields: [
            FieldDefinition(id: "name_hund", type: .text, label: .init(de: "Name", en: "Name"))
        ]))

    /// A logger that stays silent.
    static var quietLogger: Logger {
        var logger = Logger(label: "clerk.sync.test")
        logger.logLevel = .critical
        return logger
    }

    /// A new case of dog tax, created by anna.
    static func create(_ caseID: UUID = UUID(), name: String = "Bello") -> CaseModel.Operation {
        CaseModel.Operation(
            caseID: caseID, baseVersion: 0, clerk: "anna", device: "dev-anna", timestamp: start,
            kind: .createCase(
                NewCase(
                    number: "HUN-2026-\(caseID.uuidString.prefix(6))", serviceID: dogTax.id, formVersion: 1,
                    orgUnit: mitte.id, channel: .counter, initialState: "eingegangen", citizen: nil,
                    fields: ["name_hund": .text(name)], receivedAt: start, enteredBy: "anna")))
    }

    /// A case as a central store would hold it: created by `create`, at version 1.
    static func centralCase(name: String) -> Case {
        let operation = create(name: name)
        guard
            case .applied(let c) = operation.apply(
                to: nil, mode: .central, context: ApplyContext(service: dogTax))
        else { preconditionFailure("the fixture case applies") }
        return c
    }
}

/// A workstation for scripted tests: a temporary replica and an engine talking to `server`.
struct ScriptedNode: Sendable {
    let replica: Replica
    let engine: SyncEngine
    let directory: URL

    static func make(
        _ server: ScriptedServer, pullPageSize: Int = 1000, logger: Logger = ScriptedWorld.quietLogger
    ) throws -> ScriptedNode {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("clerk-scripted-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let replica = try Replica.open(
            path: directory.appendingPathComponent("replica.sqlite").path, services: [ScriptedWorld.dogTax])
        let engine = SyncEngine(
            replica: replica, server: server, token: "token-anna", deviceID: "dev-anna",
            pullPageSize: pullPageSize, logger: logger)
        return ScriptedNode(replica: replica, engine: engine, directory: directory)
    }

    /// Records a comment on a case as visible now.
    @discardableResult
    func comment(_ caseID: UUID, _ text: String) throws -> CaseModel.Operation {
        let base = try replica.centralCase(id: caseID)?.version ?? 0
        let operation = CaseModel.Operation(
            caseID: caseID, baseVersion: base, clerk: "anna", device: "dev-anna",
            timestamp: ScriptedWorld.start.addingTimeInterval(60), kind: .addComment(text: text))
        try replica.record(operation)
        return operation
    }

    /// The visible cases by id.
    func visibleCases() throws -> [UUID: Case] {
        var cases: [UUID: Case] = [:]
        for id in try replica.visibleCaseIDs() { cases[id] = try replica.visibleCase(id: id) }
        return cases
    }

    /// Everything a clerk could see or lose: visible cases, outbox, cursor and store.
    func snapshot() throws -> NodeSnapshot {
        NodeSnapshot(
            cases: try visibleCases(), outbox: try replica.pendingOperations(limit: 100_000).map(\.id),
            cursor: try replica.syncState().cursor, store: try replica.syncState().centralStore)
    }

    func close() {
        try? replica.close()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// What a replica shows and holds, compared before and after a failed sync.
struct NodeSnapshot: Equatable {
    var cases: [UUID: Case]
    var outbox: [UUID]
    var cursor: Int64
    var store: UUID?
}

/// Collects the statuses a scheduler publishes.
final class Statuses: Sendable {
    private let statuses = Mutex<[SyncStatus]>([])
    var all: [SyncStatus] { statuses.withLock { $0 } }
    var last: SyncStatus? { all.last }
    @Sendable func append(_ status: SyncStatus) { statuses.withLock { $0.append(status) } }
}

/// Polls `condition` every 10 ms until it holds or `seconds` have passed; returns whether it held.
func eventually(within seconds: Double = 10, _ condition: () throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return try condition()
}
