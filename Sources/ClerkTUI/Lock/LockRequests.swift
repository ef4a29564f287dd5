import Foundation
import SyncClient
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `clerk lock` reaching the running workstations of the same user.
///
/// Each running workstation writes its process id to a file in
/// `<state>/clerk/workstations/` (`$XDG_STATE_HOME` or `~/.local/state`) and removes it when it
/// ends. `clerk lock` sends SIGUSR1 to every process listed there that is still running and is
/// this program (on Linux checked through `/proc/<pid>/exe`, so a reused id is never signalled),
/// and removes stale files. The signal handler only increments a lock-free counter — nothing
/// else runs in signal context; the workstation's loop reads the counter between input polls and
/// locks.
public enum LockRequests {
    /// Signals received and not yet taken by the loop.
    private static let received = Atomic<Int>(0)

    /// Routes SIGUSR1 to the counter. Call once, before registering.
    public static func installHandler() {
        // Initialise the counter before the handler can touch it.
        _ = received.load(ordering: .relaxed)
        _ = signal(SIGUSR1) { _ in
            LockRequests.received.add(1, ordering: .relaxed)
        }
    }

    /// Whether a request arrived since the last call.
    public static func take() -> Bool {
        received.exchange(0, ordering: .relaxed) > 0
    }

    /// The folder of the running workstations' id files.
    public static func folder(_ folders: UserFolders = UserFolders()) -> URL {
        folders.state.appendingPathComponent("clerk").appendingPathComponent("workstations")
    }

    /// Writes this process's id file; returns it, to be removed with `unregister`.
    public static func register(_ folders: UserFolders = UserFolders()) -> URL? {
        let folder = folder(folders)
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let file = folder.appendingPathComponent("\(getpid())")
            try Data("\(getpid())\n".utf8).write(to: file, options: .atomic)
            return file
        } catch {
            return nil
        }
    }

    /// Removes an id file written by `register`.
    public static func unregister(_ file: URL?) {
        guard let file else { return }
        try? FileManager.default.removeItem(at: file)
    }

    /// Asks every running workstation of this user to lock; returns how many were asked.
    public static func lockAll(_ folders: UserFolders = UserFolders()) -> Int {
        let folder = folder(folders)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var asked = 0
        for name in files {
            let file = folder.appendingPathComponent(name)
            guard let pid = Int32(name), pid > 0, pid != getpid() else { continue }
            guard kill(pid, 0) == 0, isThisProgram(pid) else {
                try? FileManager.default.removeItem(at: file)
                continue
            }
            if kill(pid, SIGUSR1) == 0 { asked += 1 }
        }
        return asked
    }

    /// Whether `pid` runs the same executable as this process (true where /proc is missing).
    static func isThisProgram(_ pid: Int32) -> Bool {
        let manager = FileManager.default
        guard manager.fileExists(atPath: "/proc/self/exe") else { return true }
        guard let own = try? manager.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
            let other = try? manager.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")
        else { return false }
        return own == other
    }
}
