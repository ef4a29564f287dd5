import CaseModel
import CentralService
import Foundation
import Testing

@Suite("Operation decider")
struct OperationDeciderTests {
    static let anna = ClerkRecord(
        id: "anna", name: "Anna", passwordHash: "", roles: [.counter], orgUnits: ["bb-mitte"])

    /// Refuses negative amounts, the way the form engine will refuse invalid values.
    struct NoNegativeAmounts: OperationValidator {
        func validate(
            _ operation: CaseModel.Operation, current: Case?, definition: ServiceDefinition, now: Date
        ) -> Rejection? {
            guard case .setField(_, _, .money(let cents)?) = operation.kind, cents < 0 else { return nil }
            return Rejection(
                code: "invalid_value", message: .init(de: "Betrag negativ", en: "Negative amount"))
        }
    }

    static func created() throws -> Case {
        let decider = OperationDecider(definitions: ServiceDefinitions([Fixtures.dogTax]))
        guard
            case .applied(let created) = decider.decide(
                Fixtures.create(), current: nil, clerk: anna, now: Fixtures.start
            ).outcome
        else { throw Rejection(code: "setup", message: .init(de: "", en: "")) }
        return created
    }

    @Test func theValidatorHookCanRefuseValues() throws {
        let current = try Self.created()
        let decider = OperationDecider(
            definitions: ServiceDefinitions([Fixtures.dogTax]), validator: NoNegativeAmounts())
        let negative = Fixtures.op(
            current.id, base: 1, .setField(field: "betrag", old: nil, new: .money(cents: -5)))
        let positive = Fixtures.op(
            current.id, base: 1, .setField(field: "betrag", old: nil, new: .money(cents: 500)))
        #expect(
            decider.decide(negative, current: current, clerk: Self.anna, now: Fixtures.start).outcome
                == .rejected(
                    Rejection(
                        code: "invalid_value", message: .init(de: "Betrag negativ", en: "Negative amount"))))
        guard
            case .applied(let next) = decider.decide(
                positive, current: current, clerk: Self.anna, now: Fixtures.start
            ).outcome
        else {
            Issue.record("a valid value must apply")
            return
        }
        #expect(next.fields["betrag"] == .money(cents: 500))
    }

    @Test func newCasesMustUseAnOfferedChannelAndAKnownState() throws {
        let decider = OperationDecider(definitions: ServiceDefinitions([Fixtures.dogTax]))
        func decide(_ edit: (inout NewCase) -> Void) -> String? {
            var operation = Fixtures.create()
            guard case .createCase(var new) = operation.kind else { return "not a create" }
            edit(&new)
            operation.kind = .createCase(new)
            if case .rejected(let rejection) = decider.decide(
                operation, current: nil, clerk: Self.anna, now: Fixtures.start
            ).outcome {
                return rejection.code
            }
            return nil
        }
        #expect(decide { _ in } == nil)
        #expect(decide { $0.channel = .online } == "channel_not_offered")
        #expect(decide { $0.initialState = "erfunden" } == "wrong_initial_state")
        #expect(decide { $0.formVersion = 2 } == "unknown_form_version")
        #expect(decide { $0.serviceID = "erfunden" } == "unknown_service")
        #expect(decide { $0.orgUnit = "kfz" } == "forbidden")
    }

    @Test func claimsFollowTheClaimPolicyAndAreShortenedToTheServiceLimit() throws {
        let current = try Self.created()
        let decider = OperationDecider(
            definitions: ServiceDefinitions([Fixtures.dogTax]), maxClaimDuration: 600)
        let greedy = Fixtures.op(
            current.id, base: 1, .claim(until: Fixtures.start.addingTimeInterval(86_400)), at: 0)
        guard
            case .rejected(let rejection) = decider.decide(
                greedy, current: current, clerk: Self.anna, now: Fixtures.start
            ).outcome
        else {
            Issue.record("a day-long claim of a counter clerk must be refused by the claim policy")
            return
        }
        #expect(rejection.code == "claim_too_long")
        let normal = Fixtures.op(
            current.id, base: 1, .claim(until: Fixtures.start.addingTimeInterval(1800)), at: 0)
        guard
            case .applied(let next) = decider.decide(
                normal, current: current, clerk: Self.anna, now: Fixtures.start
            ).outcome
        else {
            Issue.record("the claim must apply")
            return
        }
        #expect(next.claim == Claim(clerk: "anna", until: Fixtures.start.addingTimeInterval(600)))
    }
}

@Suite("Operation decider: the service's own facts")
struct OperationDeciderStampingTests {
    static let anna = ClerkRecord(
        id: "anna", name: "Anna", passwordHash: "", roles: [.counter], orgUnits: [Fixtures.mitte.id])

    @Test func deviceTimeIsKeptOnlyAsWhenItWasDoneBounded() throws {
        let decider = OperationDecider(definitions: ServiceDefinitions([Fixtures.dogTax]))
        let now = Fixtures.start.addingTimeInterval(86_400)
        let received = try OperationDeciderTests.created().receivedAt
        let current = try OperationDeciderTests.created()
        // Within the skew, the device's time stands; beyond it, the arrival; never before receipt.
        #expect(
            decider.doneAt(now.addingTimeInterval(-3600), current: current, now: now)
                == now.addingTimeInterval(-3600))
        #expect(decider.doneAt(now.addingTimeInterval(120), current: current, now: now) == now)
        #expect(decider.doneAt(now.addingTimeInterval(86_400), current: current, now: now) == now)
        #expect(decider.doneAt(received.addingTimeInterval(-86_400), current: current, now: now) == received)
        // A new case: at most 30 days offline.
        #expect(
            decider.doneAt(.distantPast, current: nil, now: now)
                == now.addingTimeInterval(-OperationDecider.longestOffline))
    }

    @Test func theTokenDeviceAndTheServiceClockAreStampedTheDeviceTimeKept() throws {
        let decider = OperationDecider(definitions: ServiceDefinitions([Fixtures.dogTax]))
        let now = Fixtures.start.addingTimeInterval(600)
        var create = Fixtures.create()
        create.timestamp = Fixtures.start.addingTimeInterval(300)
        create.device = "forged"
        let decision = decider.decide(create, current: nil, clerk: Self.anna, now: now, device: "dev-anna")
        #expect(decision.device == "dev-anna")
        #expect(decision.doneAt == Fixtures.start.addingTimeInterval(300))
        #expect(decision.numberPrefix == "HUN-\(MunichClock.day(of: now).year)")
        guard case .applied(let created) = decision.outcome else {
            Issue.record("the case must be created: \(decision.outcome)")
            return
        }
        #expect(created.receivedAt == now && created.lastActivityAt == now && created.enteredBy == "anna")
        // An import keeps its own times and numbers.
        var importer = decider
        importer.stamping = .asSent
        let imported = importer.decide(create, current: nil, clerk: Self.anna, now: now)
        #expect(imported.numberPrefix == nil)
        guard case .applied(let kept) = imported.outcome else { return }
        #expect(kept.receivedAt == Fixtures.start)
    }
}
