import CaseModel
import Foundation
import OfflineStore
import TerminalKit
import Testing

@testable import ClerkTUI

/// The start-up unlock: the prompt on a headless terminal, the password from the environment,
/// a new key file, and a plain replica that is never replaced.
struct WorkstationUnlockTests {
    static let cheap = ScryptCost(n: 1 << 10, r: 8, p: 1)

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("clerk-unlock-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func unlock(_ path: String, _ missing: WorkstationUnlock.MissingKeyFile = .create) -> WorkstationUnlock {
        WorkstationUnlock(
            replicaPath: path, clerkName: "Anna Berger", server: "https://zentrale.example", language: .de,
            whenKeyFileMissing: missing, cost: Self.cheap)
    }

    @Test func aNewReplicaAsksForThePasswordTwice() throws {
        let path = try folder().appendingPathComponent("replica.sqlite").path
        let backend = ScriptedBackend(stages: [
            (nil, "erst\n"),
            ({ $0.contains("Passwort wiederholen:") }, "anders\n"),
            ({ $0.contains("stimmen nicht überein") }, "geheim\n"),
            ({ $0.contains("Passwort wiederholen:") }, "geheim\n"),
        ])
        let keyFile = try unlock(path).prompt(on: backend)
        #expect(FileManager.default.fileExists(atPath: keyFile.path))
        #expect(backend.seen.contains { $0.contains("Passwort für das neue Replikat festlegen") })
        // The new key file opens with the password given twice, and only with it.
        _ = try ReplicaKeyFile.unlock(forReplica: path, password: "geheim")
        #expect(throws: ReplicaError.self) { try ReplicaKeyFile.unlock(forReplica: path, password: "erst") }
    }

    @Test func aWrongPasswordIsSaidThenWaitedForAndKeysDuringTheWaitAreDropped() throws {
        let path = try folder().appendingPathComponent("replica.sqlite").path
        _ = try ReplicaKeyFile.create(forReplica: path, password: "geheim", cost: Self.cheap)
        let backend = ScriptedBackend(stages: [
            (nil, "falsch\n"),
            // Typed during the wait: dropped, so the next password is not "xgeheim".
            ({ $0.contains("Nächster Versuch in") }, "x"),
            ({ $0.contains("Falsches Passwort.") && !$0.contains("Nächster Versuch") }, "geheim\n"),
        ])
        let keyFile = try unlock(path).prompt(on: backend)
        #expect(keyFile.path == ReplicaKeyFile.path(forReplica: path))
        let screens = backend.seen.joined(separator: "\n")
        #expect(screens.contains("Arbeitsplatz entsperren"))
        #expect(screens.contains("Angemeldet: Anna Berger"))
        #expect(screens.contains("Zentrale: https://zentrale.example"))
        #expect(!screens.contains("falsch") && !screens.contains("geheim"), "the password is never shown")
    }

    @Test func escLeavesThePromptAndCreatesNothing() throws {
        let path = try folder().appendingPathComponent("replica.sqlite").path
        let backend = ScriptedBackend(stages: [(nil, "abc")])
        backend.inner.press("Esc")
        #expect(throws: WorkstationUnlock.Cancelled.self) { try unlock(path).prompt(on: backend) }
        #expect(!FileManager.default.fileExists(atPath: ReplicaKeyFile.path(forReplica: path)))
    }

    @Test func aPlainReplicaOfAnOlderVersionIsRefusedAndKept() throws {
        let path = try folder().appendingPathComponent("replica.sqlite").path
        let plain = try Replica.open(path: path)
        try plain.close()
        var start = unlock(path)
        start.knownPassword = "demo"
        #expect(throws: WorkstationStartError.self) { try start.unlock() }
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: ReplicaKeyFile.path(forReplica: path)))

        let refused = unlock(
            try folder().appendingPathComponent("r.sqlite").path,
            .refuse(LocalizedText(de: "Bitte anmelden.", en: "Please log in.")))
        #expect(throws: WorkstationStartError.self) { try refused.unlock() }
    }

    @Test func theKnownPasswordCreatesThenUnlocksAndAWrongOneEndsTheStart() throws {
        let path = try folder().appendingPathComponent("replica.sqlite").path
        var start = unlock(path)
        start.knownPassword = "demo"
        let created = try start.unlock()
        let again = try start.unlock()
        #expect(created.path == again.path)
        let replica = try Replica.open(path: path, key: again.key)
        try replica.close()
        start.knownPassword = "falsch"
        #expect(throws: WorkstationStartError.self) { try start.unlock() }
    }

    @Test func thePasswordVariableIsReadOnceAndRemoved() {
        setenv(WorkstationUnlock.passwordVariable, "aus-der-umgebung", 1)
        #expect(WorkstationUnlock.takePasswordFromEnvironment() == "aus-der-umgebung")
        #expect(getenv(WorkstationUnlock.passwordVariable) == nil)
        #expect(WorkstationUnlock.takePasswordFromEnvironment() == nil)
    }

    @Test func theLockCheckAnswersRightWrongAndMissing() throws {
        let path = try folder().appendingPathComponent("replica.sqlite").path
        let keyFile = try ReplicaKeyFile.create(forReplica: path, password: "geheim", cost: Self.cheap)
        let check = WorkstationLock.check(keyFile: keyFile.path)
        #expect(check("geheim") == .accepted)
        #expect(check("falsch") == .wrongPassword)
        try FileManager.default.removeItem(atPath: keyFile.path)
        guard case .failed = check("geheim") else {
            Issue.record("a missing key file is a failure, not a wrong password")
            return
        }
    }
}

/// A headless terminal that types each stage's text once the screen shows what the stage waits
/// for, and gives up (throws) when nothing happens for a few seconds.
final class ScriptedBackend: TerminalBackend {
    struct GaveUp: Error {}
    let inner = HeadlessBackend(size: TerminalSize(rows: 24, columns: 80))
    var stages: [(((String) -> Bool)?, String)]
    /// Every screen shown, as text.
    var seen: [String] = []
    private var idlePolls = 0

    init(stages: [(((String) -> Bool)?, String)]) { self.stages = stages }

    var size: TerminalSize { inner.size }
    var colorSupport: ColorSupport { inner.colorSupport }
    var bytesWritten: Int { inner.bytesWritten }
    var cellsWritten: Int { inner.cellsWritten }
    func draw(_ changes: ScreenChanges) throws { try inner.draw(changes) }
    func present() throws {
        try inner.present()
        seen.append(inner.screenText().joined(separator: "\n"))
    }
    func setCursor(_ cursor: CursorState) throws { try inner.setCursor(cursor) }
    func suspend() throws { try inner.suspend() }
    func restore() throws { try inner.restore() }

    func pollInput(timeout: Duration) throws -> KeyEvent? {
        if inner.pendingInputCount == 0, let (waitFor, text) = stages.first,
            waitFor?(seen.last ?? "") ?? true
        {
            stages.removeFirst()
            for character in text {
                if character == "\n" { inner.press("Enter") } else { inner.type(String(character)) }
            }
        }
        if let event = try inner.pollInput(timeout: .zero) {
            idlePolls = 0
            return event
        }
        idlePolls += 1
        if idlePolls > 5000 { throw GaveUp() }
        Thread.sleep(forTimeInterval: 0.002)
        return nil
    }
}
