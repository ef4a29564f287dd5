import CaseModel
import Foundation
import Logging
import OfflineStore
import ServiceCatalog
import TerminalKit

/// Why the workstation could not start.
public struct WorkstationStartError: Error, CustomStringConvertible {
    public var message: LocalizedText
    public var description: String { message.de + " / " + message.en }
}

/// The services to work with: the catalogue folder's (if any) over the given ones.
public func workstationServices(options: WorkstationOptions) throws -> [ServiceDefinition] {
    var byID: [String: ServiceDefinition] = [:]
    for service in options.services { byID[service.id] = service }
    if let directory = options.catalogDirectory {
        let result = CatalogLoader.load(directory: URL(fileURLWithPath: directory))
        if !result.problems.isEmpty && result.services.isEmpty {
            throw WorkstationStartError(
                message: LocalizedText(
                    de: "Der Katalog in \(directory) ist fehlerhaft: "
                        + result.problems.map { $0.text(.de) }.joined(separator: "; "),
                    en: "The catalogue in \(directory) has errors: "
                        + result.problems.map { $0.text(.en) }.joined(separator: "; ")))
        }
        for service in Catalog(services: result.services).latest { byID[service.id] = service }
    }
    return byID.values.sorted { $0.id < $1.id }
}

/// The keymap in effect: the built-in default (or `keymapPath`), the overrides, and the
/// workstation's supplementary bindings.
public func workstationKeymap(options: WorkstationOptions) -> Keymap {
    let loaded = KeymapLoader.load(
        basePath: options.keymapPath, builtIn: options.builtInKeymap, userPaths: options.keymapOverridePaths)
    return KeymapSupplement.applied(to: loaded.keymap)
}

/// Builds a workstation over a backend: opens nothing itself, so tests can pass a headless
/// backend and an inline runner.
public func makeWorkstation(
    options: WorkstationOptions, replica: Replica, backend: any TerminalBackend,
    runnerMode: EffectRunner.Mode,
    clock: @escaping @Sendable () -> Date = { Date() },
    syncLogger: Logger = Logger(label: "clerk.sync") { _ in SwiftLogNoOpLogHandler() }
) throws -> Workstation {
    let services = try workstationServices(options: options)
    let state = AppState(
        clerk: options.clerk, language: options.language, size: backend.size, now: clock(),
        services: services,
        keymap: workstationKeymap(options: options),
        // With a central service the first round starts at once: say so, not "offline".
        sync: options.sync == nil ? .notConnected : .firstRound,
        canRelogin: options.sync?.relogin != nil)
    let runner = EffectRunner(
        replica: replica, services: services, clerk: options.clerk, mode: runnerMode, clock: clock)
    let connection = options.sync.map {
        SyncConnection(sync: $0, replica: replica, runner: runner, logger: syncLogger)
    }
    runner.attach(connection)
    return Workstation(state: state, runner: runner, backend: backend, clock: clock, sync: connection)
}

/// Starts the full-screen workstation on the terminal and runs it until the clerk quits.
///
/// Returns the process exit status. The terminal is restored on every exit path.
public func runWorkstation(options: WorkstationOptions) throws -> Int32 {
    let services = try workstationServices(options: options)
    let replica = try openReplica(path: options.replicaPath, services: services, key: options.replicaKey)
    defer { try? replica.close() }
    switch options.backend {
    case .terminal:
        return try NcursesBackend.run { backend in
            let workstation = try makeWorkstation(
                options: options, replica: replica, backend: backend, runnerMode: .background,
                syncLogger: workstationSyncLogger())
            return try workstation.run()
        }
    }
}

/// Opens the workstation's replica; a refusal (a full disk, a file that is no replica, …) is said
/// in both languages.
func openReplica(path: String, services: [ServiceDefinition], key: ReplicaKey? = nil) throws -> Replica {
    do {
        return try Replica.open(path: path, services: services, key: key)
    } catch let error as ReplicaError {
        throw WorkstationStartError(message: error.message)
    }
}
