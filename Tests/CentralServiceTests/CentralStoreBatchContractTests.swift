import CaseModel
import CentralService
import Foundation
import SyncProtocol
import Testing

extension CentralStoreContractTests {
    @Test(arguments: StoreFlavor.allCases)
    func aBatchAppliesInOrderLikeSingleOperations(_ flavor: StoreFlavor) async throws {
        try await withStore(flavor) { store in
            try await Fixtures.seed(store)
            let caseID = UUID()
            let create = Fixtures.create(caseID, citizen: Fixtures.citizen())
            let edit = Fixtures.op(
                caseID, base: 1, .setField(field: "name_hund", old: .text("Bello"), new: .text("Rex")))
            let outside = Fixtures.op(
                caseID, base: 2, .transition(from: "eingegangen", to: "entschieden", reason: nil))
            let comment = Fixtures.op(caseID, base: 2, .addComment(text: "Angerufen"))
            let results = try await store.applyBatch(
                [create, edit, outside, comment, edit], decide: Self.decide)
            #expect(results.count == 5)
            #expect(Array(results.prefix(2)) == [.applied(newVersion: 1), .applied(newVersion: 2)])
            #expect(results[3] == .applied(newVersion: 3))
            #expect(results[4] == .duplicate(original: .applied(newVersion: 2)))
            guard case .rejected(let rejection) = results[2] else {
                Issue.record("a transition outside the workflow must be rejected in a batch too")
                return
            }
            #expect(rejection.code == "transition_not_allowed")
            let stored = try #require(try await store.currentCase(id: caseID))
            #expect(stored.version == 3)
            #expect(stored.fields["name_hund"] == .text("Rex"))
            #expect(stored.comments.map(\.text) == ["Angerufen"])
            let page = try await store.changes(after: 0, orgUnits: ["bb-mitte"], limit: 10)
            #expect(page.changes.map(\.case.version) == [3])
            #expect(page.changes.first?.citizen?.id == create.newCitizenID)
            // Sent again one by one, every operation gets its original result.
            #expect(try await Self.apply(store, outside) == .duplicate(original: .rejected(rejection)))
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func aFailingBatchWritesNothing(_ flavor: StoreFlavor) async throws {
        try await withStore(flavor) { store in
            try await Fixtures.seed(store)
            let first = Fixtures.create()
            var reused = Fixtures.create()
            reused.id = first.id
            await #expect(throws: StoreError.operationIDReused(first.id)) {
                try await store.applyBatch([first, reused], decide: Self.decide)
            }
            #expect(try await store.currentCase(id: first.caseID) == nil)
            #expect(try await store.changes(after: 0, orgUnits: ["bb-mitte"], limit: 10).changes.isEmpty)
            #expect(try await Self.apply(store, first) == .applied(newVersion: 1))
        }
    }
}

extension CaseModel.Operation {
    /// The id of the citizen a create-case operation brings along.
    var newCitizenID: UUID? {
        if case .createCase(let new) = kind { return new.citizen?.id }
        return nil
    }
}
