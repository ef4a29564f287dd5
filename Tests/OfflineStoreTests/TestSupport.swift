import CaseModel
import DemoData
import Foundation

@testable import OfflineStore

/// A fresh directory for one test's files.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "replica-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A new, empty replica in a temporary directory.
func makeReplica() throws -> Replica {
    let path = try temporaryDirectory().appendingPathComponent("replica.sqlite").path
    return try Replica.open(path: path, services: DemoServices.all)
}

let testServices = DemoServices.all
let fixedNow = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28

func citizen(_ given: String, _ family: String, street: String = "Leopoldstraße") -> Citizen {
    Citizen(
        id: UUID(), name: PersonName(given: given, family: family),
        dateOfBirth: LocalDate(year: 1950, month: 3, day: 4) ?? LocalDate(dayNumber: 0),
        address: PostalAddress(street: street, houseNumber: "12", postcode: "80802", city: "München"))
}

/// A central case of the change-of-address service.
func centralCase(number: String, citizen: Citizen?, state: String = "eingegangen", version: Int64 = 1) -> Case
{
    Case(
        id: UUID(), number: number, serviceID: "ummeldung", formVersion: 3, orgUnit: "kvr-buergerbuero",
        channel: .counter, state: state, citizenID: citizen?.id, fields: ["telefon": .text("+49 89 123456")],
        receivedAt: fixedNow.addingTimeInterval(-86_400), version: version)
}

func operation(_ caseID: UUID, _ kind: OperationKind, clerk: String = "m.huber") -> CaseModel.Operation {
    CaseModel.Operation(
        caseID: caseID, baseVersion: 1, clerk: clerk, device: "test", timestamp: fixedNow, kind: kind)
}

func scalar(_ replica: Replica, _ sql: String, _ arguments: [String] = []) throws -> Int {
    try replica.sqlInteger(sql, arguments)
}
