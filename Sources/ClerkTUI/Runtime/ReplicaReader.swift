import CaseModel
import Foundation
import OfflineStore

/// Turns the replica's rows and cases into what the screens show (labels, SLA, countdowns).
struct ReplicaReader {
    let replica: Replica
    let services: [String: ServiceDefinition]
    let clerk: ClerkIdentity
    let calendar = BavarianCalendar.munich

    init(replica: Replica, services: [ServiceDefinition], clerk: ClerkIdentity) {
        self.replica = replica
        var byID: [String: ServiceDefinition] = [:]
        for service in services { byID[service.id] = service }
        self.services = byID
        self.clerk = clerk
    }

    /// The queues of the overview: the clerk's own, all open, conflicts, and one per service.
    func queues(now: Date) throws -> [QueueSummary] {
        var queues: [(String, LocalizedText, QueueFilter)] = [
            ("mine", LocalizedText(de: "Meine Vorgänge", en: "My cases"), QueueFilter(assignee: clerk.id)),
            ("open", LocalizedText(de: "Alle offenen Vorgänge", en: "All open cases"), QueueFilter()),
            (
                "conflicts", LocalizedText(de: "Konflikte klären", en: "Conflicts to resolve"),
                QueueFilter(openOnly: false, conflictsOnly: true)
            ),
        ]
        for service in services.values.sorted(by: { $0.title.de < $1.title.de }) {
            queues.append(("service:" + service.id, service.title, QueueFilter(serviceID: service.id)))
        }
        return try queues.map { id, title, filter in
            try summary(id: id, title: title, filter: filter, now: now)
        }
    }

    /// Rows looked at per queue to count overdue and nearly due cases (the earliest due first).
    static let lightScanLimit = 500

    func summary(id: String, title: LocalizedText, filter: QueueFilter, now: Date) throws -> QueueSummary {
        let count = try replica.count(filter)
        let earliest = try replica.queuePage(
            filter: filter, sort: .dueDate, after: nil, limit: Self.lightScanLimit)
        var red = 0
        var yellow = 0
        for row in earliest {
            switch caseRow(row, now: now).light {
            case .red: red += 1
            case .yellow: yellow += 1
            default: break
            }
        }
        return QueueSummary(
            id: id, title: title, filter: filter, count: count, red: red, yellow: yellow,
            capped: earliest.count == Self.lightScanLimit && red + yellow == earliest.count)
    }

    /// A page of a queue, one row more than asked to know whether more follow (or, for a page
    /// read backwards, come before).
    func page(_ request: PageRequest, now: Date) throws -> CasePage {
        if request.backward {
            let rows = try replica.queuePage(
                filter: request.filter, sort: request.sort, before: request.anchor, limit: request.limit + 1)
            return CasePage(
                rows: rows.suffix(request.limit).map { caseRow($0, now: now, sort: request.sort) },
                hasMore: rows.count > request.limit)
        }
        let rows = try replica.queuePage(
            filter: request.filter, sort: request.sort, after: request.anchor, limit: request.limit + 1)
        return CasePage(
            rows: rows.prefix(request.limit).map { caseRow($0, now: now, sort: request.sort) },
            hasMore: rows.count > request.limit)
    }

    /// The list line of a queue row, with its SLA light and countdown.
    func caseRow(_ row: QueueRow, now: Date, sort: QueueSort = .dueDate) -> CaseRow {
        let service = services[row.serviceID]
        let today = Formatting.day(of: now)
        var light: SLALight = .done
        var left: Int?
        if let due = row.dueDate, row.isOpen {
            let remaining = calendar.workingDays(from: today, to: due)
            left = remaining
            if service?.workflow.pausesSLA(row.state) ?? false {
                light = .paused
            } else {
                light = SLALight(
                    TrafficLight.light(
                        remaining: remaining, of: service?.sla.workingDays ?? 10, breached: today > due))
            }
        }
        let claimed = row.claimUntil.map { $0 > now } ?? false ? row.claimClerk : nil
        return CaseRow(
            id: row.caseID, number: row.number,
            service: service?.title ?? LocalizedText(de: row.serviceID, en: row.serviceID),
            citizen: row.citizenName, received: Formatting.day(of: row.receivedAt), due: row.dueDate,
            workingDaysLeft: left, light: light, state: stateLabel(row.serviceID, row.state),
            claimedBy: claimed,
            version: row.version, key: row.cursor(for: sort))
    }

    func stateLabel(_ serviceID: String, _ state: String) -> LocalizedText {
        services[serviceID]?.workflow.state(state)?.label ?? LocalizedText(de: state, en: state)
    }

    /// Everything the case screen shows about a case.
    func detail(id: UUID, now: Date) throws -> CaseDetail? {
        guard let c = try replica.visibleCase(id: id) else { return nil }
        let service = services[c.serviceID]
        let pendingOperations = try replica.pendingOperations(caseID: id)
        let citizen = try c.citizenID.flatMap {
            try replica.visibleCitizen(id: $0, pending: pendingOperations)
        }
        let pending = Set(pendingOperations.map(\.id))
        let history = try replica.history(caseID: id).map { entry in
            TimelineEntry(
                at: entry.at, clerk: entry.clerk, what: LocalizedText(de: entry.what, en: entry.what),
                pending: entry.operationID.map { pending.contains($0) } ?? false)
        }
        var due: LocalDate?
        var left: Int?
        var light: SLALight = .done
        var stalled = false
        var moves: [Transition] = []
        if let service {
            let status = service.sla.status(of: c, workflow: service.workflow, at: now, calendar: calendar)
            due = status.dueDate
            left = status.remainingWorkingDays
            light = status.isStopped ? .done : status.isPaused ? .paused : SLALight(status.light)
            stalled = !status.isStopped && service.isStalled(c, at: now, calendar: calendar)
            moves = service.workflow.transitions(from: c.state, for: clerk.role)
        }
        return CaseDetail(
            value: c, citizen: citizen, service: service, history: history, due: due, workingDaysLeft: left,
            light: light, stalled: stalled, allowedTransitions: moves)
    }

    /// Cases found by number, name or address.
    func search(_ query: String, now: Date) throws -> [SearchHit] {
        let rows = try replica.search(query, limit: 50)
        let citizens = try replica.citizens(ids: rows.compactMap(\.citizenID))
        return rows.map { row in
            let citizen = row.citizenID.flatMap { citizens[$0] }
            let address =
                row.informationBlock || (citizen?.informationBlock ?? false)
                ? "(Auskunftssperre)" : citizen?.address.singleLine ?? ""
            return SearchHit(
                id: row.caseID, number: row.number, citizen: row.citizenName, address: address,
                service: services[row.serviceID]?.title
                    ?? LocalizedText(de: row.serviceID, en: row.serviceID),
                state: stateLabel(row.serviceID, row.state))
        }
    }

    /// Citizens found through their cases (by name or address), each once.
    func citizens(_ query: String) throws -> [Citizen] {
        var seen = Set<UUID>()
        var out: [Citizen] = []
        for row in try replica.search(query, limit: 50) {
            guard let id = row.citizenID, !seen.contains(id), let citizen = try replica.citizen(id: id) else {
                continue
            }
            seen.insert(id)
            out.append(citizen)
            if out.count == 20 { break }
        }
        return out
    }

    /// The drafts waiting on the overview, newest first.
    func drafts() throws -> [DraftSummary] {
        let decoder = JSONDecoder()
        return try replica.draftKeys().compactMap { key -> DraftSummary? in
            // The call in progress has its own draft; F6 continues it.
            guard key != PhoneCallDraft.key, let json = try replica.draft(key: key),
                let data = json.data(using: .utf8),
                let draft = try? decoder.decode(FormDraft.self, from: data)
            else { return nil }
            let title =
                services[draft.serviceID]?.title ?? LocalizedText(de: draft.serviceID, en: draft.serviceID)
            return DraftSummary(draft: draft, title: title)
        }.sorted { $0.draft.savedAt > $1.draft.savedAt }
    }

    /// The refused operations, newest first, with their case numbers.
    func rejected() throws -> [RejectedItem] {
        try replica.rejectedOperations().reversed().map { rejected in
            let visible = try replica.visibleCase(id: rejected.operation.caseID)
            var serviceID = visible?.serviceID
            if case .createCase(let new) = rejected.operation.kind { serviceID = serviceID ?? new.serviceID }
            return RejectedItem(rejected, caseNumber: visible?.number, serviceID: serviceID)
        }
    }

    /// The status bar's sync counts as the replica knows them.
    func syncCounts() throws -> Action {
        .syncCountsLoaded(
            pending: try replica.pendingCount(), conflicts: try replica.conflictCount(),
            rejected: try replica.rejectedCount(), lastSync: try replica.syncState().lastSyncAt)
    }
}

extension SLALight {
    /// The list light for an SLA traffic light.
    init(_ light: TrafficLight) {
        switch light {
        case .green: self = .green
        case .yellow: self = .yellow
        case .red: self = .red
        }
    }
}
