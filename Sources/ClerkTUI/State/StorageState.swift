import CaseModel
import Foundation

/// Why the replica did not take a write, as the workstation deals with it.
public enum WriteFailure: Hashable, Sendable {
    /// The disk is full: what was typed stays, and the save is tried again until it lands.
    case diskFull
    /// The replica's file is damaged: it takes no writes until it is rebuilt.
    case damaged(detail: String)
    /// The replica refused the write (a rule, anything else); the message says why.
    case refused(LocalizedText)
}

/// A save the disk had no space for; tried again until it lands.
public struct WaitingSave: Hashable, Sendable {
    /// Where the save was made.
    public enum Origin: Hashable, Sendable {
        /// A form, by its draft key: saving the form again replaces the waiting save.
        case form(draftKey: String)
        /// A dialog or key on the case screen (note, change of state, claim).
        case caseScreen
    }

    public var origin: Origin
    public var operations: [CaseModel.Operation]

    public init(origin: Origin, operations: [CaseModel.Operation]) {
        self.origin = origin
        self.operations = operations
    }

    /// The save's identity: its operations' ids.
    public var ids: [UUID] { operations.map(\.id) }
}

/// The replica's file as the workstation knows it: a full disk with the saves that wait for
/// space, or damage with the rescue of the outbox and drafts.
public struct StorageState: Hashable, Sendable {
    /// Since when writes find the disk full; nil while they go through.
    public var fullSince: Date?
    /// When waiting saves and drafts were last tried.
    public var lastRetry: Date?
    /// Saves waiting for space, oldest first; held only here until they land.
    public var waiting: [WaitingSave]
    /// Drafts (by key) whose last save found the disk full, as they were then.
    public var unsavedDrafts: [String: UnsavedDraft]
    /// The waiting save whose text the open note or reason dialog shows again: confirming the
    /// dialog replaces it, leaving the dialog lets it wait on its own.
    public var reopenedSave: [UUID]?
    /// Damage found in the replica's file.
    public var damage: ReplicaDamageState?

    public init(
        fullSince: Date? = nil, lastRetry: Date? = nil, waiting: [WaitingSave] = [],
        unsavedDrafts: [String: UnsavedDraft] = [:], reopenedSave: [UUID]? = nil,
        damage: ReplicaDamageState? = nil
    ) {
        self.fullSince = fullSince
        self.lastRetry = lastRetry
        self.waiting = waiting
        self.unsavedDrafts = unsavedDrafts
        self.reopenedSave = reopenedSave
        self.damage = damage
    }

    /// How long after a failed attempt the clock tries waiting saves again.
    public static let retryInterval: TimeInterval = 5

    /// Whether something typed waits for space.
    public var somethingWaits: Bool { !waiting.isEmpty || !unsavedDrafts.isEmpty }
}

/// A draft the disk had no space for.
public enum UnsavedDraft: Hashable, Sendable {
    case form(FormDraft)
    case call(PhoneCallDraft)

    /// Its key in the replica's draft table.
    public var key: String {
        switch self {
        case .form(let draft): draft.key
        case .call: PhoneCallDraft.key
        }
    }
}

/// The replica's file was found damaged: where the rescue of its outbox and drafts stands.
public struct ReplicaDamageState: Hashable, Sendable {
    /// SQLite's words for the damage (for the log, not for the screen).
    public var detail: String
    public var rescue: Rescue
    /// A rebuild was asked for and has not answered yet.
    public var rebuilding: Bool

    public enum Rescue: Hashable, Sendable {
        case saving
        case saved(RescueSummary)
        case failed(LocalizedText)
    }

    public init(detail: String, rescue: Rescue = .saving, rebuilding: Bool = false) {
        self.detail = detail
        self.rescue = rescue
        self.rebuilding = rebuilding
    }
}

/// What a rescue file holds, in numbers.
public struct RescueSummary: Hashable, Sendable {
    /// Where it was written (next to the replica).
    public var path: String
    public var operations: Int
    public var drafts: Int
    /// Outbox rows that could not be read whole.
    public var unreadable: Int

    public init(path: String, operations: Int, drafts: Int, unreadable: Int) {
        self.path = path
        self.operations = operations
        self.drafts = drafts
        self.unreadable = unreadable
    }
}

/// What only the screen holds and a rescue or rebuild must keep: the drafts of the open forms, the
/// call in progress, and the saves waiting for space.
public struct OpenWork: Hashable, Sendable {
    public var forms: [FormDraft]
    public var call: PhoneCallDraft?
    public var waiting: [CaseModel.Operation]

    public init(forms: [FormDraft] = [], call: PhoneCallDraft? = nil, waiting: [CaseModel.Operation] = []) {
        self.forms = forms
        self.call = call
        self.waiting = waiting
    }
}
