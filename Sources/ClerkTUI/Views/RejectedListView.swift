import CaseModel
import Foundation
import OfflineStore
import TerminalKit

/// The operations the central service refused: case, what was tried, why.
enum RejectedListView {
    static func draw(_ s: RejectedListState, _ state: AppState, _ body: Rect, into buffer: inout ScreenBuffer)
    {
        let en = state.language == .en
        let lang = state.language
        drawTitle(
            en ? "Rejected changes" : "Abgelehnte Änderungen", right: Formatting.count(s.items.count, lang),
            width: body.width, into: &buffer)
        if s.loading && s.items.isEmpty {
            buffer.write(en ? "Loading …" : "Wird geladen …", at: Position(row: body.row + 1, column: 2))
            return
        }
        if s.items.isEmpty {
            buffer.write(
                en
                    ? "The central service has refused no change."
                    : "Die Zentrale hat keine Änderung abgelehnt.",
                at: Position(row: body.row + 1, column: 2))
            return
        }
        let caseWidth = 16
        let whatWidth = max(16, min(30, (body.width - caseWidth - 4) * 2 / 5))
        let header =
            "  " + (en ? "Case" : "Vorgang").padded(toWidth: caseWidth) + " "
            + (en ? "Tried" : "Versucht").padded(toWidth: whatWidth) + " " + (en ? "Reason" : "Grund")
        buffer.write(
            header.truncated(toWidth: body.width - 1), at: Position(row: body.row, column: 0),
            style: Theme.header)
        let visible = max(1, body.height - 2)
        let top = max(0, s.cursor - visible + 1)
        for (offset, item) in s.items.dropFirst(top).prefix(visible).enumerated() {
            let index = top + offset
            let selected = index == s.cursor
            let number = item.caseNumber ?? String(item.operation.caseID.uuidString.prefix(8))
            let line =
                (selected ? "▸ " : "  ") + number.truncated(toWidth: caseWidth).padded(toWidth: caseWidth)
                + " "
                + describe(item.operation.kind, lang).truncated(toWidth: whatWidth).padded(toWidth: whatWidth)
                + " "
                + item.rejection.message.text(lang)
            buffer.write(
                line.truncated(toWidth: body.width - 1), at: Position(row: body.row + 1 + offset, column: 0),
                style: selected ? Theme.selected : .plain)
        }
    }

    /// What an operation tried, in a few words.
    static func describe(_ kind: OperationKind, _ language: Language) -> String {
        let en = language == .en
        switch kind {
        case .createCase: return en ? "Create case" : "Vorgang anlegen"
        case .setField(let field, _, _): return (en ? "Change " : "Ändern: ") + field
        case .transition(_, let to, _): return (en ? "Status → " : "Status → ") + to
        case .addComment: return en ? "Note" : "Notiz"
        case .claim: return en ? "Claim" : "Übernehmen"
        case .release: return en ? "Release" : "Freigeben"
        case .assign(let to): return (en ? "Assign to " : "Zuweisen an ") + (to ?? "–")
        case .resolveConflict(let field, _): return (en ? "Resolve " : "Konflikt lösen: ") + field
        }
    }
}
