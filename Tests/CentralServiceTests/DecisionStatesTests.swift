import CaseModel
import Testing

/// Which moves need a complete form, derived from each shipped workflow.
@Suite("Decision states of the shipped workflows")
struct DecisionStatesTests {
    @Test func decidedAndClosedStatesNeedACompleteFormWithdrawalsDoNot() throws {
        let expected: [String: Set<String>] = [
            "bewohnerparkausweis": ["bewilligt", "abgelehnt", "abgeschlossen"],
            "briefwahl": ["erteilt", "abgelehnt", "abgeschlossen"],
            "gewerbeanmeldung": ["bestaetigt", "abgelehnt", "abgeschlossen"],
            "hundesteuer": ["festgesetzt", "abgelehnt", "abgeschlossen"],
            "sperrmuell": ["abgeholt", "abgeschlossen"],
            "wohngeld": ["bewilligt", "abgelehnt", "abgeschlossen"],
            "wohnsitz_anmeldung": ["gemeldet", "abgelehnt", "abgeschlossen"],
        ]
        let services = try ShippedCatalog.services()
        #expect(Set(services.map(\.id)) == Set(expected.keys))
        for service in services {
            #expect(service.workflow.decisionStates == expected[service.id], "\(service.id)")
            #expect(service.workflow.withdrawalStates == ["zurueckgezogen"], "\(service.id)")
            #expect(!service.workflow.isDecision(service.workflow.initialState))
            #expect(!service.workflow.isDecision("in_bearbeitung"))
        }
    }
}
