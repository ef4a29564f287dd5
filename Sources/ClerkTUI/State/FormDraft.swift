import CaseModel
import Foundation

/// A form as typed so far, saved continuously so nothing typed is ever lost.
public struct FormDraft: Hashable, Sendable, Codable {
    public var key: String
    public var serviceID: String
    public var formVersion: Int
    public var caseID: UUID
    /// For a new case: the channel and the chosen citizen; nil when editing.
    public var channel: Channel?
    public var citizen: Citizen?
    /// For an edit: the case number, version and values the clerk started from.
    public var caseNumber: String?
    public var baseVersion: Int64?
    public var original: [String: FieldValue]?
    /// The typed text per field path (`field` or `group[row].sub`).
    public var texts: [String: String]
    public var rowCounts: [String: Int]
    /// The field that had the focus and the caret in it, to reopen where the clerk was.
    public var focus: String
    public var caret: Int
    public var savedAt: Date

    public init(
        key: String, serviceID: String, formVersion: Int, caseID: UUID, channel: Channel?, citizen: Citizen?,
        caseNumber: String?, baseVersion: Int64?, original: [String: FieldValue]?, texts: [String: String],
        rowCounts: [String: Int], focus: String, caret: Int, savedAt: Date
    ) {
        self.key = key
        self.serviceID = serviceID
        self.formVersion = formVersion
        self.caseID = caseID
        self.channel = channel
        self.citizen = citizen
        self.caseNumber = caseNumber
        self.baseVersion = baseVersion
        self.original = original
        self.texts = texts
        self.rowCounts = rowCounts
        self.focus = focus
        self.caret = caret
        self.savedAt = savedAt
    }
}

/// A draft as listed on the queue overview.
public struct DraftSummary: Hashable, Sendable, Identifiable {
    public var id: String { draft.key }
    public var draft: FormDraft
    public var title: LocalizedText
    public init(draft: FormDraft, title: LocalizedText) {
        self.draft = draft
        self.title = title
    }
}
