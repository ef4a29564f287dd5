import CaseModel

/// The workstation's own texts, German first.
enum UIText {
    private static func t(_ de: String, _ en: String) -> LocalizedText { LocalizedText(de: de, en: en) }

    // Sync
    static let reloginUnavailable = t(
        "Erneute Anmeldung ist hier nicht möglich – bitte mit „clerk login“ anmelden.",
        "Logging in again is not possible here – please log in with “clerk login”.")
    static let reloginDone = t(
        "Wieder angemeldet – der Abgleich läuft weiter.", "Logged in again – sync continues.")
    static let reloginPostponed = t(
        "Anmeldung verschoben – Sie arbeiten offline weiter, nichts geht verloren (F5 meldet erneut an).",
        "Login postponed – you keep working offline, nothing is lost (F5 logs in again).")
    static let passwordRequired = t("Bitte das Passwort eingeben.", "Please enter your password.")
    static let conflictResolved = t("Konflikt gelöst.", "Conflict resolved.")
    static let noConflicts = t("Dieser Vorgang hat keine Konflikte.", "This case has no conflicts.")

    // Notices
    static let caseNotFound = t("Der Vorgang wurde nicht gefunden.", "The case was not found.")
    static let rejectedRetried = t(
        "Die Änderung steht erneut im Ausgang und wird beim nächsten Abgleich gesendet.",
        "The change is in the outbox again and goes out with the next sync.")
    static let rejectedDiscarded = t(
        "Die abgelehnte Änderung wurde verworfen (im Protokoll vermerkt).",
        "The refused change was dropped (noted in the audit log).")
    static let syncRequested = t(
        "Abgleich angefordert – ohne Verbindung bleibt alles im Ausgang.",
        "Sync requested – while offline everything stays in the outbox.")
    static let draftDiscarded = t("Entwurf verworfen.", "Draft discarded.")
    static let reasonRequired = t("Bitte eine Begründung angeben.", "Please give a reason.")
    static let notClaimedByYou = t(
        "Der Vorgang ist nicht von Ihnen übernommen.", "You have not claimed this case.")
    static let noTransitions = t(
        "Für diesen Status sind keine Statuswechsel erlaubt.", "No state change is allowed from this state.")
    static let draftRestored = t(
        "Entwurf wiederhergestellt – weiter, wo Sie aufgehört haben.",
        "Draft restored – carry on where you left off.")
    static let draftKept = t(
        "Entwurf gespeichert – fortsetzen über die Übersicht.", "Draft kept – resume it from the overview.")
    static let noChanges = t("Keine Änderungen.", "No changes.")
    static let channelNotOffered = t(
        "Diese Leistung kann über diesen Zugang nicht beantragt werden.",
        "This service cannot be applied for through this channel.")
    static let channelNotForRole = t(
        "Über diesen Zugang erfassen Sie mit Ihrer Rolle keine Anträge.",
        "Your role does not enter applications through this channel.")
    static let phoneNotAvailable = t(
        "Der Telefonmodus ist in dieser Version noch nicht verfügbar.",
        "Phone assistance is not available in this version yet.")
    static func unknownService(_ id: String) -> LocalizedText {
        t("Unbekannte Leistung „\(id)“.", "Unknown service '\(id)'.")
    }
    static func fixFields(_ count: Int) -> LocalizedText {
        count == 1
            ? t("1 Feld ist noch nicht richtig ausgefüllt.", "1 field needs attention.")
            : t("\(count) Felder sind noch nicht richtig ausgefüllt.", "\(count) fields need attention.")
    }
    static func saved(_ operations: [Operation]) -> LocalizedText {
        guard let first = operations.first else { return t("Gespeichert.", "Saved.") }
        switch first.kind {
        case .createCase:
            return t(
                "Vorgang angelegt – im Ausgang; die Nummer vergibt die Zentrale beim Abgleich.",
                "Case created – in the outbox; the central service gives it its number on sync.")
        case .claim:
            if case .transition? = operations.last?.kind {
                return t(
                    "Vorgang übernommen und Status geändert – im Ausgang.",
                    "Case claimed and state changed – in the outbox.")
            }
            return t("Vorgang übernommen.", "Case claimed.")
        case .release: return t("Vorgang freigegeben.", "Case released.")
        case .transition: return t("Status geändert – im Ausgang.", "State changed – in the outbox.")
        case .addComment: return t("Notiz gespeichert – im Ausgang.", "Note saved – in the outbox.")
        default:
            return operations.count == 1
                ? t("1 Änderung gespeichert – im Ausgang.", "1 change saved – in the outbox.")
                : t(
                    "\(operations.count) Änderungen gespeichert – im Ausgang.",
                    "\(operations.count) changes saved – in the outbox.")
        }
    }
}
