import CaseModel
import Foundation

/// When the workstation locks itself and what its lock screen may say besides "Gesperrt".
public struct LockPolicy: Hashable, Sendable {
    /// Whether the workstation can lock at all (there is a key file to check passwords against).
    public var enabled: Bool
    /// Lock after this long without a key; nil: only on request.
    public var afterIdle: TimeInterval?
    /// The central service's address, if the workstation syncs with one.
    public var server: String?
    /// A hint shown under the password field (the demo's password), never a secret.
    public var hint: LocalizedText?

    public init(
        enabled: Bool = false, afterIdle: TimeInterval? = LockPolicy.defaultIdle, server: String? = nil,
        hint: LocalizedText? = nil
    ) {
        self.enabled = enabled
        self.afterIdle = afterIdle
        self.server = server
        self.hint = hint
    }

    /// Five minutes.
    public static let defaultIdle: TimeInterval = 300
    /// A policy that never locks (a workstation without a sealed replica, and tests).
    public static let never = LockPolicy(enabled: false, afterIdle: nil)
}

/// The lock screen over the workstation: everything below it stays as it was (screens, forms,
/// a call in progress) and comes back unchanged after the password.
public struct LockState: Hashable, Sendable {
    /// When it locked.
    public var since: Date
    /// The password being typed.
    public var entry: PasswordEntry

    public init(since: Date, entry: PasswordEntry = PasswordEntry()) {
        self.since = since
        self.entry = entry
    }
}

/// The answer to a password typed on the lock screen.
public enum UnlockAnswer: Hashable, Sendable {
    case accepted
    case wrongPassword
    /// The key file could not be read or another failure; the message says what.
    case failed(LocalizedText)
}
