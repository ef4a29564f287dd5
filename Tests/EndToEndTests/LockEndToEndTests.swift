import Foundation
import Testing

/// The sealed replica and the lock screen in the real `clerk` binary in tmux: the start-up
/// password, the idle lock that hides every citizen, wrong and right passwords, `clerk lock`, and
/// `clerk demo` starting straight in.
@Suite("Lock screen in tmux", .serialized)
struct LockEndToEndTests {
    static var binary: String { WorkstationEndToEndTests.binary }
    static let password = WorkstationEndToEndTests.password

    func session() throws -> (TmuxSession, String) {
        try WorkstationEndToEndTests().session()
    }

    /// Seeds a sealed replica with a few cases.
    func seed(_ directory: String) throws {
        let seeded = try TmuxSession.run(
            "/usr/bin/env",
            [
                "CLERK_PASSWORD=\(Self.password)", Self.binary, "seed", "--replica",
                "\(directory)/replica.sqlite",
                "--cases", "400", "--seed", "7",
            ])
        #expect(seeded.contains("400 Vorgänge"), "\(seeded)")
    }

    /// The case numbers and the family names ("Family, Given…") in the list rows of a screen.
    func personalData(_ screen: String) -> [String] {
        var found: [String] = []
        for line in screen.split(separator: "\n").map(String.init) {
            guard let number = line.range(of: #"[A-Z]{2,4}-\d{4}-\d+"#, options: .regularExpression) else {
                continue
            }
            found.append(String(line[number]))
            let rest = line[number.upperBound...]
            if let name = rest.range(of: #"[\p{L}][\p{L}\-]+(?=,)"#, options: .regularExpression) {
                found.append(String(rest[name]))
            }
        }
        return found
    }

    /// The screen's rows between the status bar and the message line.
    func body(_ screen: String) -> [String] {
        Array(
            screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropFirst()
                .prefix(20))
    }

    @Test func theIdleLockHidesEveryCitizenAndTheRightPasswordReturnsToTheSameScreen() throws {
        let (tmux, directory) = try session()
        try seed(directory)
        try tmux.type(
            "CLERK_PASSWORD='\(Self.password)' '\(Self.binary)' --replica '\(directory)/replica.sqlite'"
                + " --lock-after 3; echo EXIT=$?")
        try tmux.press("Enter")
        try tmux.waitFor("Übersicht – Ihre Arbeitskörbe")
        #expect(
            (try? String(contentsOfFile: "\(directory)/replica.sqlite", encoding: .utf8))?.contains(
                "SQLite format") != true,
            "the replica is sealed on disk")
        try tmux.waitFor("Alle offenen Vorgänge")
        try tmux.press("Down", "Enter")
        var before = try tmux.waitFor("Alle offenen Vorgänge (")
        // The rows arrive a moment after the title.
        for _ in 0..<30 where personalData(before).count < 8 {
            Thread.sleep(forTimeInterval: 0.05)
            before = try tmux.screen()
        }
        let secrets = personalData(before)
        try #require(secrets.count >= 4, "names and case numbers are on the list:\n\(before)")

        // Two seconds without a key: locked, and nothing of the list is left on the terminal.
        let locked = try tmux.waitFor("Gesperrt", timeout: 10)
        for secret in secrets {
            #expect(!locked.contains(secret), "\(secret) is still visible:\n\(locked)")
        }
        #expect(locked.contains("M. Huber"))
        #expect(locked.contains("Passwort:"))

        try tmux.type("falsch")
        #expect(!(try tmux.screen()).contains("falsch"), "the password is never echoed")
        try tmux.press("Enter")
        try tmux.waitFor("Falsches Passwort.", timeout: 10)
        try tmux.waitUntilGone("Nächster Versuch", timeout: 10)
        try tmux.type(Self.password)
        try tmux.press("Enter")
        let after = try tmux.waitFor("Alle offenen Vorgänge (", timeout: 10)
        #expect(
            body(after) == body(before), "the same screen, cursor and all:\n\(after)\n--- before:\n\(before)")
        try tmux.press("M-x")
        try tmux.waitFor("EXIT=0")
    }

    @Test func clerkLockLocksARunningWorkstation() throws {
        let (tmux, directory) = try session()
        try tmux.type(
            "CLERK_PASSWORD='\(Self.password)' '\(Self.binary)' --demo-services --replica '\(directory)/replica.sqlite'"
                + " --lock-after 0; echo EXIT=$?")
        try tmux.press("Enter")
        try tmux.waitFor("Übersicht – Ihre Arbeitskörbe")
        Thread.sleep(forTimeInterval: 1.5)
        #expect(!(try tmux.screen()).contains("Gesperrt"), "--lock-after 0 never locks by time")
        let said = try TmuxSession.run(
            "/usr/bin/env", ["-u", "XDG_STATE_HOME", "HOME=\(directory)", Self.binary, "lock"])
        #expect(said.contains("Ein Arbeitsplatz wird gesperrt."), "\(said)")
        try tmux.waitFor("Gesperrt", timeout: 10)
        try tmux.type(Self.password)
        try tmux.press("Enter")
        try tmux.waitFor("Übersicht – Ihre Arbeitskörbe", timeout: 10)
        // The lock key does the same.
        try tmux.press("M-l")
        try tmux.waitFor("Gesperrt", timeout: 10)
        try tmux.type(Self.password)
        try tmux.press("Enter")
        try tmux.waitFor("Übersicht – Ihre Arbeitskörbe", timeout: 10)
        try tmux.press("M-x")
        try tmux.waitFor("EXIT=0")
        // The workstation is gone, and so is its id file.
        let none = try TmuxSession.run(
            "/usr/bin/env", ["-u", "XDG_STATE_HOME", "HOME=\(directory)", Self.binary, "lock"])
        #expect(none.contains("Kein laufender Arbeitsplatz"), "\(none)")
    }

    @Test func aNewReplicaAsksForItsPasswordTwiceAtTheStartPrompt() throws {
        let (tmux, directory) = try session()
        try tmux.type(
            "'\(Self.binary)' --demo-services --replica '\(directory)/replica.sqlite'; echo EXIT=$?")
        try tmux.press("Enter")
        try tmux.waitFor("Passwort für das neue Replikat festlegen")
        try tmux.type("neu-geheim")
        try tmux.press("Enter")
        try tmux.waitFor("Passwort wiederholen:")
        try tmux.type("neu-geheim")
        try tmux.press("Enter")
        try tmux.waitFor("Übersicht – Ihre Arbeitskörbe", timeout: 15)
        try tmux.press("M-x")
        try tmux.waitFor("EXIT=0")
        // The next start asks once; Esc leaves without opening anything.
        try tmux.type(
            "clear; '\(Self.binary)' --demo-services --replica '\(directory)/replica.sqlite'; echo EXIT=$?")
        try tmux.press("Enter")
        let prompt = try tmux.waitFor("Arbeitsplatz entsperren")
        #expect(prompt.contains("Angemeldet: M. Huber"))
        try tmux.press("Escape")
        try tmux.waitFor("EXIT=1")
    }

    @Test func demoStartsStraightInAndItsPasswordUnlocks() throws {
        let (tmux, directory) = try session()
        // A demo replica an older version left unencrypted.
        _ = try TmuxSession.run(
            "/usr/bin/env",
            [
                "-u", "CLERK_PASSWORD", Self.binary, "seed", "--replica",
                "\(directory)/demo/replica-anna.sqlite", "--cases", "1",
            ])
        let port = Int.random(in: 20_000..<40_000)
        try tmux.type(
            "'\(Self.binary)' demo --folder '\(directory)/demo' --cases 40 --port \(port); echo EXIT=$?")
        try tmux.press("Enter")
        try tmux.waitFor("Übersicht – Ihre Arbeitskörbe", timeout: 90)
        try tmux.press("M-l")
        let locked = try tmux.waitFor("Gesperrt", timeout: 10)
        #expect(locked.contains("Demo-Passwort: demo"), "\(locked)")
        try tmux.type("demo")
        try tmux.press("Enter")
        try tmux.waitFor("Übersicht – Ihre Arbeitskörbe", timeout: 10)
        try tmux.press("M-x")
        let end = try tmux.waitFor("EXIT=0", timeout: 20)
        #expect(end.contains("unverschlüsselt"), "the old plain demo replica was replaced:\n\(end)")
        #expect(FileManager.default.fileExists(atPath: "\(directory)/demo/replica-anna.sqlite.key"))
    }
}
