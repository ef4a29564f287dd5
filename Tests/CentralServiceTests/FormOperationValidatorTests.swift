import CaseModel
import CentralService
import Foundation
import Testing

/// The form validator in the decider, on the shipped dog-tax form (a repeat group of dogs with
/// a relevance rule, a constraint across fields and calculated taxes).
@Suite("Form operation validator")
struct FormOperationValidatorTests {
    static let clerk = ClerkRecord(
        id: "anna", name: "Anna", passwordHash: "", roles: [.counter], orgUnits: ["ska-4-2"])

    static func decider() throws -> OperationDecider {
        OperationDecider(
            definitions: ServiceDefinitions([try ShippedCatalog.service("hundesteuer")]),
            validator: FormOperationValidator())
    }

    static func dog(
        _ name: String = "Bello", listed: String = "nein", exemption: String = "keine",
        extra: [String: FieldValue] = [:]
    ) -> [String: FieldValue] {
        var row: [String: FieldValue] = [
            "hundename": .text(name), "rasse": .text("Dackel"),
            "haltung_seit": .date(LocalDate(year: 2025, month: 3, day: 1) ?? LocalDate(dayNumber: 0)),
            "kampfhund": .choice(listed), "befreiung": .choice(exemption),
        ]
        row.merge(extra) { $1 }
        return row
    }

    static func create(_ fields: [String: FieldValue], id: UUID = UUID()) -> CaseModel.Operation {
        CaseModel.Operation(
            caseID: id, baseVersion: 0, clerk: "anna", device: "dev", timestamp: Fixtures.start,
            kind: .createCase(
                NewCase(
                    number: "HUN-2026-0000001", serviceID: "hundesteuer", formVersion: 1, orgUnit: "ska-4-2",
                    channel: .counter, initialState: "eingegangen", citizen: nil, fields: fields,
                    receivedAt: Fixtures.start, enteredBy: "anna")))
    }

    static func decide(_ operation: CaseModel.Operation, on current: Case? = nil) throws
        -> OperationDecision.Outcome
    {
        try decider().decide(operation, current: current, clerk: clerk, now: Fixtures.start).outcome
    }

    static func rejection(_ decision: OperationDecision.Outcome) -> Rejection? {
        if case .rejected(let rejection) = decision { return rejection }
        return nil
    }

    static func applied(_ decision: OperationDecision.Outcome) throws -> Case {
        switch decision {
        case .applied(let next): return next
        case .conflict(let next, _): return next
        case .rejected(let rejection): throw rejection
        }
    }

    /// A case of two dogs (one listed, category 1) with its version set as the store would.
    static func twoDogs() throws -> Case {
        var created = try applied(
            decide(create(["hunde": .rows([dog(), dog("Rex", listed: "kategorie_1")])])))
        created.version = 1
        return created
    }

    @Test func aValidNewCaseIsAppliedWithItsTaxesCalculatedByTheServer() throws {
        // The client's own (wrong) total is not refused but replaced by the form's formula.
        let created = try Self.applied(
            Self.decide(
                Self.create([
                    "hunde": .rows([Self.dog(), Self.dog("Rex", listed: "kategorie_1")]),
                    "jahressteuer": .money(cents: 1),
                ])))
        guard case .rows(let rows) = created.fields["hunde"] else {
            Issue.record("the dogs must be stored as rows")
            return
        }
        #expect(rows.map { $0["steuer"] } == [.money(cents: 10_000), .money(cents: 80_000)])
        #expect(created.fields["jahressteuer"] == .money(cents: 90_000))
        #expect(created.formVersion == 1)
    }

    @Test func anInvalidValueIsRefusedNamingTheFieldInGermanAndEnglish() throws {
        let chip = Self.dog(extra: ["chipnummer": .text("27609812345")])
        let rejection = try #require(Self.rejection(try Self.decide(Self.create(["hunde": .rows([chip])]))))
        #expect(rejection.code == "invalid_value")
        #expect(rejection.message.de.hasPrefix("Feld „Chipnummer (Transponder)“ (hunde[0].chipnummer): "))
        #expect(rejection.message.en.hasPrefix("Field 'Microchip number' (hunde[0].chipnummer): "))

        let wrongType = try #require(
            Self.rejection(try Self.decide(Self.create(["hunde": .rows([Self.dog()]), "iban": .number(5)]))))
        #expect(wrongType.code == "invalid_value")
        #expect(wrongType.message.de.contains("„IBAN für das SEPA-Lastschriftmandat“"))

        // A rule across fields: a listed dog cannot be exempted.
        let exempt = Self.dog(listed: "kategorie_1", exemption: "assistenzhund")
        let constraint = try #require(
            Self.rejection(try Self.decide(Self.create(["hunde": .rows([exempt])]))))
        #expect(constraint.code == "invalid_value")
        #expect(constraint.message.de.contains("Für Kampfhunde gibt es keine Steuerbefreiung"))
    }

    @Test func unknownFieldsAreRefused() throws {
        let top = try #require(
            Self.rejection(
                try Self.decide(Self.create(["hunde": .rows([Self.dog()]), "katze": .text("Mia")]))))
        #expect(top.code == "unknown_field")
        #expect(top.message.de.contains("„katze“"))
        let inRow = try #require(
            Self.rejection(
                try Self.decide(Self.create(["hunde": .rows([Self.dog(extra: ["farbe": .text("braun")])])]))))
        #expect(inRow.code == "unknown_field")
        #expect(inRow.message.de.contains("hunde[0].farbe"))
    }

    @Test func valuesOfIrrelevantFieldsAreRefused() throws {
        // The certificate is only asked for category-2 dogs.
        let notListed = Self.dog(extra: ["negativzeugnis": .bool(true)])
        let rejection = try #require(
            Self.rejection(try Self.decide(Self.create(["hunde": .rows([notListed])]))))
        #expect(rejection.code == "irrelevant_field")
        #expect(rejection.message.de.contains("„Negativzeugnis liegt vor“ (hunde[0].negativzeugnis)"))
        let listed = Self.dog(listed: "kategorie_2", extra: ["negativzeugnis": .bool(true)])
        #expect(Self.rejection(try Self.decide(Self.create(["hunde": .rows([listed])]))) == nil)
    }

    @Test func aNewCaseNeedsItsRequiredFields() throws {
        let rejection = try #require(Self.rejection(try Self.decide(Self.create([:]))))
        #expect(rejection.code == "invalid_value")
        #expect(rejection.message.de.contains("„Hunde“"))
    }

    @Test func editsMayLeaveRequiredFieldsEmptyButNotBreakRules() throws {
        let current = try Self.twoDogs()
        func edit(_ field: String, _ value: FieldValue?) throws -> OperationDecision.Outcome {
            try Self.decide(
                Fixtures.op(
                    current.id, base: 1, .setField(field: field, old: current.fields[field], new: value)),
                on: current)
        }
        // Half-filled: clearing the required dogs is allowed while the case is worked on.
        let cleared = try Self.applied(try edit("hunde", nil))
        #expect(cleared.fields["hunde"] == nil)
        #expect(cleared.fields["jahressteuer"] == .money(cents: 0))
        #expect(Self.rejection(try edit("iban", .text("DE89 3704 0044 0532 0130 00"))) == nil)
        #expect(Self.rejection(try edit("iban", .text("DE00 1234")))?.code == "invalid_value")
        #expect(Self.rejection(try edit("jahressteuer", .money(cents: 0)))?.code == "calculated_field")
        #expect(Self.rejection(try edit("hundename", .text("Bello")))?.code == "unknown_field")
        let exempt = try edit(
            "hunde", .rows([Self.dog(), Self.dog("Rex", listed: "kategorie_1", exemption: "tierheim")]))
        #expect(Self.rejection(exempt)?.code == "invalid_value")
        let changed = try Self.applied(try edit("hunde", .rows([Self.dog(), Self.dog("Rex")])))
        #expect(changed.fields["jahressteuer"] == .money(cents: 20_000))
    }

    @Test func aDecisionNeedsACompleteFormButAWithdrawalDoesNot() throws {
        var current = try Self.twoDogs()
        func apply(_ kind: OperationKind) throws -> OperationDecision.Outcome {
            let decision = try Self.decide(Fixtures.op(current.id, base: current.version, kind), on: current)
            if case .applied(var next) = decision {
                next.version = current.version + 1
                current = next
            }
            return decision
        }
        _ = try Self.applied(try apply(.transition(from: "eingegangen", to: "in_bearbeitung", reason: nil)))
        _ = try Self.applied(try apply(.setField(field: "hunde", old: current.fields["hunde"], new: nil)))
        let decide = OperationKind.transition(from: "in_bearbeitung", to: "festgesetzt", reason: nil)
        let refused = try #require(Self.rejection(try apply(decide)))
        #expect(refused.code == "form_incomplete")
        #expect(refused.message.de.hasPrefix("Vor der Entscheidung muss das Formular vollständig sein."))
        #expect(refused.message.de.contains("„Hunde“"))
        #expect(current.state == "in_bearbeitung")

        let withdrawn = try apply(.transition(from: "in_bearbeitung", to: "zurueckgezogen", reason: "Umzug"))
        #expect(Self.rejection(withdrawn) == nil)
        #expect(current.state == "zurueckgezogen")
    }

    @Test func aCompleteFormCanBeDecided() throws {
        var current = try Self.twoDogs()
        for (from, to) in [("eingegangen", "in_bearbeitung"), ("in_bearbeitung", "festgesetzt")] {
            let operation = Fixtures.op(
                current.id, base: current.version, .transition(from: from, to: to, reason: nil))
            current = try Self.applied(try Self.decide(operation, on: current))
            current.version += 1
        }
        #expect(current.state == "festgesetzt")
    }

    @Test func resolvingAConflictIsCheckedLikeAnEditAndBlocksDecisionsUntilDone() throws {
        var current = try Self.twoDogs()
        let good = FieldValue.text("DE89 3704 0044 0532 0130 00")
        let other = FieldValue.text("DE02 1203 0000 0000 2020 51")
        current = try Self.applied(
            try Self.decide(
                Fixtures.op(current.id, base: 1, .setField(field: "iban", old: nil, new: good)), on: current))
        current.version = 2
        let racing = Fixtures.op(current.id, base: 1, .setField(field: "iban", old: nil, new: other))
        guard case .conflict(var conflicted, let fields) = try Self.decide(racing, on: current) else {
            Issue.record("two edits of the IBAN from the same base must conflict")
            return
        }
        conflicted.version = 3
        #expect(fields.map(\.field) == ["iban"])
        var moved = conflicted
        moved.state = "in_bearbeitung"
        let decision = Fixtures.op(
            moved.id, base: 3, .transition(from: "in_bearbeitung", to: "festgesetzt", reason: nil))
        #expect(Self.rejection(try Self.decide(decision, on: moved))?.code == "conflicts_open")

        let invalid = Fixtures.op(current.id, base: 3, .resolveConflict(field: "iban", value: .text("DE00")))
        let refused = try #require(Self.rejection(try Self.decide(invalid, on: conflicted)))
        #expect(refused.code == "invalid_value")
        #expect(refused.message.de.contains("„IBAN für das SEPA-Lastschriftmandat“ (iban)"))
        let unknown = Fixtures.op(current.id, base: 3, .resolveConflict(field: "konto", value: good))
        #expect(Self.rejection(try Self.decide(unknown, on: conflicted))?.code != nil)
        let resolved = try Self.applied(
            try Self.decide(
                Fixtures.op(current.id, base: 3, .resolveConflict(field: "iban", value: other)),
                on: conflicted))
        #expect(resolved.conflicts.isEmpty)
        #expect(resolved.fields["iban"] == other)
    }

    /// Who wrote a value is the token's clerk of the change that set it — also when the service
    /// recomputed a value because of it — and a conflict names that clerk as the other author.
    @Test func theServiceRecordsWhoWroteEachValueAndNamesItInAConflict() throws {
        let lena = ClerkRecord(
            id: "lena", name: "Lena", passwordHash: "", roles: [.teamLead], orgUnits: ["ska-4-2"])
        let paul = ClerkRecord(
            id: "paul", name: "Paul", passwordHash: "", roles: [.counter], orgUnits: ["ska-4-2"])
        var current = try Self.twoDogs()
        #expect(current.fieldAuthors.isEmpty)  // a new case's values are the application's
        #expect(current.fields["jahressteuer"] == .money(cents: 90_000))
        // lena finds that Rex is not a listed dog: the yearly tax is recomputed by her change.
        let dogs = FieldValue.rows([Self.dog(), Self.dog("Rex")])
        let edit = Fixtures.op(
            current.id, by: "lena", base: 1,
            .setField(field: "hunde", old: current.fields["hunde"], new: dogs))
        current = try Self.applied(
            try Self.decider().decide(edit, current: current, clerk: lena, now: Fixtures.start).outcome)
        current.version = 2
        #expect(current.fields["jahressteuer"] == .money(cents: 20_000))
        #expect(current.fieldAuthors == ["hunde": "lena", "jahressteuer": "lena"])
        // paul, offline since version 1, lists Rex as well; his change meets lena's.
        let racing = Fixtures.op(
            current.id, by: "paul", base: 1,
            .setField(
                field: "hunde", old: try Self.twoDogs().fields["hunde"],
                new: .rows([
                    Self.dog(),
                    Self.dog("Rex", listed: "kategorie_2", extra: ["negativzeugnis": .bool(true)]),
                ])))
        guard
            case .conflict(_, let fields) = try Self.decider().decide(
                racing, current: current, clerk: paul, now: Fixtures.start
            ).outcome
        else {
            Issue.record("two edits of the dogs from the same base must conflict")
            return
        }
        #expect(fields.map(\.clerk) == ["paul"])
        #expect(fields.map(\.theirsClerk) == ["lena"])
    }

    @Test func settledValuesDropWhatIsNoLongerAskedAndRecomputeTaxes() throws {
        let form = try ShippedCatalog.service("hundesteuer").form
        let listed = Self.dog(listed: "kategorie_2", extra: ["negativzeugnis": .bool(true)])
        var row = listed
        row["kampfhund"] = .choice("nein")
        let settled = FormEngine.settled(
            form: form, values: ["hunde": .rows([row])],
            context: EvaluationContext(today: MunichClock.day(of: Fixtures.start)))
        guard case .rows(let rows) = settled["hunde"] else {
            Issue.record("the dogs must stay rows")
            return
        }
        #expect(rows.first?["negativzeugnis"] == nil)
        #expect(rows.first?["steuer"] == .money(cents: 10_000))
        #expect(settled["jahressteuer"] == .money(cents: 10_000))
    }
}
