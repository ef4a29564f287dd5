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
        let visible = max(1, body.height - 3)
        drawKeyHints(
            state, mode: KeymapSupplement.rejected,
            [
                ("case.open", "Vorgang öffnen", "open the case"),
                ("rejected.retry", "erneut senden", "send again"),
                ("rejected.discard", "verwerfen", "discard"), ("back", "zurück", "back"),
            ], row: body.bottom - 1, width: body.width, into: &buffer)
        let top = max(0, s.cursor - visible + 1)
        for (offset, item) in s.items.dropFirst(top).prefix(visible).enumerated() {
            let index = top + offset
            let selected = index == s.cursor
            let number = item.caseNumber ?? String(item.operation.caseID.uuidString.prefix(8))
            let line =
                (selected ? "▸ " : "  ") + number.truncated(toWidth: caseWidth).padded(toWidth: caseWidth)
                + " "
                + describe(item.operation.kind, service: service(item, state), lang).truncated(
                    toWidth: whatWidth
                )
                .padded(toWidth: whatWidth)
                + " "
                + item.rejection.message.text(lang)
            buffer.write(
                line.truncated(toWidth: body.width - 1), at: Position(row: body.row + 1 + offset, column: 0),
                style: selected ? Theme.selected : .plain)
        }
    }

    private static func service(_ item: RejectedItem, _ state: AppState) -> ServiceDefinition? {
        item.serviceID.flatMap { id in state.services.first { $0.id == id } }
    }

    /// What an operation tried, in a few words, with the service's names for fields and states.
    static func describe(_ kind: OperationKind, service: ServiceDefinition?, _ language: Language) -> String {
        let en = language == .en
        func field(_ id: String) -> String { service?.form.field(id)?.label.text(language) ?? id }
        switch kind {
        case .createCase: return en ? "Create case" : "Vorgang anlegen"
        case .setField(let id, _, _): return (en ? "Change " : "Ändern: ") + field(id)
        case .transition(_, let to, _):
            let label = service?.workflow.states.first { $0.id == to }?.label.text(language) ?? to
            return "Status → " + label
        case .addComment: return en ? "Note" : "Notiz"
        case .claim: return en ? "Claim" : "Übernehmen"
        case .release: return en ? "Release" : "Freigeben"
        case .assign(let to): return (en ? "Assign to " : "Zuweisen an ") + (to ?? "–")
        case .resolveConflict(let id, _): return (en ? "Resolve " : "Konflikt lösen: ") + field(id)
        case .updateCitizen: return en ? "Correct citizen data" : "Bürgerdaten berichtigen"
        }
    }
}
