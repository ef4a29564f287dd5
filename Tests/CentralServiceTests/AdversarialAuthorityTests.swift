import CaseModel
import CentralService
import Foundation
import SyncProtocol
import Testing

/// Attacks of a clerk with a valid login on what only the central service may decide — who,
/// where, when, which citizen, which number — over real HTTP, on both stores.
@Suite("Adversarial: the server decides")
struct AdversarialAuthorityTests {
    /// A postal vote owned by Mitte, never by phone; a plate reservation owned by Kfz.
    static let postalVote = service(
        id: "briefwahl", prefix: "WAS", unit: Fixtures.mitte, channels: [.counter, .online])
    static let plates = service(id: "kennzeichen", prefix: "KEN", unit: Fixtures.kfz, channels: [.counter])
    static let services = [Fixtures.dogTax, postalVote, plates]

    static func service(id: String, prefix: String, unit: OrgUnitRef, channels: Set<Channel>)
        -> ServiceDefinition
    {
        var service = Fixtures.dogTax
        service.id = id
        service.numberPrefix = prefix
        service.orgUnit = unit
        service.channels = channels
        return service
    }

    static func create(
        _ service: ServiceDefinition, by clerk: String, unit: String, channel: Channel = .counter,
        citizen: Citizen? = nil, at time: Date = Fixtures.start, number: String = "X"
    ) -> CaseModel.Operation {
        CaseModel.Operation(
            caseID: UUID(), baseVersion: 0, clerk: clerk, device: "dev-\(clerk)", timestamp: time,
            kind: .createCase(
                NewCase(
                    number: number, serviceID: service.id, formVersion: 1, orgUnit: unit, channel: channel,
                    initialState: "eingegangen", citizen: citizen, fields: ["name_hund": .text("Bello")],
                    receivedAt: time, enteredBy: clerk)))
    }

    /// Adds a team lead of Mitte, dora.
    static func addTeamLead(_ store: any CentralStore) async throws {
        try await store.createClerk(
            ClerkRecord(
                id: "dora", name: "Dora Lang",
                passwordHash: Credentials.hashPassword(Fixtures.password, cost: 4),
                roles: [.teamLead], orgUnits: [Fixtures.mitte.id]))
    }

    static func rejectionCode(_ result: PushResult) -> String? {
        if case .rejected(let why) = result { return why.code }
        return nil
    }

    @Test(
        "A case of another unit's service cannot be created in one's own unit",
        arguments: StoreFlavor.allCases)
    func ownership(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor, services: Self.services) { h in
            let anna = try await h.login("anna")
            let foreign = Self.create(Self.plates, by: "anna", unit: Fixtures.mitte.id)
            let results = try await h.push(anna.token, [foreign])
            #expect(Self.rejectionCode(results[0]) == "not_service_owner")
            #expect(try await h.store.currentCase(id: foreign.caseID) == nil)
            let own = Self.create(Fixtures.dogTax, by: "anna", unit: Fixtures.mitte.id)
            #expect(try await h.push(anna.token, [own]) == [.applied(newVersion: 1)])
        }
    }

    @Test("A case is assigned only to a clerk of its unit", arguments: StoreFlavor.allCases)
    func assignment(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor, services: Self.services) { h in
            try await Self.addTeamLead(h.store)
            let dora = try await h.login("dora")
            let anna = try await h.login("anna")
            let create = Fixtures.create()
            #expect(try await h.push(anna.token, [create]) == [.applied(newVersion: 1)])
            for target in ["carla", "nobody", "ann\u{202E}a", ""] {
                let assign = Fixtures.op(create.caseID, by: "dora", base: 1, .assign(to: target))
                let results = try await h.push(dora.token, [assign])
                #expect(Self.rejectionCode(results[0]) == "unknown_assignee", "assign to \(target)")
            }
            let good = Fixtures.op(create.caseID, by: "dora", base: 1, .assign(to: "bernd"))
            #expect(try await h.push(dora.token, [good]) == [.applied(newVersion: 2)])
            #expect(try await h.store.currentCase(id: create.caseID)?.assignee == "bernd")
            // A disabled clerk is no longer a clerk of the unit.
            _ = try await h.store.updateClerk(id: "anna", at: h.clock.now) { $0.disabledAt = h.clock.now }
            let toDisabled = Fixtures.op(create.caseID, by: "dora", base: 2, .assign(to: "anna"))
            #expect(Self.rejectionCode(try await h.push(dora.token, [toDisabled])[0]) == "unknown_assignee")
        }
    }

    @Test(
        "Who entered a case is the token's clerk, whatever the device says", arguments: StoreFlavor.allCases)
    func identity(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor, services: Self.services) { h in
            let anna = try await h.login("anna")
            var create = Fixtures.create()
            guard case .createCase(var new) = create.kind else { return }
            new.enteredBy = "bernd"
            create.kind = .createCase(new)
            #expect(try await h.push(anna.token, [create]) == [.applied(newVersion: 1)])
            #expect(try await h.store.currentCase(id: create.caseID)?.enteredBy == "anna")
            // Another clerk's name on the operation is refused whole.
            let forged = Fixtures.op(create.caseID, by: "bernd", base: 1, .addComment(text: "von Bernd?"))
            let response = try await h.send(
                .post, "/v1/sync/push", token: anna.token,
                json: PushRequest(deviceID: "dev", operations: [forged]))
            #expect(response.status == .forbidden)
            #expect(try await h.store.currentCase(id: create.caseID)?.comments.isEmpty == true)
        }
    }

    @Test("The channel must be the clerk's and the service's", arguments: StoreFlavor.allCases)
    func channel(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor, services: Self.services) { h in
            let bernd = try await h.login("bernd")
            // A phone clerk declares a postal-vote application a counter application.
            let declared = Self.create(
                Self.postalVote, by: "bernd", unit: Fixtures.mitte.id, channel: .counter)
            let byPhone = Self.create(Self.postalVote, by: "bernd", unit: Fixtures.mitte.id, channel: .phone)
            let online = Self.create(Fixtures.dogTax, by: "bernd", unit: Fixtures.mitte.id, channel: .online)
            let results = try await h.push(bernd.token, [declared, byPhone, online])
            #expect(
                results.map(Self.rejectionCode) == [
                    "channel_not_for_role", "channel_not_offered", "channel_not_offered",
                ])
            let phone = Self.create(Fixtures.dogTax, by: "bernd", unit: Fixtures.mitte.id, channel: .phone)
            #expect(try await h.push(bernd.token, [phone]) == [.applied(newVersion: 1)])
        }
    }

    @Test(
        "Times are the server's: a device clock a day ahead or behind changes nothing",
        arguments: StoreFlavor.allCases, [-86_400.0, 86_400.0, 7 * 3600.0])
    func time(_ flavor: StoreFlavor, skew: TimeInterval) async throws {
        try await withServer(flavor, services: Self.services) { h in
            let anna = try await h.login("anna")
            h.clock.advance(seconds: 3600)
            let server = h.clock.now
            let device = server.addingTimeInterval(skew)
            var create = Self.create(Fixtures.dogTax, by: "anna", unit: Fixtures.mitte.id, at: device)
            guard case .createCase(var new) = create.kind else { return }
            new.receivedAt = Date(timeIntervalSince1970: 32_472_144_000)  // 2999-01-01
            create.kind = .createCase(new)
            let id = create.caseID
            let claim = CaseModel.Operation(
                caseID: id, baseVersion: 1, clerk: "anna", device: "dev-anna", timestamp: device,
                kind: .claim(until: device.addingTimeInterval(30 * 60)))
            let move = CaseModel.Operation(
                caseID: id, baseVersion: 2, clerk: "anna", device: "dev-anna", timestamp: device,
                kind: .transition(from: "eingegangen", to: "in_bearbeitung", reason: nil))
            let results = try await h.push(anna.token, [create, claim, move])
            #expect(results == [.applied(newVersion: 1), .applied(newVersion: 2), .applied(newVersion: 3)])
            let stored = try #require(try await h.store.currentCase(id: id))
            #expect(stored.receivedAt == server)
            #expect(stored.stateSince == server)
            #expect(stored.lastActivityAt == server)
            #expect(stored.claim?.until == server.addingTimeInterval(30 * 60))
            // A claim asked for longer than the role's limit is refused, not stretched.
            let long = CaseModel.Operation(
                caseID: id, baseVersion: 3, clerk: "anna", device: "dev-anna", timestamp: device,
                kind: .claim(until: device.addingTimeInterval(7 * 3600)))
            #expect(Self.rejectionCode(try await h.push(anna.token, [long])[0]) == "claim_too_long")
        }
    }

    @Test(
        "A new case never overwrites a citizen; a correction is its own operation",
        arguments: StoreFlavor.allCases)
    func citizens(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor, services: Self.services) { h in
            let anna = try await h.login("anna")
            let carla = try await h.login("carla")
            var brandl = Fixtures.citizen()
            brandl.informationBlock = true
            var impostor = brandl
            impostor.name = PersonName(given: "Eve", family: "Mallory")
            impostor.address.street = "Anderswo"
            let first = Fixtures.create(citizen: brandl)
            let second = Fixtures.create(citizen: impostor)
            #expect(
                try await h.push(anna.token, [first, second]) == [
                    .applied(newVersion: 1), .applied(newVersion: 1),
                ])
            // The same case created again with other data for its citizen changes nothing.
            var again = Fixtures.create(first.caseID, citizen: impostor)
            again.id = UUID()
            #expect(try await h.push(anna.token, [again]) == [.applied(newVersion: 1)])
            let mitte = try await h.pull(anna.token)
            #expect(mitte.changes.compactMap(\.citizen).map(\.name.family) == ["Brandl", "Brandl"])
            // The same id in another unit is that unit's own record, not dropped.
            let other = Self.create(Self.plates, by: "carla", unit: Fixtures.kfz.id, citizen: impostor)
            #expect(try await h.push(carla.token, [other]) == [.applied(newVersion: 1)])
            #expect(try await h.pull(carla.token).changes.first?.citizen?.name.family == "Mallory")
            // A correction: validated, versioned, pulled.
            var moved = brandl
            moved.address = PostalAddress(
                street: "Leopoldstraße", houseNumber: "12", postcode: "80802", city: "München")
            let correct = Fixtures.op(first.caseID, base: 1, .updateCitizen(moved))
            #expect(try await h.push(anna.token, [correct]) == [.applied(newVersion: 2)])
            var unborn = moved
            unborn.dateOfBirth = LocalDate(year: 2999, month: 1, day: 1) ?? unborn.dateOfBirth
            var wrongCase = moved
            wrongCase.id = UUID()
            let bad = [
                Fixtures.op(first.caseID, base: 2, .updateCitizen(unborn)),
                Fixtures.op(first.caseID, base: 2, .updateCitizen(wrongCase)),
            ]
            #expect(
                try await h.push(anna.token, bad).map(Self.rejectionCode) == [
                    "invalid_citizen", "citizen_mismatch",
                ])
            let after = try await h.pull(anna.token, after: mitte.nextCursor)
            #expect(after.changes.map(\.case.id) == [first.caseID])
            #expect(after.changes.first?.citizen?.address.street == "Leopoldstraße")
            // A correction cannot lift the information block.
            var lifted = moved
            lifted.informationBlock = false
            #expect(
                try await h.push(anna.token, [Fixtures.op(first.caseID, base: 2, .updateCitizen(lifted))])
                    == [.applied(newVersion: 3)])
            #expect(try await h.pull(anna.token).changes.compactMap(\.citizen).allSatisfy(\.informationBlock))
            // The other case of the same citizen shows the corrected record on its next pull.
            #expect(
                try await h.pull(anna.token).changes.compactMap(\.citizen).map(\.address.street) == [
                    "Leopoldstraße", "Leopoldstraße",
                ])
        }
    }

    @Test("Case numbers are the server's, unique, whatever the device sends", arguments: StoreFlavor.allCases)
    func caseNumbers(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor, services: Self.services) { h in
            let anna = try await h.login("anna")
            let creates = [
                Fixtures.create(number: ""), Fixtures.create(number: "HUN-1"),
                Fixtures.create(number: "HUN-1"),
            ]
            #expect(try await h.push(anna.token, creates).allSatisfy { $0 == .applied(newVersion: 1) })
            var numbers: [String] = []
            for create in creates {
                numbers.append(try #require(try await h.store.currentCase(id: create.caseID)).number)
            }
            let year = MunichClock.day(of: h.clock.now).year
            #expect(numbers == (1...3).map { "HUN-\(year)-00000\($0)" })
        }
    }

    @Test(
        "A push with a reused operation id is refused whole and writes nothing",
        arguments: StoreFlavor.allCases)
    func honestPush(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor, services: Self.services) { h in
            let anna = try await h.login("anna")
            let a = Fixtures.create()
            #expect(try await h.push(anna.token, [a]) == [.applied(newVersion: 1)])
            let b = Fixtures.create()
            var reused = Fixtures.op(a.caseID, base: 1, .addComment(text: "anders"))
            reused.id = a.id
            let response = try await h.send(
                .post, "/v1/sync/push", token: anna.token,
                json: PushRequest(deviceID: "dev", operations: [b, reused]))
            #expect(response.status == .conflict)
            #expect(try h.error(response).code == "operation_id_reused")
            #expect(try await h.store.currentCase(id: b.caseID) == nil)
            #expect(try await h.store.currentCase(id: a.caseID)?.comments.isEmpty == true)
        }
    }

    @Test("Comments and values are bounded, invisible comments refused", arguments: StoreFlavor.allCases)
    func limits(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor, services: Self.services) { h in
            let anna = try await h.login("anna")
            let create = Fixtures.create()
            #expect(try await h.push(anna.token, [create]) == [.applied(newVersion: 1)])
            let id = create.caseID
            let attacks = [
                Fixtures.op(id, base: 1, .addComment(text: String(repeating: "x", count: 10_001))),
                Fixtures.op(id, base: 1, .addComment(text: " \u{200B}\u{2060}\u{FEFF}\n\u{3164}")),
                Fixtures.op(id, base: 1, .addComment(text: "echt\r\u{1B}[2Jgefälscht")),
                Fixtures.op(
                    id, base: 1,
                    .setField(
                        field: "name_hund", old: .text("Bello"),
                        new: .text(String(repeating: "y", count: 10_001)))),
                Fixtures.op(
                    id, base: 1,
                    .transition(
                        from: "eingegangen", to: "in_bearbeitung",
                        reason: String(repeating: "r", count: 2_001))),
            ]
            #expect(
                try await h.push(anna.token, attacks).map(Self.rejectionCode)
                    == [
                        "comment_too_long", "empty_comment", "control_characters", "value_too_long",
                        "reason_too_long",
                    ])
            #expect(
                try await h.push(
                    anna.token,
                    [Fixtures.op(id, base: 1, .addComment(text: String(repeating: "ä", count: 10_000)))]) == [
                        .applied(newVersion: 2)
                    ])
        }
    }

    @Test(
        "A 1 MiB push grows the store by a small multiple of 1 MiB, and comments per case are bounded",
        arguments: StoreFlavor.allCases)
    func storageGrowth(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor, services: Self.services) { h in
            let anna = try await h.login("anna")
            let create = Fixtures.create()
            #expect(try await h.push(anna.token, [create]) == [.applied(newVersion: 1)])
            let before = try await h.store.storageBytes()
            let comments = (0..<200).map { i in
                Fixtures.op(
                    create.caseID, base: 1,
                    .addComment(text: "\(i) " + String(repeating: "Notiz ", count: 800)))
            }
            let body = try WireProtocol.makeEncoder().encode(
                PushRequest(deviceID: "dev", operations: comments))
            #expect(body.count > 900_000 && body.count <= 1 << 20)
            let results = try await h.push(anna.token, comments)
            #expect(results.allSatisfy { if case .applied = $0 { true } else { false } })
            let grown = try await h.store.storageBytes() - before
            #expect(grown < 5 * Int64(body.count), "grew by \(grown) bytes for a \(body.count)-byte push")
            let oneMore = Fixtures.op(create.caseID, base: 201, .addComment(text: "noch eine"))
            #expect(Self.rejectionCode(try await h.push(anna.token, [oneMore])[0]) == "too_many_comments")
        }
    }

    @Test("Pull pages are bounded by bytes and show each case once", arguments: StoreFlavor.allCases)
    func pullBytes(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor, services: Self.services, configure: { $0.maxPullBytes = 64 * 1024 }) {
            h in
            let anna = try await h.login("anna")
            var ids: [UUID] = []
            for _ in 0..<8 {
                let create = Fixtures.create()
                ids.append(create.caseID)
                var operations = [create]
                for i in 0..<30 {
                    operations.append(
                        Fixtures.op(
                            create.caseID, base: 1,
                            .addComment(text: "\(i) " + String(repeating: "z", count: 1_000))))
                }
                _ = try await h.push(anna.token, operations)
            }
            // Each case once, in its latest state; no page over the bound past its first case.
            var cursor: Int64 = 0
            var seen: [UUID] = []
            var pages = 0
            while true {
                let response = try await h.send(
                    .get, "/v1/sync/pull?after=\(cursor)&limit=1000", token: anna.token)
                #expect(response.status == .ok)
                #expect(response.body.readableBytes < 2 * 64 * 1024)
                let page = try h.decode(PullResponse.self, response)
                #expect(page.changes.allSatisfy { $0.case.comments.count == 30 })
                seen += page.changes.map(\.case.id)
                cursor = page.nextCursor
                pages += 1
                if !page.hasMore { break }
            }
            #expect(Set(seen) == Set(ids) && seen.count == ids.count)
            #expect(pages >= 4)
        }
    }
}
