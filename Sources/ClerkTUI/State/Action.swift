import CaseModel
import Foundation
import OfflineStore
import SyncClient
import TerminalKit

/// Something that happened: a key, a resize, the clock, or the answer to an effect.
public enum Action: Sendable {
    /// The workstation started; load what the first screen needs.
    case started
    case keyPressed(KeyEvent)
    case resized(TerminalSize)
    /// The clock moved on (once a second).
    case tick(Date)
    case queuesLoaded([QueueSummary], drafts: [DraftSummary])
    case pageLoaded(PageRequest, CasePage)
    case caseLoaded(CaseDetail)
    case caseNotFound(UUID)
    case searchResultsArrived(query: String, [SearchHit])
    case citizensFound(query: String, [Citizen])
    case draftSaved(key: String, at: Date)
    case draftLoaded(FormDraft?, forKey: String)
    /// Operations landed in the replica and the outbox; `pending` is the outbox size now.
    case operationRecorded([CaseModel.Operation], pending: Int)
    /// The replica did not take operations (full disk, damage, a rule); nothing was written.
    case operationsNotSaved([CaseModel.Operation], WriteFailure)
    /// The replica did not take a draft; the form keeps what was typed.
    case draftNotSaved(UnsavedDraft, WriteFailure)
    /// A page of the replica's file was found damaged (by the check after start or any call).
    case replicaDamaged(detail: String)
    /// The outbox and drafts of the damaged replica were saved to a file.
    case rescueSaved(RescueSummary)
    /// Saving them failed; the message says why.
    case rescueFailed(LocalizedText)
    /// The damaged replica was moved aside and a fresh one holds the rescued operations.
    case replicaRebuilt(damagedFile: String, requeued: Int)
    /// The rebuild failed; the damaged replica is still in place.
    case rebuildFailed(LocalizedText)
    /// The sync scheduler reported a new status.
    case syncStatusChanged(SyncStatus)
    /// The replica's own counts (outbox, conflicts, rejected), read after loading a screen.
    case syncCountsLoaded(pending: Int, conflicts: Int, rejected: Int, lastSync: Date?)
    /// A sync round pulled changes: the screen's data is read again.
    case remoteChangesArrived
    /// Logging in again worked; the scheduler goes on with the new token.
    case reloginSucceeded
    /// Logging in again failed (wrong password, unreachable, …).
    case reloginFailed(LocalizedText)
    /// The operations the central service refused.
    case rejectedLoaded([RejectedItem])
    /// The open callbacks (the "Rückrufe" queue) were read.
    /// A refused change was sent again or dropped; the list as it is now.
    case rejectedHandled(LocalizedText, [RejectedItem])
    case callbacksLoaded([Callback], today: CallStatistics)
    case phoneDraftLoaded(PhoneCallDraft?)
    /// A finished call (and its callback) was stored.
    case callRecorded(CallRecord)
    /// Something outside the loop asked the workstation to lock (`clerk lock`).
    case lockRequested
    /// The password typed on the lock screen was checked (at that time).
    case unlockChecked(UnlockAnswer, at: Date)
    /// An effect failed for a reason the clerk should read.
    case effectFailed(LocalizedText)
}
