import TerminalKit

/// Bindings the workstation needs that a keymap may lack (sorting a list, adding a row, …).
///
/// Each is added only when the keymap does not bind the action in that mode yet and the
/// chords are still free there, so a user's keymap always wins.
public enum KeymapSupplement {
    static let entries:
        [(mode: KeymapMode, action: String, keys: [String], de: String, en: String, footer: Bool)] = [
            (.list, "case.new", ["F4", "Alt-4"], "Neu", "New", true),
            (.queue, "queue.sort", ["s", "Alt-s"], "Sortieren", "Sort", true),
            (.case, "case.release", ["Alt-r"], "Freigeben", "Release", false),
            (.form, "row.add", ["Insert", "Alt-a"], "Zeile hinzufügen", "Add row", false),
            (.form, "row.remove", ["Alt-d"], "Zeile entfernen", "Remove row", false),
        ]

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
