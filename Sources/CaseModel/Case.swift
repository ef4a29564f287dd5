import Foundation

/// An application (Antrag) being worked on by the city.
public struct Case: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    /// The number clerks and citizens quote, e.g. "WOH-2026-0001234".
    public var number: String
    public var serviceID: String
    /// The version of the service's form the case was filled with.
    public var formVersion: Int
    public var orgUnit: String
    public var channel: Channel
    public var state: String
    public var citizenID: UUID?
    public var fields: [String: FieldValue]
    public var assignee: String?
    public var claim: Claim?
    public var receivedAt: Date
    public var stateSince: Date
    public var lastActivityAt: Date
    /// Days on which the SLA clock stood still (waiting for the citizen); `end` nil while open.
    public var slaPauses: [SLAPause]
    /// Who typed the application in, if a clerk entered it on the citizen's behalf.
    public var enteredBy: String?
    public var comments: [Comment]
    /// Per-field conflicts waiting for a person to resolve them.
    public var conflicts: [FieldConflict]
    /// The central version this state corresponds to; 0 if never seen by the central service.
    public var version: Int64

    public init(
        id: UUID, number: String, serviceID: String, formVersion: Int, orgUnit: String,
        channel: Channel, state: String, citizenID: UUID?, fields: [String: FieldValue],
        assignee: String? = nil, claim: Claim? = nil, receivedAt: Date, stateSince: Date? = nil,
        lastActivityAt: Date? = nil, slaPauses: [SLAPause] = [], enteredBy: String? = nil,
        comments: [Comment] = [], conflicts: [FieldConflict] = [], version: Int64 = 0
    ) {
        self.id = id
        self.number = number
        self.serviceID = serviceID
        self.formVersion = formVersion
        self.orgUnit = orgUnit
        self.channel = channel
        self.state = state
        self.citizenID = citizenID
        self.fields = fields
        self.assignee = assignee
        self.claim = claim
        self.receivedAt = receivedAt
        self.stateSince = stateSince ?? receivedAt
        self.lastActivityAt = lastActivityAt ?? receivedAt
        self.slaPauses = slaPauses
        self.enteredBy = enteredBy
        self.comments = comments
        self.conflicts = conflicts
        self.version = version
    }
}

/// An exclusive, expiring hold of a clerk on a case.
public struct Claim: Hashable, Sendable, Codable {
    public var clerk: String
    public var until: Date
    public init(clerk: String, until: Date) {
        self.clerk = clerk
        self.until = until
    }
    /// Whether the claim still holds at `now`.
    public func isActive(at now: Date) -> Bool { now < until }
}

/// A stretch of days during which the SLA clock stood still.
public struct SLAPause: Hashable, Sendable, Codable {
    public var start: LocalDate
    public var end: LocalDate?
    public init(start: LocalDate, end: LocalDate?) {
        self.start = start
        self.end = end
    }
}

/// A comment on a case; comments are append-only and never conflict.
public struct Comment: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    public var clerk: String
    public var at: Date
    public var text: String
    public init(id: UUID, clerk: String, at: Date, text: String) {
        self.id = id
        self.clerk = clerk
        self.at = at
        self.text = text
    }
}

/// Two different values written to one field from the same base: kept for a person to decide.
public struct FieldConflict: Hashable, Sendable, Codable {
    public var field: String
    public var base: FieldValue?
    /// The value in the operation that arrived later (the pushing clerk's).
    public var mine: FieldValue?
    /// The value that was already there (the other clerk's).
    public var theirs: FieldValue?
    public var operationID: UUID
    public var clerk: String
    public init(
        field: String, base: FieldValue?, mine: FieldValue?, theirs: FieldValue?, operationID: UUID,
        clerk: String
    ) {
        self.field = field
        self.base = base
        self.mine = mine
        self.theirs = theirs
        self.operationID = operationID
        self.clerk = clerk
    }
}
