import CaseModel
import Foundation
import PropertyBased
import Testing

/// A small pool of values so that generated bases, mine and theirs often coincide.
func fieldValues() -> Generator<FieldValue?, Shrink.Integer<Int>> {
    Gen.int(in: 0...7).map { index -> FieldValue? in
        switch index {
        case 0: nil
        case 1: .text("Huber")
        case 2: .text("Maier")
        case 3: .money(cents: 1250)
        case 4: .number(Decimal(1250))
        case 5: .bool(true)
        case 6: .choice("dackel")
        default: .rows([["vorname": .text("Anna")]])
        }
    }
}

@Suite struct MergeRuleTests {
    @Test func theThreeOutcomes() {
        #expect(mergeField(base: .text("a"), mine: .text("b"), theirs: .text("a")) == .takeMine)
        #expect(mergeField(base: .text("a"), mine: .text("b"), theirs: .text("b")) == .alreadyEqual)
        #expect(mergeField(base: .text("a"), mine: .text("b"), theirs: .text("c")) == .conflict)
        #expect(mergeField(base: nil, mine: .text("b"), theirs: nil) == .takeMine)
        #expect(mergeField(base: nil, mine: .text("b"), theirs: .text("c")) == .conflict)
    }

    @Test func moneyAndNumbersAreDifferentValues() {
        #expect(mergeField(base: .money(cents: 1250), mine: .text("x"), theirs: .number(1250)) == .conflict)
    }

    @Test func whenTheFieldStillHoldsTheBaseMineIsTaken() async throws {
        let start = try #require(Sample.receivedCase(at: Sample.at("2026-03-02")))
        await propertyCheck(count: 400, input: fieldValues(), fieldValues()) { base, mine in
            let outcome = mergeField(base: base, mine: mine, theirs: base)
            #expect(outcome == (mine == base ? .alreadyEqual : .takeMine))
            var current = start
            current.fields["feld"] = base
            let op = Sample.operation(
                .setField(field: "feld", old: base, new: mine), at: Sample.at("2026-03-03"))
            let result = op.apply(to: current, mode: .central, context: Sample.context)
            guard case .applied(let after) = result else {
                Issue.record("expected applied, got \(result)")
                return
            }
            #expect(after.fields["feld"] == mine)
            #expect(after.conflicts.isEmpty)
        }
    }

    @Test func whenBothWroteTheSameValueNothingChanges() async throws {
        let start = try #require(Sample.receivedCase(at: Sample.at("2026-03-02")))
        await propertyCheck(count: 400, input: fieldValues(), fieldValues()) { base, mine in
            #expect(mergeField(base: base, mine: mine, theirs: mine) == .alreadyEqual)
            var current = start
            current.fields["feld"] = mine
            let op = Sample.operation(
                .setField(field: "feld", old: base, new: mine), at: Sample.at("2026-03-03"))
            let once = op.apply(to: current, mode: .central, context: Sample.context)
            guard case .applied(let after) = once else {
                Issue.record("expected applied, got \(once)")
                return
            }
            #expect(after.fields == current.fields)
            #expect(after.conflicts.isEmpty)
            // Idempotent: applying the same operation again changes nothing more.
            #expect(op.apply(to: after, mode: .central, context: Sample.context) == .applied(after))
        }
    }

    @Test func aConflictKeepsBothValuesAndNeverChangesTheField() async throws {
        let start = try #require(Sample.receivedCase(at: Sample.at("2026-03-02")))
        await propertyCheck(count: 400, input: fieldValues(), fieldValues(), fieldValues()) {
            base, mine, theirs in
            let outcome = mergeField(base: base, mine: mine, theirs: theirs)
            #expect((outcome == .conflict) == (theirs != base && theirs != mine))
            guard outcome == .conflict, mine != base else { return }
            var current = start
            current.fields["feld"] = theirs
            let op = Sample.operation(
                .setField(field: "feld", old: base, new: mine), by: "kschmid", at: Sample.at("2026-03-03"))
            let result = op.apply(to: current, mode: .central, context: Sample.context)
            guard case .conflict(let after, let conflicts) = result else {
                Issue.record("expected a conflict, got \(result)")
                return
            }
            #expect(after.fields == current.fields)
            let expected = FieldConflict(
                field: "feld", base: base, mine: mine, theirs: theirs, operationID: op.id, clerk: "kschmid")
            #expect(conflicts == [expected])
            #expect(after.conflicts == [expected])
        }
    }

    @Test func overlayAlwaysShowsMine() async throws {
        let start = try #require(Sample.receivedCase(at: Sample.at("2026-03-02")))
        await propertyCheck(count: 300, input: fieldValues(), fieldValues(), fieldValues()) {
            base, mine, theirs in
            guard base != mine else { return }
            var current = start
            current.fields["feld"] = theirs
            let op = Sample.operation(
                .setField(field: "feld", old: base, new: mine), at: Sample.at("2026-03-03"))
            #expect(Sample.applying(op, to: current, mode: .overlay)?.fields["feld"] == mine)
        }
    }

    @Test func anEditThatChangesNothingNeverTouchesTheField() async throws {
        let start = try #require(Sample.receivedCase(at: Sample.at("2026-03-02")))
        await propertyCheck(count: 300, input: fieldValues(), fieldValues()) { value, theirs in
            var current = start
            current.fields["feld"] = theirs
            let op = Sample.operation(
                .setField(field: "feld", old: value, new: value), at: Sample.at("2026-03-03"))
            for mode in [ApplyMode.central, .overlay] {
                let after = Sample.applying(op, to: current, mode: mode)
                #expect(after?.fields["feld"] == theirs)
                #expect(after?.conflicts.isEmpty == true)
            }
        }
    }
}
