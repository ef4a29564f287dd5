import CaseModel
import DemoData

/// Makes generated demo values fit a form: the demo generator fills fields by type only, so
/// values that break a constraint, a bound or a relevance rule are drawn again (or dropped
/// when optional) until the form engine reports nothing.
enum DemoFormFitter {
    /// How often the values are drawn again before a case is given up.
    static let rounds = 16

    /// `values` made valid for `form` on `context`'s day, or nil if no valid values were found.
    static func fit(
        _ values: [String: FieldValue], form: FormDefinition, context: EvaluationContext,
        demo: DemoFieldValues.Context, using rng: inout DemoRandom
    ) -> [String: FieldValue]? {
        var current = values
        for round in 0..<rounds {
            current = FormEngine.settled(form: form, values: current, context: context)
            let issues = FormEngine.validate(form: form, values: current, context: context)
            guard !issues.isEmpty else { return current }
            let giveUpOptional = round >= rounds / 2
            for issue in issues {
                guard let field = form.field(issue.fieldID) else { continue }
                if let row = issue.row, let subID = issue.subfieldID, let sub = field.subfield(subID),
                    case .rows(var rows) = current[field.id], rows.indices.contains(row)
                {
                    rows[row][subID] = redraw(sub, issue, giveUpOptional, demo, &rng)
                    current[field.id] = .rows(rows)
                } else {
                    current[field.id] = redraw(field, issue, giveUpOptional, demo, &rng)
                }
            }
        }
        return nil
    }

    /// A new value for `field`, or none if it is optional and keeps failing.
    private static func redraw(
        _ field: FieldDefinition, _ issue: FieldIssue, _ giveUpOptional: Bool,
        _ demo: DemoFieldValues.Context, _ rng: inout DemoRandom
    ) -> FieldValue? {
        if giveUpOptional, issue.kind != .required, issue.kind != .rowCount, !field.required,
            field.requiredIf == nil
        {
            return nil
        }
        if issue.kind == .constraint, rng.chance(0.75) {
            switch field.type {
            // A date with a rule is most often a date of birth (e.g. an age limit).
            case .date: return .date(demo.citizen.dateOfBirth)
            case .text: return .text(rng.pick(structuredTexts) + rng.digits(5))
            default: break
            }
        }
        return DemoFieldValues.value(for: field, context: demo, using: &rng)
    }

    /// Beginnings of structured texts that rules of the catalogue ask for (register numbers).
    static let structuredTexts = ["HRB 1", "HRA 9", "HRB 2"]
}
