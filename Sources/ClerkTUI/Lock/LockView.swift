import CaseModel
import Foundation
import SyncClient
import TerminalKit

/// What a lock screen shows: a title, a few lines about the workstation (never about a citizen
/// or a case), the masked password field and what to do.
struct LockScreen {
    var title: String
    /// The clock shown after the title.
    var time: String
    var info: [String]
    var label: String
    var entry: PasswordEntry
    var now: Date
    var help: String
    var hint: String?
    var language: Language

    /// The lines below the password field: a wait, the check in progress, or the last problem.
    var message: (String, Style)? {
        if let seconds = entry.secondsToWait(at: now) {
            let problem = entry.problem.map { $0.text(language) + " " } ?? ""
            return ("✗ " + problem + LockText.wait(seconds).text(language), Theme.error)
        }
        if entry.checking { return (LockText.unlocking.text(language), Theme.info) }
        if let problem = entry.problem { return ("✗ " + problem.text(language), Theme.error) }
        return nil
    }
}

/// Draws a lock screen over the whole terminal, legibly down to 40×10 and below: in a box when
/// there is room, else as plain lines.
enum LockView {
    static func draw(_ screen: LockScreen, into buffer: inout ScreenBuffer) {
        buffer.clear()
        let boxed = buffer.columns >= 50 && buffer.rows >= 16
        let width = boxed ? min(60, buffer.columns - 8) : max(1, buffer.columns - 2)
        var lines: [(String, Style)] = []
        let heading = screen.title + "  " + screen.time
        lines.append((heading, Theme.title))
        for line in screen.info { lines.append((line, .plain)) }
        lines.append(("", .plain))
        let inputLine = lines.count
        lines.append(("", .plain))
        if let message = screen.message {
            for part in wrap(message.0, width: width) { lines.append((part, message.1)) }
        }
        lines.append((screen.help, Theme.dim))
        if let hint = screen.hint { lines.append((hint, Theme.info)) }

        let origin: Position
        if boxed {
            let rect = ModalView.drawBox(title: screen.title, lines: lines, width: width, into: &buffer)
            origin = Position(row: rect.row + 1, column: rect.column + 2)
        } else {
            // The title and the password field first; the rest as far as it fits.
            let shown = Array(lines.prefix(buffer.rows))
            let top = max(0, (buffer.rows - shown.count) / 2)
            origin = Position(row: top, column: 1)
            for (i, line) in shown.enumerated() {
                buffer.write(
                    line.0, at: Position(row: top + i, column: 1), style: line.1, maxWidth: width)
            }
        }
        let label = screen.label + ": "
        let row = origin.row + inputLine
        guard row < buffer.rows else { return }
        buffer.write(label, at: Position(row: row, column: origin.column), style: .plain, maxWidth: width)
        let fieldWidth = max(1, min(30, width - label.displayWidth))
        let masked = TextInput(
            String(repeating: "•", count: screen.entry.input.text.count), caret: screen.entry.input.caret)
        drawInput(
            masked, at: Position(row: row, column: origin.column + label.displayWidth), width: fieldWidth,
            focused: !screen.entry.checking, into: &buffer)
    }

    /// The workstation's lock screen: "Gesperrt", the clerk, the time and the sync status —
    /// nothing of the screen underneath.
    static func draw(_ lock: LockState, _ state: AppState, into buffer: inout ScreenBuffer) {
        let language = state.language
        var info = [LockText.clerk(state.clerk.displayName).text(language)]
        if let server = state.lockPolicy.server { info.append(LockText.server(server).text(language)) }
        info.append(syncLine(state))
        let screen = LockScreen(
            title: LockText.locked.text(language), time: Formatting.time(state.now), info: info,
            label: LockText.password.text(language), entry: lock.entry, now: state.now,
            help: LockText.enterUnlocks.text(language),
            hint: state.lockPolicy.hint?.text(language), language: language)
        draw(screen, into: &buffer)
    }

    /// The sync status in one short line: connection and outbox.
    static func syncLine(_ state: AppState) -> String {
        let en = state.language == .en
        let online: String
        switch state.sync.connection {
        case .online: online = "● online"
        case .offline: online = "○ offline"
        case .syncing: online = en ? "↻ syncing" : "↻ Abgleich"
        case .loginRequired: online = en ? "⚠ login required" : "⚠ Anmeldung nötig"
        case .deviceRevoked: online = en ? "⛔ device revoked" : "⛔ Gerät gesperrt"
        }
        return online + " · " + (en ? "Outbox \(state.sync.pending)" : "Ausgang \(state.sync.pending)")
    }
}
