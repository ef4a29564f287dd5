import Foundation
import Testing

@testable import TerminalKit

@Suite("Keymaps")
struct KeymapTests {
    private let sample = """
        name: sample
        textInputModes: [form]
        modes:
          global:
            help: { keys: [F1, Alt-1], de: Hilfe, en: Help, footer: true }
            back: { keys: [F3], de: Zurück, en: Back, footer: true }
            quit: { keys: [q], de: Beenden, en: Quit }
          queue:
            case.open: { keys: [Enter], de: Öffnen, en: Open, footer: true }
            back: { keys: [Esc, F3], de: Schließen, en: Close, footer: true }
          form:
            form.save: { keys: [F4], de: Speichern, en: Save, footer: true }
        """

    @Test("A valid file parses into modes and bindings")
    func parsesValid() throws {
        let keymap = try KeymapLoader.parseKeymap(sample, file: "sample.yaml")
        #expect(keymap.name == "sample")
        #expect(keymap.modes == [.global, .queue, .form])
        #expect(keymap.bindings(in: .global).map(\.action) == ["help", "back", "quit"])
        let help = try #require(keymap.bindings(in: .global).first)
        #expect(help.chords == [KeyChord(.function(1)), .alt("1")])
        #expect(help.label == BilingualText(de: "Hilfe", en: "Help"))
        #expect(help.line == 5)
    }

    @Test("Lookup goes from the mode down to global")
    func modeFallback() throws {
        let keymap = try KeymapLoader.parseKeymap(sample, file: "sample.yaml")
        #expect(keymap.action(for: KeyChord(.enter), in: .queue) == "case.open")
        #expect(keymap.action(for: KeyChord(.function(1)), in: .queue) == "help")
        #expect(keymap.action(for: KeyChord(.function(3)), in: .queue) == "back")
        #expect(keymap.binding(for: KeyChord(.function(3)), in: .queue)?.label.de == "Schließen")
        #expect(keymap.action(for: KeyChord(.enter), in: .global) == nil)
        #expect(keymap.action(for: KeyChord(.function(4)), in: .queue) == nil)
        #expect(keymap.action(for: KeyChord(.function(4)), in: .form) == "form.save")
        #expect(keymap.action(for: KeyChord(.function(1)), in: "unknownMode") == "help")
    }

    @Test("In a text-input mode plain characters never fall back to global")
    func textInputModes() throws {
        let keymap = try KeymapLoader.parseKeymap(sample, file: "sample.yaml")
        #expect(keymap.action(for: KeyChord(.character("q")), in: .queue) == "quit")
        #expect(keymap.action(for: KeyChord(.character("q")), in: .form) == nil)
        #expect(keymap.action(for: .alt("1"), in: .form) == "help")
    }

    @Test("Footer lists the mode's entries and the global ones it does not shadow")
    func footer() throws {
        let keymap = try KeymapLoader.parseKeymap(sample, file: "sample.yaml")
        let queue = keymap.footer(for: .queue).map { $0.text(in: .german) }
        #expect(queue == ["F1 Hilfe", "Enter Öffnen", "Esc Schließen"])
        let form = keymap.footer(for: .form).map { $0.text(in: .english) }
        #expect(form == ["F1 Help", "F3 Back", "F4 Save"])
        #expect(keymap.footerLine(for: .form, language: .english, width: 16) == "F1 Help  F3 Back")
    }

    @Test("Help lists every binding per mode, global first")
    func help() throws {
        let keymap = try KeymapLoader.parseKeymap(sample, file: "sample.yaml")
        let sections = keymap.help()
        #expect(sections.map(\.mode) == [.global, .queue, .form])
        #expect(sections.first?.bindings.count == 3)
        let text = keymap.helpText(language: .german, chordColumnWidth: 10)
        #expect(
            text == [
                "Überall",
                "  F1, Alt-1  Hilfe",
                "  F3         Zurück",
                "  q          Beenden",
                "",
                "Vorgangsliste",
                "  Enter      Öffnen",
                "  Esc, F3    Schließen",
                "",
                "Formular",
                "  F4         Speichern",
            ])
    }

    @Test("A YAML syntax error reports file and line")
    func brokenYAML() throws {
        let broken = """
            modes:
              global:
                help: { keys: [F1], de: Hilfe, en: Help }
               back: { keys: [F3], de: Zurück, en: Back }
            """
        let error = try #require(throws: KeymapError.self) {
            try KeymapLoader.parseKeymap(broken, file: "broken.yaml")
        }
        #expect(error.file == "broken.yaml")
        #expect(error.line == 4)
        #expect(error.description.hasPrefix("broken.yaml:4:"))
    }

    @Test("An unknown key name reports the line of the key")
    func unknownKey() throws {
        let yaml = """
            modes:
              global:
                help: { keys: [F1], de: Hilfe, en: Help }
                back: { keys: [F3, Hyper-Q], de: Zurück, en: Back }
            """
        let error = try #require(throws: KeymapError.self) {
            try KeymapLoader.parseKeymap(yaml, file: "keys.yaml")
        }
        #expect(error.line == 4)
        #expect(error.column == 24)
        #expect(error.message.en.contains("Hyper-Q"))
        #expect(error.description.hasPrefix("keys.yaml:4:24: "))
    }

    @Test("A chord bound twice in one mode is an error with the line")
    func duplicateChord() throws {
        let yaml = """
            modes:
              global:
                help: { keys: [F1], de: Hilfe, en: Help }
                search: { keys: [F2, F1], de: Suche, en: Search }
            """
        let error = try #require(throws: KeymapError.self) {
            try KeymapLoader.parseKeymap(yaml, file: "dup.yaml")
        }
        #expect(error.line == 4)
        #expect(error.message.en.contains("F1"))
        #expect(error.message.en.contains("help"))
    }

    @Test("The same chord in different modes is allowed")
    func sameChordDifferentModes() throws {
        let yaml = """
            modes:
              global:
                page.down: { keys: [F8], de: Runter, en: Down }
              phone:
                phone.next: { keys: [F8], de: Weiter, en: Next }
            """
        let keymap = try KeymapLoader.parseKeymap(yaml, file: "modes.yaml")
        #expect(keymap.action(for: KeyChord(.function(8)), in: .phone) == "phone.next")
        #expect(keymap.action(for: KeyChord(.function(8)), in: .queue) == "page.down")
    }

    @Test("A binding without label in a complete keymap is an error")
    func missingLabel() throws {
        let yaml = """
            modes:
              global:
                help: F1
            """
        let error = try #require(throws: KeymapError.self) {
            try KeymapLoader.parseKeymap(yaml, file: "label.yaml")
        }
        #expect(error.line == 3)
    }

    @Test("Unknown fields are reported, not ignored")
    func unknownField() throws {
        let yaml = """
            modes:
              global:
                help: { keys: [F1], de: Hilfe, en: Help, fotter: true }
            """
        let error = try #require(throws: KeymapError.self) {
            try KeymapLoader.parseKeymap(yaml, file: "field.yaml")
        }
        #expect(error.line == 3)
        #expect(error.message.en.contains("fotter"))
    }

    @Test("The built-in keymaps parse and equal the files in Keymaps/")
    func builtInFiles() throws {
        let keymapsFolder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Keymaps")
        for builtIn in BuiltInKeymap.allCases {
            let file = try String(
                contentsOf: keymapsFolder.appendingPathComponent(builtIn.fileName), encoding: .utf8)
            #expect(file == builtIn.yaml, "Keymaps/\(builtIn.fileName) and the built-in text differ")
            let keymap = try KeymapLoader.parseKeymap(builtIn.yaml, file: builtIn.fileName)
            #expect(keymap.name == builtIn.rawValue)
            for mode: KeymapMode in [.global, .queue, .list, .case, .form, .search, .phone, .dialog] {
                #expect(keymap.modes.contains(mode), "\(builtIn.fileName) lacks mode \(mode)")
            }
        }
    }

    @Test("The default keymap follows the 3270/ISPF function keys and avoids tty traps")
    func defaultKeymap() throws {
        let keymap = try KeymapLoader.parseKeymap(BuiltInKeymap.default.yaml, file: "default.yaml")
        let expected: [(String, String)] = [
            ("F1", "help"), ("F2", "search"), ("F3", "back"), ("F5", "sync"), ("F6", "phone.call"),
            ("F7", "page.up"), ("F8", "page.down"), ("F10", "menu"), ("F12", "cancel"),
            ("Ctrl-F", "search"), ("Alt-1", "help"), ("Alt-0", "menu"), ("Shift-Tab", "focus.previous"),
        ]
        for (chord, action) in expected {
            #expect(keymap.action(for: try #require(KeyChord(chord)), in: .queue) == action, "\(chord)")
        }
        let traps = ["Ctrl-S", "Ctrl-Q", "Ctrl-Z", "Ctrl-C", "Ctrl-\\", "Ctrl-Y", "Ctrl-O", "Ctrl-V"]
            .compactMap { KeyChord($0) }
        #expect(traps.count == 8)
        for mode in keymap.modes {
            for binding in keymap.bindings(in: mode) {
                #expect(binding.chords.allSatisfy { !traps.contains($0) }, "\(mode) \(binding.action)")
            }
        }
        #expect(keymap.action(for: KeyChord(.character("j")), in: .form) == nil)
        #expect(keymap.action(for: KeyChord(.character("j")), in: .dialog) == "dialog.yes")
    }

    @Test("A user's file overrides single bindings by action id")
    func userOverride() throws {
        let folder = try TemporaryFolder()
        let user = folder.file("keymap.yaml")
        try """
        modes:
          global:
            search: [F2, Ctrl-K]
            help:
              keys: [F1]
              de: Hilfe!
              en: Help!
          queue:
            case.export: { keys: [Alt-e], de: Exportieren, en: Export, footer: true }
        """.write(toFile: user, atomically: true, encoding: .utf8)
        let result = KeymapLoader.load(userPaths: [user])
        #expect(result.problems.isEmpty)
        let keymap = result.keymap
        #expect(keymap.action(for: .ctrl("k"), in: .queue) == "search")
        #expect(keymap.action(for: .ctrl("f"), in: .queue) == nil)
        #expect(keymap.action(for: .alt("1"), in: .queue) == nil)
        #expect(keymap.binding(for: KeyChord(.function(1)), in: .queue)?.label.de == "Hilfe!")
        #expect(keymap.action(for: .alt("e"), in: .queue) == "case.export")
        // Everything else stays as in the defaults.
        #expect(keymap.action(for: KeyChord(.function(5)), in: .queue) == "sync")
        #expect(keymap.binding(for: KeyChord(.function(2)), in: .queue)?.label.de == "Suche")
    }

    @Test("A broken user file is reported with file and line; the defaults stay active")
    func brokenUserFile() throws {
        let folder = try TemporaryFolder()
        let user = folder.file("keymap.yaml")
        try """
        modes:
          global:
            search: [F2]
            help: [F1, Hyper-Q]
        """.write(toFile: user, atomically: true, encoding: .utf8)
        let result = KeymapLoader.load(userPaths: [user])
        let problem = try #require(result.problems.first)
        #expect(result.problems.count == 1)
        #expect(problem.file == user)
        #expect(problem.line == 4)
        #expect(result.keymap == KeymapLoader.builtIn(.default))
    }

    @Test("A user override that binds a chord twice is rejected as a whole")
    func userDuplicate() throws {
        let folder = try TemporaryFolder()
        let user = folder.file("keymap.yaml")
        try """
        modes:
          global:
            search: [F2]
            sync: [F2]
        """.write(toFile: user, atomically: true, encoding: .utf8)
        let result = KeymapLoader.load(userPaths: [user])
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.line == 4)
        #expect(result.keymap == KeymapLoader.builtIn(.default))
    }

    @Test("A missing user file is not a problem; base: vim selects the vim keymap")
    func missingFileAndBase() throws {
        let folder = try TemporaryFolder()
        let missing = KeymapLoader.load(userPaths: [folder.file("none.yaml")])
        #expect(missing.problems.isEmpty)
        #expect(missing.keymap.name == "default")

        let user = folder.file("keymap.yaml")
        try "base: vim\n".write(toFile: user, atomically: true, encoding: .utf8)
        let vim = KeymapLoader.load(userPaths: [user])
        #expect(vim.problems.isEmpty)
        #expect(vim.keymap.name == "vim")
        #expect(vim.keymap.action(for: KeyChord(.character("j")), in: .queue) == "move.down")
        #expect(vim.keymap.action(for: KeyChord(.character("G")), in: .list) == "move.last")
    }

    @Test("The user keymap path follows XDG_CONFIG_HOME, then HOME")
    func userPath() {
        #expect(
            KeymapLoader.userKeymapPath(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"])
                == "/x/clerk/keymap.yaml")
        #expect(KeymapLoader.userKeymapPath(environment: ["HOME": "/h"]) == "/h/.config/clerk/keymap.yaml")
        #expect(KeymapLoader.userKeymapPath(environment: [:]) == nil)
    }
}

/// A temporary folder removed when the value goes away.
final class TemporaryFolder {
    let path: String

    init() throws {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("terminalkit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String {
        path + "/" + name
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
