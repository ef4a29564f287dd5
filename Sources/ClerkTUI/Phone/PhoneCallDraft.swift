import CaseModel
import Foundation

/// The call in progress as saved in the replica after every change, so that a closed, killed or
/// lost workstation loses nothing the caller said; F6 continues it.
public struct PhoneCallDraft: Hashable, Sendable, Codable {
    /// The key in the replica's draft table (one call at a time per workstation).
    public static let key = "phone-call"

    public var call: PhoneCall.Saved
    /// What was typed into the identity inputs (name as registered, date of birth, postcode).
    public var identity: [String]
    /// The answer being typed to the current question.
    public var answer: String
    /// The callback the call carries out, if it was started from the queue.
    public var fromCallback: Callback?
    public var savedAt: Date

    public init(
        call: PhoneCall.Saved, identity: [String], answer: String, fromCallback: Callback?, savedAt: Date
    ) {
        self.call = call
        self.identity = identity
        self.answer = answer
        self.fromCallback = fromCallback
        self.savedAt = savedAt
    }

    /// The draft of the phone screen's call, nil when no call is going on.
    init?(_ s: PhoneScreenState, at time: Date) {
        guard let saved = s.call?.saved else { return nil }
        self.init(
            call: saved, identity: s.identity.map(\.text), answer: s.answer.text,
            fromCallback: s.fromCallback,
            savedAt: time)
    }

    /// Whether `other` holds the same call content (the time it was saved aside).
    func sameContent(as other: PhoneCallDraft?) -> Bool {
        guard var other else { return false }
        other.savedAt = savedAt
        return other == self
    }
}
