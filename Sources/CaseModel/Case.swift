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
    /// Who wrote each field's current value, by field id: the clerk of the operation that last set
    /// the field (a field edit, a resolved conflict, or a change that made the central service
    /// drop or recompute it). The central service records the clerk of the token that pushed the
    /// change. A field not listed still holds the value the case was created with, or was last
    /// changed before authors were recorded.
    public var fieldAuthors: [String: String]
    /// The central version this state corresponds to; 0 if never seen by the central service.
    public var version: Int64

    public init(
        id: UUID, number: String, serviceID: String, formVersion: Int, orgUnit: String,
        channel: Channel, state: String, citizenID: UUID?, fields: [String: FieldValue],
        assignee: String? = nil, claim: Claim? = nil, receivedAt: Date, stateSince: Date? = nil,
        lastActivityAt: Date? = nil, slaPauses: [SLAPause] = [], enteredBy: String? = nil,
        comments: [Comment] = [], conflicts: [FieldConflict] = [], version: Int64 = 0,
        fieldAuthors: [String: String] = [:]
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
        self.fieldAuthors = fieldAuthors
        self.version = version
    }
}

extension Case {
    /// Decodes a case; one stored before field authors were recorded has none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(UUID.self, forKey: .id), number: try c.decode(String.self, forKey: .number),
            serviceID: try c.decode(String.self, forKey: .serviceID),
            formVersion: try c.decode(Int.self, forKey: .formVersion),
            orgUnit: try c.decode(String.self, forKey: .orgUnit),
            channel: try c.decode(Channel.self, forKey: .channel),
            state: try c.decode(String.self, forKey: .state),
            citizenID: try c.decodeIfPresent(UUID.self, forKey: .citizenID),
            fields: try c.decode([String: FieldValue].self, forKey: .fields),
            assignee: try c.decodeIfPresent(String.self, forKey: .assignee),
            claim: try c.decodeIfPresent(Claim.self, forKey: .claim),
            receivedAt: try c.decode(Date.self, forKey: .receivedAt),
            stateSince: try c.decode(Date.self, forKey: .stateSince),
            lastActivityAt: try c.decode(Date.self, forKey: .lastActivityAt),
            slaPauses: try c.decode([SLAPause].self, forKey: .slaPauses),
            enteredBy: try c.decodeIfPresent(String.self, forKey: .enteredBy),
            comments: try c.decode([Comment].self, forKey: .comments),
            conflicts: try c.decode([FieldConflict].self, forKey: .conflicts),
            version: try c.decode(Int64.self, forKey: .version),
            fieldAuthors: try c.decodeIfPresent([String: String].self, forKey: .fieldAuthors) ?? [:])
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
///
/// The names are those of the operation that met the conflict: `mine` is its value, written by
/// `clerk`; `theirs` is the value it found, written by `theirsClerk`. Both authors are recorded
/// by the central service from the tokens that pushed the changes. Which of the two a clerk calls
/// their own depends on who looks: see `seen(by:)`.
public struct FieldConflict: Hashable, Sendable, Codable {
    public var field: String
    public var base: FieldValue?
    /// The value in the operation that arrived later (`clerk`'s).
    public var mine: FieldValue?
    /// The value that was already there (`theirsClerk`'s).
    public var theirs: FieldValue?
    /// The operation that arrived later and met the conflict.
    public var operationID: UUID
    /// Who wrote `mine`: the clerk of the operation that met the conflict.
    public var clerk: String
    /// Who wrote `theirs`: the clerk of the change that landed first; nil when the central service
    /// did not know (a value from before field authors were recorded).
    public var theirsClerk: String?
    public init(
        field: String, base: FieldValue?, mine: FieldValue?, theirs: FieldValue?, operationID: UUID,
        clerk: String, theirsClerk: String? = nil
    ) {
        self.field = field
        self.base = base
        self.mine = mine
        self.theirs = theirs
        self.operationID = operationID
        self.clerk = clerk
        self.theirsClerk = theirsClerk
    }
}
