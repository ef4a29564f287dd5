import Foundation
import Testing

@testable import OfflineStore

@Suite struct UUIDTextTests {
    @Test func parsesWhatFoundationWritesAndRejectsTheRest() {
        for _ in 0..<200 {
            let id = UUID()
            #expect(UUIDText.parse(id.uuidString) == id)
            #expect(UUIDText.parse(id.uuidString.lowercased()) == id)
        }
        for bad in [
            "", "1234", "E621E1F8-C36C-495A-93FC-0C247A3E6E5", "E621E1F8-C36C-495A-93FC-0C247A3E6E5FF",
            "E621E1F8C36C-495A-93FC-0C247A3E6E5F0", "G621E1F8-C36C-495A-93FC-0C247A3E6E5F",
        ] {
            #expect(UUIDText.parse(bad) == nil, "\(bad)")
        }
    }
}
