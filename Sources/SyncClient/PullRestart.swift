import CaseModel
import Foundation

/// Why the sync engine started pulling over from the beginning: the replica's cursor means
/// nothing to the central store it now talks to.
///
/// The outbox is kept either way: operations not yet acknowledged are pushed again (the central
/// service recognises those it has by their ids), and cases the store does not have any more
/// leave the replica once the new pull is complete.
public enum PullRestart: Hashable, Sendable {
    /// The central store has another identity than the one this replica synced with: another
    /// store, or one set up anew.
    case otherStore(previous: UUID, current: UUID)
    /// The replica's cursor is beyond the store's highest change: the store was restored from an
    /// older copy (or lost changes).
    case cursorAhead(cursor: Int64, head: Int64)

    /// What the clerk is told.
    public var message: LocalizedText {
        .init(
            de:
                "Die Zentrale wurde zurückgesetzt oder gewechselt – der Bestand wird neu geholt; "
                + "Ihre nicht gesendeten Änderungen bleiben erhalten.",
            en:
                "The central service was reset or replaced – all cases are fetched again; "
                + "your unsent changes are kept.")
    }

    /// Technical detail for the log file.
    public var detail: String {
        switch self {
        case .otherStore(let previous, let current):
            "central store changed from \(previous.uuidString) to \(current.uuidString)"
        case .cursorAhead(let cursor, let head):
            "cursor \(cursor) is beyond the central store's head \(head)"
        }
    }
}
