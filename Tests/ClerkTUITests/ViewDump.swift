import TerminalKit
import Testing

@testable import ClerkTUI

@Test func dumpScreens() {
    let small = TerminalSize(rows: 24, columns: 80)
    let big = TerminalSize(rows: 43, columns: 132)
    for (name, state) in [
        ("overview80", ViewScenarios.overview(size: small)), ("list80", ViewScenarios.list(size: small)),
        ("list132", ViewScenarios.list(size: big)), ("form80", ViewScenarios.form(size: small)),
        ("case132", ViewScenarios.caseDetail(size: big)), ("case80", ViewScenarios.caseDetail(size: small)),
        (
            "small",
            {
                var s = ViewScenarios.overview(size: small);
                _ = reduce(&s, .resized(TerminalSize(rows: 20, columns: 60))); return s
            }()
        ),
        ("overview-en", ViewScenarios.overview(size: small, language: .en)),
    ] {
        print("=== \(name)")
        for line in ViewScenarios.screen(state) { print("|" + line) }
    }
}
