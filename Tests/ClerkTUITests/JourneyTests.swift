import CaseModel
import DemoData
import Foundation
import OfflineStore
import TerminalKit
import Testing

@testable import ClerkTUI

/// Whole journeys: the real workstation loop on a headless terminal over a real, seeded replica.
@Suite("Journeys", .serialized)
struct JourneyTests {
    static let now = Date(timeIntervalSince1970: 1_796_030_100)

    final class Rig {
        let directory: URL
        let path: String
        var replica: Replica
        let backend: HeadlessBackend
        var workstation: Workstation
        let options: WorkstationOptions

        init(
            cases: Int = 1000, size: TerminalSize = TerminalSize(rows: 24, columns: 80),
            clerk: ClerkIdentity = Fixtures.clerk
        ) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "clerk-journey-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            path = directory.appendingPathComponent("replica.sqlite").path
            options = WorkstationOptions(
                replicaPath: path, services: DemoServices.all, language: .de, clerk: clerk)
            replica = try Replica.open(path: path, services: DemoServices.all)
            let demo = Array(
                DemoCaseGenerator(services: DemoServices.all, count: cases, seed: 7, now: JourneyTests.now))
            try replica.applyCentralChanges(demo.map(\.caseValue), citizens: demo.map(\.citizen), cursor: 1)
            backend = HeadlessBackend(size: size)
            workstation = try makeWorkstation(
                options: options, replica: replica, backend: backend, runnerMode: .inline,
                clock: { JourneyTests.now })
            try workstation.start()
            try workstation.settle()
        }

        /// Starts a fresh workstation on the same replica file, as after a restart.
        func restart() throws {
            try replica.close()
            replica = try Replica.open(path: path, services: DemoServices.all)
            workstation = try makeWorkstation(
                options: options, replica: replica, backend: backend, runnerMode: .inline,
                clock: { JourneyTests.now })
            try workstation.start()
            try workstation.settle()
        }

        func press(_ keys: String...) throws {
            for key in keys { backend.press(key) }
            try workstation.settle()
        }

        func type(_ text: String) throws {
            backend.type(text)
            try workstation.settle()
        }

        var screen: String { backend.screenText().joined(separator: "\n") }

        /// Moves the overview cursor to the queue with this title and opens it.
        func openQueue(_ title: String) throws {
            guard case .queues(let s) = workstation.state.screen,
                let index = s.queues.firstIndex(where: { $0.title.de == title })
            else { throw JourneyError.notFound(title) }
            for _ in 0..<index { backend.press("Down") }
            try press("Enter")
        }

        deinit {
            try? replica.close()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    enum JourneyError: Error { case notFound(String) }

    @Test func openAQueueOpenACaseFixAWrongValueAndFindTheOperationInTheOutbox() throws {
        let rig = try Rig()
        #expect(rig.screen.contains("Übersicht – Ihre Arbeitskörbe"))
        #expect(rig.screen.contains("Hundesteuer"))
        try rig.openQueue("Hundesteuer")
        #expect(rig.screen.contains("Aktenzeichen"))
        #expect(rig.screen.contains("HUN-"))
        guard case .caseList(let list) = rig.workstation.state.screen, let first = list.rows.first else {
            Issue.record("no list:\n\(rig.screen)")
            return
        }
        try rig.press("Enter")
        #expect(rig.screen.contains(first.number))
        #expect(rig.screen.contains("Verlauf") || rig.screen.contains("Angaben"))
        try rig.press("F4")  // edit
        guard case .form = rig.workstation.state.screen else {
            Issue.record("no form:\n\(rig.screen)")
            return
        }
        // The citizen (name, birth date, address, phone), then Halter, Anschrift, Rasse,
        // Chipnummer, Gehalten seit
        try rig.press("Enter", "Enter", "Enter", "Enter")
        try rig.press("Enter", "Enter", "Enter", "Enter")
        try rig.press("Ctrl-U")
        try rig.type("31.02.2026")
        #expect(!rig.screen.contains("✗"))
        try rig.press("Enter")
        #expect(rig.screen.contains("✗"), "a message once the field is left:\n\(rig.screen)")
        try rig.press("Up", "Ctrl-U")
        try rig.type("01.02.2026")
        try rig.press("Enter")
        #expect(!rig.screen.contains("✗ "), "the message is gone:\n\(rig.screen)")
        try rig.press("F4")  // save
        #expect(rig.screen.contains("gespeichert"), "\(rig.screen)")
        guard case .caseDetail(let detail) = rig.workstation.state.screen else {
            Issue.record("not back on the case:\n\(rig.screen)")
            return
        }
        #expect(detail.caseID == first.id)
        let outbox = try rig.replica.pendingOperations(caseID: first.id)
        let expected = LocalDate(year: 2026, month: 2, day: 1).map(FieldValue.date)
        #expect(
            outbox.contains { op in
                if case .setField("seit", _, let new) = op.kind { return new == expected }
                return false
            }, "outbox: \(outbox.map(\.kind))")
        #expect(rig.screen.contains("Ausgang \(try rig.replica.pendingCount())"))
        // The draft is gone once saved.
        #expect(try rig.replica.draftKeys().isEmpty)
    }

    @Test func theHelpOnACaseListNamesItsOwnKeysFirstAndTheOverviewsByName() throws {
        let rig = try Rig(size: TerminalSize(rows: 60, columns: 100))
        try rig.openQueue("Hundesteuer")
        try rig.press("F1")
        let lines = rig.backend.screenText()
        let here = try #require(lines.firstIndex { $0.contains("Vorgangsliste (hier)") }, "\(rig.screen)")
        let claim = try #require(lines.firstIndex { $0.contains("F9") && $0.contains("Übernehmen") })
        #expect(claim > here)
        // F9 on the overview opens the refused changes: said under the overview's own name.
        let overview = try #require(lines.firstIndex { $0.contains("│ Übersicht") }, "\(rig.screen)")
        #expect(lines[overview...].contains { $0.contains("F9") && $0.contains("Abgelehnte Änderungen") })
        #expect(!lines.contains { $0.contains("Listen") })
    }

    @Test func aCitizensAddressIsCorrectedAsItsOwnOperationShownAtOnce() throws {
        let rig = try Rig()
        try rig.openQueue("Hundesteuer")
        guard case .caseList(let list) = rig.workstation.state.screen, let first = list.rows.first else {
            Issue.record("no list:\n\(rig.screen)")
            return
        }
        try rig.press("Enter")
        guard case .caseDetail(let opened) = rig.workstation.state.screen,
            let before = opened.detail?.citizen
        else {
            Issue.record("no case with a citizen:\n\(rig.screen)")
            return
        }
        try rig.press("F4")  // edit: the citizen's fields come first
        #expect(rig.screen.contains("Name der Person"), "\(rig.screen)")
        try rig.press("Enter", "Enter", "Ctrl-U")  // to the address
        try rig.type("Leopoldstraße 12, 80802 München")
        try rig.press("Enter", "F4")  // save
        #expect(rig.screen.contains("gespeichert"), "\(rig.screen)")
        let outbox = try rig.replica.pendingOperations(caseID: first.id)
        let corrections = outbox.compactMap { op -> Citizen? in
            if case .updateCitizen(let citizen) = op.kind { return citizen }
            return nil
        }
        #expect(corrections.count == 1, "outbox: \(outbox.map(\.kind))")
        #expect(corrections.first?.id == before.id)
        #expect(corrections.first?.name == before.name)
        #expect(corrections.first?.address.street == "Leopoldstraße")
        let edits = outbox.filter { if case .setField = $0.kind { true } else { false } }
        #expect(edits.isEmpty, "\(edits.map(\.kind))")
        // Shown at once, before any sync, and in the history.
        #expect(rig.screen.contains("Leopoldstraße 12, 80802 München"), "\(rig.screen)")
        guard case .caseDetail(let shown) = rig.workstation.state.screen else {
            Issue.record("not back on the case:\n\(rig.screen)")
            return
        }
        #expect(
            shown.detail?.history.contains { $0.what.de == "Bürgerdaten berichtigt" && $0.pending } == true)
    }

    @Test func aKilledWorkstationLosesNothingTheDraftReopensWhereItWas() throws {
        let rig = try Rig()
        try rig.press("F4")  // new case
        #expect(rig.screen.contains("Neuer Vorgang"))
        try rig.type("Hunde")
        try rig.press("Enter")  // service
        try rig.press("Enter")  // at the counter
        try rig.press("Enter")  // a new person
        guard case .form = rig.workstation.state.screen else {
            Issue.record("no form:\n\(rig.screen)")
            return
        }
        try rig.type("Maria Huber")
        try rig.press("Enter")
        try rig.type("01.02.19")
        // The process dies here: no quit, no save.
        try rig.restart()
        #expect(rig.screen.contains("Entwürfe"), "\(rig.screen)")
        guard case .queues(let overview) = rig.workstation.state.screen else { return }
        #expect(overview.drafts.count == 1)
        for _ in 0..<overview.queues.count { rig.backend.press("Down") }
        try rig.press("Enter")
        guard case .form(let form) = rig.workstation.state.screen else {
            Issue.record("the draft did not open:\n\(rig.screen)")
            return
        }
        #expect(form.texts[FieldPath("antragsteller_name")] == "Maria Huber")
        #expect(form.texts[FieldPath("antragsteller_geburtsdatum")] == "01.02.19")
        #expect(form.focus == .field(FieldPath("antragsteller_geburtsdatum")))
        #expect(form.caret == 8)
        #expect(rig.screen.contains("Maria Huber"))
    }

    @Test func searchFindsACaseByCitizenNameWhileTyping() throws {
        let rig = try Rig()
        let row = try #require(try rig.replica.queuePage(limit: 1).first)
        let family = try #require(row.citizenName.split(separator: ",").first.map(String.init))
        try rig.press("F2")
        try rig.type(family)
        #expect(rig.screen.contains("Treffer"), "\(rig.screen)")
        #expect(rig.screen.contains(family))
    }

    @Test func aCursorMoveWritesFarLessThanAFullRepaint() throws {
        let rig = try Rig()
        try rig.openQueue("Alle offenen Vorgänge")
        rig.backend.resetCounters()
        try rig.press("Down")
        let move = rig.backend.bytesWritten
        rig.backend.resetCounters()
        try rig.press("Ctrl-L")
        let full = rig.backend.bytesWritten
        #expect(move > 0)
        #expect(full > 0)
        #expect(Double(move) <= 0.15 * Double(full), "move \(move) bytes, full \(full) bytes")
    }

    @Test func scrollingTheListRowByRowWritesLittleAndKeepsTheScreenExact() throws {
        let rig = try Rig()
        try rig.openQueue("Alle offenen Vorgänge")
        rig.backend.resetCounters()
        try rig.press("Ctrl-L")
        let full = rig.backend.bytesWritten
        /// The screen after the last key, and the same after a full repaint: they must be equal.
        func expectExactScreen(_ what: String) throws {
            let incremental = rig.backend.screen
            try rig.press("Ctrl-L")
            #expect(rig.backend.screen == incremental, "\(what):\n\(rig.screen)")
        }
        // Down past the bottom of the screen: every move that scrolls writes under 15%.
        for step in 1...40 {
            rig.backend.resetCounters()
            try rig.press("Down")
            let bytes = rig.backend.bytesWritten
            #expect(Double(bytes) <= 0.15 * Double(full), "down \(step): \(bytes) of \(full) bytes")
        }
        try expectExactScreen("after scrolling down")
        for step in 1...40 {
            rig.backend.resetCounters()
            try rig.press("Up")
            let bytes = rig.backend.bytesWritten
            #expect(Double(bytes) <= 0.15 * Double(full), "up \(step): \(bytes) of \(full) bytes")
        }
        try expectExactScreen("after scrolling back up")
        #expect(rig.screen.contains("▸"))
    }

    @Test func endGoesToTheLastCaseOfTheWholeQueueAndHomeBackToTheFirst() throws {
        let rig = try Rig(cases: 8000)
        let all = try rig.replica.queuePage(filter: QueueFilter(), sort: .dueDate, limit: 100_000)
        // More open cases than one page, and than the 150 rows walked back up below.
        try #require(all.count > max(CaseListState.pageSize, 150) + 1, "\(all.count) open cases")
        let first = try #require(all.first)
        let last = try #require(all.last)
        try rig.openQueue("Alle offenen Vorgänge")
        #expect(!rig.screen.contains(last.number))
        try rig.press("End")
        guard case .caseList(let atEnd) = rig.workstation.state.screen else {
            Issue.record("not on the list")
            return
        }
        #expect(atEnd.rows.last?.id == last.caseID)
        #expect(atEnd.rows[atEnd.cursor].id == last.caseID)
        #expect(rig.screen.contains("▸ " + last.number), "\(rig.screen)")
        // Up from the end goes on smoothly into the rows before the last page.
        for _ in 0..<150 { rig.backend.press("Up") }
        try rig.workstation.settle()
        guard case .caseList(let upward) = rig.workstation.state.screen else { return }
        #expect(upward.rows[upward.cursor].id == all[all.count - 151].caseID)
        #expect(rig.screen.contains("▸ " + all[all.count - 151].number), "\(rig.screen)")
        try rig.press("Home")
        guard case .caseList(let atStart) = rig.workstation.state.screen else { return }
        #expect(atStart.rows[atStart.cursor].id == first.caseID)
        #expect(rig.screen.contains("▸ " + first.number), "\(rig.screen)")
    }

    @Test func resizingBelowTheMinimumShowsAMessageAndRecovers() throws {
        let rig = try Rig()
        rig.backend.resize(to: TerminalSize(rows: 20, columns: 60))
        try rig.workstation.settle()
        #expect(rig.screen.contains("zu klein"))
        #expect(rig.screen.contains("60×20"))
        rig.backend.resize(to: TerminalSize(rows: 24, columns: 80))
        try rig.workstation.settle()
        #expect(rig.screen.contains("Übersicht"))
    }
}
