import CaseModel
import Foundation

/// Why a sealed (encrypted) replica or its key file could not be used; part of `ReplicaError`.
public enum SealingProblem: Hashable, Sendable {
    /// The password does not unwrap the key file. Nothing was changed.
    case wrongPassword(keyFile: String)
    /// The escrow key does not unwrap the key file. Nothing was changed.
    case wrongEscrowKey(keyFile: String)
    /// The key file has no escrow slot.
    case noEscrowSlot(keyFile: String)
    /// A sealed replica needs its key file, and there is none.
    case keyFileMissing(keyFile: String)
    /// The key file is not one this version reads (damaged, another format, absurd parameters).
    case keyFileUnreadable(keyFile: String, detail: String)
    /// A new key file would replace an existing one (and with it the only way into a replica).
    case keyFileExists(keyFile: String)
    /// The key file could not be written; the old one, if any, is unchanged.
    case keyFileUnwritable(keyFile: String, detail: String)
    /// An empty password protects nothing.
    case emptyPassword
    /// The replica is sealed and was opened without its key.
    case passwordNeeded(path: String)
    /// A key was given for a replica that is not sealed.
    case notSealed(path: String)
    /// A page of the replica failed authentication: changed, damaged, moved within the file or
    /// taken from another replica. It was not used; nothing was written.
    case pageRefused(path: String)
    /// A sealed rescue file failed authentication: changed, damaged or of another replica. Nothing
    /// of it was used.
    case rescueRefused(path: String)
    /// A sealed rescue file needs its replica's key, and none was given or open.
    case rescueNeedsKey(path: String)
    /// The replica's pages are not laid out for sealing (page size 4096 with 28 reserved bytes).
    case layout(path: String, detail: String)

    /// How a refused page is recorded as the replica's damage (`ReplicaDamage.detail`).
    static let pageRefusedDetail = "a sealed page failed authentication"

    /// The text a clerk reads.
    public var message: LocalizedText {
        switch self {
        case .wrongPassword:
            LocalizedText(
                de: "Das Passwort passt nicht zu diesem Replikat. Es wurde nichts verändert.",
                en: "The password does not match this replica. Nothing was changed.")
        case .wrongEscrowKey:
            LocalizedText(
                de:
                    "Der Wiederherstellungsschlüssel passt nicht zu diesem Replikat. Es wurde nichts verändert.",
                en: "The recovery key does not match this replica. Nothing was changed.")
        case .noEscrowSlot(let keyFile):
            LocalizedText(
                de: "Die Schlüsseldatei \(keyFile) hat keinen Wiederherstellungsschlüssel.",
                en: "The key file \(keyFile) holds no recovery key.")
        case .keyFileMissing(let keyFile):
            LocalizedText(
                de:
                    "Die Schlüsseldatei \(keyFile) fehlt; ohne sie lässt sich das verschlüsselte Replikat nicht öffnen.",
                en: "The key file \(keyFile) is missing; the encrypted replica cannot be opened without it.")
        case .keyFileUnreadable(let keyFile, let detail):
            LocalizedText(
                de: "Die Schlüsseldatei \(keyFile) ist nicht lesbar (\(detail)). Sie wurde nicht verändert.",
                en: "The key file \(keyFile) cannot be read (\(detail)). It was left unchanged.")
        case .keyFileExists(let keyFile):
            LocalizedText(
                de: "Es gibt schon eine Schlüsseldatei \(keyFile); sie wird nicht überschrieben.",
                en: "There already is a key file \(keyFile); it is not overwritten.")
        case .keyFileUnwritable(let keyFile, let detail):
            LocalizedText(
                de:
                    "Die Schlüsseldatei \(keyFile) kann nicht geschrieben werden (\(detail)). Die bisherige gilt weiter.",
                en: "The key file \(keyFile) cannot be written (\(detail)). The previous one still applies.")
        case .emptyPassword:
            LocalizedText(
                de: "Ein leeres Passwort schützt nichts; bitte ein Passwort eingeben.",
                en: "An empty password protects nothing; please enter a password.")
        case .passwordNeeded(let path):
            LocalizedText(
                de: "Das Replikat \(path) ist verschlüsselt; zum Öffnen wird das Passwort gebraucht.",
                en: "The replica \(path) is encrypted; its password is needed to open it.")
        case .notSealed(let path):
            LocalizedText(
                de:
                    "Das Replikat \(path) ist nicht verschlüsselt und wird nicht mit einem Schlüssel geöffnet. Es wurde nicht verändert.",
                en:
                    "The replica \(path) is not encrypted and is not opened with a key. It was left unchanged."
            )
        case .pageRefused(let path):
            LocalizedText(
                de:
                    "Das verschlüsselte Replikat \(path) enthält eine Seite, die verändert oder beschädigt ist oder nicht zu ihm gehört. Sie wurde nicht gelesen; die Datei wurde nicht verändert.",
                en:
                    "The encrypted replica \(path) holds a page that was changed or damaged or does not belong to it. It was not read; the file was left unchanged."
            )
        case .rescueRefused(let path):
            LocalizedText(
                de:
                    "Die Rettungsdatei \(path) ist verändert oder beschädigt oder gehört nicht zu diesem Replikat. Sie wurde nicht verwendet.",
                en:
                    "The rescue file \(path) was changed or damaged or does not belong to this replica. It was not used."
            )
        case .rescueNeedsKey(let path):
            LocalizedText(
                de:
                    "Die Rettungsdatei \(path) ist verschlüsselt; sie lässt sich nur mit dem geöffneten Replikat lesen, zu dem sie gehört.",
                en:
                    "The rescue file \(path) is encrypted; it can only be read with the open replica it belongs to."
            )
        case .layout(let path, let detail):
            LocalizedText(
                de: "Das Replikat \(path) ist nicht für die Verschlüsselung angelegt (\(detail)).",
                en: "The replica \(path) is not laid out for encryption (\(detail)).")
        }
    }
}
