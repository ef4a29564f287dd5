import CaseModel
import DemoData
import Foundation
import Testing

@testable import OfflineStore

@Suite struct OperationTests {
    @Test func recordWritesChangeOutboxAndHistoryTogether() throws {
        let replica = try makeReplica()
        let who = citizen("Jürgen", "Müller")
        let central = centralCase(number: "UMZ-2026-0000001", citizen: who)
        try replica.applyCentralChanges([central], citizens: [who], cursor: 7)
        let op = operation(central.id, .transition(from: "eingegangen", to: "in_bearbeitung", reason: nil))
        let visible = try replica.record(op)
        #expect(visible.state == "in_bearbeitung")
        #expect(try replica.pendingOperations().map(\.id) == [op.id])
        #expect(try replica.queueRow(caseID: central.id)?.state == "in_bearbeitung")
        #expect(try replica.queueRow(caseID: central.id)?.pendingOperations == 1)
        #expect(try replica.history(caseID: central.id).map(\.operationID) == [op.id])
        // The history names states and fields as the service does, not by their ids.
        let service = try #require(testServices.first { $0.id == "ummeldung" })
        let label = { (id: String) in service.workflow.state(id)?.label.de ?? "?" }
        #expect(
            try replica.history(caseID: central.id).map(\.what)
                == ["Status \(label("eingegangen")) → \(label("in_bearbeitung"))"])
        try replica.record(
            operation(
                central.id, .setField(field: "telefon", old: .text("+49 89 123456"), new: .text("089 1"))))
        let phone = service.form.field("telefon")?.label.de ?? "?"
        #expect(try replica.history(caseID: central.id).last?.what == "Feld „\(phone)“ geändert")
        #expect(!phone.contains("telefon"))
        #expect(try replica.centralCase(id: central.id)?.state == "eingegangen")
        #expect(try replica.syncState().cursor == 7)
    }

    @Test func aRefusedOperationWritesNothing() throws {
        let replica = try makeReplica()
        let central = centralCase(number: "UMZ-2026-0000002", citizen: nil)
        try replica.applyCentralChanges([central], cursor: 1)
        let before = try replica.queueRow(caseID: central.id)
        let wrong = operation(central.id, .transition(from: "entschieden", to: "abgeschlossen", reason: nil))
        #expect(throws: ReplicaError.self) { try replica.record(wrong) }
        #expect(try replica.pendingCount() == 0)
        #expect(try replica.queueRow(caseID: central.id) == before)
        #expect(try replica.history(caseID: central.id).isEmpty)
    }

    @Test func aWriteFailingHalfwayRollsBackTheOutboxRowToo() throws {
        let replica = try makeReplica()
        let central = centralCase(number: "UMZ-2026-0000003", citizen: nil)
        try replica.applyCentralChanges([central], cursor: 1)
        let before = try replica.queueRow(caseID: central.id)
        let op = operation(central.id, .assign(to: "s.yilmaz"))
        // A history row with the operation's id makes the last insert of `record` fail.
        try replica.sqlExecute(
            "INSERT INTO case_history (case_id, at, clerk, what, op_id) VALUES (?, 0, 'x', 'x', ?)",
            [central.id.uuidString, op.id.uuidString])
        #expect {
            try replica.record(op)
        } throws: { error in
            !(error is ReplicaError)  // the database refused the history row
        }
        #expect(try replica.pendingCount() == 0)
        #expect(try replica.queueRow(caseID: central.id) == before)
        #expect(try replica.visibleCase(id: central.id)?.assignee == nil)
    }

    @Test func aDuplicateOperationIsRefused() throws {
        let replica = try makeReplica()
        let central = centralCase(number: "UMZ-2026-0000004", citizen: nil)
        try replica.applyCentralChanges([central], cursor: 1)
        let op = operation(central.id, .addComment(text: "Rückruf erbeten"))
        try replica.record(op)
        #expect(throws: ReplicaError.duplicateOperation(op.id)) { try replica.record(op) }
        #expect(try replica.pendingCount() == 1)
    }

    @Test func visibleStateIsCentralWithPendingOperationsInOrder() throws {
        let replica = try makeReplica()
        let rules = replica.rules
        let central = centralCase(number: "UMZ-2026-0000005", citizen: nil)
        try replica.applyCentralChanges([central], cursor: 1)
        let ops = [
            operation(
                central.id,
                .setField(field: "telefon", old: .text("+49 89 123456"), new: .text("+49 171 1234567"))),
            operation(central.id, .transition(from: "eingegangen", to: "in_bearbeitung", reason: nil)),
            operation(central.id, .transition(from: "in_bearbeitung", to: "rueckfrage", reason: nil)),
            operation(central.id, .addComment(text: "Unterlagen fehlen")),
        ]
        for op in ops { try replica.record(op) }

        func expected(_ base: Case, _ pending: [CaseModel.Operation]) -> Case? {
            var c: Case? = base
            for op in pending {
                if case .applied(let next) = op.apply(
                    to: c, mode: .overlay, context: rules.applyContext("ummeldung"))
                {
                    c = next
                }
            }
            return c
        }
        #expect(try replica.visibleCase(id: central.id) == expected(central, ops))
        #expect(try replica.queueRow(caseID: central.id)?.state == "rueckfrage")

        // Someone else changed the case centrally: the pending operations go on top of the new state.
        var newer = central
        newer.assignee = "k.schmid"
        newer.version = 2
        try replica.applyCentralChanges([newer], cursor: 2)
        #expect(try replica.visibleCase(id: central.id) == expected(newer, ops))
        #expect(try replica.queueRow(caseID: central.id)?.assignee == "k.schmid")
        #expect(try replica.queueRow(caseID: central.id)?.state == "rueckfrage")

        // The first two operations are acknowledged together with the state the server answered.
        guard
            case .applied(let afterFirst) = ops[0].apply(
                to: newer, mode: .central, context: rules.applyContext("")),
            case .applied(var afterSecond) = ops[1].apply(
                to: afterFirst, mode: .central, context: rules.applyContext(""))
        else {
            Issue.record("central apply failed")
            return
        }
        afterSecond.version = 4
        try replica.acknowledge(operationIDs: [ops[0].id, ops[1].id], centralStates: [afterSecond])
        #expect(try replica.pendingOperations(caseID: central.id).map(\.id) == [ops[2].id, ops[3].id])
        #expect(try replica.visibleCase(id: central.id) == expected(afterSecond, Array(ops[2...])))
        #expect(try replica.queueRow(caseID: central.id)?.pendingOperations == 2)
        #expect(try replica.queueRow(caseID: central.id)?.version == 4)
    }

    @Test func aLocallyCreatedCaseIsVisibleAndQueued() throws {
        let replica = try makeReplica()
        let who = citizen("Ayşe", "Özdemir", street: "Schleißheimer Straße")
        let new = NewCase(
            number: "HUN-2026-0000009", serviceID: "hundesteuer", formVersion: 2,
            orgUnit: "kaemmerei-steuern",
            channel: .phone, initialState: "eingegangen", citizen: who, fields: ["rasse": .text("Dackel")],
            receivedAt: fixedNow, enteredBy: "n.haddad")
        let created = try replica.createCase(new, by: "n.haddad", device: "test", at: fixedNow)
        #expect(try replica.visibleCase(id: created.id) == created)
        #expect(try replica.centralCase(id: created.id) == nil)
        #expect(try replica.citizen(id: who.id) == who)
        let row = try #require(try replica.queueRow(caseID: created.id))
        #expect(row.citizenName == "Özdemir, Ayşe")
        #expect(row.isOpen)
        #expect(try replica.search("Ozdemir").map(\.caseID) == [created.id])
        // Acknowledged before the central state arrived: the case leaves the replica until pulled.
        try replica.acknowledge(operationIDs: [try #require(try replica.pendingOperations().first?.id)])
        #expect(try replica.queueRow(caseID: created.id) == nil)
    }
}
