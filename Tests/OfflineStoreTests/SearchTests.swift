import CaseModel
import Foundation
import Testing

@testable import OfflineStore

@Suite struct SearchTests {
    static func replicaWithNames() throws -> (Replica, [String: UUID]) {
        let replica = try makeReplica()
        let people = [
            citizen("Jürgen", "Müller"), citizen("Renate", "Groß"), citizen("Hildegard", "Weiß"),
            citizen("Ayşe", "Özdemir"), citizen("伟", "王"), citizen("Ольга", "Иванова"),
            citizen("Γιώργος", "Παπαδόπουλος"), citizen("Karl", "Huber", street: "Zweibrückenstraße"),
        ]
        var ids: [String: UUID] = [:]
        var cases: [Case] = []
        for (i, person) in people.enumerated() {
            let c = centralCase(number: "UMZ-2026-\(1_000_000 + i)", citizen: person)
            cases.append(c)
            ids[person.name.family] = c.id
        }
        try replica.applyCentralChanges(cases, citizens: people, cursor: 1)
        return (replica, ids)
    }

    @Test(arguments: [
        ("Muller", "Müller"), ("Mueller", "Müller"), ("müller", "Müller"), ("Mül", "Müller"),
        ("MÜLLER", "Müller"),
        ("Gross", "Groß"), ("Groß", "Groß"), ("Weiss", "Weiß"), ("Weis", "Weiß"), ("Ozdemir", "Özdemir"),
        ("Oezdemir", "Özdemir"), ("王", "王"), ("Иван", "Иванова"), ("Παπαδ", "Παπαδόπουλος"),
        ("Zweibrücken", "Huber"), ("jürgen müller", "Müller"), ("UMZ-2026-1000007", "Huber"),
    ])
    func findsByNameAddressAndNumber(query: String, family: String) throws {
        let (replica, ids) = try Self.replicaWithNames()
        let hits = try replica.search(query).map(\.caseID)
        #expect(hits.first == ids[family], "\(query) → \(hits)")
    }

    @Test func findsNothingForUnknownWordsOrEmptyQueries() throws {
        let (replica, _) = try Self.replicaWithNames()
        #expect(try replica.search("Zimmermann").isEmpty)
        #expect(try replica.search("  - ").isEmpty)
        #expect(try replica.search("\"Müller").count == 1)  // quotes cannot break the query
    }

    @Test func aHugeHitSetIsCutToTheNewestRows() throws {
        let replica = try makeReplica()
        var people: [Citizen] = []
        var cases: [Case] = []
        for i in 0..<600 {
            let person = citizen("Anna", "Müller")
            people.append(person)
            cases.append(centralCase(number: "UMZ-2026-\(2_000_000 + i)", citizen: person))
        }
        try replica.applyCentralChanges(cases, citizens: people, cursor: 1)
        let hits = try replica.search("Mül", limit: 25)
        #expect(hits.count == 25)
        #expect(hits.map(\.seq) == hits.map(\.seq).sorted(by: >))
        #expect(hits.first?.number == "UMZ-2026-2000599")
    }
}
