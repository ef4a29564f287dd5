import Foundation

/// The caller's oral consent to submit the application: the exact wording read out, when, by whom.
public struct ConsentRecord: Hashable, Sendable, Codable {
    /// The text the clerk read out, word for word.
    public var wording: String
    public var givenAt: Date
    /// The clerk who read it out and heard the caller agree.
    public var clerk: String

    public init(wording: String, givenAt: Date, clerk: String) {
        self.wording = wording
        self.givenAt = givenAt
        self.clerk = clerk
    }

    /// The wording the clerk reads out before submitting an application on the caller's behalf:
    /// short sentences, one question, nothing the caller need not hear (the clerk's login id is
    /// recorded with the consent, not read out).
    public static func wording(serviceTitle: String) -> String {
        "Ich stelle jetzt für Sie den Antrag „\(serviceTitle)“ bei der Stadt München. "
            + "Dafür verwende ich die Angaben, die ich Ihnen eben vorgelesen habe. "
            + "Sind Sie damit einverstanden?"
    }
}
