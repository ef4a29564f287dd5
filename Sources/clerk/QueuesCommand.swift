import ArgumentParser
import Foundation
import OfflineStore

/// `clerk queues --replica PATH` — the open cases per service and state, on the command line.
struct QueuesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queues", abstract: "Zeigt die offenen Vorgänge je Leistung und Status.")

    @Option(help: "Pfad der Replikat-Datei.") var replica: String
    @Option(help: "Ordner mit den Leistungsdefinitionen.") var catalog: String?

    func run() throws {
        guard FileManager.default.fileExists(atPath: replica) else {
            throw ValidationError("Das Replikat \(replica) gibt es nicht (anlegen mit „clerk seed“).")
        }
        let services = try loadServices(catalog)
        let store = try Replica.open(path: replica, services: services)
        defer { try? store.close() }
        let titles = Dictionary(uniqueKeysWithValues: services.map { ($0.id, $0) })
        for count in try store.openCountsByServiceAndState() {
            let service = titles[count.serviceID]
            let state = service?.workflow.states.first { $0.id == count.state }?.label.de ?? count.state
            print("\(service?.title.de ?? count.serviceID) · \(state): \(count.count)")
        }
    }
}
