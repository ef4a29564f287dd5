import CaseModel
import Foundation

/// What the form engine says about a form as typed: values, relevance, calculations, issues.
struct FormEvaluation: Hashable, Sendable {
    /// The values of the relevant fields, calculated ones included — what a save records.
    var values: [String: FieldValue]
    /// Fields (and row sub-fields) not asked for these values.
    var irrelevant: Set<FieldPath>
    /// The calculated fields' values.
    var calculated: [String: FieldValue]
    /// The first problem per field: what was typed does not parse, or the engine's checks fail.
    var issues: [FieldPath: LocalizedText]
}

/// The workstation's bridge to the form engine: typed text in, values and messages out.
enum FormRules {
    /// Reads all typed text and lets the engine check and calculate.
    static func evaluate(_ form: FormState) -> FormEvaluation {
        let definition = FormDefinition(fields: form.fields)
        let context = EvaluationContext(today: form.today)
        var values: [String: FieldValue] = [:]
        var parseIssues: [FieldPath: LocalizedText] = [:]
        for field in definition.fields where field.calculate == nil {
            if field.type == .repeatGroup {
                let count = form.rowCounts[field.id] ?? 0
                var rows: [[String: FieldValue]] = []
                for row in 0..<count {
                    var values: [String: FieldValue] = [:]
                    for sub in field.fields where sub.calculate == nil {
                        let path = FieldPath(field.id, row: row, sub: sub.id)
                        switch FormEngine.parseOptional(input: form.text(path), for: sub) {
                        case .success(let value): values[sub.id] = value
                        case .failure(let issue): parseIssues[path] = issue.message
                        }
                    }
                    rows.append(values)
                }
                if count > 0 { values[field.id] = .rows(rows) }
            } else {
                let path = FieldPath(field.id)
                switch FormEngine.parseOptional(input: form.text(path), for: field) {
                case .success(let value): values[field.id] = value
                case .failure(let issue): parseIssues[path] = issue.message
                }
            }
        }
        let computed = FormEngine.calculate(form: definition, values: values, context: context)
        let relevant = FormEngine.relevantFields(form: definition, values: values, context: context)
        let relevantIDs = Set(relevant.map(\.id))
        var irrelevant = Set<FieldPath>()
        var result: [String: FieldValue] = [:]
        for field in definition.fields {
            guard relevantIDs.contains(field.id) else {
                irrelevant.insert(FieldPath(field.id))
                continue
            }
            if field.type == .repeatGroup {
                let count = form.rowCounts[field.id] ?? 0
                for row in 0..<count {
                    let asked = Set(
                        FormEngine.relevantSubfields(
                            of: field, row: row, form: definition, values: values, context: context
                        ).map(\.id))
                    for sub in field.fields where !asked.contains(sub.id) {
                        irrelevant.insert(FieldPath(field.id, row: row, sub: sub.id))
                    }
                }
            }
            result[field.id] = computed[field.id]
        }
        var issues: [FieldPath: LocalizedText] = [:]
        for issue in FormEngine.validate(form: definition, values: values, context: context) {
            let path = FieldPath(issue.fieldID, row: issue.row, sub: issue.subfieldID)
            if issues[path] == nil { issues[path] = issue.message }
        }
        for (path, message) in parseIssues
        where !irrelevant.contains(path) && !irrelevant.contains(FieldPath(path.field)) {
            issues[path] = message
        }
        var calculated: [String: FieldValue] = [:]
        for field in definition.fields where field.calculate != nil {
            if let value = computed[field.id] { calculated[field.id] = value }
        }
        return FormEvaluation(values: result, irrelevant: irrelevant, calculated: calculated, issues: issues)
    }

    /// A value as the clerk reads (and would type) it.
    static func format(_ value: FieldValue, as field: FieldDefinition?, language: Language = .de) -> String {
        if let field { return FormEngine.format(value, for: field, language: language) }
        switch value {
        case .text(let s): return s
        case .number(let d): return NSDecimalNumber(decimal: d).stringValue
        case .money(let cents): return Formatting.money(cents: cents, language)
        case .date(let d): return d.german
        case .bool(let b): return b ? (language == .en ? "yes" : "ja") : (language == .en ? "no" : "nein")
        case .choice(let code): return code
        case .name(let n): return n.spoken
        case .address(let a): return a.singleLine
        case .rows(let rows): return "\(rows.count)"
        }
    }

    /// The options of a field to pick from (choices, yes/no); empty for other fields.
    static func options(_ field: FieldDefinition) -> [LocalizedText] {
        switch field.type {
        case .choice: return field.choices.map(\.label)
        case .yesNo: return [LocalizedText(de: "ja", en: "yes"), LocalizedText(de: "nein", en: "no")]
        default: return []
        }
    }

    /// How a field's value is typed, e.g. "TT.MM.JJJJ"; nil for free text.
    static func inputHint(_ field: FieldDefinition, _ language: Language) -> String? {
        let en = language == .en
        switch field.type {
        case .date: return en ? "Date as dd.mm.yyyy" : "Datum als TT.MM.JJJJ"
        case .money: return en ? "Amount in euros, e.g. 12.50" : "Betrag in Euro, z. B. 12,50"
        case .number: return en ? "A number, e.g. 12 or 12.5" : "Eine Zahl, z. B. 12 oder 12,5"
        case .address:
            return en ? "Street number, postcode city" : "Straße Hausnummer, PLZ Ort"
        case .personName: return en ? "Given name family name" : "Vorname Familienname"
        case .phone: return en ? "Phone number, e.g. 089 233-96000" : "Telefonnummer, z. B. 089 233-96000"
        case .email: return en ? "E-mail address" : "E-Mail-Adresse"
        case .iban:
            return en ? "IBAN, e.g. DE89 3704 0044 0532 0130 00" : "IBAN, z. B. DE89 3704 0044 0532 0130 00"
        case .licencePlate: return en ? "Licence plate, e.g. M-AB 1234" : "Kennzeichen, z. B. M-AB 1234"
        case .microchip: return en ? "15-digit transponder number" : "15-stellige Transpondernummer"
        case .yesNo: return en ? "yes or no" : "ja oder nein"
        case .text, .longText, .choice, .repeatGroup:
            return field.help.map { $0.text(language) }
        }
    }
}
