import CaseModel
import Foundation
import GRDB

extension Replica {
    // MARK: Calls and callbacks (phone hotline)

    /// Stores a finished call and, if its outcome promises one, the callback — in one transaction.
    ///
    /// `completedCallback` is the callback this call carried out; it leaves the queue in the
    /// same transaction, as does the call's draft (`removingDraft`). Storing the same call twice
    /// is refused by the schema.
    public func recordCall(_ record: CallRecord, completedCallback: UUID? = nil, removingDraft: String? = nil)
        throws
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let body = String(decoding: try encoder.encode(record), as: UTF8.self)
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO call_record (id, clerk, caller_number, started_at, ended_at, duration_seconds,
                        outcome, service_id, case_id, body)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    record.id.uuidString, record.clerk, record.callerNumber, Millis.from(record.startedAt),
                    Millis.from(record.endedAt), record.durationSeconds, record.outcome.name,
                    record.serviceID,
                    record.caseID?.uuidString, body,
                ])
            if let callback = record.outcome.callback {
                try db.execute(
                    sql: """
                        INSERT INTO callback (id, call_id, number, day, window_start, window_end, done_at, body)
                        VALUES (?, ?, ?, ?, ?, ?, NULL, ?)
                        """,
                    arguments: [
                        callback.id.uuidString, callback.callID.uuidString, callback.number, callback.day.iso,
                        callback.window.start.description, callback.window.end.description,
                        String(decoding: try encoder.encode(callback), as: UTF8.self),
                    ])
            }
            if let completedCallback {
                try db.execute(
                    sql: "UPDATE callback SET done_at = ? WHERE id = ? AND done_at IS NULL",
                    arguments: [Millis.from(record.endedAt), completedCallback.uuidString])
            }
            if let removingDraft {
                try db.execute(sql: "DELETE FROM draft WHERE key = ?", arguments: [removingDraft])
            }
        }
    }

    /// The open callbacks (the "Rückrufe" queue), in the order they are due.
    public func openCallbacks() throws -> [Callback] {
        let bodies = try pool.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT body FROM callback WHERE done_at IS NULL ORDER BY day, window_start, id")
        }
        let decoder = JSONDecoder()
        return Callback.queue(try bodies.map { try decoder.decode(Callback.self, from: Data($0.utf8)) })
    }

    /// The calls that started at or after `since`, oldest first (for the phone KPIs).
    public func callRecords(since: Date) throws -> [CallRecord] {
        let bodies = try pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT body FROM call_record WHERE started_at >= ? ORDER BY started_at, id",
                arguments: [Millis.from(since)])
        }
        let decoder = JSONDecoder()
        return try bodies.map { try decoder.decode(CallRecord.self, from: Data($0.utf8)) }
    }
}
