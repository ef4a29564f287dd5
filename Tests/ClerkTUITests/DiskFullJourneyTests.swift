import CaseModel
import DemoData
import Foundation
import Synchronization
import TerminalKit
import Testing

@testable import ClerkTUI
@testable import OfflineStore

/// The workstation on a disk without space: SQLite's `max_page_count` caps the replica at its size,
/// after a `VACUUM` left no free page in it, so every write that needs a page fails as on a full
/// disk (`SQLITE_FULL`).
@Suite("Journeys: a full disk", .serialized)
struct DiskFullJourneyTests {
    static let now = JourneyTests.now

    @Test(arguments: [Language.de, .en])
    func aNoteTypedOnAFullDiskStaysOnScreenAndIsSavedOnceThereIsSpace(language: Language) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "clerk-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("replica.sqlite").path
        let seeding = try Replica.open(path: path, services: DemoServices.all)
        let demo = Array(DemoCaseGenerator(services: DemoServices.all, count: 60, seed: 11, now: Self.now))
        try seeding.applyCentralChanges(demo.map(\.caseValue), citizens: demo.map(\.citizen), cursor: 1)
        try seeding.close()
        try Replica.sqlExecute(path: path, "VACUUM")

        let replica = try Replica.open(path: path, services: DemoServices.all)
        defer { try? replica.close() }
        let backend = HeadlessBackend(size: TerminalSize(rows: 24, columns: 80))
        let clock = TestClock(Self.now)
        let workstation = try makeWorkstation(
            options: WorkstationOptions(
                replicaPath: path, services: DemoServices.all, language: language, clerk: Fixtures.clerk),
            replica: replica, backend: backend, runnerMode: .inline, clock: { clock.now })
        try workstation.start()
        workstation.runner.waitForReplicaCheck()
        try workstation.settle()
        let screen = { backend.screenText().joined(separator: "\n") }

        // The disk fills up: not one page more than the file has now, and a note that needs more
        // pages than are left free in it.
        try replica.limitPages(1)
        let free = try replica.pageCounts().free
        #expect(free <= 2)

        // All open cases, the first one, a note.
        backend.press("Down", "Enter")
        try workstation.settle()
        backend.press("Enter")
        try workstation.settle()
        guard case .caseDetail(let opened) = workstation.state.screen else {
            Issue.record("no case screen:\n\(screen())")
            return
        }
        let pendingBefore = try replica.pendingCount()
        let sentence = "Nachweise liegen vollständig vor. "
        let note =
            "Bürgerin war am Schalter. "
            + String(repeating: sentence, count: (free + 1) * 4096 / sentence.utf8.count + 20)
        backend.press("F11")
        backend.enqueue([.paste(note)])
        backend.press("Enter")
        try workstation.settle()

        // What was typed stays on screen and in memory; the message says the disk is full.
        let shown = note.trimmingCharacters(in: .whitespaces)
        #expect(workstation.state.modal == .comment(TextInput(shown)), "\(screen())")
        #expect(
            workstation.state.storage.waiting.flatMap(\.operations).map(\.kind) == [.addComment(text: shown)])
        let full =
            language == .de
            ? "Der Speicher ist voll – Ihre Eingabe bleibt erhalten"
            : "The disk is full – what you typed is kept"
        #expect(screen().contains(full), "\(screen())")
        #expect(screen().contains("Nachweise liegen"), "the note is still in its dialog:\n\(screen())")
        #expect(!screen().contains("SQLite"))
        #expect(!screen().contains("beschädigt") && !screen().contains("damaged"))
        #expect(replica.damage == nil)
        #expect(try replica.pendingCount() == pendingBefore)

        // Still full a few seconds on: tried again, still waiting, still on screen.
        clock.advance(6)
        try workstation.step(timeout: .zero)
        try workstation.settle()
        #expect(workstation.state.modal == .comment(TextInput(shown)))
        #expect(try replica.pendingCount() == pendingBefore)

        // Space again: the next try saves it, the dialog closes.
        try replica.limitPages(nil)
        clock.advance(6)
        try workstation.step(timeout: .zero)
        try workstation.settle()
        #expect(workstation.state.modal == nil, "\(screen())")
        #expect(workstation.state.storage.waiting.isEmpty)
        let saved = language == .de ? "Wieder Platz – Notiz gespeichert" : "Space again – Note saved"
        #expect(screen().contains(saved), "\(screen())")
        let outbox = try replica.pendingOperations(caseID: opened.caseID)
        #expect(outbox.map(\.kind).last == .addComment(text: shown))
        #expect(try replica.pendingCount() == pendingBefore + 1)
    }
}

/// A clock the test moves forward (the loop ticks on it).
final class TestClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

@Suite("Starting the workstation")
struct WorkstationStartTests {
    @Test func aReplicaThatCannotBeOpenedIsSaidInBothLanguages() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "clerk-start-\(UUID().uuidString).sqlite"
        ).path
        try Data("Einkaufsliste\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            _ = try openReplica(path: path, services: [])
        } throws: { error in
            guard let error = error as? WorkstationStartError else { return false }
            return error.message == ReplicaError.notAReplica(path: path).message
                && error.description.contains(" / ")
        }
    }
}
