import CaseModel
import Foundation
import SyncProtocol

/// A pull page being filled: at most `limit` changes and, past the first change, at most
/// `maxBytes` of stored case and citizen data, so that no page outgrows what a client reads
/// whatever a case's history.
struct PullPage {
    let limit: Int
    let maxBytes: Int
    private(set) var changes: [CaseChange] = []
    private var bytes = 0
    private var full = false

    init(limit: Int, maxBytes: Int) {
        self.limit = limit
        self.maxBytes = maxBytes
    }

    /// Adds `change` (of about `bytes` bytes) if the page has room; false when the page is
    /// full, and the change belongs on the next page.
    mutating func add(_ change: CaseChange, bytes: Int) -> Bool {
        guard changes.count < limit, changes.isEmpty || self.bytes + bytes <= maxBytes else {
            full = true
            return false
        }
        changes.append(change)
        self.bytes += bytes
        return true
    }

    /// The response for a page that followed `cursor`, from the store `storeID` whose highest
    /// change sequence number is `head` (read with the page, or after it).
    func response(cursor: Int64, storeID: UUID, head: Int64) -> PullResponse {
        PullResponse(
            changes: changes, nextCursor: changes.last?.seq ?? cursor, hasMore: full, storeID: storeID,
            head: head)
    }
}
