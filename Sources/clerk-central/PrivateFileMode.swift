import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ClerkCentral {
    /// Runs the command with the file mode creation mask 077: the embedded SQLite store, its log
    /// and shared-memory files are readable only by the service's user (0600), its folders 0700.
    static func main() async {
        umask(0o077)
        await main(nil)
    }
}
