import CaseModel

/// Why a sync step failed, in words a clerk understands; `detail` goes to the log file.
public enum SyncError: Error, Hashable, Sendable {
    /// The central service could not be reached (no network, server down, time-out).
    case unreachable(detail: String)
    /// The token is missing, expired or revoked: the clerk must log in again.
    case unauthorized(detail: String)
    /// The central service refused the request (4xx) with its reason.
    case refused(status: Int, code: String, message: LocalizedText)
    /// The answer was not what the protocol promises (garbage, cut off, wrong version).
    case badResponse(detail: String)
    /// The answer was larger than the client takes (`limit` bytes); nothing of it was used.
    case tooLarge(limit: Int, detail: String)
    /// The central service failed (5xx).
    case serverFailure(status: Int, detail: String)
    /// The local replica could not be read or written.
    case localStore(detail: String)
    /// The connection would not be safe (plain HTTP to another host, a certificate that is not
    /// trusted or not for this host, a redirect): nothing was sent, or nothing was taken over.
    case notSecure(message: LocalizedText, detail: String)
    /// The administrators revoked this device (`device_revoked`): the workstation deletes its
    /// replica's key and its saved login and stops syncing.
    case deviceRevoked
    /// The replica's key file could not be made, opened or changed at login.
    case replicaKey(message: LocalizedText, detail: String)

    /// The message for the status bar.
    public var message: LocalizedText {
        switch self {
        case .unreachable:
            .init(
                de: "Zentrale nicht erreichbar – Sie arbeiten offline, nichts geht verloren.",
                en: "Central service unreachable – you are working offline, nothing is lost.")
        case .unauthorized:
            .init(
                de: "Anmeldung abgelaufen – bitte Passwort erneut eingeben.",
                en: "Login expired – please enter your password again.")
        case .refused(_, _, let message):
            message
        case .badResponse:
            .init(
                de: "Die Zentrale hat unverständlich geantwortet – es wurde nichts übernommen.",
                en: "The central service sent an unreadable answer – nothing was taken over.")
        case .tooLarge(let limit, _):
            .init(
                de:
                    "Die Zentrale hat mehr geschickt, als dieser Arbeitsplatz annimmt (höchstens "
                    + "\(Self.megabytes(limit)) MB auf einmal) – nichts davon "
                    + "wurde übernommen. Bitte die IT-Betreuung verständigen; Ihre Änderungen bleiben erhalten.",
                en:
                    "The central service sent more than this workstation accepts (at most "
                    + "\(Self.megabytes(limit)) MB at once) – none of it was taken over. "
                    + "Please tell IT support; your changes are kept.")
        case .serverFailure:
            .init(
                de: "Fehler in der Zentrale – der Abgleich wird später wiederholt.",
                en: "Central service error – sync will be retried later.")
        case .localStore:
            .init(
                de: "Die lokale Datenbank meldet einen Fehler – Einzelheiten stehen im Protokoll.",
                en: "The local database reported an error – details are in the log file.")
        case .notSecure(let message, _):
            message
        case .deviceRevoked:
            SyncError.deviceRevokedMessage
        case .replicaKey(let message, _):
            message
        }
    }

    /// What the clerk reads once the device was revoked, in the workstation and at the next start.
    public static let deviceRevokedMessage = LocalizedText(
        de: "Dieses Gerät wurde von der Administration gesperrt. Der Schlüssel des Replikats und die "
            + "gespeicherte Anmeldung wurden gelöscht; die Vorgänge auf diesem Gerät sind nicht mehr lesbar, "
            + "nicht gesendete Änderungen sind verloren. Bitte wenden Sie sich an die Administration.",
        en: "This device was revoked by the administrators. The replica's key and the saved login were "
            + "deleted; the cases on this device can no longer be read, changes not sent are lost. "
            + "Please contact the administrators.")

    /// Technical detail for the log file.
    public var detail: String {
        switch self {
        case .unreachable(let d), .unauthorized(let d), .badResponse(let d), .localStore(let d): d
        case .refused(let status, let code, let message): "HTTP \(status) \(code): \(message.en)"
        case .serverFailure(let status, let d): "HTTP \(status): \(d)"
        case .tooLarge(let limit, let d): "answer larger than \(limit) bytes: \(d)"
        case .notSecure(_, let d), .replicaKey(_, let d): d
        case .deviceRevoked: "HTTP 403 device_revoked"
        }
    }

    /// Whole megabytes (at least 1) of `bytes`, for messages.
    static func megabytes(_ bytes: Int) -> Int { max(1, bytes >> 20) }

    /// Whether retrying later may help (as opposed to needing the clerk).
    public var isTransient: Bool {
        switch self {
        case .unreachable, .serverFailure, .badResponse, .tooLarge, .localStore: true
        case .unauthorized, .refused, .notSecure, .deviceRevoked, .replicaKey: false
        }
    }
}
