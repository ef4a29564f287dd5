import CaseModel
import Testing

@Test func mergeTakesMineWhenTheirsIsBase() {
    #expect(mergeField(base: .text("a"), mine: .text("b"), theirs: .text("a")) == .takeMine)
    #expect(mergeField(base: .text("a"), mine: .text("b"), theirs: .text("b")) == .alreadyEqual)
    #expect(mergeField(base: .text("a"), mine: .text("b"), theirs: .text("c")) == .conflict)
}
