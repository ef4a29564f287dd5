import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A tmux server of its own (private socket) running one shell window of a given size.
final class TmuxSession {
    let socket = "clerk-e2e-\(UUID().uuidString.prefix(8))"
    let name = "clerk"

    init(columns: Int, rows: Int, directory: String) throws {
        try Self.run(
            "/usr/bin/tmux",
            [
                "-L", socket,
                "new-session", "-d", "-x", "\(columns)", "-y", "\(rows)", "-s", name, "-c", directory,
                "env -i HOME=\(directory) PATH=/usr/bin:/bin TERM=\"$TERM\" LANG=C.UTF-8 PS1='$ ' sh",
            ])
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

    /// Waits until the screen no longer shows `text`.
    func waitUntilGone(_ text: String, timeout: TimeInterval = 15) throws {
        let end = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < end {
            last = try screen()
            if !last.contains(text) { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw E2EError.timeout(waitingFor: "no \"\(text)\"", screen: last)
    }

    /// Runs a program to its end and returns what it printed (stdout and stderr); `input`, if
    /// given, is its standard input.
    ///
    /// Output goes to a scratch file, not a pipe: tmux leaves its server running, and a server
    /// holding a pipe open would make reading it wait forever.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], input: String? = nil) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "clerk-e2e-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: output) }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "clerk-e2e-\(UUID().uuidString).in")
        defer { try? FileManager.default.removeItem(at: inputFile) }
        if let input {
            FileManager.default.createFile(
                atPath: inputFile.path, contents: Data(input.utf8), attributes: [.posixPermissions: 0o600])
        }
        posix_spawn_file_actions_addopen(
            &actions, 0, input == nil ? "/dev/null" : inputFile.path, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw E2EError.cannotRun(executable, spawned) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }
}

enum E2EError: Error, CustomStringConvertible {
    case timeout(waitingFor: String, screen: String)
    case missingBinary(String)
    case cannotRun(String, Int32)

    var description: String {
        switch self {
        case .timeout(let text, let screen): "timed out waiting for \"\(text)\"; screen:\n\(screen)"
        case .missingBinary(let path): "\(path) not found – run `swift build` first"
        case .cannotRun(let path, let code): "cannot start \(path): error \(code)"
        }
    }
}
