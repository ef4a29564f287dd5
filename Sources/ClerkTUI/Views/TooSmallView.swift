import CaseModel
import TerminalKit

/// Shown instead of the screen while the terminal is smaller than 80×24.
enum TooSmallView {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer) {
        let size = "\(buffer.columns)×\(buffer.rows)"
        let text =
            state.language == .en
            ? "The terminal is too small (\(size)). Please enlarge it to at least 80×24."
            : "Das Terminal ist zu klein (\(size)). Bitte auf mindestens 80×24 vergrößern."
        let quit = keyName(state, "quit", mode: .global)
        let hint = quit.isEmpty ? "" : quit + (state.language == .en ? " quits." : " beendet.")
        let width = max(1, buffer.columns - 2)
        let lines = wrap(text, width: width) + [""] + wrap(hint, width: width)
        let top = max(0, (buffer.rows - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < buffer.rows {
            let column = max(0, (buffer.columns - line.displayWidth) / 2)
            buffer.write(
                line, at: Position(row: top + i, column: column), style: i == 0 ? Theme.title : .plain)
        }
    }
}
