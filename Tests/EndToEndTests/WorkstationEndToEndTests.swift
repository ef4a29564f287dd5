import Foundation
import Testing

/// The real `clerk` binary in tmux: start, navigate, resize, quit, and the terminal is back.
@Suite("Workstation in tmux", .serialized)
struct WorkstationEndToEndTests {
    /// The package root, from this file's place in `Tests/EndToEndTests/`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var binary: String { root.appendingPathComponent(".build/debug/clerk").path }
    /// The password the test replicas are sealed with (given as `CLERK_PASSWORD`).
    static let password = "e2e-Geheim"

    /// A scratch folder with a fresh replica path, and a shell in tmux at 80×24.
    func session() throws -> (TmuxSession, String) {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw E2EError.missingBinary(Self.binary)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "clerk-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let tmux = try TmuxSession(columns: 80, rows: 24, directory: directory.path)
        try tmux.waitFor("$")
        return (tmux, directory.path)
    }

    func start(_ tmux: TmuxSession, in directory: String, lang: String = "de", role: String = "counter")
        throws
    {
        try tmux.type(
            "CLERK_PASSWORD='\(Self.password)' '\(Self.binary)' workstation --demo-services"
                + " --replica '\(directory)/replica.sqlite' --lang \(lang) --role \(role); echo EXIT=$?")
        try tmux.press("Enter")
    }

    @Test func startNavigateResizeQuitAndTheTerminalIsRestored() throws {
        let (tmux, directory) = try session()
        try tmux.type("echo before-clerk")
        try tmux.press("Enter")
        try tmux.waitFor("before-clerk\n")
        try start(tmux, in: directory)
        var screen = try tmux.waitFor("Übersicht – Ihre Arbeitskörbe")
        #expect(screen.contains("offline"))
        #expect(screen.contains("Ausgang 0"))
        #expect(screen.contains("Hilfe"), "the footer comes from the keymap:\n\(screen)")
        // Navigate: help, search, back.
        try tmux.press("F1")
        screen = try tmux.waitFor("Tasten – default")
        try tmux.press("Escape")
        try tmux.waitUntilGone("Tasten – default")
        try tmux.press("F2")
        screen = try tmux.waitFor("Vorgänge suchen")
        try tmux.press("F3")
        try tmux.waitFor("Übersicht – Ihre Arbeitskörbe")
        // Too small: a clear message, never garbage; and back.
        try tmux.resize(columns: 60, rows: 20)
        screen = try tmux.waitFor("zu klein")
        #expect(screen.contains("60×20"))
        try tmux.resize(columns: 80, rows: 24)
        screen = try tmux.waitFor("Übersicht – Ihre Arbeitskörbe")
        #expect(!screen.contains("zu klein"))
        // Quit; the shell and what was on the screen before come back.
        try tmux.press("M-x")
        screen = try tmux.waitFor("EXIT=0")
        #expect(screen.contains("before-clerk"), "the screen before the workstation is restored:\n\(screen)")
        #expect(!screen.contains("Übersicht"))
        // Echo and line editing are on again: `stty` lists them without a minus.
        try tmux.type(
            "stty -a | tr ' ;' '\\n\\n' | grep -x -e echo -e icanon | tr '\\n' ' '; echo STTY-$((40+2))")
        try tmux.press("Enter")
        screen = try tmux.waitFor("STTY-42")
        #expect(
            screen.contains("icanon echo STTY-42") || screen.contains("echo icanon STTY-42"),
            "the terminal is back in its normal modes:\n\(screen)")
    }

    @Test func aKilledWorkstationKeepsTheDraftAndReopensIt() throws {
        let (tmux, directory) = try session()
        try start(tmux, in: directory)
        try tmux.waitFor("Übersicht – Ihre Arbeitskörbe")
        try tmux.press("F4")
        try tmux.waitFor("Neuer Vorgang")
        try tmux.type("Hunde")
        try tmux.waitFor("Hundesteuer")
        try tmux.press("Enter")
        try tmux.waitFor("Wie kam der Antrag herein?")
        try tmux.press("Enter")
        try tmux.waitFor("Neue Person erfassen")
        try tmux.press("Enter")
        try tmux.waitFor("Name der Person")
        try tmux.type("Jürgen Müller")
        try tmux.waitFor("Jürgen Müller")
        Thread.sleep(forTimeInterval: 0.5)
        // Kill the process the hard way: no chance to save anything on the way out.
        let shell = try tmux.tmux("list-panes", "-t", tmux.name, "-F", "#{pane_pid}")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let child = try TmuxSession.run("/bin/ps", ["-o", "pid=", "--ppid", shell])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(Int(child) != nil, "the workstation runs as the shell's child: \(child)")
        _ = try TmuxSession.run("/bin/kill", ["-KILL", child])
        try tmux.waitFor("EXIT=137")
        // Nobody restored the terminal (that is what kill -9 means): the tty is still raw, so
        // the line ends with Ctrl-J, and `reset` brings it back.
        try tmux.type("reset; clear")
        try tmux.press("C-j")
        Thread.sleep(forTimeInterval: 1)
        try start(tmux, in: directory)
        var screen = try tmux.waitFor("Entwürfe")
        #expect(screen.contains("Hundesteuer – Neuer Vorgang"), "the draft is listed:\n\(screen)")
        // The draft is the last line of the overview: go there and open it.
        try tmux.press("End")
        try tmux.press("Enter")
        screen = try tmux.waitFor("Jürgen Müller")
        #expect(screen.contains("Neuer Vorgang · Hundesteuer"))
        try tmux.press("M-x")
        screen = try tmux.waitFor("Trotzdem beenden?")
        try tmux.type("j")
        try tmux.waitFor("EXIT=0")
    }

    @Test func sigtermEndsCleanlyWithStatusZeroAndTheTerminalRestored() throws {
        let (tmux, directory) = try session()
        try tmux.type("echo before-clerk")
        try tmux.press("Enter")
        try tmux.waitFor("before-clerk\n")
        try start(tmux, in: directory)
        try tmux.waitFor("Übersicht – Ihre Arbeitskörbe")
        let shell = try tmux.tmux("list-panes", "-t", tmux.name, "-F", "#{pane_pid}")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let child = try TmuxSession.run("/bin/ps", ["-o", "pid=", "--ppid", shell])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try TmuxSession.run("/bin/kill", ["-TERM", child])
        let screen = try tmux.waitFor("EXIT=0")
        #expect(screen.contains("EXIT=0"), "a clean shutdown:\n\(screen)")
        #expect(!screen.contains("Error"), "no error on the way out:\n\(screen)")
        #expect(screen.contains("before-clerk"), "the screen before is restored:\n\(screen)")
        #expect(!screen.contains("Übersicht"))
    }

    /// The screen once it stops changing (two captures 300 ms apart are equal).
    func settledScreen(_ tmux: TmuxSession) throws -> [String] {
        var last = try tmux.screen()
        for _ in 0..<30 {
            Thread.sleep(forTimeInterval: 0.3)
            let now = try tmux.screen()
            if now == last { break }
            last = now
        }
        return last.components(separatedBy: "\n")
    }

    @Test func scrollingAListPastTheScreenAndBackKeepsEveryRowExact() throws {
        let (tmux, directory) = try session()
        let seeded = try TmuxSession.run(
            "/usr/bin/env",
            [
                "CLERK_PASSWORD=\(Self.password)", Self.binary, "seed", "--replica",
                "\(directory)/replica.sqlite",
                "--cases", "5000", "--seed", "1",
            ])
        #expect(seeded.contains("5000 Vorgänge"), "\(seeded)")
        try start(tmux, in: directory)
        try tmux.waitFor("Übersicht – Ihre Arbeitskörbe")
        try tmux.waitFor("Alle offenen Vorgänge")  // the queues are loaded
        try tmux.press("Down", "Enter")
        try tmux.waitFor("Alle offenen Vorgänge (")
        let initial = try settledScreen(tmux)
        // The queue holds more rows than the walk below (its count is in the title).
        let title = initial.first { $0.contains("Alle offenen Vorgänge (") } ?? ""
        let count = Int((title.split(separator: "(").last ?? "").filter(\.isNumber)) ?? 0
        try #require(count > 80, "\(initial.joined(separator: "\n"))")
        /// The screen drawn change by change equals the same screen painted in full (Ctrl-L);
        /// the status bar (row 0, with the clock) is checked for its text only.
        func expectExact(_ what: String) throws -> [String] {
            let incremental = try settledScreen(tmux)
            try tmux.press("C-l")
            let repainted = try settledScreen(tmux)
            #expect(
                Array(incremental.dropFirst()) == Array(repainted.dropFirst()),
                "\(what):\n\(incremental.joined(separator: "\n"))\n--- repainted:\n\(repainted.joined(separator: "\n"))"
            )
            #expect(incremental.first?.contains("offline") ?? false, "status bar: \(incremental.first ?? "")")
            #expect(
                incremental.contains { $0.contains("Hilfe") },
                "footer:\n\(incremental.joined(separator: "\n"))")
            #expect(incremental.filter { $0.contains("▸") }.count == 1, "one selected row")
            return incremental
        }
        // Down row by row, well past the bottom of the screen, then a page, then back up past the top.
        for _ in 0..<45 {
            try tmux.press("Down")
            Thread.sleep(forTimeInterval: 0.03)
        }
        let down = try expectExact("after 45 rows down")
        #expect(down.last { $0.contains("▸") } != initial.last { $0.contains("▸") })
        try tmux.press("NPage")
        _ = try expectExact("after a page down")
        try tmux.press("PPage")
        for _ in 0..<45 {
            try tmux.press("Up")
            Thread.sleep(forTimeInterval: 0.03)
        }
        let up = try expectExact("after scrolling back up")
        #expect(Array(up.dropFirst()) == Array(initial.dropFirst()), "back where the list started")
        try tmux.press("M-x")
        try tmux.waitFor("EXIT=0")
    }

    @Test func englishWithLangEn() throws {
        let (tmux, directory) = try session()
        try start(tmux, in: directory, lang: "en")
        let screen = try tmux.waitFor("Overview – your queues")
        #expect(screen.contains("Help"))
        try tmux.press("M-x")
        try tmux.waitFor("EXIT=0")
    }
}
