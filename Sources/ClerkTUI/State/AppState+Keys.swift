import CaseModel
import TerminalKit

extension AppState {
    /// The keymap mode the clerk is in: the dialog's, else the screen's.
    public var keymapMode: KeymapMode {
        if let modal {
            switch modal {
            case .reason, .comment: return .form
            // A text field without form keys: Enter logs in, Esc postpones.
            case .relogin: return .search
            default: return .dialog
            }
        }
        switch screen {
        case .queues: return .list
        case .caseList: return .queue
        case .caseDetail: return .case
        case .form: return .form
        case .search: return .search
        case .newCase(let s): return s.step == .channel ? .list : .search
        case .conflict(let s):
            guard s.editing == nil else { return .form }
            let involved = s.selected.map { $0.seen(by: clerk.id).involved } ?? true
            return involved ? KeymapSupplement.conflict : KeymapSupplement.othersConflict
        case .rejected: return KeymapSupplement.rejected
        case .phone: return .phone
        }
    }

    /// Whether typed characters go into a text field right now.
    public var acceptsText: Bool {
        if let modal {
            switch modal {
            case .reason, .comment, .relogin: return true
            default: return false
            }
        }
        switch screen {
        case .form(let f):
            if case .field = f.focus { return true }
            return false
        case .search: return true
        case .newCase(let s): return s.step != .channel
        case .conflict(let s): return s.editing != nil
        case .phone: return true
        default: return false
        }
    }

    /// What a key means here: the keymap's action for the mode (falling back to global),
    /// else text for the focused field, else a plain editing or moving key.
    public func keyInput(for event: KeyEvent) -> KeyInput {
        switch event {
        case .paste(let text):
            return acceptsText ? .text(text.replacingOccurrences(of: "\n", with: " ")) : .ignored
        case .resize:
            return .ignored
        case .key(let chord):
            if let id = keymap.action(for: chord, in: keymapMode), let command = Command(actionID: id) {
                return .command(command)
            }
            let plain = chord.modifiers.isDisjoint(with: [.control, .alt])
            if case .character(let character) = chord.key {
                // Screens without a text field ignore text (or read digits as choices).
                return plain ? .text(String(character)) : .ignored
            }
            guard plain else { return .ignored }
            switch chord.key {
            case .left: return .command(.left)
            case .right: return .command(.right)
            case .home: return .command(acceptsText ? .lineStart : .first)
            case .end: return .command(acceptsText ? .lineEnd : .last)
            case .backspace: return .command(.deleteBackward)
            case .delete: return .command(.deleteForward)
            case .up: return .command(.up)
            case .down: return .command(.down)
            case .pageUp: return .command(.pageUp)
            case .pageDown: return .command(.pageDown)
            case .enter: return .command(.open)
            case .escape: return .command(.cancel)
            case .tab: return .command(chord.modifiers.contains(.shift) ? .previousField : .nextField)
            default: return .ignored
            }
        }
    }
}
