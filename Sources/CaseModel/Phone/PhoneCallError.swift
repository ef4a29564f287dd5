/// Why a step of a phone call cannot be taken now, in the clerk's words.
public struct PhoneCallError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Kind: String, Hashable, Sendable {
        /// The step does not fit where the call is (e.g. submitting before consent).
        case wrongStep
        /// The caller has not been verified.
        case notVerified
        /// The service may not be applied for by phone.
        case channelNotAllowed
        /// The answer is not valid for the question (see the message).
        case invalidAnswer
        /// Not every line of the read-back is confirmed.
        case readBackIncomplete
        /// The caller's consent is missing.
        case consentMissing
        /// Details of the outcome are missing or wrong (e.g. a callback without number).
        case invalidOutcome
    }

    public var kind: Kind
    public var message: LocalizedText
    /// The question the problem belongs to, if any.
    public var step: InterviewStep?

    public init(_ kind: Kind, de: String, en: String, step: InterviewStep? = nil) {
        self.kind = kind
        self.message = LocalizedText(de: de, en: en)
        self.step = step
    }

    public init(_ kind: Kind, _ message: LocalizedText, step: InterviewStep? = nil) {
        self.kind = kind
        self.message = message
        self.step = step
    }

    public var description: String { "\(kind.rawValue): \(message.de)" }
}
