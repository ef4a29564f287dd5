import Foundation

/// How a call ended; stored with the call for the KPIs (first-contact resolution).
public enum CallOutcome: Hashable, Sendable, Codable {
    /// The caller's concern was settled in this call (e.g. the application was entered).
    case resolvedAtFirstContact
    /// A callback was promised for a day and time window.
    case callbackScheduled(Callback)
    /// The caller was given the responsible org unit's direct number (never the general hotline).
    case referred(orgUnit: OrgUnitRef)
    /// The caller could not be verified; a callback to the number on record may have been offered.
    case identityNotVerified(callback: Callback?)
    /// The service may not be applied for by phone; the paper form is sent by post.
    case paperFormSent(serviceID: String)
    /// The service may not be applied for by phone; a counter appointment was booked.
    case counterAppointment(serviceID: String, day: LocalDate, time: TimeOfDay)

    /// A stable name for storage and KPIs.
    public var name: String {
        switch self {
        case .resolvedAtFirstContact: "resolved"
        case .callbackScheduled: "callback"
        case .referred: "referred"
        case .identityNotVerified: "identity_not_verified"
        case .paperFormSent: "paper_form_sent"
        case .counterAppointment: "counter_appointment"
        }
    }

    /// Whether the call counts as resolved at first contact.
    public var isFirstContactResolution: Bool { self == .resolvedAtFirstContact }

    /// The callback promised, if any.
    public var callback: Callback? {
        switch self {
        case .callbackScheduled(let c): c
        case .identityNotVerified(let c): c
        default: nil
        }
    }

    /// What the clerk tells the caller and the call record shows, in plain German (and English).
    public var summary: LocalizedText {
        switch self {
        case .resolvedAtFirstContact:
            return LocalizedText(de: "Im Erstkontakt erledigt.", en: "Resolved at first contact.")
        case .callbackScheduled(let c):
            return LocalizedText(
                de: "\(c.spoken).", en: "Callback on \(c.day.iso), \(c.window), to \(c.number).")
        case .referred(let unit):
            return LocalizedText(
                de: "Weitergeleitet an \(unit.name.de), Durchwahl \(unit.directPhone).",
                en: "Referred to \(unit.name.en), direct number \(unit.directPhone).")
        case .identityNotVerified(let c):
            let de = c.map { " \($0.spoken) (hinterlegte Nummer)." } ?? ""
            let en = c.map { " Callback on \($0.day.iso), \($0.window), to the number on record." } ?? ""
            return LocalizedText(
                de: "Identität konnte nicht bestätigt werden.\(de)",
                en: "The caller's identity could not be verified.\(en)")
        case .paperFormSent:
            return LocalizedText(
                de: "Papierformular wird per Post zugeschickt.", en: "The paper form is sent by post.")
        case .counterAppointment(_, let day, let time):
            return LocalizedText(
                de: "Termin im Bürgerbüro am \(SpokenGerman.date(day)) um \(time) Uhr.",
                en: "Counter appointment on \(day.iso) at \(time).")
        }
    }
}
