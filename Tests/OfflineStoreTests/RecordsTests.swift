import Foundation
import Testing

@testable import OfflineStore

@Suite struct RecordsTests {
    @Test func draftsAreSavedReplacedListedAndDeleted() throws {
        let replica = try makeReplica()
        #expect(try replica.draft(key: "case/1") == nil)
        try replica.saveDraft(key: "case/1", json: #"{"name":"Müller"}"#)
        try replica.saveDraft(key: "case/1", json: #"{"name":"Müller-Lüdenscheidt"}"#)
        try replica.saveDraft(key: "new/2", json: "{}")
        #expect(try replica.draft(key: "case/1") == #"{"name":"Müller-Lüdenscheidt"}"#)
        #expect(Set(try replica.draftKeys()) == ["case/1", "new/2"])
        try replica.deleteDraft(key: "case/1")
        #expect(try replica.draft(key: "case/1") == nil)
        #expect(try replica.draftKeys() == ["new/2"])
    }

    @Test func auditEntriesAreAppendedInOrder() throws {
        let replica = try makeReplica()
        let caseID = UUID()
        try replica.appendAudit(AuditEntry(clerk: "m.huber", action: "case_opened", caseID: caseID))
        try replica.appendAudit(AuditEntry(clerk: "m.huber", action: "citizen_data_shown", caseID: caseID))
        try replica.appendAudit(AuditEntry(clerk: "l.weiss", action: "login"))
        #expect(
            try replica.auditEntries(caseID: caseID).map(\.action) == ["case_opened", "citizen_data_shown"])
        #expect(try replica.auditEntries().count == 3)
    }

    @Test func catalogueVersionsAndSyncErrorsAreKept() throws {
        let replica = try makeReplica()
        try replica.storeCatalogDefinition(serviceID: "hundesteuer", version: 1, text: "v1")
        try replica.storeCatalogDefinition(serviceID: "hundesteuer", version: 2, text: "v2")
        #expect(try replica.catalogDefinition(serviceID: "hundesteuer") == "v2")
        #expect(try replica.catalogDefinition(serviceID: "hundesteuer", version: 1) == "v1")
        try replica.recordSyncError("Zeitüberschreitung")
        #expect(try replica.syncState().lastError == "Zeitüberschreitung")
        try replica.applyCentralChanges([], cursor: 42)
        #expect(try replica.syncState().lastError == nil)
        #expect(try replica.syncState().cursor == 42)
    }
}
