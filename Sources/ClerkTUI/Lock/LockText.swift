import CaseModel

/// The texts of the lock screen and the start-up prompt.
public enum LockText {
    static let locked = LocalizedText(de: "Gesperrt", en: "Locked")
    static let unlockTitle = LocalizedText(de: "Arbeitsplatz entsperren", en: "Unlock the workstation")
    static let newPasswordTitle = LocalizedText(
        de: "Passwort für das neue Replikat festlegen", en: "Set the password of the new replica")
    static let password = LocalizedText(de: "Passwort", en: "Password")
    static let passwordAgain = LocalizedText(de: "Passwort wiederholen", en: "Password again")
    static let unlocking = LocalizedText(de: "Entsperre …", en: "Unlocking …")
    static let wrongPassword = LocalizedText(de: "Falsches Passwort.", en: "Wrong password.")
    static let passwordEmpty = LocalizedText(
        de: "Bitte das Passwort eingeben.", en: "Please enter the password.")
    static let passwordsDiffer = LocalizedText(
        de: "Die beiden Eingaben stimmen nicht überein. Bitte erneut.",
        en: "The two entries differ. Please try again.")
    static let cannotCheck = LocalizedText(
        de: "Das Passwort kann nicht geprüft werden (kein Schlüssel).",
        en: "The password cannot be checked (no key).")
    static let enterUnlocks = LocalizedText(de: "Enter entsperrt.", en: "Enter unlocks.")
    static let enterUnlocksEscQuits = LocalizedText(
        de: "Enter entsperrt · Esc beendet.", en: "Enter unlocks · Esc quits.")
    static let enterConfirmsEscQuits = LocalizedText(
        de: "Enter bestätigt · Esc beendet.", en: "Enter confirms · Esc quits.")

    static func wait(_ seconds: Int) -> LocalizedText {
        LocalizedText(
            de: "Nächster Versuch in \(seconds) s.", en: "Next attempt in \(seconds) s.")
    }

    static func clerk(_ name: String) -> LocalizedText {
        LocalizedText(de: "Angemeldet: \(name)", en: "Signed in: \(name)")
    }

    static func server(_ server: String) -> LocalizedText {
        LocalizedText(de: "Zentrale: \(server)", en: "Central service: \(server)")
    }

    /// The demo's hint, e.g. "Demo-Passwort: demo".
    public static func demoHint(_ password: String) -> LocalizedText {
        LocalizedText(de: "Demo-Passwort: \(password)", en: "Demo password: \(password)")
    }
}
