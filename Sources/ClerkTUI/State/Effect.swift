import CaseModel
import Foundation

/// Work the reducer asks for, as data; the `EffectRunner` carries it out.
public enum Effect: Hashable, Sendable {
    case loadQueues
    case loadPage(PageRequest)
    case loadCase(UUID)
    case search(query: String)
    case searchCitizens(query: String)
    /// Writes operations to the replica and the outbox in one transaction.
    case recordOperations([CaseModel.Operation])
    case saveDraft(FormDraft)
    case loadDraft(key: String)
    case deleteDraft(key: String)
    /// Reads the open callbacks and today's call statistics.
    case loadCallbacks
    /// Saves the call in progress (coalesced like form drafts).
    case savePhoneDraft(PhoneCallDraft)
    /// Reads the call that was in progress when the workstation last went away, if any.
    case loadPhoneDraft
    /// Stores a finished call (with its promised callback), marks the callback it carried out
    /// done and removes the call's draft — in one transaction.
    case recordCall(CallRecord, completedCallback: UUID?)
    /// Asks the sync engine to push and pull now.
    case syncNow
    /// Logs in again with the typed password, then lets the sync go on.
    case relogin(password: String)
    /// Checks the password typed on the lock screen against the replica's key file, off the
    /// loop thread (the key derivation takes a moment).
    case checkUnlockPassword(String)
    /// Reads the operations the central service refused.
    case loadRejected
    /// Records a refused change anew (new operation id) on the case as it is now.
    case retryRejected(UUID, as: UUID)
    /// Drops a refused change from the list (the audit log keeps it).
    case discardRejected(UUID)
    /// Checks the replica's file for damage, off the terminal loop's thread.
    case checkReplica
    /// Saves the damaged replica's outbox and drafts, with what only the screen holds, to a
    /// file next to it.
    case saveRescue(OpenWork)
    /// Moves the damaged replica aside and starts a fresh one with the rescued operations and
    /// drafts (those of the rescue file, then what only the screen holds).
    case rebuildReplica(rescueFile: String, OpenWork)
    /// Paints the whole screen again (after something else wrote to the terminal).
    case redraw
    case quit
}
