import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ClerkCommand {
    /// Runs the command with the file mode creation mask 077: every file the workstation creates
    /// (replica, its log and shared-memory files, key and rescue files, drafts, the saved login,
    /// the log file, the demo's embedded central store) is readable only by the user (0600), every
    /// folder 0700, whatever the account's umask says.
    static func main() async {
        umask(0o077)
        await main(nil)
    }
}
