import CaseModel
import Foundation
import Logging
import PostgresNIO

/// The rows a batch writes to PostgreSQL, gathered in memory and written with one multi-row
/// statement per table (`unnest` of arrays) at the end of the batch.
struct BatchWrites {
    private var logCases: [UUID] = []
    private var logUnits: [String] = []
    private var logVersions: [Int64] = []
    private var logOperations: [UUID] = []
    private var citizens: [String: (unit: String, id: UUID, data: String, replace: Bool)] = [:]
    private var operationIDs: [UUID] = []
    private var operationHashes: [String] = []
    private var operationClerks: [String] = []
    private var operationCases: [UUID] = []
    private var operationResults: [String] = []
    private var operationDevices: [String] = []
    private var operationBodies: [String] = []
    private var operationDoneAt: [Date] = []

    /// One change-log entry: `operation` made the case `next`.
    mutating func change(_ next: Case, operation: UUID) {
        logCases.append(next.id)
        logUnits.append(next.orgUnit)
        logVersions.append(next.version)
        logOperations.append(operation)
    }

    /// A citizen to write for a unit: a new case's citizen only if nothing was written for it
    /// earlier in the batch, a correction always (the last one wins).
    mutating func citizen(_ write: CitizenWrite, unit: String) throws {
        let citizen = write.citizen
        let key = unit + "\u{1F}" + citizen.id.uuidString
        if case .addIfNew = write, citizens[key] != nil { return }
        let replace: Bool
        switch write {
        case .addIfNew: replace = false
        case .replace: replace = true
        }
        citizens[key] = (unit, citizen.id, try StoredJSON.encode(citizen), replace)
    }

    /// The record of one operation: its result, its body and who sent it when.
    mutating func result(_ stored: StoredOperation, decision: OperationDecision, result: String) {
        operationIDs.append(stored.operation.id)
        operationHashes.append(stored.contentHash)
        operationClerks.append(stored.operation.clerk)
        operationCases.append(stored.operation.caseID)
        operationResults.append(result)
        operationDevices.append(decision.device ?? stored.operation.device)
        operationBodies.append(stored.body)
        operationDoneAt.append(decision.doneAt ?? stored.operation.timestamp)
    }

    /// Writes everything; `cases` holds the final state of every case the batch changed.
    func flush(_ connection: PostgresConnection, cases: [UUID: Case], logger: Logger) async throws {
        if !logCases.isEmpty {
            // Held until commit: seq order == commit order (see PostgresCentralStore).
            try await connection.query(
                "SELECT pg_advisory_xact_lock(\(PostgresCentralStore.changeLogLock))", logger: logger)
            let appended = try await connection.query(
                """
                INSERT INTO change_log (case_id, org_unit, version, operation_id)
                SELECT c, u, v, o
                FROM unnest(\(logCases)::uuid[], \(logUnits)::text[], \(logVersions)::bigint[],
                            \(logOperations)::uuid[]) WITH ORDINALITY AS t(c, u, v, o, n)
                ORDER BY n
                RETURNING seq, case_id, version
                """, logger: logger)
            var last: [UUID: (version: Int64, seq: Int64)] = [:]
            for try await (seq, caseID, version) in appended.decode((Int64, UUID, Int64).self)
            where version >= last[caseID]?.version ?? 0 {
                last[caseID] = (version, seq)
            }
            var ids: [UUID] = []
            var units: [String] = []
            var versions: [Int64] = []
            var seqs: [Int64] = []
            var states: [String] = []
            for (id, entry) in last.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
                guard let state = cases[id] else { continue }
                ids.append(id)
                units.append(state.orgUnit)
                versions.append(entry.version)
                seqs.append(entry.seq)
                states.append(try StoredJSON.encode(state))
            }
            try await connection.query(
                """
                INSERT INTO "case" (id, org_unit, version, seq, state)
                SELECT i, u, v, q, s::jsonb
                FROM unnest(\(ids)::uuid[], \(units)::text[], \(versions)::bigint[], \(seqs)::bigint[],
                            \(states)::text[]) AS t(i, u, v, q, s)
                ON CONFLICT (id) DO UPDATE SET version = excluded.version, seq = excluded.seq,
                    state = excluded.state
                """, logger: logger)
        }
        let sorted = citizens.sorted { $0.key < $1.key }
        for replace in [false, true] {
            let chosen = sorted.filter { $0.value.replace == replace }
            guard !chosen.isEmpty else { continue }
            let units = chosen.map(\.value.unit)
            let ids = chosen.map(\.value.id)
            let data = chosen.map(\.value.data)
            let conflict: PostgresQuery =
                replace
                ? """
                INSERT INTO citizen (org_unit, id, data)
                SELECT u, i, d::jsonb FROM unnest(\(units)::text[], \(ids)::uuid[], \(data)::text[]) AS t(u, i, d)
                ON CONFLICT (org_unit, id) DO UPDATE SET data = jsonb_set(
                    excluded.data, '{informationBlock}',
                    coalesce(citizen.data->'informationBlock', 'false'::jsonb))
                """
                : """
                INSERT INTO citizen (org_unit, id, data)
                SELECT u, i, d::jsonb FROM unnest(\(units)::text[], \(ids)::uuid[], \(data)::text[]) AS t(u, i, d)
                ON CONFLICT (org_unit, id) DO NOTHING
                """
            try await connection.query(conflict, logger: logger)
        }
        guard !operationIDs.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO operation (id, content_hash, clerk_id, case_id, result, received_at, device_id, body,
                                   done_at)
            SELECT i, h, c, k, r::jsonb, now(), d, b::jsonb, a
            FROM unnest(\(operationIDs)::uuid[], \(operationHashes)::text[], \(operationClerks)::text[],
                        \(operationCases)::uuid[], \(operationResults)::text[], \(operationDevices)::text[],
                        \(operationBodies)::text[], \(operationDoneAt)::timestamptz[]) AS t(i, h, c, k, r, d, b, a)
            """, logger: logger)
    }
}
