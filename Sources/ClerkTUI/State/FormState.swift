import CaseModel
import Foundation

/// Where a value sits in a form: a field, or a sub-field of one row of a repeat group.
public struct FieldPath: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var field: String
    public var row: Int?
    public var sub: String?

    public init(_ field: String, row: Int? = nil, sub: String? = nil) {
        self.field = field
        self.row = row
        self.sub = sub
    }

    /// `field` or `group[row].sub`, the form drafts are stored in.
    public var description: String {
        if let row, let sub { return "\(field)[\(row)].\(sub)" }
        return field
    }

    /// Reads the `description` form back.
    public init?(parsing text: String) {
        guard let open = text.firstIndex(of: "[") else {
            guard !text.isEmpty else { return nil }
            self.init(text)
            return
        }
        guard let close = text.firstIndex(of: "]"), close > open,
            let row = Int(text[text.index(after: open)..<close])
        else { return nil }
        let rest = text[text.index(after: close)...]
        guard rest.hasPrefix("."), rest.count > 1 else { return nil }
        self.init(String(text[..<open]), row: row, sub: String(rest.dropFirst()))
    }

    public static func < (a: FieldPath, b: FieldPath) -> Bool { a.description < b.description }
}

/// What the form is for: a new case, or changes to an existing one.
public enum FormTarget: Hashable, Sendable {
    /// A new case entered through a channel, for a known citizen or a new one typed in the form.
    case newCase(caseID: UUID, channel: Channel, citizen: Citizen?)
    /// Changes to a case: the values and version the clerk started from, and the case's citizen,
    /// whose name, birth date, address and phone the form can correct (`update_citizen`).
    case edit(
        caseID: UUID, number: String, baseVersion: Int64, original: [String: FieldValue], citizen: Citizen?)

    /// The case the form writes to.
    public var caseID: UUID {
        switch self {
        case .newCase(let id, _, _): id
        case .edit(let id, _, _, _, _): id
        }
    }
}

/// The line of the form that has the focus.
public enum FormFocus: Hashable, Sendable {
    case field(FieldPath)
    /// The "add a row" line under a repeat group.
    case addRow(String)
}

/// The form editor: what the clerk typed, field by field, and what the form engine says about it.
public struct FormState: Hashable, Sendable {
    /// The key the draft of this form is saved under.
    public var draftKey: String
    public var serviceID: String
    public var formVersion: Int
    public var title: LocalizedText
    public var target: FormTarget
    /// The fields shown, in order: the service's form (its comment field last), for a new citizen
    /// preceded by the citizen's fields.
    public var fields: [FieldDefinition]
    /// The text typed per field, exactly as typed.
    public var texts: [FieldPath: String]
    /// The number of rows per repeat group.
    public var rowCounts: [String: Int]
    public var focus: FormFocus
    /// The caret within the focused field's text.
    public var caret: Int
    /// Fields the clerk has left at least once: their messages are shown.
    public var visited: Set<FieldPath>
    /// What the form engine finds wrong, per field; shown for visited fields.
    public var issues: [FieldPath: LocalizedText]
    /// The calculated fields' values, formatted (e.g. the fee), updated with every key.
    public var calculated: [String: String]
    /// The lines of the form as shown: relevant fields, repeat rows, "add row" lines.
    public var lines: [FormLine]
    /// The first line of the form shown.
    public var scroll: Int
    /// Whether something was typed since the form was opened or last saved as a case.
    public var edited: Bool
    /// When the draft was last written.
    public var draftSavedAt: Date?
    /// The Munich day conditions and calculations are evaluated on.
    public var today: LocalDate

    public init(
        draftKey: String, serviceID: String, formVersion: Int, title: LocalizedText, target: FormTarget,
        fields: [FieldDefinition], today: LocalDate, texts: [FieldPath: String] = [:],
        rowCounts: [String: Int] = [:]
    ) {
        self.draftKey = draftKey
        self.serviceID = serviceID
        self.formVersion = formVersion
        self.title = title
        self.target = target
        self.fields = fields
        self.texts = texts
        self.rowCounts = rowCounts
        self.focus = .field(FieldPath(fields.first?.id ?? FormDefinition.commentFieldID))
        self.caret = 0
        self.visited = []
        self.issues = [:]
        self.calculated = [:]
        self.lines = []
        self.scroll = 0
        self.edited = false
        self.draftSavedAt = nil
        self.today = today
    }

    /// The text typed into a field ("" if none).
    public func text(_ path: FieldPath) -> String { texts[path] ?? "" }
}

/// One line of the form editor.
public enum FormLine: Hashable, Sendable {
    /// A field (top-level, or a sub-field of a repeat row), indented by `depth`.
    case field(FieldPath, FieldDefinition, depth: Int)
    /// The title of a repeat group.
    case group(FieldDefinition, rows: Int)
    /// The start of one row of a repeat group (0-based).
    case row(group: String, index: Int)
    /// The "add a row" line under a repeat group.
    case addRow(FieldDefinition)

    /// Where the focus stands when it is on this line; nil for lines that take no focus.
    var focus: FormFocus? {
        switch self {
        case .field(let path, let def, _): def.calculate == nil ? .field(path) : nil
        case .addRow(let def): .addRow(def.id)
        case .group, .row: nil
        }
    }
}

/// The steps of starting a new case: service, channel, citizen.
public struct NewCaseState: Hashable, Sendable {
    public enum Step: Hashable, Sendable { case service, channel, citizen }
    public var step: Step
    public var serviceQuery: TextInput
    public var serviceCursor: Int
    public var serviceID: String?
    public var channelCursor: Int
    public var channel: Channel?
    public var citizenQuery: TextInput
    /// Citizens found for the query; the cursor's line 0 is "new citizen".
    public var citizens: [Citizen]
    public var citizenCursor: Int
    public var citizensFor: String

    public init() {
        step = .service
        serviceQuery = TextInput()
        serviceCursor = 0
        serviceID = nil
        channelCursor = 0
        channel = nil
        citizenQuery = TextInput()
        citizens = []
        citizenCursor = 0
        citizensFor = ""
    }

    /// The channels a clerk may enter a case through at the workstation.
    public static let channels: [Channel] = [.counter, .phone, .field]
}
