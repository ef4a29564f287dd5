import Foundation

/// One finished call as stored for the KPIs: who, when, how long, what came of it.
public struct CallRecord: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    public var clerk: String
    /// The number the call came from, as shown by the phone system.
    public var callerNumber: String
    public var startedAt: Date
    public var endedAt: Date
    public var outcome: CallOutcome
    public var citizenID: UUID?
    /// What matched in the identity check (empty if not verified or not asked).
    public var identityMatched: [IdentityFactor]
    public var serviceID: String?
    /// The case entered in the call, if any.
    public var caseID: UUID?
    public var caseNumber: String?
    public var consent: ConsentRecord?
    /// The call's notes (the comment field of the call panel).
    public var notes: String

    public init(
        id: UUID, clerk: String, callerNumber: String, startedAt: Date, endedAt: Date, outcome: CallOutcome,
        citizenID: UUID? = nil, identityMatched: [IdentityFactor] = [], serviceID: String? = nil,
        caseID: UUID? = nil, caseNumber: String? = nil, consent: ConsentRecord? = nil, notes: String = ""
    ) {
        self.id = id
        self.clerk = clerk
        self.callerNumber = callerNumber
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.outcome = outcome
        self.citizenID = citizenID
        self.identityMatched = identityMatched
        self.serviceID = serviceID
        self.caseID = caseID
        self.caseNumber = caseNumber
        self.consent = consent
        self.notes = notes
    }

    /// The handling time in whole seconds.
    public var durationSeconds: Int { max(0, Int(endedAt.timeIntervalSince(startedAt).rounded())) }
}

/// The phone KPIs of a set of calls: first-contact resolution and handling time.
public struct CallStatistics: Hashable, Sendable {
    public var calls: Int
    public var resolvedAtFirstContact: Int
    /// Total handling time in seconds.
    public var totalSeconds: Int
    /// Calls per outcome name.
    public var byOutcome: [String: Int]

    /// The statistics of `records`.
    public init(_ records: [CallRecord]) {
        calls = records.count
        resolvedAtFirstContact = records.filter(\.outcome.isFirstContactResolution).count
        totalSeconds = records.reduce(0) { $0 + $1.durationSeconds }
        byOutcome = records.reduce(into: [:]) { $0[$1.outcome.name, default: 0] += 1 }
    }

    /// Share of calls resolved at first contact (0…1), nil without calls.
    public var firstContactResolutionRate: Double? {
        calls == 0 ? nil : Double(resolvedAtFirstContact) / Double(calls)
    }

    /// Average handling time in seconds, nil without calls.
    public var averageHandlingSeconds: Double? { calls == 0 ? nil : Double(totalSeconds) / Double(calls) }
}

/// The call timer of the call panel.
public enum CallTimer {
    /// "4:05" or "1:02:03": a call's duration as the call timer shows it.
    public static func text(seconds: Int) -> String {
        let s = max(0, seconds)
        let pad = { (v: Int) in v < 10 ? "0\(v)" : "\(v)" }
        if s >= 3600 { return "\(s / 3600):\(pad(s % 3600 / 60)):\(pad(s % 60))" }
        return "\(s / 60):\(pad(s % 60))"
    }
}
