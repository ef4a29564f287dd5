import ArgumentParser
import ClerkTUI
import Foundation
import OfflineStore
import SyncClient

/// `clerk logout` — revokes the saved token at the central service and forgets it. The replica
/// and its unsent changes stay; they are sent after the next login of the same clerk.
struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout", abstract: "Abmelden: den Zugang bei der Zentrale sperren und vergessen.")

    @Option(help: "Datei des gespeicherten Zugangs (Standard: ~/.config/clerk/login.json).")
    var credentials: String?
    @OptionGroup var language: LanguageOption

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
        var revoked = true
        do throws(SyncError) {
            try await HTTPSyncServer(saved: saved, timeoutSeconds: 10).logout(token: saved.login.token)
        } catch {
            // An expired or already revoked token is no longer usable: that is what logout wants.
            if case .unauthorized = error {
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
        let replica = ConnectedWorkstation.replicaURL(server: saved.server, username: saved.username)
        var pending = 0
        if FileManager.default.fileExists(atPath: replica.path),
            let opened = try? Replica.open(path: replica.path)
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
