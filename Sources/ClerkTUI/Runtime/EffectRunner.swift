import CaseModel
import Foundation
import OfflineStore
import SyncClient
import Synchronization

/// Carries out effects against the replica and reports the results as actions.
///
/// Quick reads and writes (about a millisecond: a case, an operation) run at once on the loop
/// thread. Slower work — counting whole queues, list pages, searches, writing drafts — runs on
/// one background queue; its results wait in an inbox the loop drains between input polls.
/// Draft writes are coalesced (only the newest draft of a form is written when several wait)
/// and only the newest search query is run.
public final class EffectRunner: Sendable {
    /// Whether slow effects run on the background queue or inline (tests, scripts).
    public enum Mode: Sendable { case background, inline }

    let reader: ReplicaReader
    let mode: Mode
    private let queue = DispatchQueue(label: "clerk.workstation.effects")
    /// The check of the replica's file after start: it reads every page, so it runs on a queue of
    /// its own, also in inline mode, and keeps nothing else waiting.
    private let checkQueue = DispatchQueue(label: "clerk.workstation.replica-check", qos: .utility)
    private let inbox = Mutex<[Action]>([])
    private let waitingDrafts = Mutex<[String: WaitingDraft]>([:])
    private let latestQuery = Mutex<String>("")
    private let clock: @Sendable () -> Date
    private let connection = Mutex<SyncConnection?>(nil)
    /// Checks a lock screen's password (against the replica's key file); nil: cannot unlock.
    private let passwordCheck = Mutex<(@Sendable (String) -> UnlockAnswer)?>(nil)
    /// The password check (a key derivation of about 0.3 s) runs here, never on the loop.
    private let lockQueue = DispatchQueue(label: "clerk.workstation.unlock")

    /// Creates a runner over an open replica.
    public init(
        replica: Replica, services: [ServiceDefinition], clerk: ClerkIdentity, mode: Mode = .background,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.reader = ReplicaReader(replica: replica, services: services, clerk: clerk)
        self.mode = mode
        self.clock = clock
        // Damage met by any call (the sync's too) reaches the loop like any other news.
        replica.whenDamaged { [weak self] damage in self?.post(.replicaDamaged(detail: damage.detail)) }
    }

    /// Runs one effect; returns the actions that are ready now (slow ones arrive via `drain`).
    public func run(_ effect: Effect) -> [Action] {
        let now = clock()
        do {
            switch effect {
            case .loadQueues:
                slow { [reader] in
                    let queues = try reader.queues(now: now)
                    let drafts = try reader.drafts()
                    return [
                        .queuesLoaded(queues, drafts: drafts), try reader.syncCounts(),
                    ]
                }
                return []
            case .loadPage(let request):
                // Pages are asked for well before the cursor gets there, so they can come later.
                slow { [reader] in [.pageLoaded(request, try reader.page(request, now: now))] }
                return []
            case .loadCase(let id):
                guard let detail = try reader.detail(id: id, now: now) else { return [.caseNotFound(id)] }
                return [.caseLoaded(detail)]
            case .search(let query):
                // Typing goes on while the index is searched; only the newest query is run.
                latestQuery.withLock { $0 = query }
                slow { [self] in
                    guard latestQuery.withLock({ $0 == query }) else { return [] }
                    return [.searchResultsArrived(query: query, try reader.search(query, now: now))]
                }
                return []
            case .searchCitizens(let query):
                latestQuery.withLock { $0 = query }
                slow { [self] in
                    guard latestQuery.withLock({ $0 == query }) else { return [] }
                    return [.citizensFound(query: query, try reader.citizens(query))]
                }
                return []
            case .recordOperations(let operations):
                return record(operations)
            case .saveDraft(let draft):
                saveDraft(.form(draft), key: draft.key)
                return []
            case .savePhoneDraft(let draft):
                saveDraft(.call(draft), key: PhoneCallDraft.key)
                return []
            case .loadPhoneDraft:
                flushDrafts()
                return [.phoneDraftLoaded(try loadPhoneDraft())]
            case .loadDraft(let key):
                flushDrafts()
                return [.draftLoaded(try loadDraft(key), forKey: key)]
            case .deleteDraft(let key):
                _ = waitingDrafts.withLock { $0.removeValue(forKey: key) }
                flushDrafts()
                try reader.replica.deleteDraft(key: key)
                return []
            case .loadCallbacks:
                let today = try reader.replica.callRecords(
                    since: MunichClock.startOfDay(MunichClock.day(of: clock())))
                return [.callbacksLoaded(try reader.replica.openCallbacks(), today: CallStatistics(today))]
            case .recordCall(let record, let completed):
                // A draft save still on its way must not bring the finished call's draft back.
                _ = waitingDrafts.withLock { $0.removeValue(forKey: PhoneCallDraft.key) }
                flushDrafts()
                try reader.replica.recordCall(
                    record, completedCallback: completed, removingDraft: PhoneCallDraft.key)
                return [.callRecorded(record)]
            case .syncNow:
                if let sync = connection.withLock({ $0 }) {
                    sync.syncNow()
                    return []
                }
                return [try reader.syncCounts()]
            case .relogin(let password):
                if let sync = connection.withLock({ $0 }) {
                    sync.relogin(password: password, runner: self)
                    return []
                }
                return [.reloginFailed(UIText.reloginUnavailable)]
            case .checkUnlockPassword(let password):
                checkUnlock(password)
                return []
            case .loadRejected:
                return [.rejectedLoaded(try reader.rejected())]
            case .retryRejected(let id, let newID):
                let clerk = reader.clerk
                let services = reader.services
                let now = clock()
                try reader.replica.retryRejected(id, as: newID, by: clerk.id, at: now) { operation, current in
                    var serviceID = current?.serviceID
                    if case .createCase(let new) = operation.kind { serviceID = new.serviceID }
                    guard let service = serviceID.flatMap({ services[$0] }) else { return nil }
                    // The replica holds only cases of the clerk's org units; the central service
                    // checks those again.
                    let acting = ActingClerk(
                        id: clerk.id, roles: [clerk.role], orgUnits: [current?.orgUnit ?? clerk.orgUnit])
                    return OperationRules().check(
                        operation, on: current, service: service, by: acting, at: now)
                }
                return [
                    .rejectedHandled(UIText.rejectedRetried, try reader.rejected()), try reader.syncCounts(),
                ]
            case .discardRejected(let id):
                try reader.replica.discardRejected(id, by: reader.clerk.id, at: clock())
                return [
                    .rejectedHandled(UIText.rejectedDiscarded, try reader.rejected()),
                    try reader.syncCounts(),
                ]
            case .checkReplica:
                checkReplica()
                return []
            case .saveRescue(let work):
                slow { [self] in [try saveRescue(work)] }
                return []
            case .rebuildReplica(let file, let work):
                // Waits for the replica's calls in progress (the check after start, a sync round).
                slow { [self] in [try rebuildReplica(rescueFile: file, work)] }
                return []
            case .quit, .redraw:
                return []
            }
        } catch {
            return [.effectFailed(Self.message(error))]
        }
    }

    /// Puts an action into the inbox from any thread; the loop handles it at its next turn.
    public func post(_ action: Action) {
        inbox.withLock { $0.append(action) }
    }

    /// Sets how a lock screen's password is checked (against the replica's key file).
    public func attachPasswordCheck(_ check: @escaping @Sendable (String) -> UnlockAnswer) {
        passwordCheck.withLock { $0 = check }
    }

    /// Checks a lock screen's password off the loop thread (inline in tests) and posts the answer.
    private func checkUnlock(_ password: String) {
        let check = passwordCheck.withLock { $0 }
        let job: @Sendable () -> Void = { [self] in
            let answer = check?(password) ?? .failed(LockText.cannotCheck)
            post(.unlockChecked(answer, at: clock()))
        }
        switch mode {
        case .background: lockQueue.async(execute: job)
        case .inline: job()
        }
    }

    /// Connects the runner to a running sync (F5 and re-login go there).
    func attach(_ sync: SyncConnection?) {
        connection.withLock { $0 = sync }
    }

    /// The actions slow effects finished since the last call.
    public func drain() -> [Action] {
        inbox.withLock { actions in
            defer { actions.removeAll() }
            return actions
        }
    }

    /// Waits until every slow effect has finished (before quitting, and in tests).
    public func waitUntilIdle() {
        if mode == .background { queue.sync {} }
    }

    private func record(_ operations: [CaseModel.Operation]) -> [Action] {
        do {
            try reader.replica.record(operations)
        } catch {
            return [.operationsNotSaved(operations, Self.writeFailure(error))]
        }
        return [.operationRecorded(operations, pending: (try? reader.replica.pendingCount()) ?? 0)]
    }

    /// What a failed write means for the workstation.
    static func writeFailure(_ error: any Error) -> WriteFailure {
        switch error as? ReplicaError {
        case .diskFull?: .diskFull
        case .damaged(_, let detail)?: .damaged(detail: detail)
        default: .refused(message(error))
        }
    }

    /// Checks the replica's file for damage off the loop thread, in either mode (it reads every
    /// page); damage found reaches the loop through the replica's observer.
    private func checkReplica() {
        checkQueue.async { [reader] in _ = try? reader.replica.checkForDamage() }
    }

    /// Waits until the check of the replica's file after start has finished (tests, benchmark).
    public func waitForReplicaCheck() {
        checkQueue.sync {}
    }

    /// The damaged replica's outbox and drafts, with what only the screen holds, to a file.
    private func saveRescue(_ work: OpenWork) throws -> Action {
        do {
            let saved = try reader.replica.saveRescue(
                openDrafts: try Self.rescueDrafts(work, at: clock()), unsaved: work.waiting, at: clock())
            let rescue = saved.rescue
            return .rescueSaved(
                RescueSummary(
                    path: saved.path, operations: rescue.operations.count, drafts: rescue.drafts.count,
                    unreadable: rescue.lostOperations + rescue.unreadableOperations.count))
        } catch {
            return .rescueFailed(Self.message(error))
        }
    }

    /// A fresh replica from the rescue file and what only the screen holds.
    private func rebuildReplica(rescueFile: String, _ work: OpenWork) throws -> Action {
        do {
            var rescue = try ReplicaRescue.read(path: rescueFile)
            var drafts = Dictionary(rescue.drafts.map { ($0.key, $0) }, uniquingKeysWith: { $1 })
            for draft in try Self.rescueDrafts(work, at: clock()) { drafts[draft.key] = draft }
            rescue.drafts = drafts.values.sorted { $0.key < $1.key }
            let known = Set(rescue.operations.map(\.id))
            rescue.operations += work.waiting.filter { !known.contains($0.id) }
            let rebuilt = try reader.replica.rebuild(restoring: rescue, by: reader.clerk.id, at: clock())
            return .replicaRebuilt(damagedFile: rebuilt.damagedFile, requeued: rebuilt.requeued)
        } catch {
            return .rebuildFailed(Self.message(error))
        }
    }

    /// The open forms' and the call's drafts as the replica stores them.
    static func rescueDrafts(_ work: OpenWork, at now: Date) throws -> [ReplicaRescue.Draft] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var drafts = try work.forms.map { form in
            ReplicaRescue.Draft(
                key: form.key, json: String(decoding: try encoder.encode(form), as: UTF8.self), updatedAt: now
            )
        }
        if let call = work.call {
            drafts.append(
                ReplicaRescue.Draft(
                    key: PhoneCallDraft.key, json: String(decoding: try encoder.encode(call), as: UTF8.self),
                    updatedAt: now))
        }
        return drafts
    }

    /// A draft waiting to be written; encoded off the loop thread.
    private enum WaitingDraft: Sendable {
        case form(FormDraft)
        case call(PhoneCallDraft)
    }

    private func saveDraft(_ draft: WaitingDraft, key: String) {
        waitingDrafts.withLock { $0[key] = draft }
        slow { [self] in
            let drafts = waitingDrafts.withLock { waiting in
                defer { waiting.removeAll() }
                return waiting
            }
            var actions: [Action] = []
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            for (key, draft) in drafts.sorted(by: { $0.key < $1.key }) {
                do {
                    switch draft {
                    case .form(let form):
                        try reader.replica.saveDraft(
                            key: key, json: String(decoding: try encoder.encode(form), as: UTF8.self))
                        actions.append(.draftSaved(key: key, at: form.savedAt))
                    case .call(let call):
                        try reader.replica.saveDraft(
                            key: key, json: String(decoding: try encoder.encode(call), as: UTF8.self))
                        actions.append(.draftSaved(key: key, at: call.savedAt))
                    }
                } catch {
                    let unsaved: UnsavedDraft =
                        switch draft {
                        case .form(let form): .form(form)
                        case .call(let call): .call(call)
                        }
                    actions.append(.draftNotSaved(unsaved, Self.writeFailure(error)))
                }
            }
            return actions
        }
    }

    /// Writes drafts still waiting, so a read or delete that follows sees them.
    private func flushDrafts() {
        waitUntilIdle()
    }

    private func loadPhoneDraft() throws -> PhoneCallDraft? {
        guard let json = try reader.replica.draft(key: PhoneCallDraft.key) else { return nil }
        return try JSONDecoder().decode(PhoneCallDraft.self, from: Data(json.utf8))
    }

    private func loadDraft(_ key: String) throws -> FormDraft? {
        guard let json = try reader.replica.draft(key: key), let data = json.data(using: .utf8) else {
            return nil
        }
        return try JSONDecoder().decode(FormDraft.self, from: data)
    }

    /// Runs slow work in the background (or at once in inline mode) and posts its actions.
    private func slow(_ work: @escaping @Sendable () throws -> [Action]) {
        let job: @Sendable () -> Void = { [self] in
            let actions: [Action]
            do {
                actions = try work()
            } catch {
                actions = [.effectFailed(EffectRunner.message(error))]
            }
            inbox.withLock { $0.append(contentsOf: actions) }
        }
        switch mode {
        case .background: queue.async(execute: job)
        case .inline: job()
        }
    }

    static func message(_ error: any Error) -> LocalizedText {
        if let replicaError = error as? ReplicaError { return replicaError.message }
        return LocalizedText(de: "Fehler: \(error)", en: "Error: \(error)")
    }
}
