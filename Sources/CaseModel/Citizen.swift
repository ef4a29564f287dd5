import Foundation

/// A citizen as known to the clerk's org unit.
public struct Citizen: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    public var name: PersonName
    public var dateOfBirth: LocalDate
    public var address: PostalAddress
    public var phone: String?
    public var email: String?
    /// Auskunftssperre: the address must never be given out (e.g. read out on the phone).
    public var informationBlock: Bool

    public init(
        id: UUID, name: PersonName, dateOfBirth: LocalDate, address: PostalAddress,
        phone: String? = nil, email: String? = nil, informationBlock: Bool = false
    ) {
        self.id = id
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.address = address
        self.phone = phone
        self.email = email
        self.informationBlock = informationBlock
    }
}
