import CaseModel
import Foundation
import OfflineStore

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
    /// Where the page after this row starts.
    public var key: QueueCursor

    public init(
        id: UUID, number: String, service: LocalizedText, citizen: String, received: LocalDate,
        due: LocalDate?, workingDaysLeft: Int?, light: SLALight, state: LocalizedText, claimedBy: String?,
        version: Int64, key: QueueCursor
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

/// Which page of a queue to fetch: keyset pagination (after or before a row's cursor), never an
/// offset.
public struct PageRequest: Hashable, Sendable {
    /// Where the page goes in the loaded window.
    public enum Placement: Hashable, Sendable {
        /// Replaces the window (first page, new sort or filter).
        case replace
        /// Goes after the window (scrolling down).
        case append
        /// Goes before the window (scrolling back up): the page ends just before `anchor`.
        case prepend
        /// Replaces the window with the list's first page (Home), keeping the rows on screen until
        /// it arrives.
        case first
        /// Replaces the window with the list's last page (End), read backwards from the end.
        case last
    }
    public var queueID: String
    public var filter: QueueFilter
    public var sort: QueueSort
    /// The row the page continues from: it starts after this row (`replace`, `append`; nil for
    /// the list's start) or ends before it (`prepend`); nil for `first` and `last`.
    public var anchor: QueueCursor?
    public var limit: Int
    public var placement: Placement

    public init(
        queueID: String, filter: QueueFilter, sort: QueueSort, anchor: QueueCursor?, limit: Int,
        placement: Placement
    ) {
        self.queueID = queueID
        self.filter = filter
        self.sort = sort
        self.anchor = anchor
        self.limit = limit
        self.placement = placement
    }

    /// Whether the page is read against the list's order (ending at `anchor` or at the end).
    public var backward: Bool { placement == .prepend || placement == .last }
}

/// A page of rows in list order; `hasMore` says whether more rows lie beyond it in the direction
/// it was read (after it, or before it for a backward page).
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
    /// Red and yellow are counted among the first rows by due date; `capped` when there were more.
    public var capped: Bool
    public init(
        id: String, title: LocalizedText, filter: QueueFilter, count: Int, red: Int, yellow: Int,
        capped: Bool = false
    ) {
        self.id = id
        self.title = title
        self.filter = filter
        self.count = count
        self.red = red
        self.yellow = yellow
        self.capped = capped
    }
    /// The worst light of the queue.
    public var light: SLALight { red > 0 ? .red : yellow > 0 ? .yellow : .green }
}
