import CaseModel
import Foundation
import Testing

@testable import ServiceCatalog

@Suite struct ShippedPhoneServicesTests {
    @Test func thePhoneMenuOffersOnlyServicesAllowedByPhone() throws {
        let catalog = CatalogLoader.load(directory: shippedCatalog).catalog
        let menu = PhoneServiceMenu(services: catalog.latest)
        #expect(menu.offered.map(\.id) == ["bewohnerparkausweis", "hundesteuer", "sperrmuell", "wohngeld"])
        #expect(menu.barred.map(\.serviceID) == ["briefwahl", "gewerbeanmeldung", "wohnsitz_anmeldung"])
        let postalVote = try #require(menu.barred.first { $0.serviceID == "briefwahl" })
        #expect(postalVote.reason.de.hasPrefix("Ein Wahlschein kann nicht telefonisch beantragt werden"))
        #expect(postalVote.reason.de.contains("§ 27 Abs. 1 BWO"))
    }

    @Test func everyRepeatGroupAsksNaturallyForAnotherRow() throws {
        let catalog = CatalogLoader.load(directory: shippedCatalog).catalog
        for service in catalog.latest {
            for field in service.form.fields where field.type == .repeatGroup {
                #expect(field.phoneMoreQuestion?.de.hasSuffix("?") == true, "\(service.id).\(field.id)")
            }
        }
        let move = try #require(catalog.service(id: "wohnsitz_anmeldung")?.form.field("personen"))
        #expect(move.phoneMoreQuestion?.de == "Zieht noch jemand mit um?")
    }

    @Test func aShippedServiceCanBeTakenByPhoneToTheReadBack() throws {
        let catalog = CatalogLoader.load(directory: shippedCatalog).catalog
        let service = try #require(catalog.service(id: "sperrmuell"))
        var call = PhoneCall(
            clerk: "k", callerNumber: "089 1", startedAt: Date(timeIntervalSince1970: 0))
        try call.continueWithoutRecord()
        try call.chooseService(service, today: try #require(LocalDate(year: 2026, month: 11, day: 30)))
        let interview = try #require(call.interview)
        #expect(interview.progressText.de.hasPrefix("Frage 1 von "))
        #expect(interview.currentQuestion?.text == service.form.fields.first?.phoneQuestion)
    }
}
