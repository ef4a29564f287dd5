import CaseModel
import Foundation
import TerminalKit

/// Locks the workstation (the lock key, `clerk lock`, or the idle time): the lock screen goes
/// over whatever is open, which stays as it is.
func lockNow(_ state: inout AppState) -> [Effect] {
    guard state.lockPolicy.enabled, state.lock == nil else { return [] }
    state.lock = LockState(since: state.now)
    return []
}

/// A key while locked: only the password field takes it.
func lockedKey(_ state: inout AppState, _ event: KeyEvent) -> [Effect] {
    guard var lock = state.lock else { return [] }
    let outcome = lock.entry.key(event, at: state.now)
    state.lock = lock
    if case .submit(let password) = outcome { return [.checkUnlockPassword(password)] }
    return []
}

/// The typed password was checked: unlock, or say why not and wait a little longer each time.
func unlockChecked(_ state: inout AppState, _ answer: UnlockAnswer, at: Date) -> [Effect] {
    state.now = max(state.now, at)
    guard var lock = state.lock else { return [] }
    switch answer {
    case .accepted:
        state.lock = nil
        state.lastKeyAt = state.now
        // Everything underneath is drawn again as it was.
        return [.redraw]
    case .wrongPassword:
        lock.entry.refused(at: state.now)
    case .failed(let message):
        lock.entry.failed(message)
    }
    state.lock = lock
    return []
}

/// The clock moved on: the wait after a wrong password runs out, or the idle time locks.
func lockOnTick(_ state: inout AppState) {
    if var lock = state.lock {
        lock.entry.tick(state.now)
        state.lock = lock
        return
    }
    guard state.lockPolicy.enabled, let idle = state.lockPolicy.afterIdle else { return }
    if state.now.timeIntervalSince(state.lastKeyAt) >= idle {
        _ = lockNow(&state)
    }
}
