import CaseModel
import DemoData
import Foundation

/// The child process of the crash test: records operations through the façade in an endless
/// loop and reports each operation id on standard output only after `record` has returned.
///
/// The crash test kills this process with SIGKILL at random moments and then checks that every
/// reported operation is in the outbox together with its local change and that nothing is
/// half-applied. Lives here (not in the test) so that a real separate executable runs it.
public enum CrashTestWriter {
    /// Writes until killed; `seed` varies the data between rounds. With `key` the replica is
    /// sealed.
    public static func run(replicaPath: String, seed: UInt64, key: ReplicaKey? = nil) throws -> Never {
        let services = DemoServices.all
        let replica = try Replica.open(path: replicaPath, services: services, key: key)
        var rng = DemoRandom(seed: seed)
        let service = DemoServices.ummeldung
        var caseID = UUID()
        var index = 0
        while true {
            let operation: CaseModel.Operation
            if index % 4 == 0 {
                caseID = UUID()
                let citizen = DemoCitizens.citizen(today: LocalDate(dayNumber: 20_000), using: &rng)
                let new = NewCase(
                    number: "UMZ-2026-\(9_000_000 + Int(seed % 1000) * 1000 + index % 1000)",
                    serviceID: service.id, formVersion: service.version, orgUnit: service.orgUnit.id,
                    channel: .counter, initialState: service.workflow.initialState, citizen: citizen,
                    fields: ["name": .name(citizen.name)], receivedAt: Date(), enteredBy: "crash.test")
                operation = CaseModel.Operation(
                    caseID: caseID, baseVersion: 0, clerk: "crash.test", device: "crash", timestamp: Date(),
                    kind: .createCase(new))
            } else if index % 4 == 3 {
                operation = CaseModel.Operation(
                    caseID: caseID, baseVersion: 0, clerk: "crash.test", device: "crash", timestamp: Date(),
                    kind: .addComment(text: "Kommentar \(index) – Größe ändern"))
            } else {
                operation = CaseModel.Operation(
                    caseID: caseID, baseVersion: 0, clerk: "crash.test", device: "crash", timestamp: Date(),
                    kind: .setField(
                        field: FormDefinition.commentFieldID, old: nil,
                        new: .text("Notiz \(index) \(rng.digits(6))")))
            }
            try replica.record(operation)
            FileHandle.standardOutput.write(Data("\(operation.id.uuidString)\n".utf8))
            index += 1
        }
    }
}
