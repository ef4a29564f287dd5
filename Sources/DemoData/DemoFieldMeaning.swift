import CaseModel

/// What a form field asks for, read from its id, type and the repeat group it is in, so that
/// demo values are chosen per meaning rather than per type: a dog's name is a dog's name, not
/// any short text.
///
/// Catalogue ids are German and stable (`hundename`, `einzugsdatum`, `rechtsform`); a field
/// whose meaning is not recognised gets a plain value of its type (`generic`), which the demo
/// data tests do not allow for any field of the shipped catalogue.
public enum DemoFieldMeaning: Hashable, Sendable {
    // People
    case applicantName, memberName, applicantBirthDate, memberBirthDate, relationship, nationality
    case idPresented, income
    // Addresses and contact
    case homeAddress, previousAddress, mailingAddress, businessAddress, phone, email, iban
    // Dogs
    case dogName, dogBreed, dogBirthDate, keptSince, microchip, dogCategory, dogCertificate, dogExemption
    // Moving house
    case registrationKind, moveInDate, dwellingStatus, previousCountry, landlordConfirmation, landlord
    // Businesses
    case businessName, legalForm, registerNumber, businessActivity, businessStart, representatives
    case licenceRequired
    // Bulky waste
    case bulkyItem, itemCount, loadingQuarterHours, accessNotes
    // Vehicles and parking
    case licencePlate, registeredToApplicant, keeperConfirmation, privateParking, permitArea, permitValidity
    // Postal vote
    case election, sendElsewhere, byProxy, proxyConfirmation
    // Housing benefit
    case housingBenefitKind, rent, floorArea
    // Any form
    case comment
    // Repeat groups
    case dogs, household, householdWithoutApplicant, bulkyItems, vehicles
    /// Not recognised: a plain value of the field's type.
    case generic

    /// The meaning of `field`, a sub-field of `group` when `group` is given.
    public init(_ field: FieldDefinition, in group: FieldDefinition? = nil) {
        let id = field.id.lowercased()
        let groupMeaning = group.map { DemoFieldMeaning($0) }
        func has(_ parts: String...) -> Bool { parts.contains { id.contains($0) } }
        if field.id == FormDefinition.commentFieldID {
            self = .comment
            return
        }
        switch field.type {
        case .repeatGroup:
            self =
                has("hund")
                ? .dogs
                : has("mitzieh")
                    ? .householdWithoutApplicant
                    : has("haushalt", "person")
                        ? .household
                        : has("gegenst", "sperr")
                            ? .bulkyItems
                            : has("fahrzeug", "kfz") ? .vehicles : .generic
        case .personName:
            self = group == nil ? .applicantName : .memberName
        case .address:
            self =
                has("bisherig")
                ? .previousAddress
                : has("versand")
                    ? .mailingAddress
                    : has("betrieb") ? .businessAddress : .homeAddress
        case .phone: self = .phone
        case .email: self = .email
        case .iban: self = .iban
        case .licencePlate: self = .licencePlate
        case .microchip: self = .microchip
        case .date:
            if has("geburt") {
                self =
                    groupMeaning == .dogs
                    ? .dogBirthDate
                    : group == nil ? .applicantBirthDate : .memberBirthDate
            } else {
                self =
                    has("seit", "haltung")
                    ? .keptSince
                    : has("einzug")
                        ? .moveInDate
                        : has("beginn") ? .businessStart : .generic
            }
        case .text:
            self =
                has("hundename") || (has("name") && groupMeaning == .dogs)
                ? .dogName
                : has("rasse")
                    ? .dogBreed
                    : has("angehoerig")
                        ? .nationality
                        : has("staat", "land")
                            ? .previousCountry
                            : has("wohnungsgeber", "vermieter")
                                ? .landlord
                                : has("betriebsname", "firma")
                                    ? .businessName
                                    : has("register")
                                        ? .registerNumber
                                        : has("gegenstand") ? .bulkyItem : .generic
        case .longText:
            self =
                has("taetigkeit")
                ? .businessActivity
                : has("zugang") ? .accessNotes : .generic
        case .number:
            self =
                has("anzahl")
                ? .itemCount
                : has("viertelstunde", "ladezeit")
                    ? .loadingQuarterHours
                    : has("vertreter")
                        ? .representatives
                        : has("flaeche") ? .floorArea : .generic
        case .money:
            self =
                has("miete")
                ? .rent
                : has("einkommen") ? .income : .generic
        case .yesNo:
            self =
                has("wohnungsgeber")
                ? .landlordConfirmation
                : has("ausweis")
                    ? .idPresented
                    : has("negativzeugnis")
                        ? .dogCertificate
                        : has("erlaubnis")
                            ? .licenceRequired
                            : has("zugelassen", "halter_selbst")
                                ? .registeredToApplicant
                                : has("halterbestaetigung")
                                    ? .keeperConfirmation
                                    : has("stellplatz", "garage")
                                        ? .privateParking
                                        : has("abweichend")
                                            ? .sendElsewhere
                                            : has("bevollmaechtigt")
                                                ? .byProxy
                                                : has("vollmacht") ? .proxyConfirmation : .generic
        case .choice:
            self =
                has("kampfhund")
                ? .dogCategory
                : has("befreiung")
                    ? .dogExemption
                    : has("verhaeltnis")
                        ? .relationship
                        : has("rechtsform")
                            ? .legalForm
                            : has("wohnungsstatus", "wohnungsart")
                                ? .dwellingStatus
                                : has("lizenzgebiet")
                                    ? .permitArea
                                    : has("laufzeit")
                                        ? .permitValidity
                                        : has("wahl")
                                            ? .election
                                            : id == "art"
                                                && field.choices.contains(where: {
                                                    $0.code.hasPrefix("zuzug")
                                                })
                                                ? .registrationKind
                                                : id == "art"
                                                    && field.choices.contains(where: {
                                                        $0.code.hasSuffix("zuschuss")
                                                    })
                                                    ? .housingBenefitKind : .generic
        }
    }
}
