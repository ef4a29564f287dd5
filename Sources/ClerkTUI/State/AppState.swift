import CaseModel
import Foundation
import OfflineStore
import SyncClient
import TerminalKit

/// The whole state of the workstation: a value, changed only by `reduce`.
public struct AppState: Hashable, Sendable {
    /// The screens the clerk went through; the last one is shown. Never empty.
    public var stack: [Screen]
    /// A dialog over the screen (help, confirmation, prompt), if any.
    public var modal: Modal?
    public var clerk: ClerkIdentity
    public var sync: SyncStatus
    public var language: Language
    public var size: TerminalSize
    public var now: Date
    /// The services of the catalogue, for new cases and labels.
    public var services: [ServiceDefinition]
    /// The active key bindings; the footer and the help screen are drawn from them.
    public var keymap: Keymap
    /// A one-line message for the clerk (saved, error, …) and when it appeared.
    public var notice: Notice?
    /// Set once the loop should end.
    public var quitting: Bool
    /// The random base of the ids this session gives operations and new cases.
    public var idBase: UUID
    /// How many ids were handed out.
    public var idCounter: UInt64
    /// Whether the clerk can log in again from here (a sync with a re-login was configured).
    public var canRelogin: Bool
    /// The clerk put off logging in again; the dialog stays closed until F5.
    public var reloginPostponed: Bool
    /// The phone hotline's callback queue.
    public var phoneDesk: PhoneDesk
    /// A full disk or a damaged replica, and what waits because of it.
    public var storage: StorageState
    /// When and how the workstation locks itself.
    public var lockPolicy: LockPolicy
    /// The lock screen, while locked; everything else stays as it is underneath.
    public var lock: LockState?
    /// When the clerk last pressed a key (the idle time counts from here).
    public var lastKeyAt: Date

    public init(
        clerk: ClerkIdentity, language: Language, size: TerminalSize, now: Date,
        services: [ServiceDefinition],
        keymap: Keymap,
        sync: SyncStatus = .notConnected, idBase: UUID = UUID(), canRelogin: Bool = false,
        lockPolicy: LockPolicy = .never
    ) {
        self.stack = [.queues(QueueOverviewState())]
        self.modal = nil
        self.clerk = clerk
        self.sync = sync
        self.language = language
        self.size = size
        self.now = now
        self.services = services
        self.keymap = keymap
        self.notice = nil
        self.quitting = false
        self.idBase = idBase
        self.idCounter = 0
        self.canRelogin = canRelogin
        self.reloginPostponed = false
        self.phoneDesk = PhoneDesk()
        self.storage = StorageState()
        self.lockPolicy = lockPolicy
        self.lock = nil
        self.lastKeyAt = now
    }

    /// The screen on top of the stack.
    public var screen: Screen {
        get { stack.last ?? .queues(QueueOverviewState()) }
        set {
            if stack.isEmpty { stack = [newValue] } else { stack[stack.count - 1] = newValue }
        }
    }

    /// Whether the terminal is big enough to work in.
    public var fitsTerminal: Bool {
        size.columns >= AppState.minimumSize.columns && size.rows >= AppState.minimumSize.rows
    }

    /// Smaller than this, the workstation shows a message instead of the screen.
    public static let minimumSize = TerminalSize(rows: 24, columns: 80)

    /// The rows of the screen body: between the title line (row 1) and the message line above the footer.
    public var bodyRows: Int { max(0, size.rows - 4) }

    /// The service with this id.
    public func service(_ id: String) -> ServiceDefinition? { services.first { $0.id == id } }
}

/// A short message in the line above the footer.
public struct Notice: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case info, success, error }
    public var text: LocalizedText
    public var kind: Kind
    public var at: Date
    public init(_ text: LocalizedText, kind: Kind, at: Date) {
        self.text = text
        self.kind = kind
        self.at = at
    }
}

/// One screen of the workstation.
public enum Screen: Hashable, Sendable {
    case queues(QueueOverviewState)
    case caseList(CaseListState)
    case caseDetail(CaseDetailState)
    case form(FormState)
    case search(SearchState)
    case newCase(NewCaseState)
    /// Settling the field conflicts of one case.
    case conflict(ConflictState)
    /// The operations the central service refused.
    case rejected(RejectedListState)
    /// The phone mode (F6): a call from "Grüß Gott" to its outcome.
    case phone(PhoneScreenState)
}

/// A dialog over the current screen.
public enum Modal: Hashable, Sendable {
    /// The key bindings of the active keymap, scrolled by `offset` lines.
    case help(offset: Int)
    /// The help text and legal reference of one form field.
    case fieldHelp(FieldPath)
    /// Quitting would leave an unsaved form: ask first.
    case confirmQuit
    /// Leaving the form would drop what was typed since the last save: ask first.
    case confirmDiscard
    /// Dropping a refused change for good: ask first.
    case confirmDiscardRejected(UUID)
    /// Choosing a workflow move for the open case.
    case transitions(cursor: Int)
    /// Typing the reason a move requires.
    case reason(transition: Transition, text: TextInput)
    /// Typing a comment for the open case.
    case comment(TextInput)
    /// Choosing one of a choice field's options.
    case pick(FieldPath, cursor: Int)
    /// Choosing which cases the list shows.
    case filter(cursor: Int)
    /// The login expired: the password is asked for (never shown), with the last failure.
    case relogin(password: TextInput, problem: LocalizedText?, busy: Bool)
    /// The replica is damaged and its outbox rescued: rebuild it from the central service?
    case rebuildReplica
}

/// The queue overview: the clerk's queues and open drafts.
public struct QueueOverviewState: Hashable, Sendable {
    public var queues: [QueueSummary]
    public var drafts: [DraftSummary]
    public var cursor: Int
    public var loading: Bool
    public init(
        queues: [QueueSummary] = [], drafts: [DraftSummary] = [], cursor: Int = 0, loading: Bool = true
    ) {
        self.queues = queues
        self.drafts = drafts
        self.cursor = cursor
        self.loading = loading
    }
    /// Lines the cursor can stand on: queues, then drafts.
    public var itemCount: Int { queues.count + drafts.count }
}

/// A case list: a window of a few pages of rows around the cursor, loaded page by page.
public struct CaseListState: Hashable, Sendable {
    public var queue: QueueSummary
    public var sort: QueueSort
    public var filter: QueueFilter
    /// The loaded window of rows, in list order.
    public var rows: [CaseRow]
    /// The number of rows of each page of the window, in list order.
    public var pages: [Int]
    /// Whether rows come before the window (pages dropped from its front, or a window read
    /// from the list's end).
    public var moreBefore: Bool
    /// The selected row within `rows`.
    public var cursor: Int
    /// The first row shown within `rows`.
    public var top: Int
    /// Whether more rows follow the window.
    public var moreAfter: Bool
    /// The page request in flight, so a second one is not sent.
    public var pending: PageRequest?

    public init(queue: QueueSummary, sort: QueueSort = .dueDate) {
        self.queue = queue
        self.sort = sort
        self.filter = queue.filter
        self.rows = []
        self.pages = []
        self.moreBefore = false
        self.cursor = 0
        self.top = 0
        self.moreAfter = false
        self.pending = nil
    }
}

/// The case screen: one case with its history and the moves it allows.
public struct CaseDetailState: Hashable, Sendable {
    public var caseID: UUID
    public var detail: CaseDetail?
    public var scroll: Int
    /// Whether the conflict screen was already shown for this visit (so Back returns here).
    public var showedConflicts: Bool
    public init(caseID: UUID, detail: CaseDetail? = nil, scroll: Int = 0, showedConflicts: Bool = false) {
        self.caseID = caseID
        self.detail = detail
        self.scroll = scroll
        self.showedConflicts = showedConflicts
    }
}

/// The search screen (F2): results update while typing.
public struct SearchState: Hashable, Sendable {
    public var query: TextInput
    public var results: [SearchHit]
    public var cursor: Int
    /// The query the shown results answer.
    public var resultsFor: String
    public init(
        query: TextInput = TextInput(), results: [SearchHit] = [], cursor: Int = 0, resultsFor: String = ""
    ) {
        self.query = query
        self.results = results
        self.cursor = cursor
        self.resultsFor = resultsFor
    }
}
