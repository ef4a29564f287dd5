import CaseModel
import Foundation

/// The phone screens' own texts, German first.
enum PhoneText {
    private static func t(_ de: String, _ en: String) -> LocalizedText { LocalizedText(de: de, en: en) }

    static let title = t("Telefon", "Phone")
    static let incomingTitle = t("Anruf annehmen", "Take a call")
    static let numberLabel = t("Rufnummer des Anrufers: ", "Caller's number: ")
    static let unknownNumber = t("unbekannt", "unknown")
    static let callbacksTitle = t("Rückrufe", "Callbacks")
    static let noCallbacks = t("Keine offenen Rückrufe.", "No open callbacks.")
    static let due = t("fällig", "due")
    static let overdue = t("überfällig", "overdue")
    static func incomingHint(next: String) -> LocalizedText {
        t(
            "\(next): Anruf beginnen · ↓: Rückruf aus der Liste wählen",
            "\(next): start the call · ↓: pick a callback")
    }
    static let identityTitle = t("Identität prüfen", "Verify the caller")
    static func identityHint(next: String) -> LocalizedText {
        t(
            "Bevor Daten genannt werden: Name wie gemeldet, Geburtsdatum und Postleitzahl erfragen. \(next): weiter.",
            "Before any data is given: ask for the name as registered, date of birth and postcode. \(next): next."
        )
    }
    static let identityLabels = [
        t("Name wie gemeldet", "Name as registered"), t("Geburtsdatum", "Date of birth"),
        t("Postleitzahl", "Postcode"),
    ]
    static func notVerified(hangUp: String) -> LocalizedText {
        t(
            "Die Angaben stimmen nicht mit dem Bestand überein. Keine Daten nennen. "
                + "Rückruf an die hinterlegte Nummer anbieten (\(hangUp) Auflegen → 4).",
            "The answers do not match the records. Give out no data. "
                + "Offer a callback to the number on record (\(hangUp) hang up → 4).")
    }
    static let notOnRecord = t(
        "Nicht im Bestand – Angaben so aufnehmen, wie der Anrufer sie nennt.",
        "Not on record – the details are taken as the caller gives them.")
    static let serviceTitle = t("Anliegen wählen", "Choose the service")
    static let notByPhone = t("nicht telefonisch", "not by phone")
    static let refusedTitle = t("Nicht telefonisch möglich", "Not possible by phone")
    static func refusedHint(back: String) -> LocalizedText {
        t(
            "1 Papierformular zuschicken · 2 Termin im Bürgerbüro · \(back) anderes Anliegen",
            "1 send the paper form · 2 counter appointment · \(back) another service")
    }
    static let answerLabel = t("Antwort: ", "Answer: ")
    static func interviewHint(next: String, previous: String, help: String, note: String) -> LocalizedText {
        t(
            "\(next): weiter · \(previous): vorige Frage · \(help): Hilfe zum Feld · \(note): Notiz",
            "\(next): next · \(previous): previous question · \(help): field help · \(note): note")
    }
    static let readBackTitle = t("Vorlesen und bestätigen lassen", "Read back and confirm")
    static func readBackHint(next: String, consent: String) -> LocalizedText {
        t(
            "\(next)/Leertaste: bestätigt · B: buchstabieren · K: korrigieren · \(consent): weiter zur Einwilligung",
            "\(next)/space: confirmed · B: spell · K: correct · \(consent): on to consent")
    }
    static let doNotReadOut = t("nicht vorlesen", "do not read out")
    static let consentTitle = t("Einwilligung – bitte wörtlich vorlesen", "Consent – read out word for word")
    static let consentHint = t(
        "J: Anrufer stimmt zu (Antrag wird gestellt) · N: stimmt nicht zu",
        "J: the caller agrees (the application is submitted) · N: does not agree")
    static func submittedHint(hangUp: String) -> LocalizedText {
        t("\(hangUp): Auflegen und Ergebnis festhalten.", "\(hangUp): hang up and record the outcome.")
    }
    static let outcomeTitle = t("Gesprächsergebnis", "Outcome of the call")
    static let outcomes: [LocalizedText] = [
        t("Im Erstkontakt erledigt", "Resolved at first contact"),
        t("Rückruf vereinbaren", "Schedule a callback"),
        t("An die zuständige Stelle verweisen (Durchwahl)", "Refer to the responsible unit (direct number)"),
        t("Identität nicht bestätigt", "Identity could not be verified"),
        t("Papierformular zuschicken", "Send the paper form"),
        t("Termin im Bürgerbüro", "Counter appointment"),
    ]
    static let callbackLabels = [
        t("Tag (TT.MM.JJJJ)", "Day (DD.MM.YYYY)"), t("Zeitfenster (z. B. 14-16)", "Time window (e.g. 14-16)"),
        t("Rückrufnummer", "Callback number"),
    ]
    static let appointmentLabels = [
        t("Tag (TT.MM.JJJJ)", "Day (DD.MM.YYYY)"), t("Uhrzeit (z. B. 9:30)", "Time (e.g. 9:30)"),
    ]
    static let identityCallbackHint = t(
        "Rückruf an die hinterlegte Nummer (leer lassen: ohne Rückruf)",
        "Callback to the number on record (leave empty: no callback)")
    static let chooseServiceFirst = t("Dafür zuerst ein Anliegen wählen.", "Choose a service first.")
    static let alreadyVerified = t("Der Anrufer ist bestätigt.", "The caller is verified.")
    static let badDay = t("Bitte einen Tag als TT.MM.JJJJ eingeben.", "Please enter a day as DD.MM.YYYY.")
    static let badWindow = t(
        "Bitte ein Zeitfenster wie 14-16 oder 9:30-11 eingeben.",
        "Please enter a window like 14-16 or 9:30-11.")
    static let badTime = t("Bitte eine Uhrzeit wie 9:30 eingeben.", "Please enter a time like 9:30.")
    static let notesLabel = t("Notiz: ", "Note: ")
    static let verified = t("bestätigt", "verified")
    static let unverified = t("nicht bestätigt", "not verified")
    static let callLabel = t("Anruf", "Call")
    static let blockedShort = t("Auskunftssperre", "information block")
    static let checkedLabel = t("Geprüft: ", "Checked: ")
    static let referTo = t("Verweisen an ", "Refer to ")
    static let directNumber = t("Durchwahl ", "direct number ")
    static let callbackTopic = t("Rückruf", "Callback")

    static let notAPhoneRole = t(
        "Anträge am Telefon nimmt der Telefonservice auf; Ihre Rolle erfasst sie nicht.",
        "Applications by phone are taken by the phone service; your role does not enter them.")

    static func submitted(_ number: String) -> LocalizedText {
        t(
            "Antrag telefonisch erfasst (vorläufige Nr. \(number)).",
            "Application entered by phone (provisional no. \(number)).")
    }

    static func ended(_ duration: String, _ summary: LocalizedText) -> LocalizedText {
        t("Anruf beendet (\(duration)): \(summary.de)", "Call ended (\(duration)): \(summary.en)")
    }

    static func callbackDue(_ callback: Callback) -> LocalizedText {
        t(
            "Rückruf fällig: \(callback.window) · \(callback.number) · \(callback.topic)",
            "Callback due: \(callback.window) · \(callback.number) · \(callback.topic)")
    }

    static func candidates(_ count: Int) -> LocalizedText {
        switch count {
        case 0: t("Kein Eintrag mit diesem Namen im Bestand.", "No one of this name on record.")
        case 1: t("1 Eintrag mit diesem Namen im Bestand.", "1 person of this name on record.")
        default:
            t("\(count) Einträge mit diesem Namen im Bestand.", "\(count) people of this name on record.")
        }
    }

    static func interruptedCallWaiting(_ started: Date, key: String) -> LocalizedText {
        let at = Formatting.dateTime(started)
        return t(
            "Gespräch vom \(at) unterbrochen und gesichert – \(key) setzt es fort.",
            "Call of \(at) interrupted and saved – \(key) continues it.")
    }

    static func interruptedCallResumed(_ started: Date) -> LocalizedText {
        let at = Formatting.dateTime(started)
        return t(
            "Gespräch vom \(at) fortgesetzt – alle Angaben sind erhalten.",
            "Call of \(at) continued – everything given is kept.")
    }

    static let carriedOver = t(
        "Antworten aus dem früheren Gespräch eingetragen – jede bestätigen lassen.",
        "Answers from the earlier call filled in – confirm each with the caller.")
    static let withAnswers = t("mit Antworten", "with answers")

    /// "Heute: 12 Anrufe · 9 beim ersten Kontakt erledigt (75 %) · Ø 4:12 min".
    static func today(_ statistics: CallStatistics) -> LocalizedText {
        guard let rate = statistics.firstContactResolutionRate,
            let average = statistics.averageHandlingSeconds
        else { return t("Heute noch keine Anrufe.", "No calls yet today.") }
        let percent = Int((rate * 100).rounded())
        let duration = CallTimer.text(seconds: Int(average.rounded()))
        let n = statistics.calls
        let resolved = statistics.resolvedAtFirstContact
        return t(
            "Heute: \(n) \(n == 1 ? "Anruf" : "Anrufe") · \(resolved) beim ersten Kontakt erledigt (\(percent) %) · Ø \(duration) min",
            "Today: \(n) \(n == 1 ? "call" : "calls") · \(resolved) resolved at first contact (\(percent) %) · avg \(duration) min"
        )
    }
}
