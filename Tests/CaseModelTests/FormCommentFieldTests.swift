import Testing

@testable import CaseModel

@Suite struct FormCommentFieldTests {
    private func label(_ de: String) -> LocalizedText { LocalizedText(de: de, en: de) }

    @Test func everyFormEndsWithTheCommentField() {
        let empty = FormDefinition(fields: [])
        #expect(empty.fields.map(\.id) == ["bemerkung"])
        let form = FormDefinition(fields: [FieldDefinition(id: "a", type: .text, label: label("A"))])
        #expect(form.fields.map(\.id) == ["a", "bemerkung"])
        let comment = form.fields.last
        #expect(comment?.type == .longText)
        #expect(comment?.required == false)
        #expect(comment?.relevant == nil)
        #expect(comment?.help != nil)
        #expect(comment?.phoneQuestion != nil)
    }

    @Test func aDefinitionCannotRedefineOrHideIt() throws {
        let hidden = FieldDefinition(
            id: FormDefinition.commentFieldID, type: .number, label: label("Versteckt"), required: true,
            relevant: try CaseModel.Expression(parsing: "false"))
        let form = FormDefinition(fields: [hidden, FieldDefinition(id: "a", type: .text, label: label("A"))])
        #expect(form.fields.map(\.id) == ["a", "bemerkung"])
        #expect(form.fields.last == FormDefinition.commentField)
    }

    @Test func itCannotBeRemovedOrMovedAfterwards() {
        var form = FormDefinition(fields: [FieldDefinition(id: "a", type: .text, label: label("A"))])
        form.fields.removeLast()
        #expect(form.fields.map(\.id) == ["a", "bemerkung"])
        form.fields = []
        #expect(form.fields.map(\.id) == ["bemerkung"])
        form.fields.insert(FieldDefinition(id: "b", type: .text, label: label("B")), at: 1)
        #expect(form.fields.map(\.id) == ["b", "bemerkung"])
    }

    @Test func itIsAlwaysRelevantAndOptional() {
        let form = FormDefinition(fields: [])
        let context = EvaluationContext(today: LocalDate(dayNumber: 20_000))
        #expect(
            FormEngine.relevantFields(form: form, values: [:], context: context).map(\.id) == ["bemerkung"])
        #expect(FormEngine.validate(form: form, values: [:], context: context) == [])
        let long = String(repeating: "x", count: 4001)
        let issues = FormEngine.validate(form: form, values: ["bemerkung": .text(long)], context: context)
        #expect(issues.map(\.message.de) == ["Bitte höchstens 4000 Zeichen eingeben (jetzt 4001)."])
    }
}
