import Foundation

/// A program run to its end: its status and what it wrote.
struct Run {
    var status: Int32
    var output: String
    var errors: String
}

enum Subprocess {
    /// Runs `executable` with `arguments`, `input` on standard input, and waits for it. Standard
    /// error is read while standard output is, so neither pipe can fill up and stall the program.
    static func run(_ executable: URL, _ arguments: [String], input: String = "") throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let errors = ErrorsRead(stderr.fileHandleForReading)
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
            errors: String(decoding: errors.wait(), as: UTF8.self))
    }

    /// Standard error, read to its end on a thread of its own.
    private final class ErrorsRead: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var data = Data()

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        func wait() -> Data {
            done.wait()
            return data
        }
    }
}
