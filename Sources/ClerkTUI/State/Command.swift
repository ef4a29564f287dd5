/// What a key means to the workstation, after the keymap named its action.
public enum Command: String, CaseIterable, Sendable {
    // Everywhere
    case help, search, back, quit, newCase, sync, redraw, menu, phoneCall, cancel, lock
    // Moving in lists and screens
    case up, down, pageUp, pageDown, first, last, open
    // Case list
    case sort, filter
    // Case screen
    case claim, release, transition, comment, edit
    // Form editor and text input
    case save, nextField, previousField, addRow, removeRow, clearField, pick
    case left, right, deleteBackward, deleteForward, lineStart, lineEnd
    // Dialogs
    case confirm, yes, no
    // Sync: conflicts and refused operations
    case keepMine, keepTheirs, newValue, rejected, retryRejected, discardRejected
    // Phone mode
    case phonePrevious, phoneNext, phoneReadBack, phoneHangUp, phoneCallback, phoneConsent

    /// The command of a keymap action id (see `Keymaps/default.yaml`); nil for ids the
    /// workstation does not know.
    public init?(actionID: String) {
        guard let command = Command.byActionID[actionID] else { return nil }
        self = command
    }

    /// Keymap action ids and the command each one means.
    static let byActionID: [String: Command] = [
        "help": .help, "search": .search, "back": .back, "quit": .quit, "case.new": .newCase,
        "sync": .sync, "redraw": .redraw, "menu": .menu, "phone.call": .phoneCall, "cancel": .cancel,
        "lock": .lock,
        "page.up": .pageUp, "page.down": .pageDown, "focus.next": .nextField,
        "focus.previous": .previousField,
        "move.up": .up, "scroll.up": .up, "move.down": .down, "scroll.down": .down, "move.first": .first,
        "move.last": .last, "case.open": .open, "select": .open, "search.run": .open,
        "case.claim": .claim, "case.release": .release, "queue.filter": .filter, "queue.sort": .sort,
        "case.edit": .edit, "case.transition": .transition, "case.comment": .comment, "form.save": .save,
        "field.next": .nextField, "field.previous": .previousField, "field.clear": .clearField,
        "search.clear": .clearField, "field.pick": .pick, "row.add": .addRow, "row.remove": .removeRow,
        "conflict.mine": .keepMine, "conflict.theirs": .keepTheirs, "conflict.edit": .newValue,
        "sync.rejected": .rejected, "rejected.retry": .retryRejected, "rejected.discard": .discardRejected,
        "dialog.confirm": .confirm, "dialog.yes": .yes, "dialog.no": .no,
        "phone.step.previous": .phonePrevious, "phone.step.next": .phoneNext,
        "phone.readBack": .phoneReadBack,
        "phone.hangUp": .phoneHangUp, "phone.callback": .phoneCallback, "phone.consent": .phoneConsent,
    ]
}
