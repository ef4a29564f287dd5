import TerminalKit

/// Bindings the workstation needs that a keymap may lack (sorting a list, adding a row, …).
///
/// Each is added only when the keymap does not bind the action in that mode yet and the
/// chords are still free there, so a user's keymap always wins.
public enum KeymapSupplement {
    static let entries:
        [(mode: KeymapMode, action: String, keys: [String], de: String, en: String, footer: Bool)] = [
            (.global, "lock", ["Alt-l"], "Sperren", "Lock", false),
            (.list, "case.new", ["F4", "Alt-4"], "Neu", "New", true),
            (.queue, "queue.sort", ["s", "Alt-s"], "Sortieren", "Sort", true),
            (.case, "case.release", ["Alt-r"], "Freigeben", "Release", false),
            (.form, "row.add", ["Insert", "Alt-a"], "Zeile hinzufügen", "Add row", false),
            (.form, "row.remove", ["Alt-d"], "Zeile entfernen", "Remove row", false),
            (.list, "sync.rejected", ["F9", "Alt-9"], "Abgelehnte Änderungen", "Refused changes", false),
            (KeymapSupplement.conflict, "conflict.mine", ["F4", "Alt-4"], "Meinen", "Mine", true),
            (KeymapSupplement.conflict, "conflict.theirs", ["F9", "Alt-9"], "Anderen", "Theirs", true),
            (KeymapSupplement.conflict, "conflict.edit", ["F11", "Alt--"], "Neuer Wert", "New value", true),
            (KeymapSupplement.othersConflict, "conflict.mine", ["F4", "Alt-4"], "Späteren", "Later", true),
            (
                KeymapSupplement.othersConflict, "conflict.theirs", ["F9", "Alt-9"], "Früheren", "Earlier",
                true
            ),
            (
                KeymapSupplement.othersConflict, "conflict.edit", ["F11", "Alt--"], "Neuer Wert", "New value",
                true
            ),
            (KeymapSupplement.rejected, "move.up", ["Up"], "Nach oben", "Move up", false),
            (KeymapSupplement.rejected, "move.down", ["Down"], "Nach unten", "Move down", false),
            (KeymapSupplement.rejected, "move.first", ["Home"], "Anfang", "First", false),
            (KeymapSupplement.rejected, "move.last", ["End"], "Ende", "Last", false),
            (KeymapSupplement.rejected, "case.open", ["Enter"], "Vorgang öffnen", "Open case", true),
            (
                KeymapSupplement.rejected, "rejected.retry", ["F4", "Alt-4"], "Erneut senden", "Send again",
                true
            ),
            (KeymapSupplement.rejected, "rejected.discard", ["F11", "Alt--"], "Verwerfen", "Discard", true),
        ]

    /// The mode of the conflict screen when the clerk wrote one of the values (mine, theirs).
    public static let conflict: KeymapMode = "conflict"
    /// The mode of the conflict screen when the clerk wrote neither value (later, earlier).
    public static let othersConflict: KeymapMode = "conflict_others"
    /// The mode of the list of refused changes.
    public static let rejected: KeymapMode = "rejected"

    /// The keymap with the missing workstation bindings added.
    public static func applied(to keymap: Keymap) -> Keymap {
        var overrides: [KeymapOverride] = []
        for entry in entries {
            let own = keymap.bindings(in: entry.mode)
            guard !own.contains(where: { $0.action == entry.action }) else { continue }
            let chords = entry.keys.compactMap(KeyChord.init).filter { chord in
                !own.contains { $0.chords.contains(chord) }
            }
            guard !chords.isEmpty else { continue }
            overrides.append(
                KeymapOverride(
                    mode: entry.mode, action: entry.action, chords: chords,
                    label: BilingualText(de: entry.de, en: entry.en), showInFooter: entry.footer))
        }
        return (try? keymap.applying(overrides, file: "workstation")) ?? keymap
    }
}
