import CaseModel
import Foundation
import GRDB

/// An operation the central service refused, kept with its reason so the clerk can see it.
public struct RejectedOperation: Hashable, Sendable {
    public var operation: CaseModel.Operation
    public var rejection: Rejection
    public var rejectedAt: Date
}

extension ReplicaSchema {
    /// The sync migrations, registered after the first schema; never edited once shipped.
    static func registerSyncMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v1-rejected-operation") { db in
            try db.execute(
                sql: """
                    CREATE TABLE rejected_operation (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        op_id TEXT NOT NULL UNIQUE,
                        case_id TEXT NOT NULL,
                        body TEXT NOT NULL,
                        code TEXT NOT NULL,
                        message_de TEXT NOT NULL,
                        message_en TEXT NOT NULL,
                        rejected_at INTEGER NOT NULL
                    );
                    CREATE INDEX rejected_operation_case ON rejected_operation(case_id, seq);
                    """)
        }
    }
}

extension Replica {
    /// Moves refused operations from the outbox to the list of rejected operations, with their
    /// reasons, in one transaction; the visible rows of the touched cases are recomputed.
    ///
    /// Ids that are not in the outbox are ignored, so marking twice is harmless.
    public func markRejected(_ rejections: [(UUID, Rejection)]) throws {
        guard !rejections.isEmpty else { return }
        try pool.write { db in
            let find = try db.cachedStatement(sql: "SELECT case_id, body FROM outbox WHERE op_id = ?")
            let insert = try db.cachedStatement(
                sql: """
                    INSERT OR IGNORE INTO rejected_operation
                        (op_id, case_id, body, code, message_de, message_en, rejected_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            let delete = try db.cachedStatement(sql: "DELETE FROM outbox WHERE op_id = ?")
            var touched = Set<String>()
            let now = Millis.from(Date())
            for (id, rejection) in rejections {
                guard let row = try Row.fetchOne(find, arguments: [id.uuidString]) else { continue }
                let caseID: String = row["case_id"]
                let body: String = row["body"]
                try insert.execute(arguments: [
                    id.uuidString, caseID, body, rejection.code, rejection.message.de, rejection.message.en,
                    now,
                ])
                try delete.execute(arguments: [id.uuidString])
                touched.insert(caseID)
            }
            for caseID in touched.sorted() {
                guard let id = UUID(uuidString: caseID) else { continue }
                try CaseStorage.refreshQueueRow(db, caseID: id, rules: rules)
            }
        }
    }

    /// Sends a refused change again, as a new operation on the case as this device sees it now.
    ///
    /// A refused operation id is never sent twice (the central service would answer with the
    /// same refusal), so the change is recorded anew under `newID`: based on the case's current
    /// version, a field change starting from the field's current value, a move starting from the
    /// current state. `check` judges the new operation against the case as it is now (the
    /// workflow and role rules); if it or the overlay refuses, `ReplicaError.rejected` says why
    /// and the refused entry stays. The entry leaves the list in the same transaction.
    @discardableResult
    public func retryRejected(
        _ id: UUID, as newID: UUID, by clerk: String, at time: Date,
        check: (CaseModel.Operation, Case?) -> Rejection? = { _, _ in nil }
    ) throws -> Case {
        try pool.write { db in
            let body = try String.fetchOne(
                db, sql: "SELECT body FROM rejected_operation WHERE op_id = ?", arguments: [id.uuidString])
            guard let body else { throw ReplicaError.rejected(Self.noLongerListed) }
            let refused = try CaseStorage.decode(CaseModel.Operation.self, body)
            let central = try CaseStorage.centralCase(db, id: refused.caseID)
            let pending = try CaseStorage.pendingOperations(db, caseID: refused.caseID)
            let current = CaseStorage.visible(central: central, pending: pending, rules: rules)
            var kind = refused.kind
            switch refused.kind {
            case .setField(let field, _, let new):
                kind = .setField(field: field, old: current?.fields[field], new: new)
            case .transition(_, let to, let reason):
                kind = .transition(from: current?.state ?? "", to: to, reason: reason)
            default:
                break
            }
            let again = CaseModel.Operation(
                id: newID, caseID: refused.caseID, baseVersion: central?.version ?? 0, clerk: clerk,
                device: refused.device, timestamp: time, kind: kind)
            if let refusal = check(again, current) { throw ReplicaError.rejected(refusal) }
            let visible = try record(again, in: db)
            try db.execute(sql: "DELETE FROM rejected_operation WHERE op_id = ?", arguments: [id.uuidString])
            try Self.insertAudit(
                db,
                AuditEntry(
                    clerk: clerk, at: time, action: "rejected.retried", caseID: refused.caseID,
                    detail: "\(id.uuidString) → \(newID.uuidString)"))
            return visible
        }
    }

    /// Drops a refused change from the list for good; the audit log keeps that it was dropped.
    public func discardRejected(_ id: UUID, by clerk: String, at time: Date) throws {
        try pool.write { db in
            let caseID = try String.fetchOne(
                db, sql: "SELECT case_id FROM rejected_operation WHERE op_id = ?", arguments: [id.uuidString])
            guard let caseID else { throw ReplicaError.rejected(Self.noLongerListed) }
            try db.execute(sql: "DELETE FROM rejected_operation WHERE op_id = ?", arguments: [id.uuidString])
            try Self.insertAudit(
                db,
                AuditEntry(
                    clerk: clerk, at: time, action: "rejected.discarded", caseID: UUID(uuidString: caseID),
                    detail: id.uuidString))
        }
    }

    private static let noLongerListed = Rejection(
        code: "not_listed",
        message: LocalizedText(
            de: "Diese abgelehnte Änderung ist nicht mehr in der Liste.",
            en: "This refused change is no longer in the list."))

    /// The operations the central service refused, oldest first.
    public func rejectedOperations() throws -> [RejectedOperation] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT body, code, message_de, message_en, rejected_at FROM rejected_operation ORDER BY seq"
            ).map { row in
                RejectedOperation(
                    operation: try CaseStorage.decode(CaseModel.Operation.self, row["body"]),
                    rejection: Rejection(
                        code: row["code"],
                        message: LocalizedText(de: row["message_de"], en: row["message_en"])),
                    rejectedAt: Millis.date(row["rejected_at"]))
            }
        }
    }

    /// How many operations the central service refused.
    public func rejectedCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM rejected_operation") ?? 0 }
    }

    /// How many visible cases carry a field conflict waiting for a person.
    public func conflictCount() throws -> Int {
        try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM case_queue WHERE has_conflict = 1") ?? 0
        }
    }

    /// The ids of every case the clerk can see, in row order.
    public func visibleCaseIDs() throws -> [UUID] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT case_id FROM case_queue ORDER BY seq").compactMap(UUID.init)
        }
    }
}
