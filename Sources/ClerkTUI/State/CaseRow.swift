import CaseModel
import Foundation

/// Where a case stands against its SLA, shown as a symbol and a colour (never colour alone).
public enum SLALight: String, Hashable, Sendable, CaseIterable {
    case green, yellow, red
    /// The SLA clock stands still (waiting for the citizen).
    case paused
    /// Decided or closed: no deadline any more.
    case done

    /// The symbol that carries the meaning without colour.
    public var symbol: String {
        switch self {
        case .green: "✓"
        case .yellow: "!"
        case .red: "✗"
        case .paused: "‖"
        case .done: "–"
        }
    }
}

/// The position of a row in a sorted queue; pages are fetched after or before such a key.
public struct RowKey: Hashable, Sendable {
    /// The sort value (a day number for due dates, seconds for receipt times).
    public var value: Int64
    /// Breaks ties: the case number.
    public var number: String
    public init(value: Int64, number: String) {
        self.value = value
        self.number = number
    }
}

/// One line of a case list.
public struct CaseRow: Hashable, Sendable, Identifiable {
    public var id: UUID
    public var number: String
    public var service: LocalizedText
    public var citizen: String
    public var received: LocalDate
    public var due: LocalDate?
    /// Working days until the due date; negative when overdue.
    public var workingDaysLeft: Int?
    public var light: SLALight
    public var state: LocalizedText
    public var claimedBy: String?
    /// The case's version, the base of operations made from the list (claim).
    public var version: Int64
    public var key: RowKey

    public init(
        id: UUID, number: String, service: LocalizedText, citizen: String, received: LocalDate,
        due: LocalDate?, workingDaysLeft: Int?, light: SLALight, state: LocalizedText, claimedBy: String?,
        version: Int64, key: RowKey
    ) {
        self.id = id
        self.number = number
        self.service = service
        self.citizen = citizen
        self.received = received
        self.due = due
        self.workingDaysLeft = workingDaysLeft
        self.light = light
        self.state = state
        self.claimedBy = claimedBy
        self.version = version
        self.key = key
    }
}

/// How a case list is ordered.
public enum ListSort: String, Hashable, Sendable, CaseIterable {
    /// Earliest due date first.
    case due
    /// Most recently received first.
    case received
}

/// A saved filter of cases: the definition of a queue, plus the list's own narrowing.
public struct QueueFilter: Hashable, Sendable {
    public var serviceID: String?
    public var state: String?
    /// Only cases assigned to (or claimed by) this clerk.
    public var assignee: String?
    public var onlyOverdue: Bool
    public var onlyConflicts: Bool
    /// Narrows by the SLA light (the list's filter key cycles it).
    public var light: SLALight?

    public init(
        serviceID: String? = nil, state: String? = nil, assignee: String? = nil, onlyOverdue: Bool = false,
        onlyConflicts: Bool = false, light: SLALight? = nil
    ) {
        self.serviceID = serviceID
        self.state = state
        self.assignee = assignee
        self.onlyOverdue = onlyOverdue
        self.onlyConflicts = onlyConflicts
        self.light = light
    }
}

/// Which page of a queue to fetch: keyset pagination, never an offset.
public struct PageRequest: Hashable, Sendable {
    public enum Direction: Hashable, Sendable {
        case first
        case after(RowKey)
        case before(RowKey)
        /// The very end of the list (for End).
        case last
    }
    public var queueID: String
    public var filter: QueueFilter
    public var sort: ListSort
    public var direction: Direction
    public var limit: Int

    public init(queueID: String, filter: QueueFilter, sort: ListSort, direction: Direction, limit: Int) {
        self.queueID = queueID
        self.filter = filter
        self.sort = sort
        self.direction = direction
        self.limit = limit
    }
}

/// A page of rows in list order; `hasMore` says whether the store had more in that direction.
public struct CasePage: Hashable, Sendable {
    public var rows: [CaseRow]
    public var hasMore: Bool
    public init(rows: [CaseRow], hasMore: Bool) {
        self.rows = rows
        self.hasMore = hasMore
    }
}

/// A queue on the overview: its filter, how many cases it holds and how they stand.
public struct QueueSummary: Hashable, Sendable, Identifiable {
    public var id: String
    public var title: LocalizedText
    public var filter: QueueFilter
    public var count: Int
    public var red: Int
    public var yellow: Int
    public init(id: String, title: LocalizedText, filter: QueueFilter, count: Int, red: Int, yellow: Int) {
        self.id = id
        self.title = title
        self.filter = filter
        self.count = count
        self.red = red
        self.yellow = yellow
    }
    /// The worst light of the queue.
    public var light: SLALight { red > 0 ? .red : yellow > 0 ? .yellow : .green }
}
