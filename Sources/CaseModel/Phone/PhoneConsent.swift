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

    /// The wording the clerk reads out before submitting an application on the caller's behalf.
    public static func wording(serviceTitle: String, clerk: String) -> String {
        "Ich, \(clerk), habe Ihnen Ihre Angaben vorgelesen. Sind Sie damit einverstanden, dass ich den Antrag "
            + "„\(serviceTitle)“ mit diesen Angaben in Ihrem Namen bei der Landeshauptstadt München stelle "
            + "und dass Ihre Angaben dafür verarbeitet werden? Bitte antworten Sie mit Ja oder Nein."
    }
}
