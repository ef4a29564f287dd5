import CaseModel
import Foundation

/// Writes cases straight into a replica's tables with the bare SQLite C API (prepared
/// statements, large transactions, no overlay, no sync bookkeeping): the yardstick the sync
/// benchmark compares applying pulled pages with.
///
/// Writes the same rows a pull writes — the central state with its encoded body (`CaseBody`), the visible queue
/// row and the full-text entry, and the citizens — into the replica at `path` (created with
/// `Replica.open` beforehand), numbering queue rows from `firstRow`. Returns the seconds spent.
public func writeCasesStraight(
    _ cases: [Case], citizens: [Citizen], intoReplicaAt path: String, firstRow: Int64 = 1,
    rules: ReplicaRules = ReplicaRules(services: [])
) throws -> Double {
    let raw = try RawSQLite(path: path)
    let started = DispatchTime.now().uptimeNanoseconds
    var byID: [UUID: Citizen] = [:]
    for citizen in citizens { byID[citizen.id] = citizen }
    try raw.execute("BEGIN")
    for citizen in citizens {
        try raw.query(
            """
            INSERT OR REPLACE INTO citizen (id, given_name, family_name, date_of_birth, street, house_number,
                postcode, city, phone, email, information_block) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(citizen.id.uuidString), .text(citizen.name.given), .text(citizen.name.family),
                .text(citizen.dateOfBirth.iso), .text(citizen.address.street),
                .text(citizen.address.houseNumber),
                .text(citizen.address.postcode), .text(citizen.address.city),
                citizen.phone.map { .text($0) } ?? .null,
                citizen.email.map { .text($0) } ?? .null, .int(citizen.informationBlock ? 1 : 0),
            ])
    }
    var seq = firstRow - 1
    for c in cases {
        seq += 1
        let body = CaseBody.encode(c)
        let due = CaseStorage.dueDay(c, rules)
        let claimUntil: RawSQLite.Value = c.claim.map { .int(Millis.from($0.until)) } ?? .null
        let common: [RawSQLite.Value] = [
            .text(c.id.uuidString), .text(c.number), .text(c.serviceID), .text(c.state), .text(c.orgUnit),
            c.citizenID.map { .text($0.uuidString) } ?? .null,
        ]
        try raw.query(
            """
            INSERT INTO case_central (id, number, service_id, state, org_unit, citizen_id, received_at,
                due_day, last_activity_at, assignee, claim_clerk, claim_until, version, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            common + [
                .int(Millis.from(c.receivedAt)), .int(due), .int(Millis.from(c.lastActivityAt)),
                c.assignee.map { .text($0) } ?? .null, c.claim.map { .text($0.clerk) } ?? .null, claimUntil,
                .int(c.version), .blob(body),
            ])
        let citizen = c.citizenID.flatMap { byID[$0] }
        try raw.query(
            """
            INSERT INTO case_queue (seq, case_id, number, service_id, state, org_unit, citizen_id, citizen_name,
                information_block, received_at, due_day, last_activity_at, assignee, claim_clerk, claim_until,
                is_open, has_conflict, pending, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
            """,
            [.int(seq)] + common + [
                .text(citizen?.name.listForm ?? ""), .int(citizen?.informationBlock == true ? 1 : 0),
                .int(Millis.from(c.receivedAt)), .int(due), .int(Millis.from(c.lastActivityAt)),
                c.assignee.map { .text($0) } ?? .null, c.claim.map { .text($0.clerk) } ?? .null, claimUntil,
                .int(rules.isOpen(c) ? 1 : 0), .int(c.conflicts.isEmpty ? 0 : 1), .int(c.version),
            ])
        let (number, name, address) = CaseStorage.searchColumns(number: c.number, citizen: citizen)
        try raw.query(
            "INSERT INTO case_search (rowid, number, name, address) VALUES (?, ?, ?, ?)",
            [.int(seq), .text(number), .text(name), .text(address)])
        if seq % 10_000 == 0 {
            try raw.execute("COMMIT")
            try raw.execute("BEGIN")
        }
    }
    try raw.execute("COMMIT")
    return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
}
