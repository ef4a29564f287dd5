import CaseModel
import Foundation
import Testing

@testable import OfflineStore

@Suite struct CaseBodyTests {
    /// A case that uses every part of the format: all field value kinds, nested rows, a claim,
    /// pauses, comments and conflicts, umlauts and emoji.
    private func fullCase() -> Case {
        let born = LocalDate(year: 1950, month: 3, day: 4) ?? LocalDate(dayNumber: 0)
        let fields: [String: FieldValue] = [
            "name": .name(PersonName(given: "Jürgen", family: "Weiß")),
            "adresse": .address(
                PostalAddress(street: "Leopoldstraße", houseNumber: "12a", postcode: "80802", city: "München")
            ),
            "geburt": .date(born),
            "betrag": .money(cents: -1_234_567),
            "anzahl": .number(Decimal(string: "12.75") ?? 0),
            "ja": .bool(true),
            "nein": .bool(false),
            "art": .choice("hund"),
            "notiz": .text("Grüß Gott 👋 \"quoted\"\n"),
            "leer": .text(""),
            "kinder": .rows([
                ["vorname": .text("Anna"), "geburt": .date(born.adding(days: 9000))],
                [:],
            ]),
        ]
        return Case(
            id: UUID(), number: "WOH-2026-0001234", serviceID: "ummeldung", formVersion: 3,
            orgUnit: "kvr-buergerbuero", channel: .phone, state: "in_bearbeitung", citizenID: UUID(),
            fields: fields, assignee: "m.huber", claim: Claim(clerk: "m.huber", until: fixedNow),
            receivedAt: fixedNow.addingTimeInterval(-86_400.123),
            stateSince: fixedNow.addingTimeInterval(-3600),
            lastActivityAt: fixedNow.addingTimeInterval(0.001),
            slaPauses: [
                SLAPause(start: born, end: born.adding(days: 3)),
                SLAPause(start: born.adding(days: 10), end: nil),
            ],
            enteredBy: "a.schmidt",
            comments: [Comment(id: UUID(), clerk: "m.huber", at: fixedNow, text: "Rückruf erbeten")],
            conflicts: [
                FieldConflict(
                    field: "notiz", base: nil, mine: .text("a"), theirs: .rows([["x": .bool(true)]]),
                    operationID: UUID(), clerk: "b.maier", theirsClerk: "m.huber"),
                FieldConflict(
                    field: "art", base: .choice("katze"), mine: nil, theirs: .choice("hund"),
                    operationID: UUID(), clerk: "k.schmid"),
            ],
            version: 42, fieldAuthors: ["notiz": "m.huber", "art": "m.huber", "betrag": "k.schmid"])
    }

    @Test func roundTripsEveryPartOfACase() throws {
        let c = fullCase()
        #expect(try CaseBody.decode(CaseBody.encode(c)) == c)
        var bare = c
        bare.citizenID = nil
        bare.assignee = nil
        bare.claim = nil
        bare.enteredBy = nil
        bare.fields = [:]
        bare.slaPauses = []
        bare.comments = []
        bare.conflicts = []
        bare.fieldAuthors = [:]
        bare.version = 0
        #expect(try CaseBody.decode(CaseBody.encode(bare)) == bare)
    }

    /// The format lists `Case`'s properties one by one; a property added to `Case` must be added
    /// to `CaseBody` too, or it would be lost on the next write. This test names them all.
    @Test func theFormatCoversEveryPropertyOfACase() {
        let stored = [
            "id", "number", "serviceID", "formVersion", "orgUnit", "channel", "state", "citizenID", "fields",
            "assignee", "claim", "receivedAt", "stateSince", "lastActivityAt", "slaPauses", "enteredBy",
            "comments", "conflicts", "fieldAuthors", "version",
        ]
        let properties = Mirror(reflecting: fullCase()).children.compactMap(\.label)
        #expect(properties == stored, "Case changed: update CaseBody.encode/decode and this list")
    }

    @Test func theSameCaseGivesTheSameBytes() {
        let c = fullCase()
        #expect(CaseBody.encode(c) == CaseBody.encode(c))
    }

    @Test func readsTheJSONBodiesOfEarlierVersions() throws {
        let c = fullCase()
        let json = try JSONEncoder().encode(c)
        #expect(try CaseBody.decode(json) == c)
    }

    /// Format 1 (schema version 3) had no field authors and no author of a conflict's other
    /// value; its bodies still read, with none.
    @Test func readsFormatOneBodiesWithoutAuthors() throws {
        var c = fullCase()
        c.fieldAuthors = [:]
        c.conflicts = c.conflicts.map { conflict in
            var old = conflict
            old.theirsClerk = nil
            return old
        }
        // Format 2 adds a 0 tag after each conflict's clerk and the authors' count before the
        // version (42 → one zigzag byte); format 1 is format 2 without them.
        let current = [UInt8](CaseBody.encode(c))
        #expect(current.first == CaseBody.formatV2)
        var formatOne = current
        formatOne[0] = CaseBody.formatV1
        let authorsCount = formatOne.count - 2
        #expect(formatOne[authorsCount] == 0)
        formatOne.remove(at: authorsCount)
        for conflict in c.conflicts.reversed() {
            let clerk = Array(conflict.clerk.utf8)
            let end = try #require(Self.lastRange(of: [UInt8(clerk.count)] + clerk, in: formatOne)).upperBound
            #expect(formatOne[end] == 0)
            formatOne.remove(at: end)
        }
        #expect(try CaseBody.decode(Data(formatOne)) == c)
    }

    private static func lastRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard needle.count <= haystack.count else { return nil }
        for start in stride(from: haystack.count - needle.count, through: 0, by: -1)
        where Array(haystack[start..<start + needle.count]) == needle {
            return start..<start + needle.count
        }
        return nil
    }

    @Test func refusesDamagedBodies() {
        let bytes = CaseBody.encode(fullCase())
        #expect(throws: (any Error).self) { try CaseBody.decode(bytes.prefix(bytes.count / 2)) }
        #expect(throws: (any Error).self) { try CaseBody.decode(bytes + Data([0])) }
        #expect(throws: (any Error).self) { try CaseBody.decode(Data()) }
    }

    @Test func aReplicaWithJSONBodiesStillOpensItsCases() throws {
        let replica = try makeReplica()
        let who = citizen("Anna", "Huber")
        let c = centralCase(number: "WOH-2026-0000001", citizen: who)
        try replica.applyCentralChanges([c], citizens: [who], cursor: 1)
        // As a replica of schema version 2 stored it.
        let json = String(decoding: try JSONEncoder().encode(c), as: UTF8.self)
        try replica.sqlExecute("UPDATE case_central SET body = ? WHERE id = ?", [json, c.id.uuidString])
        #expect(try replica.sqlStrings("SELECT typeof(body) FROM case_central") == ["text"])
        #expect(try replica.centralCase(id: c.id) == c)
        #expect(try replica.visibleCase(id: c.id) == c)
        try replica.record(operation(c.id, .addComment(text: "Hallo")))
        #expect(try replica.visibleCase(id: c.id)?.comments.count == 1)
    }
}
