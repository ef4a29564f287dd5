import CaseModel
import Foundation

/// Keys while a dialog is open: the dialog gets them all.
func reduceModalKey(_ state: inout AppState, _ input: KeyInput) -> [Effect] {
    guard let modal = state.modal else { return [] }
    switch modal {
    case .help(let offset):
        switch input {
        case .command(.down): state.modal = .help(offset: offset + 1)
        case .command(.up): state.modal = .help(offset: max(0, offset - 1))
        case .command(.pageDown): state.modal = .help(offset: offset + max(1, state.bodyRows - 4))
        case .command(.pageUp): state.modal = .help(offset: max(0, offset - max(1, state.bodyRows - 4)))
        case .command(.quit): return requestQuitFromModal(&state)
        case .ignored: break
        default: state.modal = nil
        }
        return []
    case .fieldHelp:
        switch input {
        case .command(.help): state.modal = .help(offset: 0)
        case .ignored: break
        default: state.modal = nil
        }
        return []
    case .confirmQuit:
        switch confirmation(input) {
        case .yes?:
            state.modal = nil
            state.quitting = true
            return [.quit]
        case .no?: state.modal = nil
        case nil: break
        }
        return []
    case .confirmDiscard:
        switch confirmation(input) {
        case .yes?:
            state.modal = nil
            guard case .form(let form) = state.screen else { return [] }
            state.stack.removeLast()
            state.notice = Notice(UIText.draftDiscarded, kind: .info, at: state.now)
            return [.deleteDraft(key: form.draftKey)] + reloadCurrent(&state)
        case .no?: state.modal = nil
        case nil: break
        }
        return []
    case .confirmDiscardRejected(let id):
        switch confirmation(input) {
        case .yes?:
            state.modal = nil
            return [.discardRejected(id)]
        case .no?: state.modal = nil
        case nil: break
        }
        return []
    case .transitions(let cursor):
        return transitionsKey(&state, input, cursor: cursor)
    case .pick(let path, let cursor):
        return pickKey(&state, input, path: path, cursor: cursor)
    case .filter(let cursor):
        return filterKey(&state, input, cursor: cursor)
    case .reason(let transition, var text):
        switch input {
        case .command(.cancel), .command(.back):
            state.modal = nil
            leaveReopenedDialog(&state)
        case .command(.confirm), .command(.open), .command(.save), .command(.nextField):
            let reason = text.text.trimmingCharacters(in: .whitespaces)
            guard !reason.isEmpty else {
                state.notice = Notice(UIText.reasonRequired, kind: .error, at: state.now)
                return []
            }
            state.modal = nil
            replaceReopenedSave(&state)
            return recordTransition(&state, transition, reason: reason)
        default:
            if edit(&text, input) { state.modal = .reason(transition: transition, text: text) }
        }
        return []
    case .relogin(let password, let problem, let busy):
        return reloginKey(&state, input, password: password, problem: problem, busy: busy)
    case .rebuildReplica:
        return rebuildDialogKey(&state, input)
    case .comment(var text):
        switch input {
        case .command(.cancel), .command(.back):
            state.modal = nil
            leaveReopenedDialog(&state)
        case .command(.confirm), .command(.open), .command(.save), .command(.nextField):
            let comment = text.text.trimmingCharacters(in: .whitespaces)
            state.modal = nil
            replaceReopenedSave(&state)
            guard !comment.isEmpty else { return [] }
            return recordOnOpenCase(&state, .addComment(text: comment))
        default:
            if edit(&text, input) { state.modal = .comment(text) }
        }
        return []
    }
}

/// From the help screen, quitting goes through the same question as everywhere.
private func requestQuitFromModal(_ state: inout AppState) -> [Effect] {
    state.modal = nil
    return requestQuit(&state)
}

enum Answer { case yes, no }

/// Reads a yes/no answer: confirm/cancel commands or the letters J/Y and N.
func confirmation(_ input: KeyInput) -> Answer? {
    switch input {
    case .command(.confirm), .command(.open), .command(.yes): return .yes
    case .command(.cancel), .command(.back), .command(.no): return .no
    case .text(let t):
        switch t.lowercased() {
        case "j", "y": return .yes
        case "n": return .no
        default: return nil
        }
    default: return nil
    }
}

/// Applies an editing key to a line of text; false if the key does not edit.
func edit(_ text: inout TextInput, _ input: KeyInput) -> Bool {
    switch input {
    case .text(let typed): text.insert(typed)
    case .command(.deleteBackward): text.deleteBackward()
    case .command(.deleteForward): text.deleteForward()
    case .command(.left): text.move(-1)
    case .command(.right): text.move(1)
    case .command(.lineStart): text.home()
    case .command(.lineEnd): text.end()
    case .command(.clearField): text = TextInput()
    default: return false
    }
    return true
}
