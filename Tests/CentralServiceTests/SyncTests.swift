import CaseModel
import CentralService
import Foundation
import Hummingbird
import SyncProtocol
import Testing

@Suite("Push and pull over HTTP")
struct SyncTests {
    @Test(arguments: StoreFlavor.allCases)
    func aResentOperationGetsItsOriginalResultAndAReusedIDIsRefused(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            let token = try await server.login("anna").token
            let create = Fixtures.create(citizen: Fixtures.citizen())
            #expect(try await server.push(token, [create]) == [.applied(newVersion: 1)])
            #expect(try await server.push(token, [create]) == [.duplicate(original: .applied(newVersion: 1))])

            var altered = create
            altered.timestamp = create.timestamp.addingTimeInterval(1)
            let refused = try await server.send(
                .post, "/v1/sync/push", token: token, json: PushRequest(deviceID: "d", operations: [altered]))
            #expect(refused.status == .conflict)
            #expect(try server.error(refused).code == "operation_id_reused")

            let page = try await server.pull(token)
            #expect(page.changes.count == 1, "applied once, logged once")
            #expect(page.changes.first?.case.id == create.caseID)
            #expect(page.changes.first?.citizen?.name.family == "Brandl")
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func concurrentEditsOfOneFieldConflictWithBothValues(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            let anna = try await server.login("anna").token
            let bernd = try await server.login("bernd").token
            let create = Fixtures.create()
            _ = try await server.push(anna, [create])
            let mine = Fixtures.op(
                create.caseID, base: 1, .setField(field: "name_hund", old: .text("Bello"), new: .text("Rex")))
            #expect(try await server.push(anna, [mine]) == [.applied(newVersion: 2)])
            let theirs = Fixtures.op(
                create.caseID, by: "bernd", base: 1,
                .setField(field: "name_hund", old: .text("Bello"), new: .text("Waldi")))
            let comment = Fixtures.op(
                create.caseID, by: "bernd", base: 1, .addComment(text: "Anruf der Bürgerin"))
            let results = try await server.push(bernd, [theirs, comment])
            guard case .conflict(let fields, let version) = results.first else {
                Issue.record("expected a conflict, got \(results)")
                return
            }
            #expect(version == 3)
            #expect(
                fields == [
                    FieldConflict(
                        field: "name_hund", base: .text("Bello"), mine: .text("Waldi"), theirs: .text("Rex"),
                        operationID: theirs.id, clerk: "bernd", theirsClerk: "anna")
                ])
            #expect(results.last == .applied(newVersion: 4), "comments never conflict")
            let latest = try #require(try await server.pull(anna).changes.last?.case)
            #expect(latest.conflicts.map(\.field) == ["name_hund"])
            // Both authors travel with the case to every replica of the unit.
            #expect(latest.conflicts.map(\.clerk) == ["bernd"])
            #expect(latest.conflicts.map(\.theirsClerk) == ["anna"])
            #expect(latest.fieldAuthors == ["name_hund": "anna"])
            #expect(
                latest.fields["name_hund"] == .text("Rex"), "the value already there stays until resolved")
            #expect(latest.comments.map(\.text) == ["Anruf der Bürgerin"])
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func aRejectedOperationDoesNotBlockTheOnesBehindIt(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            let anna = try await server.login("anna").token
            let create = Fixtures.create()
            let id = create.caseID
            let results = try await server.push(
                anna,
                [
                    create,
                    Fixtures.op(
                        id, base: 1, .transition(from: "eingegangen", to: "entschieden", reason: "ok")),
                    Fixtures.op(
                        id, base: 1, .transition(from: "eingegangen", to: "in_bearbeitung", reason: nil)),
                    Fixtures.op(
                        id, base: 2, .transition(from: "in_bearbeitung", to: "entschieden", reason: " ")),
                    Fixtures.op(id, base: 2, .addComment(text: "Unterlagen vollständig")),
                    Fixtures.op(
                        id, base: 3,
                        .transition(from: "in_bearbeitung", to: "entschieden", reason: "Bescheid")),
                ])
            #expect(results.count == 6)
            #expect(Self.code(results[1]) == "transition_not_allowed")
            #expect(results[2] == .applied(newVersion: 2))
            #expect(Self.code(results[3]) == "reason_required")
            #expect(results[4] == .applied(newVersion: 3))
            #expect(results[5] == .applied(newVersion: 4))
            #expect(try await server.store.currentCase(id: id)?.state == "entschieden")

            let bernd = try await server.login("bernd").token
            let second = Fixtures.create(by: "bernd")
            let byPhone = try await server.push(
                bernd,
                [
                    second,
                    Fixtures.op(
                        second.caseID, by: "bernd", base: 1,
                        .transition(from: "eingegangen", to: "in_bearbeitung", reason: nil)),
                ])
            #expect(Self.code(byPhone[1]) == "role_not_allowed")
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func claimsAreExclusiveUntilTheyExpire(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            let anna = try await server.login("anna").token
            let bernd = try await server.login("bernd").token
            let create = Fixtures.create()
            _ = try await server.push(anna, [create])
            let until = Fixtures.start.addingTimeInterval(1800)
            #expect(
                try await server.push(anna, [Fixtures.op(create.caseID, base: 1, .claim(until: until))]) == [
                    .applied(newVersion: 2)
                ])
            let taken = try await server.push(
                bernd, [Fixtures.op(create.caseID, by: "bernd", base: 2, .claim(until: until))])
            #expect(Self.code(taken[0]) == "claimed")
            server.clock.advance(seconds: 1801)
            // A claim lasts at most 30 minutes for counter and phone work (ClaimPolicy).
            let later = Fixtures.op(
                create.caseID, by: "bernd", base: 2, .claim(until: Fixtures.start.addingTimeInterval(3601)),
                at: 1801)
            #expect(try await server.push(bernd, [later]) == [.applied(newVersion: 3)])
            #expect(try await server.store.currentCase(id: create.caseID)?.claim?.clerk == "bernd")
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func pullIsPagedByCursor(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            let anna = try await server.login("anna").token
            let creates = (0..<5).map { _ in Fixtures.create() }
            _ = try await server.push(anna, creates)
            var cursor: Int64 = 0
            var seen: [UUID] = []
            var pages: [PullResponse] = []
            repeat {
                let page = try await server.pull(anna, after: cursor, limit: 2)
                pages.append(page)
                seen += page.changes.map(\.case.id)
                cursor = page.nextCursor
            } while pages.last?.hasMore == true && pages.count < 10
            #expect(seen == creates.map(\.caseID))
            #expect(pages.map(\.changes.count) == [2, 2, 1])
            #expect(pages.map(\.hasMore) == [true, true, false])
            let empty = try await server.pull(anna, after: cursor, limit: 2)
            #expect(empty.changes.isEmpty && empty.nextCursor == cursor && !empty.hasMore)

            for bad in ["after=-1", "after=abc", "limit=0", "limit=100000", "limit=x"] {
                let response = try await server.send(.get, "/v1/sync/pull?\(bad)", token: anna)
                #expect(response.status == .badRequest, "\(bad)")
            }
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func otherOrgUnitsCasesAreInvisibleAndUntouchable(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            let anna = try await server.login("anna").token
            let carla = try await server.login("carla").token
            let create = Fixtures.create()
            _ = try await server.push(anna, [create])
            _ = try await server.push(carla, [Fixtures.create(by: "carla", unit: "kfz")])

            let foreign = try await server.send(
                .post, "/v1/sync/push", token: carla,
                json: PushRequest(
                    deviceID: "d",
                    operations: [Fixtures.op(create.caseID, by: "carla", base: 1, .addComment(text: "Hallo"))]
                ))
            let unknown = try await server.send(
                .post, "/v1/sync/push", token: carla,
                json: PushRequest(
                    deviceID: "d",
                    operations: [Fixtures.op(UUID(), by: "carla", base: 1, .addComment(text: "Hallo"))]))
            #expect(foreign.status == .forbidden)
            #expect(unknown.status == .forbidden)
            #expect(foreign.body == unknown.body, "the answer must not reveal whether the case exists")
            let intoMitte = try await server.send(
                .post, "/v1/sync/push", token: carla,
                json: PushRequest(deviceID: "d", operations: [Fixtures.create(by: "carla", unit: "bb-mitte")])
            )
            #expect(intoMitte.status == .forbidden)
            let asSomeoneElse = try await server.send(
                .post, "/v1/sync/push", token: carla,
                json: PushRequest(deviceID: "d", operations: [Fixtures.create()]))
            #expect(asSomeoneElse.status == .forbidden)
            #expect(try server.error(asSomeoneElse).code == "clerk_mismatch")

            #expect(try await server.store.currentCase(id: create.caseID)?.comments.isEmpty == true)
            let carlasView = try await server.pull(carla)
            #expect(carlasView.changes.map(\.case.orgUnit) == ["kfz"])
            #expect(try await server.pull(anna).changes.map(\.case.orgUnit) == ["bb-mitte"])
        }
    }

    /// Writers commit concurrently (straight into the store) while a client pulls over HTTP;
    /// the client ends with every case's final state, in seq order, never seeing a state twice.
    @Test(arguments: StoreFlavor.allCases)
    func aPullingClientSeesEveryConcurrentChangeExactlyOnce(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            let token = try await server.login("anna").token
            let writers = 6
            let edits = 10
            let store = server.store
            let caseIDs = (0..<writers).map { _ in UUID() }
            let total = writers * (edits + 1)
            let writersDone = Flag()
            async let pulling = CentralStoreContractTests.pullUntilQuiet(after: writersDone) { cursor in
                try await server.pull(token, after: cursor, limit: 5)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for caseID in caseIDs {
                    group.addTask {
                        _ = try await CentralStoreContractTests.apply(store, Fixtures.create(caseID))
                        for edit in 0..<edits {
                            let old: FieldValue = edit == 0 ? .text("Bello") : .text("v\(edit - 1)")
                            _ = try await CentralStoreContractTests.apply(
                                store,
                                Fixtures.op(
                                    caseID, base: Int64(edit + 1),
                                    .setField(field: "name_hund", old: old, new: .text("v\(edit)"))))
                        }
                    }
                }
                try await group.waitForAll()
            }
            writersDone.set()
            let pulled = try await pulling
            let keys = pulled.map { ChangeKey(id: $0.case.id, version: $0.case.version) }
            #expect(Set(keys).count == keys.count, "no state twice")
            var last: [UUID: Int64] = [:]
            for key in keys {
                #expect(key.version > last[key.id] ?? 0, "a case never goes back")
                last[key.id] = key.version
            }
            #expect(last == Dictionary(uniqueKeysWithValues: caseIDs.map { ($0, Int64(edits + 1)) }))
            #expect(keys.count <= total)
            #expect(pulled.map(\.seq) == pulled.map(\.seq).sorted())
        }
    }

    static func code(_ result: PushResult) -> String? {
        if case .rejected(let rejection) = result.original { return rejection.code }
        return nil
    }
}
