import CaseModel
import Foundation
import GRDB

/// Which cases a queue shows. All set conditions must hold.
public struct QueueFilter: Hashable, Sendable {
    public var serviceID: String?
    public var state: String?
    public var assignee: String?
    public var orgUnit: String?
    /// Only cases not in a terminal state.
    public var openOnly: Bool
    /// Only cases with unresolved field conflicts.
    public var conflictsOnly: Bool

    public init(
        serviceID: String? = nil, state: String? = nil, assignee: String? = nil, orgUnit: String? = nil,
        openOnly: Bool = true, conflictsOnly: Bool = false
    ) {
        self.serviceID = serviceID
        self.state = state
        self.assignee = assignee
        self.orgUnit = orgUnit
        self.openOnly = openOnly
        self.conflictsOnly = conflictsOnly
    }
}

/// The order of a queue.
public enum QueueSort: String, Hashable, Sendable, CaseIterable {
    /// Earliest SLA due day first (cases without a deadline last).
    case dueDate
    /// Most recently received first.
    case receivedNewestFirst
    /// Earliest received first.
    case receivedOldestFirst
}

/// Where the next page starts: the sort key and `seq` of the last row of the previous page.
public struct QueueCursor: Hashable, Sendable {
    public var key: Int64
    public var seq: Int64
    public init(key: Int64, seq: Int64) {
        self.key = key
        self.seq = seq
    }
}

/// One line of a queue: the visible state's list columns.
public struct QueueRow: Hashable, Sendable, Identifiable {
    /// Stable row number in the replica.
    public var seq: Int64
    public var caseID: UUID
    public var number: String
    public var serviceID: String
    public var state: String
    public var orgUnit: String
    public var citizenID: UUID?
    /// "Family, Given" of the citizen, empty if unknown.
    public var citizenName: String
    public var informationBlock: Bool
    public var receivedAt: Date
    /// The SLA due day; nil for cases without a deadline.
    public var dueDate: LocalDate?
    public var lastActivityAt: Date
    public var assignee: String?
    public var claimClerk: String?
    public var claimUntil: Date?
    public var isOpen: Bool
    public var hasConflict: Bool
    /// Local operations not yet acknowledged by the central service.
    public var pendingOperations: Int
    public var version: Int64

    public var id: UUID { caseID }

    /// The cursor that continues after this row in `sort`.
    public func cursor(for sort: QueueSort) -> QueueCursor {
        switch sort {
        case .dueDate: QueueCursor(key: Int64(dueDate?.dayNumber ?? Int(CaseStorage.noDueDay)), seq: seq)
        case .receivedNewestFirst, .receivedOldestFirst: QueueCursor(key: Millis.from(receivedAt), seq: seq)
        }
    }

    /// Reads a row selected with `columns` (by position, which is cheaper than by name).
    init(_ row: Row) {
        let due: Int64 = row[10]
        seq = row[0]
        caseID = UUIDText.parse(row[1]) ?? nullUUID
        number = row[2]
        serviceID = row[3]
        state = row[4]
        orgUnit = row[5]
        citizenID = (row[6] as String?).flatMap(UUIDText.parse)
        citizenName = row[7]
        informationBlock = row[8]
        receivedAt = Millis.date(row[9])
        dueDate = due == CaseStorage.noDueDay ? nil : LocalDate(dayNumber: Int(due))
        lastActivityAt = Millis.date(row[11])
        assignee = row[12]
        claimClerk = row[13]
        claimUntil = (row[14] as Int64?).map(Millis.date)
        isOpen = row[15]
        hasConflict = row[16]
        pendingOperations = row[17]
        version = row[18]
    }

    static let columns = """
        seq, case_id, number, service_id, state, org_unit, citizen_id, citizen_name, information_block,
        received_at, due_day, last_activity_at, assignee, claim_clerk, claim_until, is_open, has_conflict,
        pending, version
        """
}

private let nullUUID = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

/// SQL of queue queries, shared by the façade, the plan test and the benchmark.
enum QueueSQL {
    static func conditions(_ filter: QueueFilter) -> (String, StatementArguments) {
        var parts: [String] = []
        var arguments: StatementArguments = []
        if let v = filter.serviceID {
            parts.append("service_id = ?")
            arguments += [v]
        }
        if let v = filter.state {
            parts.append("state = ?")
            arguments += [v]
        }
        if let v = filter.assignee {
            parts.append("assignee = ?")
            arguments += [v]
        }
        if let v = filter.orgUnit {
            parts.append("org_unit = ?")
            arguments += [v]
        }
        if filter.openOnly { parts.append("is_open = 1") }
        if filter.conflictsOnly { parts.append("has_conflict = 1") }
        return (parts.joined(separator: " AND "), arguments)
    }

    /// One query of a page; `LIMIT ?` is its last placeholder, the caller appends the limit.
    struct Part {
        var sql: String
        var arguments: StatementArguments
    }

    /// The queries of a page. After a cursor there are two: the rest of the rows sharing the
    /// cursor's sort key (`key = ? AND seq > ?`), then the rows with later keys (`key > ?`). Both are
    /// plain index ranges; a row-value comparison `(key, seq) > (?, ?)` would make SQLite walk
    /// all rows sharing the key (e.g. the 900,000 closed cases without a due day).
    ///
    /// `backward` reads against the list's order: the rows before the cursor (nil: the list's
    /// last rows), nearest first — the same index ranges walked the other way.
    static func parts(
        filter: QueueFilter, sort: QueueSort, after: QueueCursor?, backward: Bool = false
    ) -> [Part] {
        let (conditionSQL, conditionArguments) = conditions(filter)
        let key = sort == .dueDate ? "due_day" : "received_at"
        let descending = (sort == .receivedNewestFirst) != backward
        let direction = descending ? "DESC" : "ASC"
        let comparison = descending ? "<" : ">"
        func query(_ extra: String, _ order: String, _ arguments: StatementArguments) -> Part {
            let all = [conditionSQL, extra].filter { !$0.isEmpty }.joined(separator: " AND ")
            return Part(
                sql: "SELECT \(QueueRow.columns) FROM case_queue\(all.isEmpty ? "" : " WHERE \(all)") "
                    + "ORDER BY \(order) LIMIT ?",
                arguments: conditionArguments + arguments)
        }
        guard let after else { return [query("", "\(key) \(direction), seq \(direction)", [])] }
        return [
            query("\(key) = ? AND seq \(comparison) ?", "seq \(direction)", [after.key, after.seq]),
            query("\(key) \(comparison) ?", "\(key) \(direction), seq \(direction)", [after.key]),
        ]
    }
}

extension Replica {
    /// One page of a queue, continuing after `after` (keyset pagination: cost does not grow with
    /// the page's depth). Backed by indexes for each single filter and both sort keys.
    public func queuePage(
        filter: QueueFilter = QueueFilter(), sort: QueueSort = .dueDate, after: QueueCursor? = nil,
        limit: Int = 50
    ) throws -> [QueueRow] {
        try rows(QueueSQL.parts(filter: filter, sort: sort, after: after), limit: limit)
    }

    /// Up to `limit` rows from the range queries `parts`, in their order.
    private func rows(_ parts: [QueueSQL.Part], limit: Int) throws -> [QueueRow] {
        try pool.read { db in
            var rows: [QueueRow] = []
            rows.reserveCapacity(limit)
            for part in parts where rows.count < limit {
                let cursor = try Row.fetchCursor(
                    db.cachedStatement(sql: part.sql), arguments: part.arguments + [limit - rows.count])
                while let row = try cursor.next() { rows.append(QueueRow(row)) }
            }
            return rows
        }
    }

    /// One page of a queue ending just before `before` (nil: the queue's last rows), in list
    /// order: keyset pagination read backwards (the sort order reversed, never an offset), so the
    /// end of a queue of a million cases costs what its start costs.
    public func queuePage(
        filter: QueueFilter = QueueFilter(), sort: QueueSort = .dueDate, before: QueueCursor?, limit: Int = 50
    ) throws -> [QueueRow] {
        try rows(QueueSQL.parts(filter: filter, sort: sort, after: before, backward: true), limit: limit)
            .reversed()
    }

    /// The queue row of one case.
    public func queueRow(caseID: UUID) throws -> QueueRow? {
        try pool.read { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT \(QueueRow.columns) FROM case_queue WHERE case_id = ?"),
                arguments: [caseID.uuidString]
            ).map(QueueRow.init)
        }
    }

    /// How many cases a queue holds (counted on an index; tens of milliseconds for huge queues).
    public func count(_ filter: QueueFilter) throws -> Int {
        let (whereSQL, arguments) = QueueSQL.conditions(filter)
        let sql = "SELECT count(*) FROM case_queue" + (whereSQL.isEmpty ? "" : " WHERE \(whereSQL)")
        return try pool.read { db in try Int.fetchOne(db.cachedStatement(sql: sql), arguments: arguments) ?? 0
        }
    }

    /// Open cases per service and state, e.g. for the queue overview.
    public func openCountsByServiceAndState() throws -> [QueueCount] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT service_id, state, count(*) AS n FROM case_queue WHERE is_open = 1
                    GROUP BY service_id, state ORDER BY service_id, state
                    """
            ).map { QueueCount(serviceID: $0["service_id"], state: $0["state"], count: $0["n"]) }
        }
    }
}

/// The number of open cases of one service in one state.
public struct QueueCount: Hashable, Sendable {
    public var serviceID: String
    public var state: String
    public var count: Int
}
