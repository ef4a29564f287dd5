import Foundation

/// A tmux server of its own (private socket) running one shell window of a given size.
final class TmuxSession {
    let socket = "clerk-e2e-\(UUID().uuidString.prefix(8))"
    let name = "clerk"

    init(columns: Int, rows: Int, directory: String) throws {
        try tmux(
            "new-session", "-d", "-x", "\(columns)", "-y", "\(rows)", "-s", name, "-c", directory,
            "env -i HOME=\(directory) PATH=/usr/bin:/bin TERM=xterm-256color LANG=C.UTF-8 PS1='$ ' sh")
        try tmux("set-option", "-t", name, "status", "off")
        try tmux("set-option", "-t", name, "escape-time", "0")
    }

    deinit {
        _ = try? tmux("kill-server")
    }

    /// Runs a tmux command against this server and returns its output.
    @discardableResult
    func tmux(_ arguments: String...) throws -> String {
        try Self.run("/usr/bin/tmux", ["-L", socket] + arguments)
    }

    /// Types text (literally) into the window.
    func type(_ text: String) throws { try tmux("send-keys", "-t", name, "-l", text) }

    /// Presses keys by tmux name: "Enter", "F2", "Down", "M-x", "C-u".
    func press(_ keys: String...) throws {
        for key in keys { try tmux("send-keys", "-t", name, key) }
    }

    /// The visible screen as text.
    func screen() throws -> String { try tmux("capture-pane", "-p", "-t", name) }

    func resize(columns: Int, rows: Int) throws {
        try tmux("resize-window", "-t", name, "-x", "\(columns)", "-y", "\(rows)")
    }

    /// Waits until the screen contains `text`; returns the screen (or throws with it).
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15) throws -> String {
        let end = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < end {
            last = try screen()
            if last.contains(text) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw E2EError.timeout(waitingFor: text, screen: last)
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

enum E2EError: Error, CustomStringConvertible {
    case timeout(waitingFor: String, screen: String)
    case missingBinary(String)

    var description: String {
        switch self {
        case .timeout(let text, let screen): "timed out waiting for \"\(text)\"; screen:\n\(screen)"
        case .missingBinary(let path): "\(path) not found – run `swift build` first"
        }
    }
}
