import CaseModel
import Foundation
import OfflineStore
import TerminalKit

@testable import ClerkTUI

/// States the view tests draw.
enum ViewScenarios {
    static func screen(_ state: AppState) -> [String] {
        var buffer = ScreenBuffer(size: state.size)
        render(state, into: &buffer)
        return buffer.text(trimmingTrailingSpaces: true)
    }

    static func overview(size: TerminalSize, language: Language = .de) -> AppState {
        var state = Fixtures.state(size: size, language: language)
        let mine = QueueSummary(
            id: "mine", title: LocalizedText(de: "Meine Vorgänge", en: "My cases"),
            filter: QueueFilter(assignee: "m.huber"), count: 1_234, red: 3, yellow: 0)
        let conflicts = QueueSummary(
            id: "conflicts", title: LocalizedText(de: "Konflikte klären", en: "Conflicts to resolve"),
            filter: QueueFilter(openOnly: false, conflictsOnly: true), count: 0, red: 0, yellow: 0)
        let draft = FormDraft(
            key: "new-1", serviceID: "hundesteuer", formVersion: 3, caseID: Fixtures.row(1).id,
            channel: .counter,
            citizen: nil, caseNumber: nil, baseVersion: nil, original: nil, texts: ["hundename": "Bello"],
            rowCounts: [:], focus: "hundename", caret: 5, savedAt: Fixtures.now.addingTimeInterval(-300))
        _ = reduce(
            &state,
            .queuesLoaded(
                [mine, Fixtures.queue, conflicts],
                drafts: [DraftSummary(draft: draft, title: Fixtures.dogTax.title)]))
        _ = reduce(&state, Fixtures.key("Down"))
        return state
    }

    static func list(size: TerminalSize) -> AppState {
        var state = Fixtures.state(size: size)
        _ = reduce(&state, .queuesLoaded([Fixtures.queue], drafts: []))
        let effects = reduce(&state, Fixtures.key("Enter"))
        guard case .loadPage(let request)? = effects.first else { return state }
        var rows = (1...60).map { Fixtures.row($0) }
        rows[1].citizen = "王, 小明"
        rows[1].light = .yellow
        rows[1].workingDaysLeft = 1
        rows[2].light = .red
        rows[2].workingDaysLeft = -3
        rows[2].claimedBy = "s.yilmaz"
        rows[3].light = .paused
        rows[3].state = LocalizedText(de: "Rückfrage beim Bürger", en: "Query")
        _ = reduce(&state, .pageLoaded(request, CasePage(rows: rows, hasMore: true)))
        _ = reduce(&state, Fixtures.key("Down"))
        return state
    }

    static func form(size: TerminalSize) -> AppState {
        var state = Fixtures.state(size: size)
        let citizen = Citizen(
            id: Fixtures.row(1).id, name: PersonName(given: "Jürgen", family: "Müller"),
            dateOfBirth: LocalDate(year: 1950, month: 2, day: 1) ?? LocalDate(dayNumber: 0),
            address: PostalAddress(
                street: "Leopoldstraße", houseNumber: "12", postcode: "80802", city: "München"))
        _ = openNewCaseForm(&state, Fixtures.dogTax, channel: .counter, citizen: citizen)
        for ch in "Bello" { _ = reduce(&state, .keyPressed(.character(ch))) }
        _ = reduce(&state, Fixtures.key("Enter"))
        for ch in "31.02.2020" { _ = reduce(&state, .keyPressed(.character(ch))) }
        _ = reduce(&state, Fixtures.key("Enter"))
        _ = reduce(&state, .keyPressed(.character("j")))
        _ = reduce(&state, .draftSaved(key: "x", at: Fixtures.now))
        return state
    }

    static func caseDetail(size: TerminalSize) -> AppState {
        var state = Fixtures.state(size: size)
        let c = Case(
            id: Fixtures.row(7).id, number: "HUN-2026-0000007", serviceID: "hundesteuer", formVersion: 3,
            orgUnit: "stk", channel: .phone, state: "eingegangen", citizenID: Fixtures.row(1).id,
            fields: [
                "hundename": .text("Bello"), "kampfhund": .bool(false), "gebuehr": .money(cents: 10_000),
            ],
            claim: Claim(clerk: "m.huber", until: Fixtures.now.addingTimeInterval(1_800)),
            receivedAt: Fixtures.now.addingTimeInterval(-86_400 * 7),
            comments: [
                Comment(
                    id: Fixtures.row(9).id, clerk: "s.yilmaz", at: Fixtures.now.addingTimeInterval(-3_600),
                    text: "Halter ruft zurück – 王 spricht nur wenig Deutsch.")
            ], version: 4)
        let citizen = Citizen(
            id: Fixtures.row(1).id, name: PersonName(given: "Jürgen", family: "Müller"),
            dateOfBirth: LocalDate(year: 1950, month: 2, day: 1) ?? LocalDate(dayNumber: 0),
            address: PostalAddress(
                street: "Leopoldstraße", houseNumber: "12", postcode: "80802", city: "München"),
            phone: "+49 89 1234567")
        let detail = CaseDetail(
            value: c, citizen: citizen, service: Fixtures.dogTax,
            history: [
                TimelineEntry(
                    at: Fixtures.now.addingTimeInterval(-86_400 * 7), clerk: "s.yilmaz",
                    what: LocalizedText(de: "Vorgang HUN-2026-0000007 angelegt", en: "Case created")),
                TimelineEntry(
                    at: Fixtures.now.addingTimeInterval(-60), clerk: "m.huber",
                    what: LocalizedText(de: "Vorgang übernommen", en: "Case claimed"), pending: true),
            ],
            due: LocalDate(year: 2026, month: 12, day: 4), workingDaysLeft: 4, light: .green, stalled: false,
            allowedTransitions: Fixtures.workflow.transitions(from: "eingegangen", for: .counter))
        state.stack.append(.caseDetail(CaseDetailState(caseID: c.id, detail: detail)))
        return state
    }
}
