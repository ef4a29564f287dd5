import CaseModel
import Hummingbird
import SyncProtocol

/// A refused request: an HTTP status and the JSON `ErrorBody` sent with it.
public struct APIError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var body: ErrorBody
    /// Extra response headers (e.g. `WWW-Authenticate`).
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: LocalizedText) {
        self.status = status
        self.body = ErrorBody(code: code, message: message)
    }

    static func unauthorized(_ code: String, _ message: LocalizedText) -> APIError {
        var error = APIError(.unauthorized, code, message)
        error.headers[.wwwAuthenticate] = "Bearer realm=\"clerk\""
        return error
    }

    static let missingToken = unauthorized(
        "missing_token", .init(de: "Bitte melden Sie sich an.", en: "Please log in."))
    static let invalidToken = unauthorized(
        "invalid_token", .init(de: "Die Anmeldung ist ungültig.", en: "The login is not valid."))
    static let expiredToken = unauthorized(
        "token_expired", .init(de: "Die Anmeldung ist abgelaufen.", en: "The login has expired."))
    static let revokedToken = unauthorized(
        "token_revoked", .init(de: "Die Anmeldung wurde widerrufen.", en: "The login was revoked."))
    /// The token's device was revoked by the administrators (`admin revoke-device`): the
    /// workstation deletes its key and its saved login. 403, not 401: logging in again does not help.
    static let deviceRevoked = APIError(
        .forbidden, "device_revoked",
        .init(
            de: "Dieses Gerät wurde von der Administration gesperrt.",
            en: "This device was revoked by the administrators."))
    static let invalidCredentials = unauthorized(
        "invalid_credentials",
        .init(de: "Benutzername oder Passwort ist falsch.", en: "Wrong user name or password."))
    static let forbiddenCase = APIError(.forbidden, "forbidden", CentralTexts.forbiddenCase)
    static let clerkMismatch = APIError(.forbidden, "clerk_mismatch", CentralTexts.clerkMismatch)
    static let bodyTooLarge = APIError(
        .contentTooLarge, "body_too_large",
        .init(de: "Die Anfrage ist zu groß.", en: "The request body is too large."))
    static let notFound = APIError(
        .notFound, "not_found", .init(de: "Diese Adresse gibt es nicht.", en: "No such endpoint."))
    static let internalError = APIError(
        .internalServerError, "internal_error",
        .init(de: "Interner Fehler des Zentralservers.", en: "Internal error of the central service."))

    /// A login refused while the throttle holds the user name or the address; `seconds` goes
    /// into `Retry-After` and the message.
    static func tooManyLoginAttempts(retryAfter seconds: Int) -> APIError {
        var error = APIError(
            .tooManyRequests, "too_many_attempts",
            .init(
                de: "Zu viele fehlgeschlagene Anmeldungen. Bitte in \(seconds) Sekunden erneut versuchen.",
                en: "Too many failed logins. Please try again in \(seconds) seconds."))
        error.headers[.retryAfter] = String(seconds)
        return error
    }

    static let incompleteBody = APIError(
        .badRequest, "incomplete_body",
        .init(
            de: "Die Anfrage ist unvollständig angekommen (weniger Daten als angekündigt).",
            en: "The request body arrived incomplete (less data than announced)."))
    static let numberOutOfRange = APIError(
        .badRequest, "invalid_value",
        .init(
            de: "Eine Zahl in der Anfrage liegt außerhalb des erlaubten Bereichs.",
            en: "A number in the request is out of range."))

    /// 405 with the `Allow` header listing what the path answers (empty for an unknown path).
    static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> APIError {
        var error = APIError(
            .methodNotAllowed, "method_not_allowed",
            .init(
                de: "Die Methode \(method.rawValue) ist hier nicht erlaubt.",
                en: "The method \(method.rawValue) is not allowed here."))
        error.headers[.allow] = allowed.map(\.rawValue).sorted().joined(separator: ", ")
        return error
    }

    static func batchTooLarge(_ limit: Int) -> APIError {
        APIError(
            .contentTooLarge, "batch_too_large",
            .init(
                de: "Zu viele Vorgänge in einer Sendung (höchstens \(limit)).",
                en: "Too many operations in one push (at most \(limit))."))
    }

    static func badRequest(_ code: String, _ de: String, _ en: String) -> APIError {
        APIError(.badRequest, code, .init(de: de, en: en))
    }

    static func operationIDReused(_ id: String) -> APIError {
        APIError(
            .conflict, "operation_id_reused",
            .init(
                de: "Die Vorgangskennung \(id) wurde schon für einen anderen Inhalt verwendet.",
                en: "The operation id \(id) was already used for different content."))
    }
}
