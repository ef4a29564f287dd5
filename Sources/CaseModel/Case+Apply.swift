import Foundation

/// Why an operation could not be applied; the clerk reads `message`.
public struct Rejection: Error, Hashable, Sendable, Codable {
    /// A stable machine code, e.g. `transition_not_allowed`.
    public var code: String
    public var message: LocalizedText
    public init(code: String, message: LocalizedText) {
        self.code = code
        self.message = message
    }
}

/// What applying an operation to a case gave.
public enum ApplyResult: Hashable, Sendable {
    /// The case after the operation.
    case applied(Case)
    /// The operation hit a field changed by someone else; the case records the conflict.
    case conflict(Case, [FieldConflict])
    case rejected(Rejection)
}

/// How strictly to apply: the central service merges against the authoritative state; the
/// replica overlays the clerk's own pending operations on the last pulled state.
public enum ApplyMode: Sendable {
    case central
    case overlay
}

/// Facts about the service that applying needs, independent of the form engine.
public struct ApplyContext: Sendable {
    /// States in which the SLA clock stands still (waiting for the citizen).
    public var slaPausingStates: Set<String>
    /// The Munich calendar day of an instant.
    public var dayOf: @Sendable (Date) -> LocalDate

    public init(slaPausingStates: Set<String>, dayOf: @escaping @Sendable (Date) -> LocalDate) {
        self.slaPausingStates = slaPausingStates
        self.dayOf = dayOf
    }
}

extension Operation {
    /// Applies this operation to `current` (nil if the case does not exist yet). Pure.
    public func apply(to current: Case?, mode: ApplyMode, context: ApplyContext) -> ApplyResult {
        if case .createCase(let new) = kind {
            if let current {
                // Creating twice is harmless when it is the same case; anything else is refused.
                // (The central service numbers new cases itself, so the number cannot tell.)
                return current.serviceID == new.serviceID && current.orgUnit == new.orgUnit
                    && current.citizenID == new.citizen?.id
                    ? .applied(current)
                    : .rejected(.init(code: "case_exists", message: Rejections.caseExists))
            }
            let day = context.dayOf(new.receivedAt)
            let pauses =
                context.slaPausingStates.contains(new.initialState) ? [SLAPause(start: day, end: nil)] : []
            return .applied(
                Case(
                    id: caseID, number: new.number, serviceID: new.serviceID, formVersion: new.formVersion,
                    orgUnit: new.orgUnit, channel: new.channel, state: new.initialState,
                    citizenID: new.citizen?.id, fields: new.fields, receivedAt: new.receivedAt,
                    lastActivityAt: timestamp, slaPauses: pauses, enteredBy: new.enteredBy))
        }
        guard var c = current else {
            return .rejected(.init(code: "unknown_case", message: Rejections.unknownCase))
        }
        c.lastActivityAt = max(c.lastActivityAt, timestamp)
        switch kind {
        case .createCase:
            return .applied(c)  // handled above
        case .setField(let field, let old, let new):
            if old == new {
                return .applied(c)  // an edit that changes nothing neither overwrites nor conflicts
            }
            let outcome =
                mode == .overlay ? .takeMine : mergeField(base: old, mine: new, theirs: c.fields[field])
            switch outcome {
            case .takeMine:
                c.fields[field] = new
                c.fieldAuthors[field] = clerk
                return .applied(c)
            case .alreadyEqual:
                return .applied(c)  // the value stays the first writer's
            case .conflict:
                let conflict = FieldConflict(
                    field: field, base: old, mine: new, theirs: c.fields[field], operationID: id,
                    clerk: clerk,
                    theirsClerk: c.fieldAuthors[field])
                // Earlier conflicts on the field stay: each holds a value someone wrote.
                c.conflicts.removeAll { $0.operationID == id }
                c.conflicts.append(conflict)
                return .conflict(c, [conflict])
            }
        case .transition(let from, let to, _):
            if c.state == to && mode == .central && from != to {
                return .applied(c)  // someone already made the same move
            }
            guard c.state == from else {
                return .rejected(.init(code: "state_changed", message: Rejections.stateChanged(c.state)))
            }
            let day = context.dayOf(timestamp)
            let wasPaused = context.slaPausingStates.contains(from)
            let nowPaused = context.slaPausingStates.contains(to)
            if wasPaused && !nowPaused, let last = c.slaPauses.indices.last, c.slaPauses[last].end == nil {
                c.slaPauses[last].end = day
            }
            if nowPaused && !wasPaused {
                c.slaPauses.append(SLAPause(start: day, end: nil))
            }
            c.state = to
            c.stateSince = timestamp
            return .applied(c)
        case .addComment(let text):
            if !c.comments.contains(where: { $0.id == id }) {
                c.comments.append(Comment(id: id, clerk: clerk, at: timestamp, text: text))
            }
            return .applied(c)
        case .claim(let until):
            if mode == .central, let claim = c.claim, claim.clerk != clerk, claim.isActive(at: timestamp) {
                return .rejected(.init(code: "claimed", message: Rejections.claimed(by: claim.clerk)))
            }
            c.claim = Claim(clerk: clerk, until: until)
            return .applied(c)
        case .release:
            if let claim = c.claim, claim.clerk == clerk || !claim.isActive(at: timestamp) || mode == .overlay
            {
                c.claim = nil
            }
            return .applied(c)
        case .assign(let to):
            c.assignee = to
            return .applied(c)
        case .resolveConflict(let field, let value):
            c.fields[field] = value
            c.fieldAuthors[field] = clerk
            c.conflicts.removeAll { $0.field == field }
            return .applied(c)
        case .updateCitizen(let citizen):
            guard c.citizenID == citizen.id else {
                return .rejected(.init(code: "citizen_mismatch", message: Rejections.citizenMismatch))
            }
            return .applied(c)
        }
    }
}

/// The clerk-facing texts of rejections.
public enum Rejections {
    public static let caseExists = LocalizedText(
        de: "Ein anderer Vorgang mit dieser Kennung existiert bereits.",
        en: "Another case with this id already exists.")
    public static let citizenMismatch = LocalizedText(
        de: "Die Bürgerdaten gehören nicht zu diesem Vorgang.",
        en: "The citizen data does not belong to this case.")
    public static let unknownCase = LocalizedText(
        de: "Der Vorgang ist unbekannt.", en: "The case is unknown.")
    public static func stateChanged(_ state: String) -> LocalizedText {
        .init(
            de: "Der Status wurde inzwischen geändert (jetzt: \(state)).",
            en: "The state was changed meanwhile (now: \(state)).")
    }
    public static func claimed(by clerk: String) -> LocalizedText {
        .init(
            de: "Der Vorgang wird gerade von \(clerk) bearbeitet.",
            en: "The case is currently claimed by \(clerk).")
    }
}
