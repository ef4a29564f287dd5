import ArgumentParser
import ClerkTUI
import Foundation
import OfflineStore
import SyncClient

/// `clerk logout` — revokes the saved token at the central service and forgets it. The token is
/// sealed with the replica's key, so this needs the password; without it (`--forget-locally`)
/// the login is only forgotten here. The replica and its unsent changes stay; they are sent after
/// the next login of the same clerk.
struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout", abstract: "Abmelden: den Zugang bei der Zentrale sperren und vergessen.")

    @Option(help: "Datei des gespeicherten Zugangs (Standard: ~/.config/clerk/login.json).")
    var credentials: String?
    @OptionGroup var language: LanguageOption
    @Flag(help: "Passwort von der Standardeingabe lesen (für Skripte; oder CLERK_PASSWORD).")
    var passwordStdin = false
    @Flag(
        help:
            "Ohne Passwort: den Zugang nur hier vergessen (er bleibt bei der Zentrale gültig, bis er abläuft). / Forget the login here only."
    )
    var forgetLocally = false

    func run() async throws {
        let lang = try language.resolved()
        let store = CredentialStore(
            url: credentials.map { URL(fileURLWithPath: $0) } ?? CredentialStore.defaultURL())
        let saved: SavedLogin?
        do { saved = try store.load() } catch {
            // A file that cannot be read is forgotten all the same: nothing in it can be used.
            try store.delete()
            print(
                say(
                    lang, "Gespeicherter Zugang war unlesbar und ist gelöscht.",
                    "The unreadable saved login is deleted."))
            return
        }
        guard let saved else {
            print(say(lang, "Nicht angemeldet – nichts zu tun.", "Not logged in – nothing to do."))
            return
        }
        let replica = ConnectedWorkstation.replicaURL(server: saved.server, username: saved.username)
        var unlocked: (keyFile: ReplicaKeyFile, login: SavedLogin)?
        if !forgetLocally {
            let password = StartPassword.read(
                user: saved.username, fromStandardInput: passwordStdin,
                environment: ProcessInfo.processInfo.environment, language: lang)
            do throws(ConnectedStartError) {
                unlocked = try ConnectedWorkstation.unlock(
                    saved: saved, replicaPath: replica.path, password: password ?? "")
            } catch {
                printError(error.message.text(lang))
                throw ValidationError(
                    say(
                        lang,
                        "Ohne das Passwort lässt sich der Zugang nicht bei der Zentrale sperren. Nur hier vergessen: "
                            + "clerk logout --forget-locally (er bleibt dort gültig bis \(Self.time(saved.login.expiresAt))).",
                        "Without the password the login cannot be revoked at the central service. To forget it here "
                            + "only: clerk logout --forget-locally (it stays valid there until "
                            + "\(Self.time(saved.login.expiresAt)))."))
            }
        }
        var revoked = unlocked != nil
        do throws(SyncError) {
            if let login = unlocked?.login {
                try await HTTPSyncServer(saved: login, timeoutSeconds: 10).logout(token: login.login.token)
            }
        } catch {
            // An expired or already revoked token is no longer usable: that is what logout wants.
            if case .unauthorized = error {
            } else if case .deviceRevoked = error {
                ConnectedWorkstation.forgetRevokedDevice(replicaPath: replica.path, credentials: store)
                throw ValidationError(SyncError.deviceRevokedMessage.text(lang))
            } else {
                revoked = false
                printError(
                    say(
                        lang,
                        "Die Zentrale war nicht erreichbar (\(error.message.de)); der Zugang wird hier gelöscht, "
                            + "gilt dort aber bis \(Self.time(saved.login.expiresAt)) – bei Verlust des Geräts bitte "
                            + "die Administration bitten, ihn zu sperren.",
                        "The central service could not be reached (\(error.message.en)); the login is deleted here "
                            + "but stays valid there until \(Self.time(saved.login.expiresAt)) – if the device is lost, "
                            + "ask the administrators to revoke it."))
            }
        }
        try store.delete()
        var pending = 0
        if let key = unlocked?.keyFile.key, FileManager.default.fileExists(atPath: replica.path),
            let opened = try? Replica.open(path: replica.path, key: key)
        {
            pending = (try? opened.pendingCount()) ?? 0
            try? opened.close()
        }
        print(
            say(
                lang, "\(saved.username) ist abgemeldet\(revoked ? "; der Zugang ist gesperrt" : "").",
                "\(saved.username) is logged out\(revoked ? "; the token is revoked" : "")."))
        if pending > 0 {
            print(
                say(
                    lang,
                    "\(pending) Änderungen sind noch nicht gesendet; sie bleiben im Replikat und gehen nach der "
                        + "nächsten Anmeldung von \(saved.username) an die Zentrale.",
                    "\(pending) changes are not sent yet; they stay in the replica and go to the central service "
                        + "after \(saved.username)'s next login."))
        }
    }

    /// A moment as the clerk reads it (Munich time).
    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Europe/Berlin")
        formatter.dateFormat = "dd.MM.yyyy HH:mm"
        return formatter.string(from: date)
    }
}
