import CaseModel
import Foundation
import OfflineStore
import SyncClient
import SyncProtocol
import Testing

@Suite("Authorisation over sync")
struct AuthorizationTests {
    @Test("a clerk never receives, nor can change, a case of another org unit")
    func otherOrgUnit() async throws {
        try await withCentral { central in
            let anna = try await Node.make("anna", central: central)
            let carla = try await Node.make("carla", central: central, pushBatchSize: 10)
            defer {
                anna.close()
                carla.close()
            }
            let mitteCase = World.create(by: "anna", citizen: World.citizen("Huber"))
            try anna.replica.record(mitteCase)
            try await anna.engine.syncOnce()
            let before = try #require(try await central.store.currentCase(id: mitteCase.caseID))

            // Carla (Kfz) pulls everything she may see: nothing of Bürgerbüro Mitte.
            let ownCase = World.create(by: "carla", unit: World.kfz.id)
            try carla.replica.record(ownCase)
            try await carla.engine.syncOnce()
            #expect(try carla.replica.visibleCaseIDs() == [ownCase.caseID])
            let token = try await central.token("carla")
            let everything = try await central.http.pull(after: 0, limit: 1000, token: token)
            #expect(everything.changes.allSatisfy { $0.case.orgUnit == World.kfz.id })
            #expect(!everything.changes.contains { $0.case.id == mitteCase.caseID })

            // A change to Anna's case, sent straight to the service, is refused as a whole.
            let foreignEdit = CaseModel.Operation(
                caseID: mitteCase.caseID, baseVersion: 1, clerk: "carla", device: "dev-carla",
                timestamp: World.start, kind: .setField(field: "farbe", old: nil, new: .text("grün")))
            await #expect(throws: SyncError.self) {
                try await central.http.push(
                    PushRequest(deviceID: "dev-carla", operations: [foreignEdit]), token: token)
            }
            // Through the engine: a case created for another unit is rejected with the reason,
            // and her own edit in the same batch still lands.
            let intruder = World.create(by: "carla", unit: World.mitte.id)
            try carla.replica.record(intruder)
            let ownEdit = try carla.record(
                ownCase.caseID, .setField(field: "kennzeichen", old: nil, new: .text("M-AB 123")))
            let report = try await carla.engine.syncOnce()
            #expect(report.rejected == 1)
            #expect(report.applied == 1)
            let rejected = try carla.replica.rejectedOperations()
            #expect(rejected.map(\.operation.id) == [intruder.id])
            #expect(rejected.first?.rejection.code == "forbidden")
            #expect(central.store.results[ownEdit.id]?.count == 1)
            #expect(try await central.store.currentCase(id: intruder.caseID) == nil)
            #expect(try await central.store.currentCase(id: mitteCase.caseID) == before)
            #expect(try carla.replica.visibleCaseIDs() == [ownCase.caseID])
            #expect(try carla.replica.citizen(id: try #require(before.citizenID)) == nil)
        }
    }
}
