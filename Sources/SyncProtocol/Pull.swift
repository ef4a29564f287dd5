import CaseModel

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
public struct PullResponse: Hashable, Sendable, Codable {
    public var changes: [CaseChange]
    /// The cursor to send as `after` next time (the last seq of this page, or the old cursor).
    public var nextCursor: Int64
    /// Whether more changes are waiting beyond this page.
    public var hasMore: Bool

    public init(changes: [CaseChange], nextCursor: Int64, hasMore: Bool) {
        self.changes = changes
        self.nextCursor = nextCursor
        self.hasMore = hasMore
    }

    private enum CodingKeys: String, CodingKey {
        case changes
        case nextCursor = "next_cursor"
        case hasMore = "has_more"
    }
}
