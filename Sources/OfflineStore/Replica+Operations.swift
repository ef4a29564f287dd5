import CaseModel
import Foundation
import GRDB

extension Replica {
    /// Records a local change: applies `operation` to the visible state of its case and writes the
    /// new visible state, the outbox row and the history entry in one transaction.
    ///
    /// Returns the case as it is now visible. Throws `ReplicaError.rejected` (and writes nothing)
    /// when the operation cannot be applied, e.g. a transition from a state the case is not in.
    @discardableResult
    public func record(_ operation: CaseModel.Operation) throws -> Case {
        try pool.write { db in try record(operation, in: db) }
    }

    /// Records several local changes in one transaction (a saved form): all of them or none.
    @discardableResult
    public func record(_ operations: [CaseModel.Operation]) throws -> [Case] {
        try pool.write { db in try operations.map { try record($0, in: db) } }
    }

    func record(_ operation: CaseModel.Operation, in db: Database) throws -> Case {
        let exists = try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM outbox WHERE op_id = ?)"),
            arguments: [operation.id.uuidString])
        if exists == true { throw ReplicaError.duplicateOperation(operation.id) }
        let central = try CaseStorage.centralCase(db, id: operation.caseID)
        let pending = try CaseStorage.pendingOperations(db, caseID: operation.caseID)
        let before = CaseStorage.visible(central: central, pending: pending, rules: rules)
        let service = before?.serviceID ?? operation.newCaseServiceID ?? ""
        let after: Case
        switch operation.apply(to: before, mode: .overlay, context: rules.applyContext(service)) {
        case .applied(let c), .conflict(let c, _): after = c
        case .rejected(let rejection): throw ReplicaError.rejected(rejection)
        }
        if case .createCase(let new) = operation.kind, let citizen = new.citizen {
            try CaseStorage.upsertCitizen(db, citizen)
        }
        try db.cachedStatement(
            sql: "INSERT INTO outbox (op_id, case_id, kind, body, created_at) VALUES (?, ?, ?, ?, ?)"
        ).execute(arguments: [
            operation.id.uuidString, operation.caseID.uuidString, operation.kind.name,
            try CaseStorage.encode(operation), Millis.from(Date()),
        ])
        try CaseStorage.writeQueueRow(
            db, caseID: operation.caseID, visible: after, pending: pending.count + 1, rules: rules)
        try db.cachedStatement(
            sql: "INSERT INTO case_history (case_id, at, clerk, what, op_id) VALUES (?, ?, ?, ?, ?)"
        ).execute(arguments: [
            operation.caseID.uuidString, Millis.from(operation.timestamp), operation.clerk,
            rules.describe(operation.kind, after.serviceID), operation.id.uuidString,
        ])
        return after
    }

    /// Creates a case locally (an outbox `create_case` operation) and returns it as visible now.
    @discardableResult
    public func createCase(
        _ new: NewCase, id: UUID = UUID(), by clerk: String, device: String, at time: Date = Date()
    ) throws -> Case {
        try record(
            CaseModel.Operation(
                caseID: id, baseVersion: 0, clerk: clerk, device: device, timestamp: time,
                kind: .createCase(new)))
    }

    /// The case as the clerk sees it: central state with this device's pending operations on top.
    ///
    /// One statement reads the central state and the pending operations (`CaseReader`), so both
    /// are seen at the same moment.
    public func visibleCase(id: UUID) throws -> Case? {
        try access(writing: false) { try $0.caseReader.visibleCase(id: id, rules: rules) }
    }

    /// The last state pulled from the central service, without local changes.
    public func centralCase(id: UUID) throws -> Case? {
        try pool.read { db in try CaseStorage.centralCase(db, id: id) }
    }

    /// A citizen known to the replica.
    public func citizen(id: UUID) throws -> Citizen? {
        try pool.read { db in try CaseStorage.citizen(db, id: id) }
    }

    /// A case's citizen as the clerk sees it: the last correction of it among the case's
    /// `pending` operations (`update_citizen`), or the citizen as pulled.
    public func visibleCitizen(id: UUID, pending: [CaseModel.Operation]) throws -> Citizen? {
        let corrected = pending.last { operation in
            if case .updateCitizen(let citizen) = operation.kind { return citizen.id == id }
            return false
        }
        if case .updateCitizen(let citizen)? = corrected?.kind { return citizen }
        return try citizen(id: id)
    }

    /// Several citizens in one read (e.g. for a list of search hits), by id; unknown ids are left out.
    public func citizens(ids: [UUID]) throws -> [UUID: Citizen] {
        try pool.read { db in
            var found: [UUID: Citizen] = [:]
            for id in Set(ids) {
                if let citizen = try CaseStorage.citizen(db, id: id) { found[id] = citizen }
            }
            return found
        }
    }

    /// The oldest unacknowledged operations, in the order they were recorded (for push).
    public func pendingOperations(limit: Int = 100) throws -> [CaseModel.Operation] {
        try pool.read { db in
            try String.fetchAll(
                db.cachedStatement(sql: "SELECT body FROM outbox ORDER BY seq LIMIT ?"), arguments: [limit]
            ).map { try CaseStorage.decode(CaseModel.Operation.self, $0) }
        }
    }

    /// The pending operations of one case, in order.
    public func pendingOperations(caseID: UUID) throws -> [CaseModel.Operation] {
        try pool.read { db in try CaseStorage.pendingOperations(db, caseID: caseID) }
    }

    /// How many operations wait to be pushed.
    public func pendingCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox") ?? 0 }
    }

    /// Removes pushed operations from the outbox (applied, conflicting or rejected ones alike) and
    /// stores `centralStates` the server answered with, in one transaction; the visible rows of all
    /// touched cases are recomputed.
    public func acknowledge(operationIDs: [UUID], centralStates: [Case] = []) throws {
        try pool.write { db in
            var touched = Set<UUID>()
            let find = try db.cachedStatement(sql: "SELECT case_id FROM outbox WHERE op_id = ?")
            let delete = try db.cachedStatement(sql: "DELETE FROM outbox WHERE op_id = ?")
            for id in operationIDs {
                if let caseID = try String.fetchOne(find, arguments: [id.uuidString]).flatMap(UUID.init) {
                    touched.insert(caseID)
                }
                try delete.execute(arguments: [id.uuidString])
            }
            var answered: [UUID: Case] = [:]
            let confirm = centralStates.isEmpty ? nil : try CaseStorage.unconfirmedStatement(db)
            for c in centralStates {
                try CaseStorage.upsertCentral(db, c, due: CaseStorage.dueDay(c, rules))
                try confirm?.execute(arguments: [c.id.uuidString])
                answered[c.id] = c
                touched.insert(c.id)
            }
            for caseID in touched.sorted(by: { $0.uuidString < $1.uuidString }) {
                if let central = answered[caseID] {
                    try CaseStorage.refreshQueueRow(db, caseID: caseID, central: central, rules: rules)
                } else {
                    try CaseStorage.refreshQueueRow(db, caseID: caseID, rules: rules)
                }
            }
        }
    }

    /// Stores a page pulled from the central service together with the new cursor, in one
    /// transaction: an interrupted pull resumes where it stopped. After the pull started over, a
    /// case pulled again is no longer waiting to be confirmed (`restartPull(centralStore:)`).
    ///
    /// The visible row of a case without pending operations is its central state, so it is written
    /// from the case in hand (one look at the outbox index, none when the outbox is empty); only
    /// cases with pending operations have them applied on top. Citizens of the page are used
    /// without reading them back.
    ///
    /// With `previous`, the changes are written only on top of that cursor (the one they were
    /// pulled after); otherwise `ReplicaError.pullOutOfStep` and nothing is written — so a pull
    /// that began before the replica was rebuilt never moves the fresh replica's cursor past
    /// changes it does not hold.
    public func applyCentralChanges(
        _ cases: [Case], citizens: [Citizen] = [], cursor: Int64, after previous: Int64? = nil
    ) throws {
        try pool.write { db in
            if let previous {
                let found =
                    try Int64.fetchOne(db.cachedStatement(sql: "SELECT cursor FROM sync_state WHERE id = 1"))
                    ?? 0
                guard found == previous else {
                    throw ReplicaError.pullOutOfStep(expected: previous, found: found)
                }
            }
            var known: [UUID: Citizen] = [:]
            known.reserveCapacity(citizens.count)
            for citizen in citizens {
                try CaseStorage.upsertCitizen(db, citizen)
                known[citizen.id] = citizen
            }
            let outboxIsEmpty =
                try Bool.fetchOne(db.cachedStatement(sql: "SELECT NOT EXISTS (SELECT 1 FROM outbox)"))
                ?? false
            let confirm = try CaseStorage.unconfirmedStatement(db)
            for c in cases {
                let due = CaseStorage.dueDay(c, rules)
                try CaseStorage.upsertCentral(db, c, due: due)
                try confirm?.execute(arguments: [c.id.uuidString])
                if !outboxIsEmpty, try CaseStorage.hasPendingOperations(db, caseID: c.id) {
                    try CaseStorage.refreshQueueRow(
                        db, caseID: c.id, central: c, rules: rules, citizens: known)
                } else {
                    try CaseStorage.writeQueueRow(
                        db, caseID: c.id, visible: c, pending: 0, rules: rules, citizens: known, due: due)
                }
            }
            try db.cachedStatement(
                sql: "UPDATE sync_state SET cursor = ?, last_sync_at = ?, last_error = NULL WHERE id = 1"
            ).execute(arguments: [cursor, Millis.from(Date())])
        }
        try checkpointAfterBulkWrite()
    }

    /// The history of a case, oldest first.
    public func history(caseID: UUID) throws -> [HistoryEntry] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT at, clerk, what, op_id FROM case_history WHERE case_id = ? ORDER BY at, seq",
                arguments: [caseID.uuidString]
            ).map { row in
                HistoryEntry(
                    at: Millis.date(row["at"]), clerk: row["clerk"], what: row["what"],
                    operationID: (row["op_id"] as String?).flatMap(UUID.init))
            }
        }
    }
}

/// One line of a case's history.
public struct HistoryEntry: Hashable, Sendable {
    public var at: Date
    public var clerk: String
    public var what: String
    /// The operation that made the change, if it was made on this device.
    public var operationID: UUID?
}

/// Short history texts for operations, naming states and fields as the service does.
enum HistoryText {
    static func describe(_ kind: OperationKind, service: ServiceDefinition?) -> String {
        func state(_ id: String) -> String { service?.workflow.state(id)?.label.de ?? id }
        func field(_ id: String) -> String { service?.form.field(id)?.label.de ?? id }
        return switch kind {
        case .createCase: "Vorgang angelegt"
        case .setField(let id, _, _): "Feld „\(field(id))“ geändert"
        case .transition(let from, let to, let reason):
            "Status \(state(from)) → \(state(to))" + (reason.map { ": \($0)" } ?? "")
        case .addComment: "Kommentar hinzugefügt"
        case .claim: "Vorgang übernommen"
        case .release: "Vorgang freigegeben"
        case .assign(let to): to.map { "Zugewiesen an \($0)" } ?? "Zuweisung aufgehoben"
        case .resolveConflict(let id, _): "Konflikt in „\(field(id))“ gelöst"
        case .updateCitizen: "Bürgerdaten berichtigt"
        }
    }
}
