import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a password for `clerk login`: from the terminal without echo, or from standard input.
public enum PasswordInput {
    /// Shows `prompt` on the controlling terminal and reads one line with echo switched off
    /// (termios); nil if there is no terminal.
    public static func readFromTerminal(prompt: String) -> String? {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { _ = close(fd) }
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { return nil }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ECHONL)
        let promptBytes = Array(prompt.utf8)
        _ = promptBytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard tcsetattr(fd, TCSAFLUSH, &quiet) == 0 else { return nil }
        defer { _ = tcsetattr(fd, TCSAFLUSH, &saved) }
        return readLine(from: fd)
    }

    /// Reads the first line of standard input (for `--password-stdin` in scripts).
    public static func readFromStandardInput() -> String? {
        readLine(from: STDIN_FILENO)
    }

    /// One line from `fd`, without its line ending; nil at end of input before any byte.
    static func readLine(from fd: Int32) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        var sawAny = false
        while read(fd, &byte, 1) == 1 {
            sawAny = true
            if byte == 10 { break }
            bytes.append(byte)
        }
        if bytes.last == 13 { bytes.removeLast() }
        return sawAny ? String(decoding: bytes, as: UTF8.self) : nil
    }
}
