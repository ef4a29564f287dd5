import Foundation

/// Reads, checks, formats and calculates the values of a form. Pure: no I/O, no clock.
///
/// Values are a map of top-level field id to `FieldValue`; a repeat group holds `.rows`, each row
/// a map of sub-field id to value. A field that is not relevant is skipped entirely.
public enum FormEngine {
    /// The top-level fields that are asked for these values, in order (the comment field always).
    public static func relevantFields(
        form: FormDefinition, values: [String: FieldValue], context: EvaluationContext
    ) -> [FieldDefinition] {
        let computed = calculate(form: form, values: values, context: context)
        let scope = EvaluationScope(values: computed)
        return form.fields.filter { (try? isRelevant($0, in: scope, context: context)) ?? true }
    }

    /// The sub-fields of `group` asked in row `row` (0-based) for these values.
    public static func relevantSubfields(
        of group: FieldDefinition, row: Int, form: FormDefinition, values: [String: FieldValue],
        context: EvaluationContext
    ) -> [FieldDefinition] {
        let computed = calculate(form: form, values: values, context: context)
        guard case .rows(let rows) = computed[group.id], rows.indices.contains(row) else {
            return group.fields
        }
        let scope = EvaluationScope(
            values: computed, row: rows[row], rowFieldIDs: Set(group.fields.map(\.id)))
        return group.fields.filter { (try? isRelevant($0, in: scope, context: context)) ?? true }
    }

    /// Whether `field` is asked in `scope`; the comment field always is.
    public static func isRelevant(
        _ field: FieldDefinition, in scope: EvaluationScope, context: EvaluationContext
    ) throws(ExpressionError) -> Bool {
        guard field.id != FormDefinition.commentFieldID || scope.row != nil else { return true }
        guard let relevant = field.relevant else { return true }
        return try relevant.holds(in: scope, context: context)
    }

    /// Every problem of the values: required, format, bounds, constraints, rows — relevant fields only.
    ///
    /// Calculated fields are recomputed first, so conditions can use them.
    public static func validate(
        form: FormDefinition, values: [String: FieldValue], context: EvaluationContext
    ) -> [FieldIssue] {
        let (computed, calculationIssues) = computeCalculations(form: form, values: values, context: context)
        var issues = calculationIssues
        let scope = EvaluationScope(values: computed)
        for field in form.fields {
            issues += validateField(field, value: computed[field.id], scope: scope, context: context) {
                FieldIssue(fieldID: field.id, kind: $0, message: $1)
            }
            guard field.type == .repeatGroup, (try? isRelevant(field, in: scope, context: context)) ?? true,
                case .rows(let rows) = computed[field.id]
            else { continue }
            let ids = Set(field.fields.map(\.id))
            for (index, row) in rows.enumerated() {
                let rowScope = EvaluationScope(values: computed, row: row, rowFieldIDs: ids)
                for sub in field.fields {
                    issues += validateField(sub, value: row[sub.id], scope: rowScope, context: context) {
                        FieldIssue(
                            fieldID: field.id, row: index, subfieldID: sub.id, kind: $0,
                            message: LocalizedText(
                                de: "Zeile \(index + 1): \($1.de)", en: "Row \(index + 1): \($1.en)"))
                    }
                }
            }
        }
        return issues
    }

    /// The values with every calculated field (and calculated sub-field) recomputed.
    ///
    /// A calculation that is not relevant, yields nothing or fails leaves its field empty.
    public static func calculate(
        form: FormDefinition, values: [String: FieldValue], context: EvaluationContext
    ) -> [String: FieldValue] {
        computeCalculations(form: form, values: values, context: context).values
    }

    // MARK: - Internals

    private static func validateField(
        _ field: FieldDefinition, value: FieldValue?, scope: EvaluationScope, context: EvaluationContext,
        issue: (FieldIssue.Kind, LocalizedText) -> FieldIssue
    ) -> [FieldIssue] {
        do {
            guard try isRelevant(field, in: scope, context: context) else { return [] }
        } catch {
            return [issue(.expression, expressionMessage("relevant", error))]
        }
        if field.calculate != nil { return [] }
        guard let value, !isEmpty(value) else {
            do {
                var required = field.required
                if !required, let condition = field.requiredIf {
                    required = try condition.holds(in: scope, context: context)
                }
                if required {
                    if field.type == .repeatGroup {
                        let min = max(field.minRows ?? 1, 1)
                        return [issue(.rowCount, rowCountMessage(min: min, max: field.maxRows, field: field))]
                    }
                    return [issue(.required, requiredMessage(field))]
                }
            } catch {
                return [issue(.expression, expressionMessage("required_if", error))]
            }
            if field.type == .repeatGroup, let min = field.minRows, min > 0 {
                return [issue(.rowCount, rowCountMessage(min: min, max: field.maxRows, field: field))]
            }
            return []
        }
        if let problem = check(value, field) { return [issue(problem.kind, problem.message)] }
        if case .rows(let rows) = value {
            if let min = field.minRows, rows.count < min {
                return [issue(.rowCount, rowCountMessage(min: min, max: field.maxRows, field: field))]
            }
            if let max = field.maxRows, rows.count > max {
                return [issue(.rowCount, rowCountMessage(min: field.minRows, max: max, field: field))]
            }
        }
        if let constraint = field.constraint {
            var own = scope
            own.current = value
            do throws(ExpressionError) {
                let result = try constraint.evaluate(in: own, context: context)
                switch result {
                case .bool(false):
                    return [
                        issue(
                            .constraint,
                            field.constraintMessage
                                ?? LocalizedText(
                                    de: "Der Wert erfüllt die Bedingung „\(constraint.source)“ nicht.",
                                    en: "The value does not meet the condition '\(constraint.source)'."))
                    ]
                case .bool(true), .null:
                    break
                default:
                    throw ExpressionError(
                        .typeMismatch,
                        LocalizedText(
                            de:
                                "Die Bedingung „\(constraint.source)“ ergibt \(result.typeName.de) statt Ja/Nein.",
                            en:
                                "The condition '\(constraint.source)' yields a \(result.typeName.en) instead of yes/no."
                        ))
                }
            } catch {
                return [issue(.expression, expressionMessage("constraint", error))]
            }
        }
        return []
    }

    static func isEmpty(_ value: FieldValue) -> Bool {
        switch value {
        case .text(let s): return s.allSatisfy(\.isWhitespace)
        case .rows(let rows): return rows.isEmpty
        default: return false
        }
    }

    private static func rowCountMessage(min: Int?, max: Int?, field: FieldDefinition) -> LocalizedText {
        let label = field.label
        switch (min, max) {
        case (let min?, let max?) where min == max:
            return LocalizedText(
                de: "„\(label.de)“ braucht genau \(min) Einträge.",
                en: "'\(label.en)' needs exactly \(min) entries.")
        case (let min?, let max?):
            return LocalizedText(
                de: "„\(label.de)“ braucht \(min) bis \(max) Einträge.",
                en: "'\(label.en)' needs \(min) to \(max) entries.")
        case (let min?, nil):
            return LocalizedText(
                de: "„\(label.de)“ braucht mindestens \(min) \(min == 1 ? "Eintrag" : "Einträge").",
                en: "'\(label.en)' needs at least \(min) \(min == 1 ? "entry" : "entries").")
        case (nil, let max?):
            return LocalizedText(
                de: "„\(label.de)“ erlaubt höchstens \(max) Einträge.",
                en: "'\(label.en)' allows at most \(max) entries.")
        case (nil, nil):
            return requiredMessage(field)
        }
    }

    private static func expressionMessage(_ key: String, _ error: ExpressionError) -> LocalizedText {
        LocalizedText(
            de: "Die Regel „\(key)“ dieses Feldes ließ sich nicht auswerten: \(error.message.de)",
            en: "The rule '\(key)' of this field could not be evaluated: \(error.message.en)")
    }

    static func computeCalculations(
        form: FormDefinition, values: [String: FieldValue], context: EvaluationContext
    ) -> (values: [String: FieldValue], issues: [FieldIssue]) {
        var current = values
        var issues: [FieldIssue] = []
        let calculatedCount = form.fields.reduce(0) { count, field in
            count + (field.calculate == nil ? 0 : 1) + field.fields.filter { $0.calculate != nil }.count
        }
        guard calculatedCount > 0 else { return (current, []) }
        // Calculations may use each other in any order; repeat until nothing changes.
        for _ in 0...calculatedCount {
            issues = []
            let before = current
            for field in form.fields {
                if field.type == .repeatGroup, case .rows(var rows) = current[field.id],
                    field.fields.contains(where: { $0.calculate != nil })
                {
                    let ids = Set(field.fields.map(\.id))
                    for index in rows.indices {
                        for sub in field.fields where sub.calculate != nil {
                            let scope = EvaluationScope(values: current, row: rows[index], rowFieldIDs: ids)
                            let (value, problem) = evaluateCalculation(sub, scope: scope, context: context)
                            rows[index][sub.id] = value
                            if let problem {
                                issues.append(
                                    FieldIssue(
                                        fieldID: field.id, row: index, subfieldID: sub.id, kind: .expression,
                                        message: LocalizedText(
                                            de: "Zeile \(index + 1): \(problem.de)",
                                            en: "Row \(index + 1): \(problem.en)")))
                            }
                        }
                    }
                    current[field.id] = .rows(rows)
                }
                guard field.calculate != nil else { continue }
                let (value, problem) = evaluateCalculation(
                    field, scope: EvaluationScope(values: current), context: context)
                current[field.id] = value
                if let problem {
                    issues.append(FieldIssue(fieldID: field.id, kind: .expression, message: problem))
                }
            }
            if current == before { break }
        }
        return (current, issues)
    }

    private static func evaluateCalculation(
        _ field: FieldDefinition, scope: EvaluationScope, context: EvaluationContext
    ) -> (FieldValue?, LocalizedText?) {
        guard let calculation = field.calculate else { return (nil, nil) }
        do {
            guard try isRelevant(field, in: scope, context: context) else { return (nil, nil) }
            let result = try calculation.evaluate(in: scope, context: context)
            return (try coerce(result, to: field), nil)
        } catch {
            return (nil, expressionMessage("calculate", error))
        }
    }

    /// The result of a calculation as a value of the field's type (a number for money counts as euros).
    static func coerce(_ value: ExpressionValue, to field: FieldDefinition) throws(ExpressionError)
        -> FieldValue?
    {
        switch (field.type, value) {
        case (_, .null): return nil
        case (.money, .money(let c)): return .money(cents: c)
        case (.money, .number(let d)): return .money(cents: try MoneyMath.cents(euros: d))
        case (.number, .number(let d)): return .number(d)
        case (.number, .money(let c)): return .number(Decimal(c) / 100)
        case (.date, .date(let d)): return .date(d)
        case (.yesNo, .bool(let b)): return .bool(b)
        case (.choice, .string(let s)): return .choice(s)
        case (.text, .string(let s)), (.longText, .string(let s)): return .text(s)
        case (.text, .number(let d)), (.longText, .number(let d)): return .text(NumberText.german(d))
        case (.text, .money(let c)), (.longText, .money(let c)): return .text(NumberText.euros(cents: c))
        default:
            throw ExpressionError(
                .typeMismatch,
                LocalizedText(
                    de:
                        "Das Ergebnis (\(value.typeName.de)) passt nicht zum Feldtyp „\(field.type.rawValue)“.",
                    en:
                        "The result (\(value.typeName.en)) does not fit the field type '\(field.type.rawValue)'."
                ))
        }
    }
}
