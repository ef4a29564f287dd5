// The built-in keymaps, identical to the files in Keymaps/ (the tests compare them byte for
// byte), so the workstation works wherever it is installed.

enum BuiltInKeymapText {
    static let defaultYAML = #"""
        # Clerk default keymap: function keys with 3270/ISPF habits.
        #
        #   F1 help · F2 search · F3 back (exit on the top screen) · F5 sync · F6 phone call
        #   F7/F8 page up/down · F10 menu · F12 cancel
        #
        # Every function key F1…F10 also works as Alt-1 … Alt-0 (the digit row), F11 as Alt--
        # and F12 as Alt-=, for terminals and remote sessions without usable function keys
        # (Alt is sent as an ESC prefix, so even a bare "Esc then 1" works). A few mnemonic Ctrl
        # keys are added where they are safe.
        #
        # Ctrl keys deliberately NOT bound, because terminals or the tty layer take them:
        #   Ctrl-S / Ctrl-Q  XON/XOFF flow control: freezes/thaws output on many terminals,
        #                    serial lines, terminal servers and 3270 emulators
        #   Ctrl-Z / Ctrl-Y  job control (suspend / delayed suspend on BSD and macOS)
        #   Ctrl-C / Ctrl-\  interrupt / quit signals; clerks expect them to abort, not to act
        #   Ctrl-O / Ctrl-V  discard output (BSD, macOS) / literal next
        #   Ctrl-H Ctrl-I Ctrl-J Ctrl-M Ctrl-[  are Backspace, Tab, Enter, Enter and Esc themselves
        #   Ctrl-A / Ctrl-B  prefix keys of screen and tmux
        #   Ctrl-W Ctrl-T Ctrl-N  close tab / new tab / new window in browser-based terminals
        #   Ctrl-D           end-of-input habit: a clerk may press it to "leave"
        #   Ctrl-E Ctrl-K Ctrl-U  left to text fields (end of line, kill to end, clear field)
        #
        # Modes: lookup goes from the current mode down to "global". In the text-input modes
        # below, plain characters always go to the field and never reach "global".
        # Quote keys that are YAML syntax: "?", "-", ":", "#", "[", "{", "&", "*", "!", "|", ">".
        # A chord may appear only once per mode; a mode may rebind a chord that "global" uses.

        name: default
        textInputModes: [form, search, phone]

        modes:
          global:
            help:        { keys: [F1, Alt-1, Ctrl-G], de: Hilfe, en: Help, footer: true }
            search:      { keys: [F2, Alt-2, Ctrl-F], de: Suche, en: Search, footer: true }
            back:        { keys: [F3, Alt-3], de: Zurück, en: Back, footer: true }
            sync:        { keys: [F5, Alt-5, Ctrl-R], de: Abgleich, en: Sync, footer: true }
            phone.call:  { keys: [F6, Alt-6, Ctrl-P], de: Anruf, en: Call, footer: true }
            page.up:     { keys: [F7, Alt-7, PgUp], de: Hoch, en: Up, footer: true }
            page.down:   { keys: [F8, Alt-8, PgDn], de: Runter, en: Down, footer: true }
            menu:        { keys: [F10, Alt-0], de: Menü, en: Menu, footer: true }
            cancel:      { keys: [F12, Alt-=, Esc], de: Abbruch, en: Cancel, footer: true }
            focus.next:  { keys: [Tab], de: Nächstes Feld, en: Next field }
            focus.previous: { keys: [Shift-Tab], de: Voriges Feld, en: Previous field }
            redraw:      { keys: [Ctrl-L], de: Neu zeichnen, en: Redraw }
            quit:        { keys: [Alt-x], de: Beenden, en: Quit }

          queue:
            move.up:     { keys: [Up], de: Nach oben, en: Move up }
            move.down:   { keys: [Down], de: Nach unten, en: Move down }
            move.first:  { keys: [Home], de: Anfang, en: First }
            move.last:   { keys: [End], de: Ende, en: Last }
            case.open:   { keys: [Enter], de: Öffnen, en: Open }
            case.new:    { keys: [F4, Alt-4], de: Neu, en: New, footer: true }
            case.claim:  { keys: [F9, Alt-9], de: Übernehmen, en: Claim, footer: true }
            queue.filter: { keys: [F11, Alt--], de: Filter, en: Filter, footer: true }

          list:
            move.up:     { keys: [Up], de: Nach oben, en: Move up }
            move.down:   { keys: [Down], de: Nach unten, en: Move down }
            move.first:  { keys: [Home], de: Anfang, en: First }
            move.last:   { keys: [End], de: Ende, en: Last }
            select:      { keys: [Enter], de: Auswählen, en: Select, footer: true }

          case:
            case.edit:   { keys: [F4, Alt-4], de: Bearbeiten, en: Edit, footer: true }
            case.transition: { keys: [F9, Alt-9], de: Status, en: Status, footer: true }
            case.comment: { keys: [F11, Alt--], de: Notiz, en: Note, footer: true }
            case.claim:  { keys: [Alt-c], de: Übernehmen, en: Claim }
            scroll.up:   { keys: [Up], de: Nach oben, en: Scroll up }
            scroll.down: { keys: [Down], de: Nach unten, en: Scroll down }

          form:
            form.save:   { keys: [F4, Alt-4], de: Speichern, en: Save, footer: true }
            field.next:  { keys: [Enter, Down], de: Nächstes Feld, en: Next field }
            field.previous: { keys: [Up], de: Voriges Feld, en: Previous field }
            field.clear: { keys: [Ctrl-U], de: Feld leeren, en: Clear field }
            field.pick:  { keys: [F9, Alt-9], de: Auswahl, en: Choose, footer: true }

          search:
            search.run:  { keys: [Enter], de: Suchen, en: Search }
            search.clear: { keys: [Ctrl-U], de: Leeren, en: Clear }
            move.up:     { keys: [Up], de: Nach oben, en: Move up }
            move.down:   { keys: [Down], de: Nach unten, en: Move down }

          phone:
            phone.step.previous: { keys: [F7, Alt-7, PgUp], de: Vorige Frage, en: Previous, footer: true }
            phone.step.next: { keys: [F8, Alt-8, PgDn, Enter], de: Nächste Frage, en: Next, footer: true }
            phone.readBack: { keys: [F4, Alt-4], de: Vorlesen, en: Read back, footer: true }
            phone.hangUp: { keys: [F6, Alt-6, Ctrl-P], de: Auflegen, en: Hang up, footer: true }
            phone.callback: { keys: [F9, Alt-9], de: Rückruf, en: Callback, footer: true }
            phone.consent: { keys: [F11, Alt--], de: Einwilligung, en: Consent, footer: true }

          dialog:
            dialog.confirm: { keys: [Enter], de: OK, en: OK, footer: true }
            dialog.yes:  { keys: [j, y], de: Ja, en: "Yes" }
            dialog.no:   { keys: [n], de: Nein, en: "No" }

        """#

    static let vimYAML = #"""
        # Clerk vim keymap: the function keys of the default keymap plus single-key vim habits.
        #
        # Single keys only: the keymap has no key sequences, so "gg" is written "g" (first line),
        # "G" is the last line, and ":" opens the menu. Letters are bound only in modes without a
        # text field (queue, list, case, dialog); in form, search and phone every character goes
        # to the field, exactly as in the default keymap. Ctrl keys avoid the same traps as the
        # default keymap (flow control Ctrl-S/Ctrl-Q, job control Ctrl-Z, Ctrl-C, Ctrl-B as the
        # tmux prefix); see default.yaml.
        # Quote keys that are YAML syntax: "?", "-", ":", "#", "[", "{", "&", "*", "!", "|", ">".

        name: vim
        textInputModes: [form, search, phone]

        modes:
          global:
            help:        { keys: [F1, Alt-1], de: Hilfe, en: Help, footer: true }
            search:      { keys: [F2, Alt-2, Ctrl-F], de: Suche, en: Search, footer: true }
            back:        { keys: [F3, Alt-3], de: Zurück, en: Back, footer: true }
            sync:        { keys: [F5, Alt-5, Ctrl-R], de: Abgleich, en: Sync, footer: true }
            phone.call:  { keys: [F6, Alt-6, Ctrl-P], de: Anruf, en: Call, footer: true }
            page.up:     { keys: [F7, Alt-7, PgUp, Ctrl-U], de: Hoch, en: Up }
            page.down:   { keys: [F8, Alt-8, PgDn, Ctrl-D], de: Runter, en: Down }
            menu:        { keys: [F10, Alt-0], de: Menü, en: Menu }
            cancel:      { keys: [F12, Alt-=, Esc], de: Abbruch, en: Cancel, footer: true }
            focus.next:  { keys: [Tab], de: Nächstes Feld, en: Next field }
            focus.previous: { keys: [Shift-Tab], de: Voriges Feld, en: Previous field }
            redraw:      { keys: [Ctrl-L], de: Neu zeichnen, en: Redraw }
            quit:        { keys: [Alt-x], de: Beenden, en: Quit }

          queue:
            move.up:     { keys: [k, Up], de: Nach oben, en: Move up }
            move.down:   { keys: [j, Down], de: Nach unten, en: Move down }
            move.first:  { keys: [g, Home], de: Anfang, en: First }
            move.last:   { keys: [G, End], de: Ende, en: Last }
            case.open:   { keys: [l, Enter], de: Öffnen, en: Open }
            case.new:    { keys: [o, F4, Alt-4], de: Neu, en: New, footer: true }
            case.claim:  { keys: [c, F9, Alt-9], de: Übernehmen, en: Claim, footer: true }
            queue.filter: { keys: [f, F11, Alt--], de: Filter, en: Filter }
            search:      { keys: ["/", F2, Alt-2, Ctrl-F], de: Suche, en: Search, footer: true }
            help:        { keys: ["?", F1, Alt-1], de: Hilfe, en: Help, footer: true }
            menu:        { keys: [":", F10, Alt-0], de: Menü, en: Menu }
            back:        { keys: [q, h, F3, Alt-3], de: Zurück, en: Back, footer: true }

          list:
            move.up:     { keys: [k, Up], de: Nach oben, en: Move up }
            move.down:   { keys: [j, Down], de: Nach unten, en: Move down }
            move.first:  { keys: [g, Home], de: Anfang, en: First }
            move.last:   { keys: [G, End], de: Ende, en: Last }
            select:      { keys: [l, Enter], de: Auswählen, en: Select, footer: true }
            back:        { keys: [q, h, F3, Alt-3], de: Zurück, en: Back, footer: true }

          case:
            case.edit:   { keys: [i, F4, Alt-4], de: Bearbeiten, en: Edit, footer: true }
            case.transition: { keys: [t, F9, Alt-9], de: Status, en: Status, footer: true }
            case.comment: { keys: [a, F11, Alt--], de: Notiz, en: Note, footer: true }
            case.claim:  { keys: [c, Alt-c], de: Übernehmen, en: Claim }
            scroll.up:   { keys: [k, Up], de: Nach oben, en: Scroll up }
            scroll.down: { keys: [j, Down], de: Nach unten, en: Scroll down }
            back:        { keys: [q, h, F3, Alt-3], de: Zurück, en: Back, footer: true }

          form:
            form.save:   { keys: [F4, Alt-4], de: Speichern, en: Save, footer: true }
            field.next:  { keys: [Enter, Down], de: Nächstes Feld, en: Next field }
            field.previous: { keys: [Up], de: Voriges Feld, en: Previous field }
            field.clear: { keys: [Ctrl-K], de: Feld leeren, en: Clear field }
            field.pick:  { keys: [F9, Alt-9], de: Auswahl, en: Choose, footer: true }

          search:
            search.run:  { keys: [Enter], de: Suchen, en: Search }
            search.clear: { keys: [Ctrl-K], de: Leeren, en: Clear }
            move.up:     { keys: [Up], de: Nach oben, en: Move up }
            move.down:   { keys: [Down], de: Nach unten, en: Move down }

          phone:
            phone.step.previous: { keys: [F7, Alt-7, PgUp], de: Vorige Frage, en: Previous, footer: true }
            phone.step.next: { keys: [F8, Alt-8, PgDn, Enter], de: Nächste Frage, en: Next, footer: true }
            phone.readBack: { keys: [F4, Alt-4], de: Vorlesen, en: Read back, footer: true }
            phone.hangUp: { keys: [F6, Alt-6, Ctrl-P], de: Auflegen, en: Hang up, footer: true }
            phone.callback: { keys: [F9, Alt-9], de: Rückruf, en: Callback, footer: true }
            phone.consent: { keys: [F11, Alt--], de: Einwilligung, en: Consent, footer: true }

          dialog:
            dialog.confirm: { keys: [Enter], de: OK, en: OK, footer: true }
            dialog.yes:  { keys: [j, y], de: Ja, en: "Yes" }
            dialog.no:   { keys: [n], de: Nein, en: "No" }

        """#
}
