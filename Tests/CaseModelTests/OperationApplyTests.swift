import CaseModel
import Foundation
import Testing

@Suite struct OperationApplyTests {
    let t0 = Sample.at("2026-03-02")
    let t1 = Sample.at("2026-03-03")

    func base() throws -> Case {
        var c = try #require(Sample.receivedCase(at: t0))
        c.version = 7
        return c
    }

    func result(
        _ kind: OperationKind, on c: Case?, mode: ApplyMode, by clerk: String = "mmeier", id: UUID = UUID()
    )
        -> ApplyResult
    {
        Sample.operation(kind, by: clerk, at: t1, id: id).apply(to: c, mode: mode, context: Sample.context)
    }

    func applied(_ r: ApplyResult) throws -> Case {
        guard case .applied(let c) = r else {
            Issue.record("expected applied, got \(r)")
            throw ApplyFailure()
        }
        return c
    }

    struct ApplyFailure: Error {}

    // MARK: create

    @Test(arguments: [ApplyMode.central, .overlay])
    func createMakesTheCase(mode: ApplyMode) throws {
        let new = Sample.newCase(receivedAt: t0)
        let c = try applied(result(.createCase(new), on: nil, mode: mode))
        #expect(c.id == Sample.caseID)
        #expect(c.number == "WOH-2026-0000042")
        #expect(c.state == Sample.eingegangen)
        #expect(c.fields == new.fields)
        #expect(c.receivedAt == t0 && c.stateSince == t0)
        #expect(c.lastActivityAt == t1)
        #expect(c.enteredBy == "mmeier")
        #expect(c.slaPauses.isEmpty)
        #expect(c.version == 0)
    }

    @Test(arguments: [ApplyMode.central, .overlay])
    func createTwiceIsHarmlessOnlyForTheSameCase(mode: ApplyMode) throws {
        let existing = try base()
        #expect(
            result(.createCase(Sample.newCase(receivedAt: t0)), on: existing, mode: mode)
                == .applied(existing))
        // The central service numbers cases itself: the same case is the same service, unit
        // and citizen, whatever number the device gave it.
        var renumbered = Sample.newCase(receivedAt: t0)
        renumbered.number = "WOH-2026-0000043"
        #expect(result(.createCase(renumbered), on: existing, mode: mode) == .applied(existing))
        var other = Sample.newCase(receivedAt: t0)
        other.serviceID = "hundesteuer"
        guard case .rejected(let rejection) = result(.createCase(other), on: existing, mode: mode) else {
            Issue.record("a different case under the same id must be refused")
            return
        }
        #expect(rejection.code == "case_exists")
    }

    @Test func createInAPausingStateOpensAPause() throws {
        let c = try applied(
            result(
                .createCase(Sample.newCase(receivedAt: t0, initialState: Sample.rueckfrage)), on: nil,
                mode: .central))
        #expect(c.slaPauses == [SLAPause(start: Sample.day("2026-03-02"), end: nil)])
    }

    @Test(arguments: [ApplyMode.central, .overlay])
    func everyOtherKindNeedsAnExistingCase(mode: ApplyMode) {
        let kinds: [OperationKind] = [
            .setField(field: "a", old: nil, new: .text("x")), .transition(from: "a", to: "b", reason: nil),
            .addComment(text: "x"), .claim(until: t1), .release, .assign(to: nil),
            .resolveConflict(field: "a", value: nil),
        ]
        for kind in kinds {
            guard case .rejected(let rejection) = result(kind, on: nil, mode: mode) else {
                Issue.record("\(kind.name) on a missing case must be rejected")
                continue
            }
            #expect(rejection.code == "unknown_case")
        }
    }

    // MARK: set field

    @Test(arguments: [ApplyMode.central, .overlay])
    func setFieldOverAnUnchangedValueTakesMine(mode: ApplyMode) throws {
        let c = try applied(
            result(
                .setField(field: "strasse", old: .text("Sendlinger Straße"), new: .text("Leopoldstraße")),
                on: try base(), mode: mode))
        #expect(c.fields["strasse"] == .text("Leopoldstraße"))
        #expect(c.conflicts.isEmpty)
        #expect(c.lastActivityAt == t1)
    }

    @Test(arguments: [ApplyMode.central, .overlay])
    func setFieldCanAddAndRemoveAField(mode: ApplyMode) throws {
        let added = try applied(
            result(.setField(field: "telefon", old: nil, new: .text("089 1234")), on: try base(), mode: mode))
        #expect(added.fields["telefon"] == .text("089 1234"))
        let removed = try applied(
            result(.setField(field: "telefon", old: .text("089 1234"), new: nil), on: added, mode: mode))
        #expect(removed.fields["telefon"] == nil)
    }

    @Test(arguments: [ApplyMode.central, .overlay])
    func setFieldToTheValueAlreadyThereIsAppliedQuietly(mode: ApplyMode) throws {
        var current = try base()
        current.fields["strasse"] = .text("Leopoldstraße")
        let c = try applied(
            result(
                .setField(field: "strasse", old: .text("Sendlinger Straße"), new: .text("Leopoldstraße")),
                on: current, mode: mode))
        #expect(c.fields["strasse"] == .text("Leopoldstraße"))
        #expect(c.conflicts.isEmpty)
    }

    @Test func centralKeepsBothValuesWhenSomeoneElseChangedTheField() throws {
        var current = try base()
        current.fields["strasse"] = .text("Maximilianstraße")
        let id = UUID()
        let r = result(
            .setField(field: "strasse", old: .text("Sendlinger Straße"), new: .text("Leopoldstraße")),
            on: current, mode: .central, by: "kschmid", id: id)
        guard case .conflict(let c, let conflicts) = r else {
            Issue.record("expected a conflict, got \(r)")
            return
        }
        let expected = FieldConflict(
            field: "strasse", base: .text("Sendlinger Straße"), mine: .text("Leopoldstraße"),
            theirs: .text("Maximilianstraße"),
            operationID: id, clerk: "kschmid")
        #expect(conflicts == [expected])
        #expect(c.conflicts == [expected])
        #expect(c.fields["strasse"] == .text("Maximilianstraße"))
        #expect(c.lastActivityAt == t1)
    }

    @Test func aThirdConflictingValueDoesNotDropTheSecond() throws {
        var current = try base()
        current.fields["strasse"] = .text("A")
        let first = UUID()
        let second = UUID()
        let afterFirst = try #require(
            Sample.applying(
                Sample.operation(
                    .setField(field: "strasse", old: .text("Sendlinger Straße"), new: .text("B")), at: t1,
                    id: first), to: current))
        let afterSecond = try #require(
            Sample.applying(
                Sample.operation(
                    .setField(field: "strasse", old: .text("Sendlinger Straße"), new: .text("C")), at: t1,
                    id: second), to: afterFirst))
        #expect(afterSecond.conflicts.map(\.mine) == [.text("B"), .text("C")])
        #expect(afterSecond.conflicts.map(\.operationID) == [first, second])
        #expect(afterSecond.fields["strasse"] == .text("A"))
        // Applying the same operation again does not record it twice.
        let again = try #require(
            Sample.applying(
                Sample.operation(
                    .setField(field: "strasse", old: .text("Sendlinger Straße"), new: .text("C")), at: t1,
                    id: second), to: afterSecond))
        #expect(again.conflicts.map(\.operationID) == [first, second])
    }

    // MARK: who wrote a value

    @Test(arguments: [ApplyMode.central, .overlay])
    func aFieldEditOrAResolutionMakesItsClerkTheFieldsAuthor(mode: ApplyMode) throws {
        let edited = try applied(
            result(
                .setField(field: "strasse", old: .text("Sendlinger Straße"), new: .text("Leopoldstraße")),
                on: try base(), mode: mode, by: "lena"))
        #expect(edited.fieldAuthors == ["strasse": "lena"])
        let resolved = try applied(
            result(
                .resolveConflict(field: "strasse", value: .text("Maximilianstraße")), on: edited, mode: mode,
                by: "paul"))
        #expect(resolved.fieldAuthors == ["strasse": "paul"])
        // Writing the value that is already there leaves it the first writer's.
        let same = try applied(
            result(
                .setField(field: "strasse", old: .text("Sendlinger Straße"), new: .text("Maximilianstraße")),
                on: resolved, mode: .central, by: "anna"))
        #expect(same.fieldAuthors == ["strasse": "paul"])
    }

    /// lena's change lands first; paul's, made offline from the same base, meets it. The conflict
    /// names both: paul wrote `mine`, lena `theirs`.
    @Test func aConflictNamesWhoWroteTheValueItMet() throws {
        let lenas = try applied(
            result(
                .setField(field: "strasse", old: .text("Sendlinger Straße"), new: .text("Leopoldstraße")),
                on: try base(), mode: .central, by: "lena"))
        let id = UUID()
        guard
            case .conflict(let c, let conflicts) = result(
                .setField(field: "strasse", old: .text("Sendlinger Straße"), new: .text("Maximilianstraße")),
                on: lenas, mode: .central, by: "paul", id: id)
        else {
            Issue.record("expected a conflict")
            return
        }
        let expected = FieldConflict(
            field: "strasse", base: .text("Sendlinger Straße"), mine: .text("Maximilianstraße"),
            theirs: .text("Leopoldstraße"), operationID: id, clerk: "paul", theirsClerk: "lena")
        #expect(conflicts == [expected])
        #expect(c.conflicts == [expected])
        #expect(c.fieldAuthors == ["strasse": "lena"])
    }

    @Test func eachClerkSeesTheirOwnValueAsTheirs() {
        let conflict = FieldConflict(
            field: "strasse", base: .text("A"), mine: .text("P"), theirs: .text("L"), operationID: UUID(),
            clerk: "paul", theirsClerk: "lena")
        let paul = ConflictValue(value: .text("P"), author: "paul")
        let lena = ConflictValue(value: .text("L"), author: "lena")
        #expect(conflict.seen(by: "paul") == ConflictSides(own: paul, other: lena, involved: true))
        #expect(conflict.seen(by: "lena") == ConflictSides(own: lena, other: paul, involved: true))
        // A team lead wrote neither: the later value first, and nobody's value is called hers.
        #expect(conflict.seen(by: "anna") == ConflictSides(own: paul, other: lena, involved: false))
        // A conflict stored before authors were recorded does not know who wrote the other value.
        var old = conflict
        old.theirsClerk = nil
        #expect(
            old.seen(by: "paul")
                == ConflictSides(
                    own: paul, other: ConflictValue(value: .text("L"), author: nil), involved: true))
        #expect(old.seen(by: "lena").involved == false)
    }

    @Test func aCaseStoredBeforeAuthorsWereRecordedStillDecodes() throws {
        var c = try base()
        c.conflicts = [
            FieldConflict(
                field: "strasse", base: nil, mine: .text("B"), theirs: .text("A"), operationID: UUID(),
                clerk: "x")
        ]
        var json = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(c)) as? [String: Any])
        #expect(json.removeValue(forKey: "fieldAuthors") != nil)
        let decoded = try JSONDecoder().decode(Case.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(decoded == c)
        #expect(decoded.conflicts.first?.theirsClerk == nil)
    }

    @Test func overlayAlwaysShowsTheClerksOwnValue() throws {
        var current = try base()
        current.fields["strasse"] = .text("Maximilianstraße")
        let c = try applied(
            result(
                .setField(field: "strasse", old: .text("Sendlinger Straße"), new: .text("Leopoldstraße")),
                on: current, mode: .overlay))
        #expect(c.fields["strasse"] == .text("Leopoldstraße"))
        #expect(c.conflicts.isEmpty)
    }

    @Test(arguments: [ApplyMode.central, .overlay])
    func anEditThatChangesNothingNeitherOverwritesNorConflicts(mode: ApplyMode) throws {
        var current = try base()
        current.fields["strasse"] = .text("Maximilianstraße")
        let c = try applied(
            result(
                .setField(field: "strasse", old: .text("Sendlinger Straße"), new: .text("Sendlinger Straße")),
                on: current, mode: mode))
        #expect(c.fields["strasse"] == .text("Maximilianstraße"))
        #expect(c.conflicts.isEmpty)
    }

    // MARK: transition

    @Test(arguments: [ApplyMode.central, .overlay])
    func transitionMovesTheCaseAndTracksPauses(mode: ApplyMode) throws {
        let working = try applied(
            result(
                .transition(from: Sample.eingegangen, to: Sample.inBearbeitung, reason: nil), on: try base(),
                mode: mode))
        #expect(working.state == Sample.inBearbeitung)
        #expect(working.stateSince == t1)
        let waiting = try applied(
            Sample.operation(
                .transition(from: Sample.inBearbeitung, to: Sample.rueckfrage, reason: nil),
                at: Sample.at("2026-03-04")
            )
            .apply(to: working, mode: mode, context: Sample.context))
        #expect(waiting.slaPauses == [SLAPause(start: Sample.day("2026-03-04"), end: nil)])
        let back = try applied(
            Sample.operation(
                .transition(from: Sample.rueckfrage, to: Sample.inBearbeitung, reason: nil),
                at: Sample.at("2026-03-09")
            )
            .apply(to: waiting, mode: mode, context: Sample.context))
        #expect(back.slaPauses == [SLAPause(start: Sample.day("2026-03-04"), end: Sample.day("2026-03-09"))])
        #expect(back.state == Sample.inBearbeitung)
    }

    @Test(arguments: [ApplyMode.central, .overlay])
    func transitionFromAStateTheCaseIsNoLongerInIsRejected(mode: ApplyMode) throws {
        guard
            case .rejected(let rejection) = result(
                .transition(from: Sample.inBearbeitung, to: Sample.rueckfrage, reason: nil), on: try base(),
                mode: mode)
        else {
            Issue.record("expected a rejection")
            return
        }
        #expect(rejection.code == "state_changed")
        #expect(rejection.message.de == "Der Status wurde inzwischen geändert (jetzt: eingegangen).")
    }

    @Test func theSameMoveMadeByTwoClerksLandsOnceCentrally() throws {
        let moved = try applied(
            result(
                .transition(from: Sample.eingegangen, to: Sample.inBearbeitung, reason: nil), on: try base(),
                mode: .central))
        let again = result(
            .transition(from: Sample.eingegangen, to: Sample.inBearbeitung, reason: nil), on: moved,
            mode: .central, by: "kschmid")
        #expect(again == .applied(moved))
        guard
            case .rejected = result(
                .transition(from: Sample.eingegangen, to: Sample.inBearbeitung, reason: nil), on: moved,
                mode: .overlay)
        else {
            Issue.record("overlay does not repeat a move already made")
            return
        }
    }

    // MARK: comments

    @Test(arguments: [ApplyMode.central, .overlay])
    func commentsAreAppendedOnce(mode: ApplyMode) throws {
        let id = UUID()
        let once = try applied(
            result(.addComment(text: "Bürger ruft zurück"), on: try base(), mode: mode, id: id))
        #expect(once.comments == [Comment(id: id, clerk: "mmeier", at: t1, text: "Bürger ruft zurück")])
        let twice = try applied(result(.addComment(text: "Bürger ruft zurück"), on: once, mode: mode, id: id))
        #expect(twice.comments.count == 1)
        let other = try applied(
            result(.addComment(text: "Unterlagen da"), on: twice, mode: mode, by: "kschmid"))
        #expect(other.comments.map(\.text) == ["Bürger ruft zurück", "Unterlagen da"])
    }

    // MARK: claims

    @Test(arguments: [ApplyMode.central, .overlay])
    func claimAndReleaseByTheSameClerk(mode: ApplyMode) throws {
        let until = t1.addingTimeInterval(1800)
        let claimed = try applied(result(.claim(until: until), on: try base(), mode: mode))
        #expect(claimed.claim == Claim(clerk: "mmeier", until: until))
        let released = try applied(result(.release, on: claimed, mode: mode))
        #expect(released.claim == nil)
    }

    @Test func centralRefusesToClaimOverAnActiveClaimOfAnother() throws {
        var c = try base()
        c.claim = Claim(clerk: "kschmid", until: t1.addingTimeInterval(60))
        guard
            case .rejected(let rejection) = result(
                .claim(until: t1.addingTimeInterval(1800)), on: c, mode: .central)
        else {
            Issue.record("expected a rejection")
            return
        }
        #expect(rejection.code == "claimed")
        #expect(rejection.message.de == "Der Vorgang wird gerade von kschmid bearbeitet.")
        // Another's active claim survives a release centrally.
        #expect(try applied(result(.release, on: c, mode: .central)).claim == c.claim)
        // An expired claim can be taken over.
        c.claim = Claim(clerk: "kschmid", until: t1)
        #expect(
            try applied(result(.claim(until: t1.addingTimeInterval(1800)), on: c, mode: .central)).claim?
                .clerk == "mmeier")
    }

    @Test func overlayShowsTheClerksOwnClaimAndRelease() throws {
        var c = try base()
        c.claim = Claim(clerk: "kschmid", until: t1.addingTimeInterval(60))
        #expect(
            try applied(result(.claim(until: t1.addingTimeInterval(1800)), on: c, mode: .overlay)).claim?
                .clerk == "mmeier")
        #expect(try applied(result(.release, on: c, mode: .overlay)).claim == nil)
    }

    // MARK: assign and resolve

    @Test(arguments: [ApplyMode.central, .overlay])
    func assignSetsAndClearsTheAssignee(mode: ApplyMode) throws {
        let assigned = try applied(result(.assign(to: "kschmid"), on: try base(), mode: mode))
        #expect(assigned.assignee == "kschmid")
        #expect(try applied(result(.assign(to: nil), on: assigned, mode: mode)).assignee == nil)
    }

    @Test(arguments: [ApplyMode.central, .overlay])
    func resolvingAConflictSetsTheValueAndClearsEveryConflictOnTheField(mode: ApplyMode) throws {
        var c = try base()
        c.conflicts = [
            FieldConflict(
                field: "strasse", base: nil, mine: .text("B"), theirs: .text("A"), operationID: UUID(),
                clerk: "x"),
            FieldConflict(
                field: "strasse", base: nil, mine: .text("C"), theirs: .text("A"), operationID: UUID(),
                clerk: "y"),
            FieldConflict(
                field: "nachname", base: nil, mine: .text("Maier"), theirs: .text("Huber"),
                operationID: UUID(), clerk: "y"),
        ]
        let resolved = try applied(
            result(.resolveConflict(field: "strasse", value: .text("C")), on: c, mode: mode))
        #expect(resolved.fields["strasse"] == .text("C"))
        #expect(resolved.conflicts.map(\.field) == ["nachname"])
    }

    @Test func activityTimeNeverGoesBack() throws {
        var c = try base()
        c.lastActivityAt = Sample.at("2026-03-05")
        let r = Sample.operation(.addComment(text: "spät übertragen"), at: t1).apply(
            to: c, mode: .central, context: Sample.context)
        #expect(try applied(r).lastActivityAt == Sample.at("2026-03-05"))
    }
}
