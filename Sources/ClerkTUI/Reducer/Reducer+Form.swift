import CaseModel
import Foundation
import TerminalKit

/// The fields a form asks for a citizen typed in new (not found by search).
enum CitizenFields {
    static let name = "antragsteller_name"
    static let birth = "antragsteller_geburtsdatum"
    static let address = "antragsteller_anschrift"
    static let phone = "antragsteller_telefon"

    static let definitions: [FieldDefinition] = [
        FieldDefinition(
            id: name, type: .personName,
            label: LocalizedText(de: "Name der Person", en: "Name of the person"),
            required: true,
            help: LocalizedText(
                de: "Vorname und Familienname, z. B. „Maria Huber“ oder „Huber, Maria“.",
                en: "Given and family name, e.g. \"Maria Huber\" or \"Huber, Maria\".")),
        FieldDefinition(
            id: birth, type: .date, label: LocalizedText(de: "Geburtsdatum", en: "Date of birth"),
            required: true,
            help: LocalizedText(de: "Im Format TT.MM.JJJJ.", en: "As dd.mm.yyyy.")),
        FieldDefinition(
            id: address, type: .address, label: LocalizedText(de: "Anschrift", en: "Address"), required: true,
            help: LocalizedText(
                de: "Straße Hausnummer, PLZ Ort, z. B. „Leopoldstraße 12, 80802 München“.",
                en: "Street number, postcode city, e.g. \"Leopoldstraße 12, 80802 München\".")),
        FieldDefinition(
            id: phone, type: .phone, label: LocalizedText(de: "Telefon", en: "Phone"),
            help: LocalizedText(de: "Für Rückfragen.", en: "For questions.")),
    ]

    static func contains(_ id: String) -> Bool { definitions.contains { $0.id == id } }

    /// A known citizen's data as the values of these fields.
    static func values(of citizen: Citizen) -> [String: FieldValue] {
        var values: [String: FieldValue] = [
            name: .name(citizen.name), birth: .date(citizen.dateOfBirth), address: .address(citizen.address),
        ]
        if let number = citizen.phone { values[Self.phone] = .text(number) }
        return values
    }

    /// `citizen` with the name, birth date, address and phone of `values` (nil while one of the
    /// required ones is missing); its id, e-mail and information block stay.
    static func corrected(_ citizen: Citizen, by values: [String: FieldValue]) -> Citizen? {
        guard case .name(let newName)? = values[name], case .date(let newBirth)? = values[birth],
            case .address(let newAddress)? = values[address]
        else { return nil }
        var corrected = citizen
        corrected.name = newName
        corrected.dateOfBirth = newBirth
        corrected.address = newAddress
        if case .text(let newPhone)? = values[phone], !newPhone.isEmpty {
            corrected.phone = newPhone
        } else {
            corrected.phone = nil
        }
        return corrected
    }
}

/// The fields of a service's form; the engine keeps the comment field last.
func formFields(_ service: ServiceDefinition) -> [FieldDefinition] { service.form.fields }

/// Opens the form for a new case of a service.
func openNewCaseForm(
    _ state: inout AppState, _ service: ServiceDefinition, channel: Channel, citizen: Citizen?
)
    -> [Effect]
{
    let caseID = state.nextID()
    var form = FormState(
        draftKey: "new-\(caseID.uuidString)", serviceID: service.id, formVersion: service.version,
        title: service.title, target: .newCase(caseID: caseID, channel: channel, citizen: citizen),
        fields: (citizen == nil ? CitizenFields.definitions : []) + formFields(service),
        today: Formatting.day(of: state.now))
    form.refresh(state.language)
    state.stack.append(.form(form))
    return [.saveDraft(form.draft(at: state.now))]
}

/// Opens the form to change a case; a draft left from earlier is loaded over it.
func openEditForm(_ state: inout AppState, _ detail: CaseDetail, _ service: ServiceDefinition) -> [Effect] {
    let c = detail.value
    var texts: [FieldPath: String] = [:]
    var rowCounts: [String: Int] = [:]
    var original = c.fields
    if let citizen = detail.citizen {
        for (id, value) in CitizenFields.values(of: citizen) {
            original[id] = value
            if let field = CitizenFields.definitions.first(where: { $0.id == id }) {
                texts[FieldPath(id)] = FormRules.format(value, as: field, language: state.language)
            }
        }
    }
    let fields = (detail.citizen == nil ? [] : CitizenFields.definitions) + formFields(service)
    for field in formFields(service) {
        guard let value = c.fields[field.id] else { continue }
        if field.type == .repeatGroup, case .rows(let rows) = value {
            rowCounts[field.id] = rows.count
            for (index, row) in rows.enumerated() {
                for sub in field.fields {
                    if let v = row[sub.id] {
                        texts[FieldPath(field.id, row: index, sub: sub.id)] = FormRules.format(
                            v, as: sub, language: state.language)
                    }
                }
            }
        } else if field.calculate == nil {
            texts[FieldPath(field.id)] = FormRules.format(value, as: field, language: state.language)
        }
    }
    var form = FormState(
        draftKey: "case-\(c.id.uuidString)", serviceID: service.id, formVersion: c.formVersion,
        title: service.title,
        target: .edit(
            caseID: c.id, number: c.number, baseVersion: c.version, original: original,
            citizen: detail.citizen),
        fields: fields, today: Formatting.day(of: state.now), texts: texts, rowCounts: rowCounts)
    form.refresh(state.language)
    state.stack.append(.form(form))
    return [.loadDraft(key: form.draftKey)]
}

/// Reopens a draft where the clerk left it.
func resumeDraft(_ state: inout AppState, _ draft: FormDraft) -> [Effect] {
    guard let service = state.service(draft.serviceID) else {
        state.notice = Notice(UIText.unknownService(draft.serviceID), kind: .error, at: state.now)
        return []
    }
    let target: FormTarget
    if let number = draft.caseNumber, let base = draft.baseVersion {
        target = .edit(
            caseID: draft.caseID, number: number, baseVersion: base, original: draft.original ?? [:],
            citizen: draft.citizen)
    } else {
        target = .newCase(caseID: draft.caseID, channel: draft.channel ?? .counter, citizen: draft.citizen)
    }
    // A new citizen is typed in the form; a case's citizen is corrected there.
    let asksCitizen: Bool
    switch target {
    case .newCase(_, _, let known): asksCitizen = known == nil
    case .edit(_, _, _, _, let citizen): asksCitizen = citizen != nil
    }
    var form = FormState(
        draftKey: draft.key, serviceID: service.id, formVersion: draft.formVersion, title: service.title,
        target: target, fields: (asksCitizen ? CitizenFields.definitions : []) + formFields(service),
        today: Formatting.day(of: state.now))
    form.restore(from: draft)
    form.refresh(state.language)
    state.stack.append(.form(form))
    return []
}

func draftLoaded(_ state: inout AppState, _ draft: FormDraft?, key: String) -> [Effect] {
    guard let draft else { return [] }
    let language = state.language
    state.updateForm(key: key) { form in
        form.restore(from: draft)
        form.refresh(language)
    }
    state.notice = Notice(UIText.draftRestored, kind: .info, at: state.now)
    return []
}

/// Keys in the form editor.
func formKey(_ state: inout AppState, _ input: KeyInput) -> [Effect] {
    guard case .form(var form) = state.screen else { return [] }
    let language = state.language
    switch input {
    case .ignored:
        return []
    case .command(.back):
        let waits = state.storage.unsavedDrafts[form.draftKey] != nil
        state.notice = Notice(
            waits ? UIText.draftWaitsForSpace : UIText.draftKept, kind: waits ? .error : .info, at: state.now)
        return goBack(&state)
    case .command(.cancel):
        if form.edited {
            state.modal = .confirmDiscard
            return []
        }
        state.stack.removeLast()
        return [.deleteDraft(key: form.draftKey)] + reloadCurrent(&state)
    case .command(.help):
        if case .field(let path) = form.focus {
            state.modal = .fieldHelp(path)
        } else {
            state.modal = .help(offset: 0)
        }
        return []
    case .command(.save):
        return saveForm(&state, &form)
    case .command(.pick):
        guard case .field(let path) = form.focus, let def = form.definition(path),
            !FormRules.options(def).isEmpty
        else { return [] }
        state.modal = .pick(path, cursor: 0)
        return []
    case .command(.nextField), .command(.down), .command(.open):
        form.moveFocus(by: 1)
    case .command(.previousField), .command(.up):
        form.moveFocus(by: -1)
    case .command(.pageDown):
        form.moveFocus(by: max(1, state.bodyRows / 2))
    case .command(.pageUp):
        form.moveFocus(by: -max(1, state.bodyRows / 2))
    case .command(.addRow):
        guard form.addRow() else { return [] }
        form.edited = true
        form.refresh(language)
        state.screen = .form(form)
        return [.saveDraft(form.draft(at: state.now))]
    case .command(.removeRow):
        guard form.removeRow() else { return [] }
        form.edited = true
        form.refresh(language)
        state.screen = .form(form)
        return [.saveDraft(form.draft(at: state.now))]
    default:
        guard case .field(let path) = form.focus else {
            if input == .command(.open) || input == .text(" ") {
                _ = form.addRow()
                form.refresh(language)
                state.screen = .form(form)
                return [.saveDraft(form.draft(at: state.now))]
            }
            return []
        }
        var text = TextInput(form.text(path), caret: form.caret)
        let before = text.text
        guard edit(&text, input) else { return [] }
        form.caret = text.caret
        guard text.text != before else {
            state.screen = .form(form)
            return []
        }
        form.texts[path] = text.text.isEmpty ? nil : text.text
        form.edited = true
        form.refresh(language)
        form.keepFocusVisible(rows: formBodyRows(state), columns: state.size.columns, language: language)
        state.screen = .form(form)
        return [.saveDraft(form.draft(at: state.now))]
    }
    form.keepFocusVisible(rows: formBodyRows(state), columns: state.size.columns, language: language)
    state.screen = .form(form)
    return []
}

/// Keys in the list of a choice field's options.
func pickKey(_ state: inout AppState, _ input: KeyInput, path: FieldPath, cursor: Int) -> [Effect] {
    guard case .form(var form) = state.screen, let def = form.definition(path) else {
        state.modal = nil
        return []
    }
    let options = FormRules.options(def)
    switch input {
    case .command(.down): state.modal = .pick(path, cursor: min(options.count - 1, cursor + 1))
    case .command(.up): state.modal = .pick(path, cursor: max(0, cursor - 1))
    case .command(.cancel), .command(.back), .command(.no): state.modal = nil
    case .command(.confirm), .command(.open), .command(.yes):
        state.modal = nil
        guard options.indices.contains(cursor) else { return [] }
        let text = options[cursor].text(state.language)
        form.texts[path] = text
        form.caret = text.count
        form.edited = true
        form.refresh(state.language)
        state.screen = .form(form)
        return [.saveDraft(form.draft(at: state.now))]
    default: break
    }
    return []
}

/// The rows the form's lines can use on screen.
func formBodyRows(_ state: AppState) -> Int { max(1, state.bodyRows - 1) }

/// Checks the whole form and records it as operations, or shows what is wrong.
func saveForm(_ state: inout AppState, _ form: inout FormState) -> [Effect] {
    form.refresh(state.language)
    let evaluation = FormRules.evaluate(form)
    if !evaluation.issues.isEmpty {
        form.visited.formUnion(evaluation.issues.keys)
        if let first = form.lines.compactMap(\.focus).first(where: { focus in
            if case .field(let p) = focus { return evaluation.issues[p] != nil }
            return false
        }) {
            form.focus = first
            form.caret = form.focusedText.count
        }
        form.keepFocusVisible(
            rows: formBodyRows(state), columns: state.size.columns, language: state.language)
        state.screen = .form(form)
        state.notice = Notice(UIText.fixFields(evaluation.issues.count), kind: .error, at: state.now)
        return []
    }
    var values = evaluation.values
    switch form.target {
    case .newCase(let caseID, let channel, let known):
        guard let service = state.service(form.serviceID) else { return [] }
        var citizen = known
        if known == nil, case .name(let name)? = values[CitizenFields.name],
            case .date(let birth)? = values[CitizenFields.birth],
            case .address(let address)? = values[CitizenFields.address]
        {
            var phone: String?
            if case .text(let p)? = values[CitizenFields.phone] { phone = p }
            citizen = Citizen(
                id: state.nextID(), name: name, dateOfBirth: birth, address: address, phone: phone)
        }
        for id in CitizenFields.definitions.map(\.id) { values[id] = nil }
        let number = caseNumber(prefix: service.numberPrefix, id: caseID, now: state.now)
        let new = NewCase(
            number: number, serviceID: service.id, formVersion: form.formVersion, orgUnit: service.orgUnit.id,
            channel: channel, initialState: service.workflow.initialState, citizen: citizen, fields: values,
            receivedAt: state.now, enteredBy: channel == .online ? nil : state.clerk.id)
        let operation = CaseModel.Operation(
            id: state.nextID(), caseID: caseID, baseVersion: 0, clerk: state.clerk.id,
            device: state.clerk.device,
            timestamp: state.now, kind: .createCase(new))
        state.screen = .form(form)
        return [.recordOperations([operation])]
    case .edit(let caseID, _, let base, let original, let citizen):
        var operations: [CaseModel.Operation] = []
        if let citizen, let corrected = CitizenFields.corrected(citizen, by: values), corrected != citizen {
            operations.append(
                CaseModel.Operation(
                    id: state.nextID(), caseID: caseID, baseVersion: base, clerk: state.clerk.id,
                    device: state.clerk.device, timestamp: state.now, kind: .updateCitizen(corrected)))
        }
        let ids = Set(original.keys).union(values.keys).filter { id in
            // Calculated fields are the central service's to compute; it refuses to have them set.
            !CitizenFields.contains(id) && form.fields.contains { $0.id == id && $0.calculate == nil }
        }
        for id in ids.sorted() where original[id] != values[id] {
            operations.append(
                CaseModel.Operation(
                    id: state.nextID(), caseID: caseID, baseVersion: base, clerk: state.clerk.id,
                    device: state.clerk.device, timestamp: state.now,
                    kind: .setField(field: id, old: original[id], new: values[id])))
        }
        state.screen = .form(form)
        if operations.isEmpty {
            state.stack.removeLast()
            state.notice = Notice(UIText.noChanges, kind: .info, at: state.now)
            return [.deleteDraft(key: form.draftKey)] + reloadCurrent(&state)
        }
        return [.recordOperations(operations)]
    }
}

/// A provisional case number made on the workstation (service prefix, year, 8 hex digits of the
/// case id), shown until the central service, which numbers every new case itself, has seen it.
func caseNumber(prefix: String, id: UUID, now: Date) -> String {
    let year = Formatting.day(of: now).year
    let digits = id.uuidString.replacingOccurrences(of: "-", with: "").prefix(8)
    return "\(prefix)-\(year)-\(digits)"
}

extension FormState {
    /// The definition of the field at a path (a sub-field for repeat rows).
    func definition(_ path: FieldPath) -> FieldDefinition? {
        guard let field = fields.first(where: { $0.id == path.field }) else { return nil }
        guard let sub = path.sub else { return field }
        return field.fields.first { $0.id == sub }
    }

    /// The text of the focused field.
    var focusedText: String {
        if case .field(let path) = focus { return text(path) }
        return ""
    }

    /// Re-evaluates the form: relevance, calculated values, issues, and the lines shown.
    mutating func refresh(_ language: Language) {
        let evaluation = FormRules.evaluate(self)
        issues = evaluation.issues
        calculated = evaluation.calculated.reduce(into: [:]) { out, item in
            if let def = fields.first(where: { $0.id == item.key }) {
                out[item.key] = FormRules.format(item.value, as: def, language: language)
            }
        }
        var out: [FormLine] = []
        for field in fields where !evaluation.irrelevant.contains(FieldPath(field.id)) {
            if field.type == .repeatGroup {
                let count = rowCounts[field.id] ?? 0
                out.append(.group(field, rows: count))
                for row in 0..<count {
                    out.append(.row(group: field.id, index: row))
                    for sub in field.fields {
                        let path = FieldPath(field.id, row: row, sub: sub.id)
                        if !evaluation.irrelevant.contains(path) { out.append(.field(path, sub, depth: 1)) }
                    }
                }
                if count < (field.maxRows ?? Int.max) { out.append(.addRow(field)) }
            } else {
                out.append(.field(FieldPath(field.id), field, depth: 0))
            }
        }
        lines = out
        if !lines.contains(where: { $0.focus == focus }), let first = lines.compactMap(\.focus).first {
            focus = first
            caret = focusedText.count
        }
    }

    /// Moves the focus `by` focusable lines; the field left is marked visited (its message shows).
    mutating func moveFocus(by delta: Int) {
        let focusable = lines.compactMap(\.focus)
        guard let index = focusable.firstIndex(of: focus) else {
            if let first = focusable.first { focus = first }
            return
        }
        if case .field(let path) = focus { visited.insert(path) }
        let target = min(max(0, index + delta), focusable.count - 1)
        focus = focusable[target]
        caret = focusedText.count
    }

    /// The repeat group the focus is in (on a row's field or on its "add" line).
    var focusedGroup: (group: FieldDefinition, row: Int?)? {
        switch focus {
        case .addRow(let id):
            return fields.first { $0.id == id }.map { ($0, nil) }
        case .field(let path):
            guard let row = path.row else { return nil }
            return fields.first { $0.id == path.field }.map { ($0, row) }
        }
    }

    /// Adds a row to the focused repeat group and puts the focus in it.
    mutating func addRow() -> Bool {
        guard let (group, _) = focusedGroup else { return false }
        let count = rowCounts[group.id] ?? 0
        guard count < (group.maxRows ?? Int.max), let sub = group.fields.first else { return false }
        rowCounts[group.id] = count + 1
        focus = .field(FieldPath(group.id, row: count, sub: sub.id))
        caret = 0
        return true
    }

    /// Removes the focused row of a repeat group; later rows move up.
    mutating func removeRow() -> Bool {
        guard let (group, focusedRow) = focusedGroup, let row = focusedRow else { return false }
        let count = rowCounts[group.id] ?? 0
        guard count > 0 else { return false }
        var moved: [FieldPath: String] = [:]
        for (path, text) in texts {
            guard path.field == group.id, let r = path.row else {
                moved[path] = text
                continue
            }
            if r < row {
                moved[path] = text
            } else if r > row {
                moved[FieldPath(path.field, row: r - 1, sub: path.sub)] = text
            }
        }
        texts = moved
        visited = Set(
            visited.compactMap { path -> FieldPath? in
                guard path.field == group.id, let r = path.row else { return path }
                if r == row { return nil }
                return r > row ? FieldPath(path.field, row: r - 1, sub: path.sub) : path
            })
        rowCounts[group.id] = count - 1
        if count - 1 == 0 {
            focus = .addRow(group.id)
        } else if let sub = group.fields.first {
            focus = .field(FieldPath(group.id, row: min(row, count - 2), sub: sub.id))
        }
        caret = focusedText.count
        return true
    }

    /// Scrolls so the focused line (and the message under it) is on screen.
    mutating func keepFocusVisible(rows: Int, columns: Int, language: Language) {
        guard let index = lines.firstIndex(where: { $0.focus == focus }) else { return }
        // Lines with a message take more rows on screen; count screen rows up to the focus.
        if index < scroll { scroll = index }
        while scroll < index
            && screenRows(from: scroll, through: index, columns: columns, language: language) > rows
        {
            scroll += 1
        }
    }

    /// Screen rows the lines `from…through` take, with the messages under them.
    func screenRows(from: Int, through: Int, columns: Int, language: Language) -> Int {
        guard from <= through else { return 0 }
        return (from...through).reduce(0) { sum, i in
            sum + 1 + messageLines(lines[i], columns: columns, language: language).count
        }
    }

    /// The message under a line, wrapped to the screen (at most two rows).
    func messageLines(_ line: FormLine, columns: Int, language: Language) -> [String] {
        guard let message = messageShown(line) else { return [] }
        let lines = wrap("✗ " + message.text(language), width: max(10, columns - FormState.messageColumn - 2))
        guard lines.count > 2 else { return lines }
        return [
            lines[0],
            (lines[1] + " " + lines[2]).truncated(toWidth: max(10, columns - FormState.messageColumn - 2)),
        ]
    }

    /// Where messages under fields start.
    static let messageColumn = 4

    /// The message shown under a line: the issue of a visited field (or of a repeat group).
    func messageShown(_ line: FormLine) -> LocalizedText? {
        switch line {
        case .field(let path, _, _):
            return visited.contains(path) ? issues[path] : nil
        case .group(let def, _):
            let path = FieldPath(def.id)
            return visited.contains(path) ? issues[path] : nil
        default:
            return nil
        }
    }

    /// The draft of this form as it stands.
    func draft(at now: Date) -> FormDraft {
        var channel: Channel?
        var citizen: Citizen?
        var number: String?
        var base: Int64?
        var original: [String: FieldValue]?
        switch target {
        case .newCase(_, let c, let who):
            channel = c
            citizen = who
        case .edit(_, let n, let b, let o, let who):
            number = n
            base = b
            original = o
            citizen = who
        }
        let focusText: String
        switch focus {
        case .field(let path): focusText = path.description
        case .addRow(let id): focusText = "+" + id
        }
        return FormDraft(
            key: draftKey, serviceID: serviceID, formVersion: formVersion, caseID: target.caseID,
            channel: channel,
            citizen: citizen, caseNumber: number, baseVersion: base, original: original,
            texts: Dictionary(uniqueKeysWithValues: texts.map { ($0.key.description, $0.value) }),
            rowCounts: rowCounts, focus: focusText, caret: caret, savedAt: now)
    }

    /// Takes the typed text and focus of a draft.
    mutating func restore(from draft: FormDraft) {
        texts = [:]
        for (key, text) in draft.texts {
            if let path = FieldPath(parsing: key) { texts[path] = text }
        }
        rowCounts = draft.rowCounts
        if draft.focus.hasPrefix("+") {
            focus = .addRow(String(draft.focus.dropFirst()))
        } else if let path = FieldPath(parsing: draft.focus) {
            focus = .field(path)
        }
        caret = min(draft.caret, focusedText.count)
        edited = true
        visited = Set(texts.keys)
        draftSavedAt = draft.savedAt
    }
}
