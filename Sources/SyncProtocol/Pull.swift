import CaseModel
import Foundation

/// One entry of the central change log: the state of a case after one change.
public struct CaseChange: Hashable, Sendable, Codable {
    /// The global change sequence number; strictly increasing in commit order.
    public var seq: Int64
    public var `case`: Case
    /// The case's citizen as known to the case's org unit, if any.
    public var citizen: Citizen?

    public init(seq: Int64, case: Case, citizen: Citizen?) {
        self.seq = seq
        self.case = `case`
        self.citizen = citizen
    }
}

/// One page of changes after a cursor, scoped to the clerk's org units.
///
/// Every page names the central store it comes from (`storeID`, created once with the store and
/// never changed) and that store's `head`, the highest change sequence number it holds, read
/// together with the changes. A client whose cursor is beyond `head`, or that synced with another
/// store before, knows that its cursor means nothing here (a store restored from an older copy,
/// or another store) and starts over from 0.
public struct PullResponse: Hashable, Sendable, Codable {
    public var changes: [CaseChange]
    /// The cursor to send as `after` next time (the last seq of this page, or the old cursor).
    public var nextCursor: Int64
    /// Whether more changes are waiting beyond this page.
    public var hasMore: Bool
    /// The identity of the central store.
    public var storeID: UUID
    /// The highest change sequence number of the store (0 when it has none); never below a
    /// change of the page.
    public var head: Int64
    /// How long a workstation may show cases without a successful contact with the central
    /// service (its configured offline limit, in seconds); nil from a service that does not say.
    public var offlineLimitSeconds: Int?

    public init(
        changes: [CaseChange], nextCursor: Int64, hasMore: Bool, storeID: UUID, head: Int64,
        offlineLimitSeconds: Int? = nil
    ) {
        self.changes = changes
        self.nextCursor = nextCursor
        self.hasMore = hasMore
        self.storeID = storeID
        self.head = head
        self.offlineLimitSeconds = offlineLimitSeconds
    }

    private enum CodingKeys: String, CodingKey {
        case changes
        case nextCursor = "next_cursor"
        case hasMore = "has_more"
        case storeID = "store_id"
        case head
        case offlineLimitSeconds = "offline_limit_seconds"
    }
}
