import Foundation

/// A form filled by plain questions, one at a time, as on the phone.
///
/// The questions are the relevant, non-calculated fields in form order; a repeat group is asked
/// row by row, each row's sub-fields, then whether another row follows. Answers are checked as on
/// the form (`FormEngine`); going back and forward keeps every answer, also of questions that
/// became irrelevant meanwhile (they are left out of the application).
public struct PhoneInterview: Hashable, Sendable {
    public let form: FormDefinition
    public let context: EvaluationContext
    /// The answers so far, as form values.
    public private(set) var values: [String: FieldValue]
    /// What was typed for each question, so it is shown again as typed.
    public private(set) var typed: [InterviewStep: String]
    /// Groups for which the caller said no further row follows, with the row count at that time.
    public private(set) var noMoreRows: [String: Int]
    /// The question being asked; nil when every question has been answered.
    public private(set) var current: InterviewStep?

    /// An interview of `form` starting at its first question, with `values` given beforehand.
    public init(form: FormDefinition, context: EvaluationContext, values: [String: FieldValue] = [:]) {
        self.form = form
        self.context = context
        self.values = values
        self.typed = [:]
        self.noMoreRows = [:]
        self.current = nil
        self.current = steps().first
    }

    /// An interview of `form` continued from `saved` (after an interruption): the answers, what
    /// was typed and the question being asked are as they were.
    public init(form: FormDefinition, context: EvaluationContext, restoring saved: Saved) {
        self.init(form: form, context: context, values: saved.values)
        typed = Dictionary(saved.typed.map { ($0.step, $0.text) }, uniquingKeysWith: { _, last in last })
        noMoreRows = saved.noMoreRows
        let all = steps()
        current =
            saved.current.flatMap { all.contains($0) ? $0 : nil } ?? all.first { answerText($0).isEmpty }
    }

    /// What the interview holds, to be saved while the call goes on and restored after an interruption.
    public var saved: Saved {
        Saved(
            values: values,
            typed: typed.map { Saved.Typed(step: $0.key, text: $0.value) }.sorted { $0.text < $1.text },
            noMoreRows: noMoreRows, current: current)
    }

    // MARK: - Questions

    /// The steps asked for the answers so far, in order.
    public func steps() -> [InterviewStep] {
        var steps: [InterviewStep] = []
        for field in FormEngine.relevantFields(form: form, values: values, context: context)
        where field.calculate == nil {
            guard field.type == .repeatGroup else {
                steps.append(.field(field.id))
                continue
            }
            let count = rowCount(field)
            let minimum = minimumRows(field)
            let maximum = field.maxRows ?? Int.max
            if count == 0, maximum > 0 { steps.append(.moreRows(group: field.id, rows: 0)) }
            for row in 0..<count {
                let subfields =
                    row < existingRows(field.id).count
                    ? FormEngine.relevantSubfields(
                        of: field, row: row, form: form, values: values, context: context)
                    : field.fields
                for sub in subfields where sub.calculate == nil {
                    steps.append(.subfield(group: field.id, row: row, field: sub.id))
                }
                // After each row from the minimum on: "Zieht noch jemand mit um?"
                if row + 1 >= minimum, row + 1 < maximum {
                    steps.append(.moreRows(group: field.id, rows: row + 1))
                }
            }
        }
        return steps
    }

    /// The rows asked for a group: the rows there are, at least the minimum.
    private func rowCount(_ group: FieldDefinition) -> Int {
        max(existingRows(group.id).count, minimumRows(group))
    }

    /// The rows a group needs at least: its minimum, one if it is required.
    private func minimumRows(_ group: FieldDefinition) -> Int {
        max(group.minRows ?? 0, group.required ? 1 : 0)
    }

    private func existingRows(_ group: String) -> [[String: FieldValue]] {
        if case .rows(let rows) = values[group] { return rows }
        return []
    }

    /// The question at `step`.
    public func question(_ step: InterviewStep) -> InterviewQuestion? {
        switch step {
        case .field(let id):
            guard let field = form.field(id) else { return nil }
            return InterviewQuestion(step: step, field: field, text: questionText(field))
        case .subfield(let groupID, let row, let id):
            guard let group = form.field(groupID), let field = group.subfield(id) else { return nil }
            let firstOfRows = group.fields.first(where: { $0.calculate == nil })?.id == id && row == 0
            return InterviewQuestion(
                step: step, field: field, text: questionText(field),
                lead: firstOfRows ? group.phoneQuestion : nil,
                context: LocalizedText(
                    de: "\(group.label.de) – Eintrag \(row + 1)", en: "\(group.label.en) – entry \(row + 1)"))
        case .moreRows(let groupID, let rows):
            guard let group = form.field(groupID) else { return nil }
            let text =
                group.phoneMoreQuestion
                ?? LocalizedText(
                    de: "Kommt bei „\(group.label.de)“ noch ein Eintrag dazu?",
                    en: "Is there another entry for '\(group.label.en)'?")
            return InterviewQuestion(
                step: step, field: group, text: text,
                context: LocalizedText(
                    de: "\(group.label.de) – bisher \(rows) \(rows == 1 ? "Eintrag" : "Einträge")",
                    en: "\(group.label.en) – \(rows) so far"))
        }
    }

    private func questionText(_ field: FieldDefinition) -> LocalizedText {
        field.phoneQuestion ?? LocalizedText(de: "\(field.label.de)?", en: "\(field.label.en)?")
    }

    /// The question being asked.
    public var currentQuestion: InterviewQuestion? { current.flatMap(question) }

    /// The current question's number (1-based) and the number of questions, for "Frage 3 von 9".
    public var progress: (number: Int, total: Int) {
        let all = steps()
        guard let current, let index = all.firstIndex(of: current) else { return (all.count, all.count) }
        return (index + 1, all.count)
    }

    /// "Frage 3 von 9".
    public var progressText: LocalizedText {
        let (n, total) = progress
        return LocalizedText(de: "Frage \(n) von \(total)", en: "Question \(n) of \(total)")
    }

    /// Whether every question has been answered.
    public var isComplete: Bool { current == nil }

    // MARK: - Answers

    /// The answer at `step` as text to edit: what was typed, or the stored value formatted.
    public func answerText(_ step: InterviewStep) -> String {
        if let text = typed[step] { return text }
        switch step {
        case .field(let id):
            guard let field = form.field(id), let value = values[id] else { return "" }
            return FormEngine.format(value, for: field)
        case .subfield(let groupID, let row, let id):
            let rows = existingRows(groupID)
            guard let field = form.field(groupID)?.subfield(id), rows.indices.contains(row),
                let value = rows[row][id]
            else { return "" }
            return FormEngine.format(value, for: field)
        case .moreRows(let groupID, let rows):
            if existingRows(groupID).count > rows { return "ja" }
            return noMoreRows[groupID] == rows ? "nein" : ""
        }
    }

    /// The stored value at `step` (nil for `moreRows` and unanswered questions).
    public func value(_ step: InterviewStep) -> FieldValue? {
        switch step {
        case .field(let id): return values[id]
        case .subfield(let groupID, let row, let id):
            let rows = existingRows(groupID)
            return rows.indices.contains(row) ? rows[row][id] : nil
        case .moreRows: return nil
        }
    }

    /// Takes `input` as the answer to the current question and moves to the next question.
    ///
    /// The answer is read and checked as on the form; on a problem nothing moves, the typed text
    /// is kept and the error says what is wrong. A choice may also be given by its number (1, 2, …).
    public mutating func answer(_ input: String) throws(PhoneCallError) {
        guard let step = current else {
            throw PhoneCallError(
                .wrongStep, de: "Alle Fragen sind beantwortet.", en: "Every question has been answered.")
        }
        typed[step] = input
        switch step {
        case .moreRows(let groupID, let rows):
            try answerMoreRows(groupID: groupID, rows: rows, input: input)
        case .field(let id):
            guard let field = form.field(id) else { return }
            let value = try read(input, field, step)
            var candidate = values
            candidate[id] = value
            try check(candidate, step)
            values = candidate
        case .subfield(let groupID, let row, let id):
            guard let field = form.field(groupID)?.subfield(id) else { return }
            let value = try read(input, field, step)
            var rows = existingRows(groupID)
            while rows.count <= row { rows.append([:]) }
            rows[row][id] = value
            var candidate = values
            candidate[groupID] = .rows(rows)
            try check(candidate, step)
            values = candidate
        }
        typed[step] = nil
        advance(from: step)
    }

    private mutating func answerMoreRows(groupID: String, rows: Int, input: String) throws(PhoneCallError) {
        let yesNo = FieldDefinition(id: groupID, type: .yesNo, label: LocalizedText(de: "", en: ""))
        guard case .success(.bool(let more)) = FormEngine.parse(input: input, for: yesNo) else {
            throw PhoneCallError(
                .invalidAnswer, de: "Bitte „ja“ oder „nein“ eingeben.", en: "Please enter 'yes' or 'no'.",
                step: .moreRows(group: groupID, rows: rows))
        }
        var existing = existingRows(groupID)
        if more {
            while existing.count <= rows { existing.append([:]) }
            noMoreRows[groupID] = nil
        } else {
            if existing.count > rows { existing.removeLast(existing.count - rows) }
            noMoreRows[groupID] = rows
        }
        values[groupID] = existing.isEmpty ? nil : .rows(existing)
    }

    private func read(_ input: String, _ field: FieldDefinition, _ step: InterviewStep) throws(PhoneCallError)
        -> FieldValue?
    {
        var text = input
        if field.type == .choice, let number = Int(input.trimmingCharacters(in: .whitespaces)),
            field.choices.indices.contains(number - 1)
        {
            text = field.choices[number - 1].code
        }
        switch FormEngine.parseOptional(input: text, for: field) {
        case .success(let value): return value
        case .failure(let issue): throw PhoneCallError(.invalidAnswer, issue.message, step: step)
        }
    }

    private func check(_ candidate: [String: FieldValue], _ step: InterviewStep) throws(PhoneCallError) {
        if let issue = issues(in: candidate, at: step).first {
            throw PhoneCallError(.invalidAnswer, issue.message, step: step)
        }
    }

    private func issues(in values: [String: FieldValue], at step: InterviewStep) -> [FieldIssue] {
        let all = FormEngine.validate(form: form, values: values, context: context)
        switch step {
        case .field(let id):
            return all.filter { $0.fieldID == id && $0.row == nil }
        case .subfield(let groupID, let row, let id):
            return all.filter { $0.fieldID == groupID && $0.row == row && $0.subfieldID == id }
        case .moreRows(let groupID, _):
            return all.filter { $0.fieldID == groupID && $0.row == nil && $0.kind == .rowCount }
        }
    }

    private mutating func advance(from step: InterviewStep) {
        let all = steps()
        if let index = all.firstIndex(of: step) {
            current = index + 1 < all.count ? all[index + 1] : nil
        } else {
            current = all.first { answerText($0).isEmpty }
        }
    }

    /// Goes to the previous question; the current answer stays as it is.
    public mutating func back() {
        let all = steps()
        guard let current else {
            self.current = all.last
            return
        }
        if let index = all.firstIndex(of: current), index > 0 { self.current = all[index - 1] }
    }

    /// Goes to the next question if the current one holds a valid answer (or may stay empty).
    public mutating func forward() throws(PhoneCallError) {
        guard let step = current else { return }
        if case .moreRows = step, answerText(step).isEmpty {
            throw PhoneCallError(
                .invalidAnswer, de: "Bitte „ja“ oder „nein“ eingeben.", en: "Please enter 'yes' or 'no'.",
                step: step)
        }
        if let issue = issues(in: values, at: step).first {
            throw PhoneCallError(.invalidAnswer, issue.message, step: step)
        }
        advance(from: step)
    }

    /// Goes to the question at `step` (e.g. to correct an answer found wrong in the read-back).
    public mutating func go(to step: InterviewStep) {
        if steps().contains(step) { current = step }
    }

    /// The first problem of the whole form, with the question it belongs to.
    public func firstProblem() -> (step: InterviewStep, issue: FieldIssue)? {
        let issues = FormEngine.validate(form: form, values: values, context: context)
        let all = steps()
        for step in all {
            if let issue = self.issues(in: values, at: step).first { return (step, issue) }
        }
        guard let issue = issues.first else { return nil }
        let step = all.first { $0.fieldID == issue.fieldID } ?? .field(issue.fieldID)
        return (step, issue)
    }

    /// The values to submit: only relevant fields, with calculated fields computed.
    public var submittedValues: [String: FieldValue] {
        let relevant = Set(
            FormEngine.relevantFields(form: form, values: values, context: context).map(\.id))
        let computed = FormEngine.calculate(form: form, values: values, context: context)
        return computed.filter { relevant.contains($0.key) }
    }
}

extension PhoneInterview {
    /// The answers of an interview as data: stored with an unfinished call or a promised callback.
    public struct Saved: Hashable, Sendable, Codable {
        /// Text typed for a question that was not accepted yet.
        public struct Typed: Hashable, Sendable, Codable {
            public var step: InterviewStep
            public var text: String
        }

        public var values: [String: FieldValue]
        public var typed: [Typed]
        public var noMoreRows: [String: Int]
        public var current: InterviewStep?

        public init(
            values: [String: FieldValue], typed: [Typed] = [], noMoreRows: [String: Int] = [:],
            current: InterviewStep? = nil
        ) {
            self.values = values
            self.typed = typed
            self.noMoreRows = noMoreRows
            self.current = current
        }
    }
}
