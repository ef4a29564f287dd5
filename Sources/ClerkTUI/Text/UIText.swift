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

    // A full disk, a damaged replica
    static let diskFull = t(
        "Der Speicher ist voll – Ihre Eingabe bleibt erhalten und wird gespeichert, sobald wieder Platz ist.",
        "The disk is full – what you typed is kept and will be saved as soon as there is space again.")
    static let spaceAgain = t(
        "Wieder Platz auf dem Speicher – alles Eingegebene ist gespeichert.",
        "There is space again – everything you typed is saved.")
    static let draftWaitsForSpace = t(
        "Der Speicher ist voll – der Entwurf bleibt im Arbeitsspeicher und wird gespeichert, sobald wieder Platz ist; bitte Clerk bis dahin nicht beenden.",
        "The disk is full – the draft is kept in memory and saved as soon as there is space again; please do not quit Clerk until then."
    )
    static func savedAfterDiskFull(_ operations: [Operation]) -> LocalizedText {
        let saved = self.saved(operations)
        return t("Wieder Platz – " + saved.de, "Space again – " + saved.en)
    }
    static let replicaDamaged = t(
        "Das Replikat auf diesem Rechner ist beschädigt – es wird nichts mehr hineingeschrieben. Ausgang und Entwürfe werden gesichert …",
        "The replica on this computer is damaged – nothing more is written to it. The outbox and drafts are being saved …"
    )
    static let changeRefusedDamaged = t(
        "Das Replikat auf diesem Rechner ist beschädigt – die Änderung wurde nicht gespeichert, Ihre Eingabe bleibt auf dem Schirm. F5: neu aufbauen.",
        "The replica on this computer is damaged – the change was not saved, what you typed stays on screen. F5: rebuild."
    )
    /// Said while the disk stays full and something waits (short enough for the message line).
    static let diskStillFull = t(
        "Speicher voll – Ihre Eingabe bleibt erhalten, gespeichert wird, sobald Platz ist",
        "Disk full – what you typed is kept and saved once there is space")
    /// Said while the damaged replica waits for its rebuild (short enough for the message line).
    static func rescueSaved(_ summary: RescueSummary) -> LocalizedText {
        let unreadable =
            summary.unreadable > 0
            ? t(" (\(summary.unreadable) unlesbar)", " (\(summary.unreadable) unreadable)") : t("", "")
        return t(
            "Replikat beschädigt – Ausgang (\(summary.operations)), Entwürfe (\(summary.drafts)) gesichert\(unreadable.de) · F5 baut neu auf",
            "Replica damaged – outbox (\(summary.operations)) and drafts (\(summary.drafts)) saved\(unreadable.en) · F5 rebuilds it"
        )
    }
    static func rescueFailed(_ message: LocalizedText) -> LocalizedText {
        t(
            "Replikat beschädigt – Ausgang und Entwürfe konnten nicht gesichert werden: \(message.de) F5 versucht es erneut.",
            "Replica damaged – the outbox and drafts could not be saved: \(message.en) F5 tries again.")
    }
    static func rebuildQuestion(_ summary: RescueSummary) -> LocalizedText {
        let changes = counted(summary.operations, t("Änderung", "change"), t("Änderungen", "changes"))
        let drafts = counted(summary.drafts, t("Entwurf", "draft"), t("Entwürfe", "drafts"))
        let unreadable =
            summary.unreadable > 0
            ? t(
                " \(summary.unreadable) Einträge des Ausgangs waren nicht lesbar.",
                " \(summary.unreadable) outbox entries could not be read.") : t("", "")
        return t(
            "Das Replikat auf diesem Rechner ist beschädigt. Gesichert in \(fileName(summary.path)): \(changes.de) aus dem Ausgang und \(drafts.de).\(unreadable.de) Jetzt neu aufbauen? Die beschädigte Datei wird beiseitegelegt (nicht gelöscht), ein neues Replikat angelegt, die geretteten Änderungen kommen in den Ausgang und werden gesendet; die Vorgänge holt der nächste Abgleich aus der Zentrale.",
            "The replica on this computer is damaged. Saved in \(fileName(summary.path)): \(changes.en) from the outbox and \(drafts.en).\(unreadable.en) Rebuild it now? The damaged file is put aside (not deleted), a new replica is created, the saved changes go into its outbox and are sent; the next sync brings the cases from the central service."
        )
    }
    static let rebuilding = t(
        "Das Replikat wird neu angelegt …", "The replica is being rebuilt …")
    static let rebuildLater = t(
        "Das Replikat bleibt beschädigt und nimmt keine Änderungen an – F5 bietet den Neuaufbau wieder an.",
        "The replica stays damaged and takes no changes – F5 offers the rebuild again.")
    static func rebuilt(requeued: Int, damagedFile: String) -> LocalizedText {
        t(
            "Replikat neu angelegt – \(requeued) gerettete Änderungen im Ausgang, die Vorgänge kommen mit dem Abgleich; die beschädigte Datei bleibt als \(fileName(damagedFile)).",
            "Replica rebuilt – \(requeued) saved changes in the outbox, the cases arrive with the sync; the damaged file is kept as \(fileName(damagedFile))."
        )
    }
    static func rebuildFailed(_ message: LocalizedText) -> LocalizedText {
        t(
            "Das Replikat konnte nicht neu angelegt werden: \(message.de)",
            "The replica could not be rebuilt: \(message.en)")
    }
    private static func counted(_ n: Int, _ one: LocalizedText, _ many: LocalizedText) -> LocalizedText {
        t("\(n) " + (n == 1 ? one.de : many.de), "\(n) " + (n == 1 ? one.en : many.en))
    }
    private static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

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
