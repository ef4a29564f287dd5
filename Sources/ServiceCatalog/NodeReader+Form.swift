import CaseModel
import Foundation
import Yams

/// An expression read from a file, kept with its node to check its field references later.
struct PendingExpression {
    var expression: CaseModel.Expression
    var node: Node
    var what: String
    /// The repeat group the field belongs to, for references to sibling sub-fields.
    var groupID: String?
    /// Whether `.` (the field's own value) may be used: only in constraints.
    var allowsCurrentValue: Bool
}

extension NodeReader {
    static let fieldKeys = [
        "id", "type", "label", "required", "required_if", "relevant", "constraint", "constraint_message",
        "calculate", "help", "legal_reference", "phone_question", "choices", "fields", "min_rows", "max_rows",
        "minimum", "maximum", "max_length", "munich_address", "phone_more_question",
    ]

    /// Reads `form: {fields: [...]}`, checks ids, types and every expression's field references.
    mutating func form(_ node: Node) -> FormDefinition? {
        guard let entries = mapping(node, what: "form", allowed: ["fields"], required: ["fields"]),
            let fieldsNode = entries["fields"], let items = sequence(fieldsNode, what: "form.fields")
        else { return nil }
        let before = problems.count
        var pending: [PendingExpression] = []
        var seen: [String: Node] = [:]
        var fields: [FieldDefinition] = []
        for (index, item) in items.enumerated() {
            if let field = field(
                item, what: "form.fields[\(index + 1)]", group: nil, seen: &seen, pending: &pending)
            {
                fields.append(field)
            }
        }
        if items.isEmpty {
            report(
                at: fieldsNode, de: "form.fields: das Formular hat keine Felder.",
                en: "form.fields: the form has no fields.")
        }
        let form = FormDefinition(fields: fields)
        for item in pending { checkReferences(item, form: form) }
        guard problems.count == before else { return nil }
        return form
    }

    private mutating func field(
        _ node: Node, what: String, group: String?, seen: inout [String: Node],
        pending: inout [PendingExpression]
    ) -> FieldDefinition? {
        guard
            let e = mapping(
                node, what: what, allowed: Self.fieldKeys, required: ["id", "type", "label", "help"])
        else { return nil }
        let before = problems.count
        let id = string(e["id"], what: "\(what).id") ?? ""
        let name = id.isEmpty ? what : "\(what) (\(id))"
        if let idNode = e["id"], !id.isEmpty {
            if !isIdentifier(id) {
                report(
                    at: idNode,
                    de: "\(name).id: „\(id)“ ist keine gültige Feldkennung (Kleinbuchstaben, Ziffern, _).",
                    en: "\(name).id: '\(id)' is not a valid field id (lowercase letters, digits, _).")
            } else if id == FormDefinition.commentFieldID {
                report(
                    at: idNode,
                    de:
                        "\(name).id: das Bemerkungsfeld „\(id)“ legt jedes Formular automatisch an; es darf nicht definiert werden.",
                    en:
                        "\(name).id: every form gets the comment field '\(id)' automatically; it must not be defined."
                )
            } else if let first = seen[id] {
                let line = first.mark?.line ?? 0
                report(
                    at: idNode, de: "\(name).id: die Feldkennung „\(id)“ gibt es schon (Zeile \(line)).",
                    en: "\(name).id: the field id '\(id)' already exists (line \(line)).")
            } else {
                seen[id] = idNode
            }
        }
        let typeText = string(e["type"], what: "\(name).type")
        let type = typeText.flatMap(FieldType.init(rawValue:))
        if let typeText, type == nil {
            let all = FieldType.allCases.map(\.rawValue).joined(separator: ", ")
            report(
                at: e["type"], de: "\(name).type: unbekannter Feldtyp „\(typeText)“. Erlaubt sind: \(all).",
                en: "\(name).type: unknown field type '\(typeText)'. Allowed are: \(all).")
        }
        let label = localized(e["label"], what: "\(name).label")
        let help = localized(e["help"], what: "\(name).help")
        let phoneQuestion = localized(e["phone_question"], what: "\(name).phone_question")
        let calculateNode = e["calculate"]
        if calculateNode == nil, e["phone_question"] == nil {
            report(
                at: node, de: "\(name): phone_question fehlt (die Frage für das Telefongespräch).",
                en: "\(name): phone_question is missing (the question to ask on the phone).")
        }
        var definition = FieldDefinition(
            id: id, type: type ?? .text, label: label ?? LocalizedText(de: id, en: id),
            required: bool(e["required"], what: "\(name).required") ?? false, help: help,
            legalReference: string(e["legal_reference"], what: "\(name).legal_reference"),
            phoneQuestion: phoneQuestion)
        definition.phoneMoreQuestion = localized(
            e["phone_more_question"], what: "\(name).phone_more_question")
        func read(_ key: String, current: Bool = false) -> CaseModel.Expression? {
            guard let exprNode = e[key], let expression = expression(exprNode, what: "\(name).\(key)") else {
                return nil
            }
            pending.append(
                PendingExpression(
                    expression: expression, node: exprNode, what: "\(name).\(key)", groupID: group,
                    allowsCurrentValue: current))
            return expression
        }
        definition.requiredIf = read("required_if")
        definition.relevant = read("relevant")
        definition.constraint = read("constraint", current: true)
        definition.calculate = read("calculate")
        definition.constraintMessage = localized(e["constraint_message"], what: "\(name).constraint_message")
        if e["constraint"] != nil, e["constraint_message"] == nil {
            report(
                at: e["constraint"],
                de: "\(name).constraint: constraint_message fehlt (was ist falsch, wie richtig?).",
                en: "\(name).constraint: constraint_message is missing (what is wrong, how to put it right?)."
            )
        }
        if e["constraint_message"] != nil, e["constraint"] == nil {
            report(
                at: e["constraint_message"], de: "\(name).constraint_message: ohne constraint wirkungslos.",
                en: "\(name).constraint_message: has no effect without constraint.")
        }
        if calculateNode != nil, definition.required || e["required_if"] != nil {
            report(
                at: calculateNode, de: "\(name): ein berechnetes Feld kann nicht Pflichtfeld sein.",
                en: "\(name): a calculated field cannot be required.")
        }
        if let type {
            readTypeOptions(
                type, e, name: name, group: group, into: &definition, seen: &seen, pending: &pending)
        }
        guard problems.count == before, type != nil, label != nil, !id.isEmpty else { return nil }
        return definition
    }

    private mutating func readTypeOptions(
        _ type: FieldType, _ e: [String: Node], name: String, group: String?,
        into definition: inout FieldDefinition,
        seen: inout [String: Node], pending: inout [PendingExpression]
    ) {
        func only(_ key: String, for types: [FieldType], _ de: String, _ en: String) {
            if let node = e[key], !types.contains(type) {
                report(
                    at: node, de: "\(name).\(key): nur für \(de) möglich, nicht für „\(type.rawValue)“.",
                    en: "\(name).\(key): only possible for \(en), not for '\(type.rawValue)'.")
            }
        }
        only("choices", for: [.choice], "Auswahlfelder (choice)", "choice fields")
        only("fields", for: [.repeatGroup], "Wiederholungsgruppen (repeat)", "repeat groups")
        only("min_rows", for: [.repeatGroup], "Wiederholungsgruppen (repeat)", "repeat groups")
        only("max_rows", for: [.repeatGroup], "Wiederholungsgruppen (repeat)", "repeat groups")
        only("minimum", for: [.number, .money, .date], "Zahl, Betrag, Datum", "number, money, date")
        only("maximum", for: [.number, .money, .date], "Zahl, Betrag, Datum", "number, money, date")
        only("max_length", for: [.text, .longText], "Text", "text")
        only("munich_address", for: [.address], "Anschriften (address)", "addresses")
        only(
            "calculate", for: [.number, .money, .text, .date, .yesNo, .choice], "einfache Werte",
            "simple values")

        if type == .choice {
            definition.choices = choices(e["choices"], name: name, fallback: e["type"])
        }
        if type == .repeatGroup {
            if group != nil {
                report(
                    at: e["type"], de: "\(name).type: Wiederholungsgruppen lassen sich nicht verschachteln.",
                    en: "\(name).type: repeat groups cannot be nested.")
            }
            let items = e["fields"].flatMap { sequence($0, what: "\(name).fields") } ?? []
            if items.isEmpty {
                report(
                    at: e["fields"] ?? e["type"],
                    de: "\(name).fields: eine Wiederholungsgruppe braucht Unterfelder.",
                    en: "\(name).fields: a repeat group needs sub-fields.")
            }
            for (index, item) in items.enumerated() {
                if let sub = field(
                    item, what: "\(name).fields[\(index + 1)]", group: definition.id, seen: &seen,
                    pending: &pending)
                {
                    definition.fields.append(sub)
                }
            }
            definition.minRows = int(e["min_rows"], what: "\(name).min_rows")
            definition.maxRows = int(e["max_rows"], what: "\(name).max_rows")
            if let min = definition.minRows, let max = definition.maxRows, min > max || min < 0 {
                report(
                    at: e["min_rows"], de: "\(name).min_rows: muss zwischen 0 und max_rows (\(max)) liegen.",
                    en: "\(name).min_rows: must lie between 0 and max_rows (\(max)).")
            }
        }
        definition.minimum = bound(e["minimum"], type: type, what: "\(name).minimum")
        definition.maximum = bound(e["maximum"], type: type, what: "\(name).maximum")
        definition.maxLength = int(e["max_length"], what: "\(name).max_length")
        definition.requiresMunichAddress = bool(e["munich_address"], what: "\(name).munich_address") ?? false
    }

    private mutating func choices(_ node: Node?, name: String, fallback: Node?) -> [ChoiceOption] {
        guard let node else {
            report(
                at: fallback, de: "\(name).choices: ein Auswahlfeld braucht eine Liste von Möglichkeiten.",
                en: "\(name).choices: a choice field needs a list of options.")
            return []
        }
        var options: [ChoiceOption] = []
        for (index, item) in (sequence(node, what: "\(name).choices") ?? []).enumerated() {
            let what = "\(name).choices[\(index + 1)]"
            guard
                let e = mapping(item, what: what, allowed: ["code", "label"], required: ["code", "label"]),
                let code = string(e["code"], what: "\(what).code"),
                let label = localized(e["label"], what: "\(what).label")
            else { continue }
            if options.contains(where: { $0.code == code }) {
                report(
                    at: e["code"], de: "\(what).code: „\(code)“ steht doppelt.",
                    en: "\(what).code: '\(code)' is listed twice.")
            }
            options.append(ChoiceOption(code: code, label: label))
        }
        if options.isEmpty {
            report(
                at: node, de: "\(name).choices: die Liste ist leer.",
                en: "\(name).choices: the list is empty.")
        }
        return options
    }

    /// A minimum/maximum as stored in `FieldDefinition`: decimal text, cents, or an ISO date.
    private mutating func bound(_ node: Node?, type: FieldType, what: String) -> String? {
        guard let node, let text = string(node, what: what) else { return nil }
        switch type {
        case .number:
            if let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
                text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" })
            {
                return NSDecimalNumber(decimal: d).stringValue
            }
            report(
                at: node, de: "\(what): „\(text)“ ist keine Zahl (z. B. 12.5).",
                en: "\(what): '\(text)' is not a number (e.g. 12.5).")
        case .money:
            if case .success(let cents) = FormEngine.parseAmount(text) { return String(cents) }
            report(
                at: node, de: "\(what): „\(text)“ ist kein Betrag (z. B. 12,50).",
                en: "\(what): '\(text)' is not an amount (e.g. 12,50).")
        case .date:
            if let date = LocalDate(parsing: text) { return date.iso }
            report(
                at: node, de: "\(what): „\(text)“ ist kein Datum (JJJJ-MM-TT).",
                en: "\(what): '\(text)' is not a date (YYYY-MM-DD).")
        default:
            break
        }
        return nil
    }

    /// Reports references to fields that do not exist, and `.` outside constraints.
    mutating func checkReferences(_ item: PendingExpression, form: FormDefinition) {
        guard case .success(let root) = item.expression.syntax else { return }
        if root.usesCurrentValue, !item.allowsCurrentValue {
            report(
                at: item.node, de: "\(item.what): „.“ (der eigene Wert) ist nur in constraint erlaubt.",
                en: "\(item.what): '.' (the field's own value) is only allowed in constraint.")
        }
        let group = item.groupID.flatMap { form.field($0) }
        for reference in root.references {
            let (line, column) = position(in: item.node, offset: reference.column)
            let path = reference.path
            var known = false
            if path.count == 1 {
                known = group?.subfield(path[0]) != nil || form.field(path[0]) != nil
            } else if path.count == 2, let target = form.field(path[0]) {
                guard target.type == .repeatGroup else {
                    report(
                        line: line, column: column,
                        de:
                            "\(item.what): „\(path[0])“ ist keine Wiederholungsgruppe; „\(reference.dotted)“ geht nicht.",
                        en:
                            "\(item.what): '\(path[0])' is not a repeat group; '\(reference.dotted)' is not possible."
                    )
                    continue
                }
                known = target.subfield(path[1]) != nil
            }
            if !known {
                report(
                    line: line, column: column,
                    de: "\(item.what): Verweis auf unbekanntes Feld „\(reference.dotted)“.",
                    en: "\(item.what): reference to unknown field '\(reference.dotted)'.")
            }
        }
    }
}
