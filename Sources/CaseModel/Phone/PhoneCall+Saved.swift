import Foundation

extension PhoneCall {
    /// A call in progress as data: saved after every change so that closing or losing the
    /// workstation in the middle of a call loses nothing the caller said.
    public struct Saved: Hashable, Sendable, Codable {
        /// The step the call was at.
        public enum Step: String, Hashable, Sendable, Codable {
            case identity, chooseService, refused, interview, readBack, consent, submitted
        }

        public var id: UUID
        public var clerk: String
        public var callerNumber: String
        public var startedAt: Date
        public var notes: String
        public var step: Step
        public var citizen: Citizen?
        public var verification: IdentityVerification?
        public var identityAttempts: Int
        public var withoutRecord: Bool
        public var serviceID: String?
        public var interview: PhoneInterview.Saved?
        /// The ids of the read-back lines the caller had confirmed.
        public var confirmedLines: [String]
        public var consent: ConsentRecord?
        public var submission: NewCase?
        public var caseID: UUID?
        public var carriedOver: CarriedAnswers?
    }
}

/// The answers of a call that broke off, for the service they were given for; a callback
/// carries them so the caller is not asked everything from the start again.
public struct CarriedAnswers: Hashable, Sendable, Codable {
    public var serviceID: String
    public var answers: PhoneInterview.Saved

    public init(serviceID: String, answers: PhoneInterview.Saved) {
        self.serviceID = serviceID
        self.answers = answers
    }
}
