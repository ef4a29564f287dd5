import CaseModel
import Foundation
import TerminalKit

/// Draws the whole frame for a state: status bar, title, screen body, message line, footer.
///
/// Views only draw; they read the state and write cells, nothing else.
public func render(_ state: AppState, into buffer: inout ScreenBuffer) {
    buffer.clear()
    if let lock = state.lock {
        // Only the lock screen: nothing of the screen underneath reaches the terminal.
        LockView.draw(lock, state, into: &buffer)
        return
    }
    guard state.fitsTerminal else {
        TooSmallView.draw(state, into: &buffer)
        return
    }
    let width = buffer.columns
    StatusBarView.draw(state, into: &buffer)
    let body = Rect(row: 2, column: 0, height: state.bodyRows, width: width)
    switch state.screen {
    case .queues(let s): QueueOverviewView.draw(s, state, body, into: &buffer)
    case .caseList(let s): CaseListView.draw(s, state, body, into: &buffer)
    case .caseDetail(let s): CaseDetailView.draw(s, state, body, into: &buffer)
    case .form(let s): FormView.draw(s, state, body, into: &buffer)
    case .search(let s): SearchView.draw(s, state, body, into: &buffer)
    case .newCase(let s): NewCaseView.draw(s, state, body, into: &buffer)
    case .conflict(let s): ConflictView.draw(s, state, body, into: &buffer)
    case .rejected(let s): RejectedListView.draw(s, state, body, into: &buffer)
    case .phone(let s): PhoneView.draw(s, state, body, into: &buffer)
    }
    MessageLineView.draw(state, row: buffer.rows - 2, into: &buffer)
    FooterView.draw(state, row: buffer.rows - 1, into: &buffer)
    if let modal = state.modal {
        ModalView.draw(modal, state, into: &buffer)
    }
}

/// The title line of a screen (row 1): the screen's name left, a detail right.
func drawTitle(_ left: String, right: String = "", width: Int, into buffer: inout ScreenBuffer) {
    let rightWidth = min(right.displayWidth, width / 2)
    buffer.write(
        left.truncated(toWidth: width - rightWidth - 2), at: Position(row: 1, column: 1), style: Theme.title)
    if rightWidth > 0 {
        buffer.write(
            right.truncated(toWidth: rightWidth), at: Position(row: 1, column: width - rightWidth - 1),
            style: Theme.dim)
    }
}
