import CaseModel
import TerminalKit
import Testing

@testable import ClerkTUI

/// A damaged replica and a full disk on screen, as text.
@Suite("Views: full disk, damaged replica")
struct StorageViewTests {
    static let summary = RescueSummary(
        path: "/home/huber/.local/share/clerk/replica.sqlite.rescue-20261130T091500Z.json", operations: 3,
        drafts: 1, unreadable: 0)

    static func damaged(language: Language = .de) -> AppState {
        var state = ViewScenarios.overview(size: TerminalSize(rows: 24, columns: 80), language: language)
        _ = reduce(&state, .replicaDamaged(detail: "Page 12: btreeInitPage() returns error code 11"))
        _ = reduce(&state, .rescueSaved(summary))
        return state
    }

    @Test func theOfferToRebuildADamagedReplicaAt80x24() {
        let expected = [
            " M. Huber · KVR Bür… ○ offline │ Ausgang 0 │ Konflikte 0 │ Abgleich nie │ 10:15",
            " Übersicht – Ihre Arbeitskörbe",
            "     Arbeitskorb                        Vorgänge  Fristen",
            "   ✗ Meine Vorgänge                        1.234  ✗ 3 überfällig",
            " ▸ ✗ Alle offenen Vorgänge             1.000.000  ✗ 12 überfällig · ! 30 knapp",
            "   ✓ Konflikte klären                          0  im Plan",
            "        ╭─ Replikat beschädigt ────────────────────────────────────────╮",
            " Entwürf│ Das Replikat auf diesem Rechner ist beschädigt. Gesichert in │",
            "     ✎ H│ replica.sqlite.rescue-20261130T091500Z.json: 3 Änderungen    │",
            "        │ aus dem Ausgang und 1 Entwurf. Jetzt neu aufbauen? Die       │",
            "        │ beschädigte Datei wird beiseitegelegt (nicht gelöscht), ein  │",
            "        │ neues Replikat angelegt, die geretteten Änderungen kommen in │",
            "        │ den Ausgang und werden gesendet; die Vorgänge holt der       │",
            "        │ nächste Abgleich aus der Zentrale.                           │",
            "        │                                                              │",
            "        │ [J] Ja    [N] Nein                                           │",
            "        ╰──────────────────────────────────────────────────────────────╯",
            "",
            "",
            "",
            "",
            "  ✓ im Plan  ! Frist knapp  ✗ Frist überschritten  ‖ wartet auf Bürger/in",
            " ✗ Replikat beschädigt – Ausgang (3), Entwürfe (1) gesichert · F5 baut neu auf",
            "F1 Hilfe F2 Suche F3 Zurück F5 Abgleich F8 Runter F10 Menü F12 Abbruch Enter OK",
        ]
        let actual = ViewScenarios.screen(Self.damaged())
        #expect(actual.count == expected.count)
        for (index, line) in zip(actual, expected).enumerated() where line.0 != line.1 {
            Issue.record("line \(index):\n  got      |\(line.0)|\n  expected |\(line.1)|")
        }
    }

    /// The message line when no notice is left: the damage, or a full disk while something waits.
    @Test func theMessageLineKeepsSayingItInEnglish() {
        var state = Self.damaged(language: .en)
        state.modal = nil
        state.notice = nil
        #expect(
            ViewScenarios.screen(state)[22]
                == " ✗ Replica damaged – outbox (3) and drafts (1) saved · F5 rebuilds it")
        state.storage = StorageState(
            fullSince: Fixtures.now, waiting: [WaitingSave(origin: .caseScreen, operations: [])])
        #expect(
            ViewScenarios.screen(state)[22]
                == " ✗ Disk full – what you typed is kept and saved once there is space")
        state.storage.waiting = []
        #expect(ViewScenarios.screen(state)[22] == "")
    }
}
