import CaseModel
import Foundation
import TerminalKit

/// A password being typed on a lock screen (the start-up prompt or the workstation's lock):
/// never shown, checked off the loop thread, and after each wrong one a growing wait during
/// which keys are dropped, not kept for later.
public struct PasswordEntry: Hashable, Sendable {
    /// What is typed so far.
    public var input: TextInput
    /// For a new password: the first entry, while it is typed a second time.
    public var first: String?
    /// Why the last attempt did not unlock.
    public var problem: LocalizedText?
    /// A password is being checked (the key derivation takes a moment).
    public var checking: Bool
    /// Wrong passwords in a row.
    public var failures: Int
    /// Until when keys are dropped after a wrong password.
    public var retryAt: Date?

    public init() {
        input = TextInput()
        first = nil
        problem = nil
        checking = false
        failures = 0
        retryAt = nil
    }

    /// What a key asks for.
    public enum Outcome: Hashable, Sendable {
        /// Nothing beyond the change to the entry.
        case none
        /// Check this password.
        case submit(String)
        /// Leave (only the start-up prompt offers it).
        case cancel
    }

    /// The wait after the `count`-th wrong password in a row: 1, 2, 4, 8, 16, then 30 seconds.
    public static func delay(afterFailures count: Int) -> TimeInterval {
        guard count > 0 else { return 0 }
        return min(30, pow(2, Double(min(count, 16) - 1)))
    }

    /// Whole seconds left of the wait after a wrong password (rounded up), nil when none.
    public func secondsToWait(at now: Date) -> Int? {
        guard let retryAt, retryAt > now else { return nil }
        return Int(retryAt.timeIntervalSince(now).rounded(.up))
    }

    /// Handles a key at `now`: typed text, Backspace, Enter; Esc cancels when `cancellable`.
    /// While a password is checked or the wait runs, keys are dropped. With `confirming`, a new
    /// password is asked for twice: Enter after the first moves on, after the second submits
    /// when both agree.
    public mutating func key(
        _ event: KeyEvent, at now: Date, confirming: Bool = false, cancellable: Bool = false
    ) -> Outcome {
        guard !checking, secondsToWait(at: now) == nil else { return .none }
        switch event {
        case .paste(let text):
            input.insert(text.replacingOccurrences(of: "\n", with: ""))
        case .resize:
            break
        case .key(let chord):
            let plain = chord.modifiers.isDisjoint(with: [.control, .alt])
            switch chord.key {
            case .character(let character) where plain:
                input.insert(String(character))
            case .backspace where plain:
                _ = input.deleteBackward()
            case .escape where cancellable:
                return .cancel
            case .enter where plain:
                return submitted(confirming: confirming)
            default:
                break
            }
        }
        return .none
    }

    private mutating func submitted(confirming: Bool) -> Outcome {
        let typed = input.text
        guard !typed.isEmpty else {
            problem = LockText.passwordEmpty
            return .none
        }
        input = TextInput()
        if confirming {
            guard let first else {
                self.first = typed
                problem = nil
                return .none
            }
            self.first = nil
            guard first == typed else {
                problem = LockText.passwordsDiffer
                return .none
            }
        }
        problem = nil
        checking = true
        return .submit(typed)
    }

    /// The password was right: the entry starts over.
    public mutating func accepted() {
        self = PasswordEntry()
    }

    /// The password was wrong (at `now`): says so, and keys wait a little longer each time.
    public mutating func refused(at now: Date) {
        refused(at: now, problem: LockText.wrongPassword)
    }

    /// The password was refused with `problem` (at `now`).
    public mutating func refused(at now: Date, problem: LocalizedText) {
        checking = false
        failures += 1
        self.problem = problem
        retryAt = now.addingTimeInterval(Self.delay(afterFailures: failures))
    }

    /// The check failed for another reason than a wrong password (no wait).
    public mutating func failed(_ problem: LocalizedText) {
        checking = false
        self.problem = problem
    }

    /// Forgets a wait that has run out.
    public mutating func tick(_ now: Date) {
        if let retryAt, retryAt <= now { self.retryAt = nil }
    }
}
