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
    private var logStates: [String] = []
    private var logOperations: [UUID] = []
    private var citizens: [UUID: (unit: String, data: String)] = [:]
    private var operationIDs: [UUID] = []
    private var operationHashes: [String] = []
    private var operationClerks: [String] = []
    private var operationCases: [UUID] = []
    private var operationResults: [String] = []

    /// One change-log entry: the case as `operation` left it.
    mutating func change(_ next: Case, operation: UUID) throws {
        logCases.append(next.id)
        logUnits.append(next.orgUnit)
        logVersions.append(next.version)
        logStates.append(try StoredJSON.encode(next))
        logOperations.append(operation)
    }

    /// A citizen brought along by a new case (the last one of an id wins).
    mutating func citizen(_ citizen: Citizen, unit: String) throws {
        citizens[citizen.id] = (unit, try StoredJSON.encode(citizen))
    }

    /// The result of one operation.
    mutating func result(_ operation: CaseModel.Operation, hash: String, result: String) {
        operationIDs.append(operation.id)
        operationHashes.append(hash)
        operationClerks.append(operation.clerk)
        operationCases.append(operation.caseID)
        operationResults.append(result)
    }

    /// Writes everything; `cases` holds the final state of every case the batch changed.
    func flush(_ connection: PostgresConnection, cases: [UUID: Case], logger: Logger) async throws {
        if !logCases.isEmpty {
            // Held until commit: seq order == commit order (see PostgresCentralStore).
            try await connection.query(
                "SELECT pg_advisory_xact_lock(\(PostgresCentralStore.changeLogLock))", logger: logger)
            let appended = try await connection.query(
                """
                INSERT INTO change_log (case_id, org_unit, version, state, operation_id)
                SELECT c, u, v, s::jsonb, o
                FROM unnest(\(logCases)::uuid[], \(logUnits)::text[], \(logVersions)::bigint[],
                            \(logStates)::text[], \(logOperations)::uuid[]) WITH ORDINALITY AS t(c, u, v, s, o, n)
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
        if !citizens.isEmpty {
            let sorted = citizens.sorted { $0.key.uuidString < $1.key.uuidString }
            let ids = sorted.map(\.key)
            let units = sorted.map(\.value.unit)
            let data = sorted.map(\.value.data)
            try await connection.query(
                """
                INSERT INTO citizen (id, org_unit, data)
                SELECT i, u, d::jsonb FROM unnest(\(ids)::uuid[], \(units)::text[], \(data)::text[]) AS t(i, u, d)
                ON CONFLICT (id) DO UPDATE SET data = excluded.data
                WHERE citizen.org_unit = excluded.org_unit
                """, logger: logger)
        }
        guard !operationIDs.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO operation (id, content_hash, clerk_id, case_id, result, received_at)
            SELECT i, h, c, k, r::jsonb, now()
            FROM unnest(\(operationIDs)::uuid[], \(operationHashes)::text[], \(operationClerks)::text[],
                        \(operationCases)::uuid[], \(operationResults)::text[]) AS t(i, h, c, k, r)
            """, logger: logger)
    }
}
