/// The services as offered on the phone: those whose channels include the phone, and the others
/// with the reason they may not be applied for by phone.
public struct PhoneServiceMenu: Hashable, Sendable {
    /// Services that may be applied for by phone, in the given order.
    public var offered: [ServiceDefinition]
    /// Services that may not, each with the reason and the alternatives.
    public var barred: [PhoneRefusal]

    /// Splits `services` into offered and barred ones.
    public init(services: [ServiceDefinition]) {
        offered = services.filter { $0.channels.contains(.phone) }
        barred = services.filter { !$0.channels.contains(.phone) }.map(PhoneRefusal.init(service:))
    }
}

/// Why a service cannot be applied for by phone, and what the caller can do instead.
public struct PhoneRefusal: Hashable, Sendable {
    /// What the clerk can offer instead of a phone application.
    public enum Alternative: String, Hashable, Sendable, CaseIterable {
        /// Send the paper form by post.
        case paperForm = "paper_form"
        /// Book an appointment at the counter (Bürgerbüro).
        case counterAppointment = "counter_appointment"

        /// The offer in the clerk's words.
        public var label: LocalizedText {
            switch self {
            case .paperForm:
                LocalizedText(de: "Papierformular per Post zuschicken", en: "Send the paper form by post")
            case .counterAppointment:
                LocalizedText(de: "Termin im Bürgerbüro vereinbaren", en: "Book a counter appointment")
            }
        }
    }

    public var serviceID: String
    public var serviceTitle: LocalizedText
    /// The catalogue's `channelNote`, or a general reason when the catalogue gives none.
    public var reason: LocalizedText
    public var alternatives: [Alternative]

    /// The refusal for `service` (which does not list the phone among its channels).
    public init(service: ServiceDefinition) {
        serviceID = service.id
        serviceTitle = service.title
        reason =
            service.channelNote
            ?? LocalizedText(
                de: "„\(service.title.de)“ kann nicht telefonisch beantragt werden.",
                en: "'\(service.title.en)' cannot be applied for by phone.")
        alternatives = Alternative.allCases
    }
}
