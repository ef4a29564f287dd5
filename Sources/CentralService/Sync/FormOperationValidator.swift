import CaseModel
import Foundation

/// Checks operations against the form of the case's service version with the form engine.
///
/// The rules:
/// - **Create**: every value is checked against the form version named by the new case: unknown
///   field ids (also inside repeat-group rows) are refused; each value must have the field's
///   type and pass `FormEngine.check`; values for fields that are not relevant with the other
///   values are refused; then `FormEngine.validate` must report nothing — a new case is entered
///   once, with everything the citizen gave, so required fields must be filled too.
/// - **Set field / resolve conflict**: the field exists and is not calculated, a new value has
///   the field's type, passes `FormEngine.check` and is relevant; the whole form is validated
///   afterwards and the edit is refused if it brings a new problem — except a required field
///   that is still empty: a half-filled case may exist while it is worked on (fields are set
///   one at a time, and a new answer can make another field required). Problems that were
///   there before the edit do not block it, so an old case can always be corrected.
/// - **Decisions**: a transition into a decision state (`Workflow.isDecision`: closed, or a
///   state with a move to closed, e.g. granted or refused) needs a form with no problem at all
///   and no open field conflict. Withdrawals need neither.
/// - **Calculated fields** are the server's business: a value a client sends for one is not
///   refused but replaced, and after every change of values the calculated fields are
///   recomputed (`settle`), so the stored value always matches the form version's formula.
///   Values of fields that are no longer relevant after a change are removed, as in XLSForm.
///
/// `today()` in conditions is the Munich day of the operation's timestamp, but never later than
/// the server's clock: an application is judged on the day it was entered.
public struct FormOperationValidator: OperationValidator {
    public init() {}

    public func validate(
        _ operation: CaseModel.Operation, current: Case?, definition: ServiceDefinition, now: Date
    ) -> Rejection? {
        let context = Self.context(operation, now: now)
        switch operation.kind {
        case .createCase(let new):
            guard current == nil else { return nil }
            return checkNewCase(new.fields, definition, context)
        case .setField(let field, _, let value), .resolveConflict(let field, let value):
            guard let current else { return nil }
            return checkEdit(field, value, current, definition, context)
        case .transition(_, let to, _):
            guard let current, definition.workflow.isDecision(to) else { return nil }
            return checkDecision(current, definition, context)
        case .addComment, .claim, .release, .assign, .updateCitizen:
            return nil
        }
    }

    public func settle(
        _ next: Case, after operation: CaseModel.Operation, definition: ServiceDefinition, now: Date
    ) -> Case {
        switch operation.kind {
        case .createCase, .setField, .resolveConflict: break
        default: return next
        }
        var settled = next
        settled.fields = FormEngine.settled(
            form: definition.form, values: next.fields, context: Self.context(operation, now: now))
        return settled
    }

    /// The evaluation context: the day the operation was made, never later than `now`.
    static func context(_ operation: CaseModel.Operation, now: Date) -> EvaluationContext {
        EvaluationContext(today: MunichClock.day(of: min(operation.timestamp, now)))
    }

    // MARK: - Create

    private func checkNewCase(
        _ values: [String: FieldValue], _ service: ServiceDefinition, _ context: EvaluationContext
    ) -> Rejection? {
        let form = service.form
        for id in values.keys.sorted() {
            guard let field = form.field(id) else { return FormRejections.unknownField(id, service: service) }
            guard field.calculate == nil, let value = values[id] else { continue }
            if let rejection = checkValue(value, field, path: id, service) { return rejection }
        }
        let computed = FormEngine.calculate(form: form, values: values, context: context)
        if let rejection = irrelevantValue(values, computed, form, context, only: nil) { return rejection }
        let issues = FormEngine.validate(form: form, values: computed, context: context)
        if let issue = issues.first { return invalid(issue, form) }
        return nil
    }

    // MARK: - Edit

    private func checkEdit(
        _ id: String, _ value: FieldValue?, _ current: Case, _ service: ServiceDefinition,
        _ context: EvaluationContext
    ) -> Rejection? {
        let form = service.form
        guard let field = form.field(id) else { return FormRejections.unknownField(id, service: service) }
        guard field.calculate == nil else { return FormRejections.calculatedField(field.label, path: id) }
        if let value, let rejection = checkValue(value, field, path: id, service) { return rejection }
        var values = current.fields
        values[id] = value
        let computed = FormEngine.calculate(form: form, values: values, context: context)
        if value != nil, let rejection = irrelevantValue(values, computed, form, context, only: id) {
            return rejection
        }
        let before = Set(
            FormEngine.validate(
                form: form,
                values: FormEngine.calculate(form: form, values: current.fields, context: context),
                context: context
            ).map(Self.key))
        let after = FormEngine.validate(form: form, values: computed, context: context)
        let new = after.filter { !Self.isStillEmpty($0, computed) && !before.contains(Self.key($0)) }
        if let issue = new.first { return invalid(issue, form) }
        return nil
    }

    /// A required field (or row) that has no value yet: allowed while the case is worked on.
    static func isStillEmpty(_ issue: FieldIssue, _ values: [String: FieldValue]) -> Bool {
        switch issue.kind {
        case .required: return true
        case .rowCount:
            guard case .rows(let rows) = values[issue.fieldID] else { return true }
            return rows.isEmpty
        default: return false
        }
    }

    /// Blank text and no rows count as no value, as in the form engine.
    static func isBlank(_ value: FieldValue) -> Bool {
        switch value {
        case .text(let text): text.allSatisfy(\.isWhitespace)
        case .rows(let rows): rows.isEmpty
        default: false
        }
    }

    static func key(_ issue: FieldIssue) -> String { "\(issue.path)|\(issue.kind.rawValue)" }

    // MARK: - Decision

    private func checkDecision(_ current: Case, _ service: ServiceDefinition, _ context: EvaluationContext)
        -> Rejection?
    {
        let form = service.form
        if let conflict = current.conflicts.first {
            return FormRejections.conflictsOpen(
                form.field(conflict.field)?.label ?? .init(de: conflict.field, en: conflict.field),
                path: conflict.field)
        }
        let computed = FormEngine.calculate(form: form, values: current.fields, context: context)
        let issues = FormEngine.validate(form: form, values: computed, context: context)
        guard let issue = issues.first else { return nil }
        let (label, path) = Self.describe(issue, form)
        return FormRejections.formIncomplete(label, path: path, issue.message, more: issues.count - 1)
    }

    // MARK: - Values

    /// Type, format and bounds of one present value, with the sub-values of a repeat group.
    private func checkValue(
        _ value: FieldValue, _ field: FieldDefinition, path: String, _ service: ServiceDefinition
    )
        -> Rejection?
    {
        if let problem = FormEngine.check(value, field) {
            return FormRejections.invalidValue(field.label, path: path, problem.message)
        }
        guard case .rows(let rows) = value else { return nil }
        for (index, row) in rows.enumerated() {
            for id in row.keys.sorted() {
                let subPath = "\(path)[\(index)].\(id)"
                guard let sub = field.subfield(id) else {
                    return FormRejections.unknownField(subPath, service: service)
                }
                guard sub.calculate == nil, let subValue = row[id] else { continue }
                if let problem = FormEngine.check(subValue, sub) {
                    return FormRejections.invalidValue(sub.label, path: subPath, problem.message)
                }
            }
        }
        return nil
    }

    /// The first non-empty value (of `only`, or of any field) that is not asked with these values.
    private func irrelevantValue(
        _ given: [String: FieldValue], _ computed: [String: FieldValue], _ form: FormDefinition,
        _ context: EvaluationContext, only: String?
    ) -> Rejection? {
        let relevant = Set(
            FormEngine.relevantFields(form: form, values: computed, context: context).map(\.id))
        for field in form.fields where field.calculate == nil && (only == nil || only == field.id) {
            guard let value = given[field.id], !Self.isBlank(value) else { continue }
            guard relevant.contains(field.id) else {
                return FormRejections.irrelevantField(field.label, path: field.id)
            }
            guard field.type == .repeatGroup, case .rows(let rows) = value else { continue }
            let ids = Set(field.fields.map(\.id))
            let computedRows: [[String: FieldValue]]
            if case .rows(let calculated) = computed[field.id] {
                computedRows = calculated
            } else {
                computedRows = rows
            }
            for (index, row) in rows.enumerated() {
                let scope = EvaluationScope(
                    values: computed, row: computedRows.indices.contains(index) ? computedRows[index] : row,
                    rowFieldIDs: ids)
                for sub in field.fields where sub.calculate == nil {
                    guard let subValue = row[sub.id], !Self.isBlank(subValue),
                        (try? FormEngine.isRelevant(sub, in: scope, context: context)) == false
                    else { continue }
                    return FormRejections.irrelevantField(sub.label, path: "\(field.id)[\(index)].\(sub.id)")
                }
            }
        }
        return nil
    }

    private func invalid(_ issue: FieldIssue, _ form: FormDefinition) -> Rejection {
        let (label, path) = Self.describe(issue, form)
        return FormRejections.invalidValue(label, path: path, issue.message)
    }

    /// The label of the field (or sub-field) an issue is about, and its path.
    static func describe(_ issue: FieldIssue, _ form: FormDefinition) -> (LocalizedText, String) {
        let field = form.field(issue.fieldID)
        let sub = issue.subfieldID.flatMap { field?.subfield($0) }
        let label = sub?.label ?? field?.label ?? LocalizedText(de: issue.fieldID, en: issue.fieldID)
        return (label, issue.path)
    }
}
