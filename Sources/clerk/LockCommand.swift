import ArgumentParser
import ClerkTUI
import Foundation

/// `clerk lock` — locks this user's running workstations at once (e.g. from a screen-lock hook):
/// each running workstation keeps its process id in `<state>/clerk/workstations/`, and this
/// command sends them SIGUSR1.
struct LockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock",
        abstract:
            "Sperrt die laufenden Arbeitsplätze dieses Benutzers sofort. / Locks this user's running workstations now."
    )

    @OptionGroup var language: LanguageOption

    func run() throws {
        let lang = try language.resolved()
        let asked = LockRequests.lockAll()
        switch asked {
        case 0: print(say(lang, "Kein laufender Arbeitsplatz gefunden.", "No running workstation found."))
        case 1: print(say(lang, "Ein Arbeitsplatz wird gesperrt.", "One workstation is being locked."))
        default:
            print(
                say(
                    lang, "\(asked) Arbeitsplätze werden gesperrt.", "\(asked) workstations are being locked."
                ))
        }
    }
}
