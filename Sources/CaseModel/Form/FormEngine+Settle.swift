extension FormEngine {
    /// The values as they are stored after a change: values of fields (and sub-fields of rows)
    /// that are not relevant any more are removed, as in XLSForm, and every calculated field is
    /// recomputed. The central service stores every case this way; a client that does the same
    /// shows what the service will send back.
    public static func settled(
        form: FormDefinition, values: [String: FieldValue], context: EvaluationContext
    ) -> [String: FieldValue] {
        var current = values
        for _ in 0...form.fields.count {
            let before = current
            current = FormEngine.calculate(form: form, values: current, context: context)
            let relevant = Set(
                FormEngine.relevantFields(form: form, values: current, context: context).map(\.id))
            for id in Array(current.keys) where !relevant.contains(id) { current[id] = nil }
            for group in form.fields where group.type == .repeatGroup {
                guard case .rows(var rows) = current[group.id] else { continue }
                let ids = Set(group.fields.map(\.id))
                for index in rows.indices {
                    let scope = EvaluationScope(values: current, row: rows[index], rowFieldIDs: ids)
                    for sub in group.fields where rows[index][sub.id] != nil {
                        if (try? FormEngine.isRelevant(sub, in: scope, context: context)) == false {
                            rows[index][sub.id] = nil
                        }
                    }
                }
                current[group.id] = .rows(rows)
            }
            if current == before { break }
        }
        return FormEngine.calculate(form: form, values: current, context: context)
    }
}
