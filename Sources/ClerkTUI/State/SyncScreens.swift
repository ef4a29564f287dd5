import CaseModel
import Foundation
import OfflineStore
import SyncClient

extension SyncStatus {
    /// The status before the first sync round (or with no sync at all).
    public static let notConnected = SyncStatus(
        connection: .offline, pending: 0, conflicts: 0, rejected: 0, lastSync: nil, error: nil)

    /// The status while the first round of a workstation with a central service runs.
    public static let firstRound = SyncStatus(
        connection: .syncing, pending: 0, conflicts: 0, rejected: 0, lastSync: nil, error: nil)
}

/// The conflict screen: the conflicting fields of one case, base / mine / theirs side by side.
public struct ConflictState: Hashable, Sendable {
    public var detail: CaseDetail
    /// The selected conflict within `detail.value.conflicts`.
    public var cursor: Int
    /// A new value being typed for the selected field, if the clerk chose to edit.
    public var editing: TextInput?
    /// Why the typed value was not taken.
    public var problem: LocalizedText?

    public init(detail: CaseDetail, cursor: Int = 0, editing: TextInput? = nil, problem: LocalizedText? = nil)
    {
        self.detail = detail
        self.cursor = cursor
        self.editing = editing
        self.problem = problem
    }

    public var caseID: UUID { detail.value.id }
    public var conflicts: [FieldConflict] { detail.value.conflicts }
    /// The selected conflict, if any is left.
    public var selected: FieldConflict? {
        conflicts.indices.contains(cursor) ? conflicts[cursor] : nil
    }
}

/// One refused operation with the number of its case (nil if the case is not on this device).
public struct RejectedItem: Hashable, Sendable {
    public var operation: CaseModel.Operation
    public var rejection: Rejection
    public var rejectedAt: Date
    public var caseNumber: String?
    /// The service of the case, to name its states and fields as the clerk knows them.
    public var serviceID: String?
    public init(_ rejected: RejectedOperation, caseNumber: String?, serviceID: String? = nil) {
        self.operation = rejected.operation
        self.rejection = rejected.rejection
        self.rejectedAt = rejected.rejectedAt
        self.caseNumber = caseNumber
        self.serviceID = serviceID
    }
}

/// The list of operations the central service refused, newest first.
public struct RejectedListState: Hashable, Sendable {
    public var items: [RejectedItem]
    public var cursor: Int
    public var loading: Bool
    public init(items: [RejectedItem] = [], cursor: Int = 0, loading: Bool = true) {
        self.items = items
        self.cursor = cursor
        self.loading = loading
    }
}
