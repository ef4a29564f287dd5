import CaseModel
import Foundation
import TerminalKit

/// The top line, always visible: clerk, org unit, online/offline, outbox, conflicts, last sync.
enum StatusBarView {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer) {
        let width = buffer.columns
        buffer.fill(Rect(row: 0, column: 0, height: 1, width: width), style: Theme.statusBar)
        let en = state.language == .en
        let s = state.sync
        let online: String
        switch s.connection {
        case .online: online = "● online"
        case .offline: online = "○ offline"
        case .syncing: online = en ? "↻ syncing" : "↻ Abgleich"
        case .loginRequired: online = en ? "⚠ login required" : "⚠ Anmeldung nötig"
        case .deviceRevoked: online = en ? "⛔ device revoked" : "⛔ Gerät gesperrt"
        }
        let pending = en ? "Outbox \(s.pending)" : "Ausgang \(s.pending)"
        var conflicts = en ? "Conflicts \(s.conflicts)" : "Konflikte \(s.conflicts)"
        if s.rejected > 0 { conflicts += en ? " │ Rejected \(s.rejected)" : " │ Abgelehnt \(s.rejected)" }
        let last: String
        if let at = s.lastSync {
            last = (en ? "Sync " : "Abgleich ") + Formatting.dateTime(at)
        } else {
            last = en ? "Sync never" : "Abgleich nie"
        }
        let clock = Formatting.time(state.now)
        let right = [online, pending, conflicts, last, clock].joined(separator: " │ ") + " "
        let left = " " + state.clerk.displayName + " · " + state.clerk.orgUnit
        let leftWidth = max(0, width - right.displayWidth - 1)
        buffer.write(
            left.truncated(toWidth: leftWidth), at: Position(row: 0, column: 0), style: Theme.statusBar.bolded
        )
        buffer.write(
            right.truncated(toWidth: width), at: Position(row: 0, column: max(0, width - right.displayWidth)),
            style: Theme.statusBar)
    }
}

/// The line above the footer: the latest notice (saved, error, …); when there is none, a full
/// disk or a damaged replica for as long as it lasts.
enum MessageLineView {
    static func draw(_ state: AppState, row: Int, into buffer: inout ScreenBuffer) {
        guard let notice = state.notice ?? standing(state) else { return }
        let (symbol, style): (String, Style) =
            switch notice.kind {
            case .error: ("✗ ", Theme.error)
            case .success: ("✓ ", Theme.success)
            case .info: ("ℹ ", Theme.info)
            }
        buffer.write(
            (symbol + notice.text.text(state.language)).truncated(toWidth: buffer.columns - 2),
            at: Position(row: row, column: 1), style: style)
    }
}

extension MessageLineView {
    /// What stays said while it lasts: the replica's damage and its rescue, or a full disk while
    /// something typed waits for space.
    static func standing(_ state: AppState) -> Notice? {
        let storage = state.storage
        if let damage = storage.damage {
            let text: LocalizedText =
                switch damage.rescue {
                case .saving: UIText.replicaDamaged
                case .saved(let summary): UIText.rescueSaved(summary)
                case .failed(let message): UIText.rescueFailed(message)
                }
            return Notice(text, kind: .error, at: state.now)
        }
        if storage.fullSince != nil, storage.somethingWaits {
            return Notice(UIText.diskStillFull, kind: .error, at: state.now)
        }
        return nil
    }
}

/// The bottom line: the active keymap's footer entries for the current mode.
///
/// When they do not all fit, general entries give way first (call, paging, menu, sync), so the
/// keys of the screen itself stay visible.
enum FooterView {
    static let dropOrder = ["phone.call", "page.up", "page.down", "menu", "sync", "cancel", "search", "back"]

    static func draw(_ state: AppState, row: Int, into buffer: inout ScreenBuffer) {
        let language = state.language.textLanguage
        var items = state.keymap.footer(for: state.keymapMode)
        func width(_ items: [FooterItem]) -> Int {
            items.reduce(0) { sum, item in
                sum + item.chord.description.displayWidth + 1 + item.label.text(in: language).displayWidth + 1
            }
        }
        for action in dropOrder where width(items) > buffer.columns {
            items.removeAll { $0.action == action }
        }
        var column = 0
        for item in items {
            let key = item.chord.description
            let label = item.label.text(in: language)
            let needed = key.displayWidth + 1 + label.displayWidth
            guard column + needed <= buffer.columns else { break }
            buffer.write(key, at: Position(row: row, column: column), style: Theme.footerKey.reversed)
            buffer.write(
                label, at: Position(row: row, column: column + key.displayWidth + 1), style: Theme.footer)
            column += needed + 1
        }
    }
}
