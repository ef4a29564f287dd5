import CaseModel
import Foundation

/// Why the replica could not do what was asked; `message` is for the clerk (German and English).
public enum ReplicaError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file exists but is not a Clerk replica (another file type or another app's database).
    case notAReplica(path: String)
    /// The file looks like a database but cannot be read.
    case corrupt(path: String, detail: String)
    /// The replica was written by a newer Clerk; this version must not touch it.
    case newerSchema(path: String, found: Int, supported: Int)
    /// The file could not be opened or created (permissions, missing directory, …).
    case cannotOpen(path: String, detail: String)
    /// A sealed (encrypted) replica or its key file could not be used.
    case sealed(SealingProblem)
    /// Applying the operation to the visible state of the case was refused.
    case rejected(Rejection)
    /// An operation with this id is already in the outbox.
    case duplicateOperation(UUID)
    /// Seeding needs a replica without cases.
    case notEmpty(path: String)
    /// The disk (or the space this user may use on it) is full: nothing was written, the file is
    /// sound, and the same write succeeds once there is space again.
    case diskFull(path: String)
    /// A page of the replica's file is damaged; the replica takes no more writes until it is
    /// rebuilt. `detail` is SQLite's (for the log file, never row contents).
    case damaged(path: String, detail: String)
    /// A pulled page was to be written on top of another cursor than the one it was pulled after
    /// (the replica was rebuilt meanwhile); nothing was written, the next sync round pulls again.
    case pullOutOfStep(expected: Int64, found: Int64)

    /// The text a clerk reads.
    public var message: LocalizedText {
        switch self {
        case .notAReplica(let path):
            LocalizedText(
                de: "Die Datei \(path) ist keine Clerk-Datenbank. Sie wurde nicht verändert.",
                en: "The file \(path) is not a Clerk replica. It was left unchanged.")
        case .corrupt(let path, let detail):
            LocalizedText(
                de: "Die Datenbank \(path) ist beschädigt (\(detail)). Sie wurde nicht verändert.",
                en: "The replica \(path) is corrupt (\(detail)). It was left unchanged.")
        case .newerSchema(let path, let found, let supported):
            LocalizedText(
                de:
                    "Die Datenbank \(path) stammt von einer neueren Clerk-Version (Schema \(found), diese Version kennt \(supported)). Bitte Clerk aktualisieren; die Datei wurde nicht verändert.",
                en:
                    "The replica \(path) was written by a newer Clerk (schema \(found), this version knows \(supported)). Please update Clerk; the file was left unchanged."
            )
        case .cannotOpen(let path, let detail):
            LocalizedText(
                de: "Die Datenbank \(path) kann nicht geöffnet werden: \(detail)",
                en: "The replica \(path) cannot be opened: \(detail)")
        case .sealed(let problem):
            problem.message
        case .rejected(let rejection):
            rejection.message
        case .duplicateOperation(let id):
            LocalizedText(
                de: "Die Änderung \(id.uuidString) wurde bereits gespeichert.",
                en: "The change \(id.uuidString) was already saved.")
        case .notEmpty(let path):
            LocalizedText(
                de: "Die Datenbank \(path) enthält schon Vorgänge; Demodaten nur in eine leere Datenbank.",
                en: "The replica \(path) already holds cases; demo data only goes into an empty replica.")
        case .diskFull(let path):
            LocalizedText(
                de:
                    "Der Speicher auf diesem Rechner ist voll – in die Datenbank \(path) kann nichts geschrieben werden. Sie ist in Ordnung; bitte Platz schaffen (z. B. Dateien löschen), dann geht es weiter.",
                en:
                    "The disk on this computer is full – nothing can be written to the replica \(path). It is intact; please free some space (e.g. delete files), then work goes on."
            )
        case .damaged(let path, _):
            LocalizedText(
                de:
                    "Das Replikat auf diesem Rechner ist beschädigt (\(path)) – es wird nichts mehr hineingeschrieben.",
                en: "The replica on this computer is damaged (\(path)) – nothing more is written to it.")
        case .pullOutOfStep:
            LocalizedText(
                de:
                    "Der Abgleich wurde unterbrochen, weil das Replikat neu angelegt wurde; er wird wiederholt.",
                en: "The sync was interrupted because the replica was rebuilt; it will be repeated.")
        }
    }

    public var description: String { message.de }
}
