import CaseModel
import Foundation
import Testing

@Suite struct OperationRulesTests {
    let rules = OperationRules()
    let service = Sample.service
    let counterClerk = ActingClerk(id: "mmeier", roles: [.counter], orgUnits: ["kvr-bb-mitte"])
    let phoneClerk = ActingClerk(id: "kschmid", roles: [.phone], orgUnits: ["kvr-bb-mitte"])
    let fieldClerk = ActingClerk(id: "abauer", roles: [.field], orgUnits: ["kvr-bb-mitte"])
    let teamLead = ActingClerk(id: "lhuber", roles: [.teamLead, .counter], orgUnits: ["kvr-bb-mitte"])
    let now = Sample.at("2026-03-03", 9)

    func inProgress() throws -> Case {
        let c = try #require(Sample.receivedCase(at: Sample.at("2026-03-02")))
        let start = Sample.operation(
            .transition(from: Sample.eingegangen, to: Sample.inBearbeitung, reason: nil),
            at: Sample.at("2026-03-02", 11))
        return try #require(Sample.applying(start, to: c))
    }

    func claimed(by clerk: String, until: Date) throws -> Case {
        var c = try inProgress()
        c.claim = Claim(clerk: clerk, until: until)
        return c
    }

    func check(_ kind: OperationKind, on c: Case?, by clerk: ActingClerk) -> String? {
        let op = Sample.operation(kind, by: clerk.id, at: now)
        return rules.check(op, on: c, service: service, by: clerk, at: now)?.code
    }

    @Test func operationsMustCarryTheSendersIdAndOrgUnit() throws {
        let c = try inProgress()
        let forged = Sample.operation(.addComment(text: "Hallo"), by: "kschmid", at: now)
        #expect(
            rules.check(forged, on: c, service: service, by: counterClerk, at: now)?.code == "wrong_clerk")
        let outsider = ActingClerk(id: "mmeier", roles: [.counter], orgUnits: ["kvr-bb-pasing"])
        #expect(check(.addComment(text: "Hallo"), on: c, by: outsider) == "foreign_org_unit")
        #expect(check(.addComment(text: "Hallo"), on: nil, by: counterClerk) == "unknown_case")
        var otherService = c
        otherService.serviceID = "hundesteuer"
        #expect(check(.addComment(text: "Hallo"), on: otherService, by: counterClerk) == "wrong_service")
    }

    @Test func creatingChecksChannelInitialStateAndOrgUnit() {
        let received = Sample.at("2026-03-03", 8)
        #expect(check(.createCase(Sample.newCase(receivedAt: received)), on: nil, by: counterClerk) == nil)
        let byPhone = Sample.operation(
            .createCase(Sample.newCase(receivedAt: received, channel: .phone)), at: now)
        let rejection = rules.check(byPhone, on: nil, service: service, by: counterClerk, at: now)
        #expect(rejection?.code == "channel_not_offered")
        #expect(
            rejection?.message.de.hasSuffix("Die Anmeldung erfordert die persönliche Vorsprache.") == true)
        let skipping = Sample.newCase(receivedAt: received, initialState: Sample.inBearbeitung)
        #expect(check(.createCase(skipping), on: nil, by: counterClerk) == "wrong_initial_state")
        let foreign = ActingClerk(id: "mmeier", roles: [.counter], orgUnits: ["kvr-bb-pasing"])
        #expect(
            check(.createCase(Sample.newCase(receivedAt: received)), on: nil, by: foreign)
                == "foreign_org_unit")
    }

    @Test func transitionsFollowTheWorkflowAndTheRoles() throws {
        let c = try inProgress()
        #expect(
            check(
                .transition(from: Sample.inBearbeitung, to: Sample.rueckfrage, reason: nil), on: c,
                by: phoneClerk) == nil)
        #expect(
            check(
                .transition(from: Sample.inBearbeitung, to: Sample.entschieden, reason: nil), on: c,
                by: counterClerk) == nil)
        let decide = Sample.operation(
            .transition(from: Sample.inBearbeitung, to: Sample.entschieden, reason: nil), by: phoneClerk.id,
            at: now)
        let rejection = rules.check(decide, on: c, service: service, by: phoneClerk, at: now)
        #expect(rejection?.code == "role_not_allowed")
        #expect(
            rejection?.message.de == "„Entscheiden“ ist nur erlaubt für: Bürgerbüro-Schalter, Teamleitung.")
        #expect(
            check(
                .transition(from: Sample.inBearbeitung, to: Sample.abgeschlossen, reason: nil), on: c,
                by: teamLead) == "transition_not_allowed")
    }

    @Test func aReasonIsRequiredWhereTheWorkflowSaysSo() throws {
        let c = try inProgress()
        let withdraw = { (reason: String?) in
            check(
                .transition(from: Sample.inBearbeitung, to: Sample.zurueckgezogen, reason: reason), on: c,
                by: counterClerk)
        }
        #expect(withdraw(nil) == "reason_required")
        #expect(withdraw("  \n") == "reason_required")
        #expect(withdraw("Bürger zieht nicht um") == nil)
    }

    @Test func closedCasesOnlyTakeCommentsReleasesAndConflictResolutions() throws {
        var c = try inProgress()
        c.state = Sample.abgeschlossen
        c.conflicts = [
            FieldConflict(
                field: "strasse", base: nil, mine: .text("A"), theirs: .text("B"), operationID: UUID(),
                clerk: "x")
        ]
        #expect(
            check(.setField(field: "strasse", old: nil, new: .text("C")), on: c, by: counterClerk)
                == "case_closed")
        #expect(check(.claim(until: now.addingTimeInterval(600)), on: c, by: counterClerk) == "case_closed")
        #expect(check(.assign(to: "mmeier"), on: c, by: counterClerk) == "case_closed")
        #expect(
            check(
                .transition(from: Sample.abgeschlossen, to: Sample.inBearbeitung, reason: nil), on: c,
                by: teamLead) == "transition_not_allowed")
        #expect(check(.addComment(text: "Nachtrag"), on: c, by: counterClerk) == nil)
        #expect(check(.release, on: c, by: counterClerk) == nil)
        #expect(check(.resolveConflict(field: "strasse", value: .text("A")), on: c, by: counterClerk) == nil)
        let op = Sample.operation(.setField(field: "strasse", old: nil, new: .text("C")), at: now)
        #expect(
            rules.check(op, on: c, service: service, by: counterClerk, at: now)?.message.de
                == "Der Vorgang ist abgeschlossen (Abgeschlossen) und kann nicht mehr geändert werden.")
    }

    @Test func anActiveClaimOfAnotherClerkBlocksEverythingButComments() throws {
        let c = try claimed(by: "kschmid", until: now.addingTimeInterval(600))
        #expect(
            check(.setField(field: "strasse", old: nil, new: .text("C")), on: c, by: counterClerk)
                == "claimed")
        #expect(
            check(
                .transition(from: Sample.inBearbeitung, to: Sample.rueckfrage, reason: nil), on: c,
                by: counterClerk) == "claimed")
        #expect(check(.claim(until: now.addingTimeInterval(600)), on: c, by: counterClerk) == "claimed")
        #expect(check(.assign(to: "mmeier"), on: c, by: counterClerk) == "claimed")
        #expect(check(.release, on: c, by: counterClerk) == "not_claim_holder")
        #expect(check(.addComment(text: "Rückruf erbeten"), on: c, by: counterClerk) == nil)
        // The holder works on; a team lead may reassign and break the claim, but not edit.
        #expect(check(.setField(field: "strasse", old: nil, new: .text("C")), on: c, by: phoneClerk) == nil)
        #expect(check(.assign(to: "mmeier"), on: c, by: teamLead) == nil)
        #expect(check(.release, on: c, by: teamLead) == nil)
        #expect(
            check(.setField(field: "strasse", old: nil, new: .text("C")), on: c, by: teamLead) == "claimed")
    }

    @Test func anExpiredClaimBlocksNobody() throws {
        let c = try claimed(by: "kschmid", until: now.addingTimeInterval(-1))
        #expect(check(.setField(field: "strasse", old: nil, new: .text("C")), on: c, by: counterClerk) == nil)
        #expect(check(.claim(until: now.addingTimeInterval(1800)), on: c, by: counterClerk) == nil)
        #expect(check(.release, on: c, by: counterClerk) == nil)
    }

    @Test func claimsMustBeShortExceptInTheField() throws {
        let c = try inProgress()
        #expect(check(.claim(until: now.addingTimeInterval(1800)), on: c, by: counterClerk) == nil)
        // Within the two minutes of tolerance.
        #expect(check(.claim(until: now.addingTimeInterval(1800 + 100)), on: c, by: counterClerk) == nil)
        #expect(
            check(.claim(until: now.addingTimeInterval(3600)), on: c, by: counterClerk) == "claim_too_long")
        #expect(check(.claim(until: now), on: c, by: counterClerk) == "claim_in_past")
        #expect(check(.claim(until: now.addingTimeInterval(8 * 3600)), on: c, by: fieldClerk) == nil)
        #expect(
            check(.claim(until: now.addingTimeInterval(11 * 3600)), on: c, by: fieldClerk) == "claim_too_long"
        )
        #expect(ClaimPolicy.standard.claimUntil(from: now, roles: [.phone]) == now.addingTimeInterval(1800))
        let op = Sample.operation(.claim(until: now.addingTimeInterval(3600)), at: now)
        #expect(
            rules.check(op, on: c, service: service, by: counterClerk, at: now)?.message.de
                == "Ein Vorgang kann höchstens 30 Minuten am Stück reserviert werden.")
    }

    @Test func assigningToOthersIsForTeamLeads() throws {
        var c = try inProgress()
        #expect(check(.assign(to: "mmeier"), on: c, by: counterClerk) == nil)
        #expect(check(.assign(to: "kschmid"), on: c, by: counterClerk) == "assign_not_allowed")
        #expect(check(.assign(to: nil), on: c, by: counterClerk) == "assign_not_allowed")
        #expect(check(.assign(to: "kschmid"), on: c, by: teamLead) == nil)
        c.assignee = "mmeier"
        #expect(check(.assign(to: nil), on: c, by: counterClerk) == nil)
        #expect(check(.assign(to: nil), on: c, by: phoneClerk) == "assign_not_allowed")
    }

    @Test func conflictsCanOnlyBeResolvedWhereTheyExist() throws {
        var c = try inProgress()
        #expect(
            check(.resolveConflict(field: "strasse", value: .text("A")), on: c, by: counterClerk)
                == "no_conflict")
        c.conflicts = [
            FieldConflict(
                field: "strasse", base: nil, mine: .text("A"), theirs: .text("B"), operationID: UUID(),
                clerk: "x")
        ]
        #expect(check(.resolveConflict(field: "strasse", value: .text("A")), on: c, by: counterClerk) == nil)
    }

    @Test func blankCommentsAreRejected() throws {
        let c = try inProgress()
        #expect(check(.addComment(text: " \n "), on: c, by: counterClerk) == "empty_comment")
    }

    @Test func checkAndApplyAppliesOnlyAllowedOperations() throws {
        let c = try inProgress()
        let allowed = Sample.operation(
            .transition(from: Sample.inBearbeitung, to: Sample.rueckfrage, reason: nil), at: now)
        guard
            case .applied(let waiting) = rules.checkAndApply(
                allowed, to: c, service: service, by: counterClerk, at: now, mode: .central)
        else {
            Issue.record("expected the transition to apply")
            return
        }
        #expect(waiting.state == Sample.rueckfrage)
        #expect(waiting.slaPauses == [SLAPause(start: Sample.day("2026-03-03"), end: nil)])
        let forbidden = Sample.operation(
            .transition(from: Sample.inBearbeitung, to: Sample.entschieden, reason: nil), by: phoneClerk.id,
            at: now)
        #expect(
            rules.checkAndApply(forbidden, to: c, service: service, by: phoneClerk, at: now, mode: .central)
                == .rejected(
                    RuleRejections.roleNotAllowed(
                        try #require(
                            Sample.workflow.transition(from: Sample.inBearbeitung, to: Sample.entschieden)))))
    }
}
