import CaseModel
import Foundation
import GRDB

/// Reading and writing case rows inside a transaction; shared by the façade and seeding.
enum CaseStorage {
    /// `due_day` of cases without a deadline, so that they sort last and the column stays NOT NULL.
    static let noDueDay: Int64 = 9_999_999

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let data = try JSONEncoder().encode(value)
        return String(decoding: data, as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    static func centralCase(_ db: Database, id: UUID) throws -> Case? {
        let statement = try db.cachedStatement(sql: "SELECT body FROM case_central WHERE id = ?")
        let rows = try Row.fetchCursor(statement, arguments: [id.uuidString])
        guard let row = try rows.next() else { return nil }
        return try row.withUnsafeData(atIndex: 0) { data in
            guard let data else { throw CaseBody.BodyError.truncated }
            return try data.withUnsafeBytes { try CaseBody.decode($0) }
        }
    }

    /// The central body (tag 0) and the pending operations (tag 1, with their outbox `seq`) of a
    /// case in one statement, so that one implicit read transaction sees both consistently
    /// (`CaseReader`).
    static let visibleCaseSQL = """
        SELECT 0, 0, body FROM case_central WHERE id = ?1
        UNION ALL
        SELECT 1, seq, body FROM outbox WHERE case_id = ?1
        """

    /// The statement that marks a case as pulled again after the pull started over, or nil when
    /// no case waits for that (one look at `case_unconfirmed`), so ordinary pulls pay nothing.
    static func unconfirmedStatement(_ db: Database) throws -> Statement? {
        let waiting =
            try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM case_unconfirmed)"))
            ?? false
        return waiting ? try db.cachedStatement(sql: "DELETE FROM case_unconfirmed WHERE case_id = ?") : nil
    }

    /// Whether `caseID` has operations in the outbox (one look at the `outbox_case` index).
    static func hasPendingOperations(_ db: Database, caseID: UUID) throws -> Bool {
        let statement = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM outbox WHERE case_id = ?)")
        return try Bool.fetchOne(statement, arguments: [caseID.uuidString]) ?? false
    }

    static func pendingOperations(_ db: Database, caseID: UUID) throws -> [CaseModel.Operation] {
        let statement = try db.cachedStatement(sql: "SELECT body FROM outbox WHERE case_id = ? ORDER BY seq")
        return try String.fetchAll(statement, arguments: [caseID.uuidString]).map {
            try decode(CaseModel.Operation.self, $0)
        }
    }

    /// The visible state: `central` with `pending` applied in order (overlay); refused ones are skipped.
    static func visible(central: Case?, pending: [CaseModel.Operation], rules: ReplicaRules) -> Case? {
        var current = central
        for operation in pending {
            let service = current?.serviceID ?? operation.newCaseServiceID ?? ""
            switch operation.apply(to: current, mode: .overlay, context: rules.applyContext(service)) {
            case .applied(let c), .conflict(let c, _): current = c
            case .rejected: continue
            }
        }
        return current
    }

    static func upsertCitizen(_ db: Database, _ c: Citizen) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO citizen (id, given_name, family_name, date_of_birth, street, house_number,
                    postcode, city, phone, email, information_block)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET given_name = excluded.given_name,
                    family_name = excluded.family_name, date_of_birth = excluded.date_of_birth,
                    street = excluded.street, house_number = excluded.house_number,
                    postcode = excluded.postcode, city = excluded.city, phone = excluded.phone,
                    email = excluded.email, information_block = excluded.information_block
                """)
        try statement.execute(arguments: citizenArguments(c))
    }

    static func citizenArguments(_ c: Citizen) -> StatementArguments {
        [
            c.id.uuidString, c.name.given, c.name.family, c.dateOfBirth.iso, c.address.street,
            c.address.houseNumber, c.address.postcode, c.address.city, c.phone, c.email, c.informationBlock,
        ]
    }

    static func citizen(_ db: Database, id: UUID) throws -> Citizen? {
        let statement = try db.cachedStatement(sql: "SELECT * FROM citizen WHERE id = ?")
        guard let row = try Row.fetchOne(statement, arguments: [id.uuidString]) else { return nil }
        return citizen(row)
    }

    static func citizen(_ row: Row) -> Citizen? {
        guard let id = UUID(uuidString: row["id"]), let born = LocalDate(parsing: row["date_of_birth"]) else {
            return nil
        }
        return Citizen(
            id: id, name: PersonName(given: row["given_name"], family: row["family_name"]), dateOfBirth: born,
            address: PostalAddress(
                street: row["street"], houseNumber: row["house_number"], postcode: row["postcode"],
                city: row["city"]),
            phone: row["phone"], email: row["email"], informationBlock: row["information_block"])
    }

    /// Stores the central state of a case; `due` is its `dueDay` (computed once by the caller).
    static func upsertCentral(_ db: Database, _ c: Case, due: Int64) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO case_central (id, number, service_id, state, org_unit, citizen_id, received_at,
                    due_day, last_activity_at, assignee, claim_clerk, claim_until, version, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET number = excluded.number, service_id = excluded.service_id,
                    state = excluded.state, org_unit = excluded.org_unit, citizen_id = excluded.citizen_id,
                    received_at = excluded.received_at, due_day = excluded.due_day,
                    last_activity_at = excluded.last_activity_at, assignee = excluded.assignee,
                    claim_clerk = excluded.claim_clerk, claim_until = excluded.claim_until,
                    version = excluded.version, body = excluded.body
                """)
        try statement.execute(arguments: centralArguments(c, body: CaseBody.encode(c), due: due))
    }

    static func centralArguments(_ c: Case, body: Data, due: Int64) -> StatementArguments {
        [
            c.id.uuidString, c.number, c.serviceID, c.state, c.orgUnit, c.citizenID?.uuidString,
            Millis.from(c.receivedAt), due, Millis.from(c.lastActivityAt), c.assignee,
            c.claim?.clerk, c.claim.map { Millis.from($0.until) }, c.version, body,
        ]
    }

    static func dueDay(_ c: Case, _ rules: ReplicaRules) -> Int64 {
        rules.dueDay(c).map { Int64($0) } ?? noDueDay
    }

    /// The text the full-text index holds for a case (ASCII variants added).
    static func searchColumns(number: String, citizen: Citizen?) -> (String, String, String) {
        let name = citizen.map { "\($0.name.given) \($0.name.family)" } ?? ""
        let address =
            citizen.map { "\($0.address.street) \($0.address.houseNumber) \($0.address.postcode)" } ?? ""
        return (SearchText.indexed(number), SearchText.indexed(name), SearchText.indexed(address))
    }

    /// The columns of `case_queue` besides `seq`, in the order of `queueValues`.
    static let queueColumns = [
        "case_id", "number", "service_id", "state", "org_unit", "citizen_id", "citizen_name",
        "information_block", "received_at", "due_day", "last_activity_at", "assignee", "claim_clerk",
        "claim_until", "is_open", "has_conflict", "pending", "version",
    ]

    static func queueValues(
        _ c: Case, citizen: Citizen?, pending: Int, due: Int64, rules: ReplicaRules
    ) -> [DatabaseValue] {
        func value(_ v: (any DatabaseValueConvertible)?) -> DatabaseValue { v?.databaseValue ?? .null }
        return [
            value(c.id.uuidString), value(c.number), value(c.serviceID), value(c.state), value(c.orgUnit),
            value(c.citizenID?.uuidString), value(citizen?.name.listForm ?? ""),
            value(citizen?.informationBlock ?? false), value(Millis.from(c.receivedAt)), value(due),
            value(Millis.from(c.lastActivityAt)), value(c.assignee), value(c.claim?.clerk),
            value(c.claim.map { Millis.from($0.until) }), value(rules.isOpen(c)), value(!c.conflicts.isEmpty),
            value(pending), value(c.version),
        ]
    }

    static func queueArguments(
        _ c: Case, citizen: Citizen?, pending: Int, due: Int64, rules: ReplicaRules
    ) -> StatementArguments {
        StatementArguments(queueValues(c, citizen: citizen, pending: pending, due: due, rules: rules))
    }

    static let insertQueueSQL = """
        INSERT INTO case_queue (case_id, number, service_id, state, org_unit, citizen_id, citizen_name,
            information_block, received_at, due_day, last_activity_at, assignee, claim_clerk, claim_until,
            is_open, has_conflict, pending, version)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static let insertSearchSQL = "INSERT INTO case_search (rowid, number, name, address) VALUES (?, ?, ?, ?)"

    /// Makes the queue row (and search entry) of `caseID` show `visible`; removes them if nil.
    ///
    /// The citizen is taken from `citizens` when it is there, else read from the replica; `due` is
    /// the visible state's `dueDay` when the caller has already computed it.
    static func writeQueueRow(
        _ db: Database, caseID: UUID, visible: Case?, pending: Int, rules: ReplicaRules,
        citizens: [UUID: Citizen] = [:], due: Int64? = nil
    ) throws {
        let existing = try Row.fetchOne(
            db.cachedStatement(
                sql: "SELECT seq, \(queueColumns.joined(separator: ", ")) FROM case_queue WHERE case_id = ?"),
            arguments: [caseID.uuidString])
        guard let c = visible else {
            if let seq: Int64 = existing?["seq"] {
                try db.cachedStatement(sql: "DELETE FROM case_search WHERE rowid = ?").execute(arguments: [
                    seq
                ])
                try db.cachedStatement(sql: "DELETE FROM case_queue WHERE seq = ?").execute(arguments: [seq])
            }
            return
        }
        let citizen = try c.citizenID.flatMap { id in try citizens[id] ?? CaseStorage.citizen(db, id: id) }
        let values = queueValues(
            c, citizen: citizen, pending: pending, due: due ?? dueDay(c, rules), rules: rules)
        let seq: Int64
        if let existing, let existingSeq: Int64 = existing["seq"] {
            seq = existingSeq
            // Only the columns that changed: an UPDATE rewrites every index that holds a column it
            // sets, and a local edit usually changes two or three of the eighteen.
            var changed: [Int] = []
            for (index, value) in values.enumerated() where (existing[index + 1] as DatabaseValue) != value {
                changed.append(index)
            }
            if !changed.isEmpty {
                let assignments = changed.map { "\(queueColumns[$0]) = ?" }.joined(separator: ", ")
                try db.cachedStatement(sql: "UPDATE case_queue SET \(assignments) WHERE seq = ?")
                    .execute(arguments: StatementArguments(changed.map { values[$0] } + [seq.databaseValue]))
            }
            let oldNumber: String = existing["number"]
            let oldCitizen: String? = existing["citizen_id"]
            guard oldNumber != c.number || oldCitizen != c.citizenID?.uuidString else { return }
            try db.cachedStatement(sql: "DELETE FROM case_search WHERE rowid = ?").execute(arguments: [seq])
        } else {
            try db.cachedStatement(sql: insertQueueSQL).execute(arguments: StatementArguments(values))
            seq = db.lastInsertedRowID
        }
        let (number, name, address) = searchColumns(number: c.number, citizen: citizen)
        try db.cachedStatement(sql: insertSearchSQL).execute(arguments: [seq, number, name, address])
    }

    /// Recomputes the visible queue row of a case from its central state and pending operations.
    static func refreshQueueRow(_ db: Database, caseID: UUID, rules: ReplicaRules) throws {
        let central = try centralCase(db, id: caseID)
        try refreshQueueRow(db, caseID: caseID, central: central, rules: rules)
    }

    /// Recomputes the visible queue row of a case whose central state is `central` (already in hand).
    static func refreshQueueRow(
        _ db: Database, caseID: UUID, central: Case?, rules: ReplicaRules, citizens: [UUID: Citizen] = [:]
    ) throws {
        let pending = try pendingOperations(db, caseID: caseID)
        let visible = visible(central: central, pending: pending, rules: rules)
        try writeQueueRow(
            db, caseID: caseID, visible: visible, pending: pending.count, rules: rules, citizens: citizens)
    }
}

extension CaseModel.Operation {
    /// The service of the case this operation creates, if it creates one.
    var newCaseServiceID: String? {
        if case .createCase(let new) = kind { return new.serviceID }
        return nil
    }
}
