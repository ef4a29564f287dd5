import CaseModel
import Foundation

extension CentralAdmin {
    /// Adds a clerk after checking the user name and the password against `CredentialRules`.
    public func createClerk(
        id: String, name: String, password: String, roles: [Role], orgUnits: [String], bcryptCost: UInt8 = 12
    ) async throws {
        try await createClerk(
            id: id, name: name, password: password, minimumPasswordLength: CredentialRules.minPasswordLength,
            roles: roles, orgUnits: orgUnits, bcryptCost: bcryptCost)
    }

    /// Adds a clerk; `minimumPasswordLength` is lowered only for the demo clerks.
    func createClerk(
        id: String, name: String, password: String, minimumPasswordLength: Int, roles: [Role],
        orgUnits: [String], bcryptCost: UInt8
    ) async throws {
        if let problem = CredentialRules.problem(userName: id) { throw CentralAdminError(problem) }
        guard !name.allSatisfy(\.isWhitespace) else { throw CentralAdminError.emptyName }
        if let problem = CredentialRules.problem(newPassword: password, minimumLength: minimumPasswordLength)
        {
            throw CentralAdminError(problem)
        }
        guard !roles.isEmpty else { throw CentralAdminError.noRoles }
        guard !orgUnits.isEmpty else { throw CentralAdminError.noOrgUnits }
        do {
            try await store.createClerk(
                ClerkRecord(
                    id: id, name: name, passwordHash: Credentials.hashPassword(password, cost: bcryptCost),
                    roles: roles, orgUnits: orgUnits))
        } catch StoreError.alreadyExists {
            throw CentralAdminError.clerkExists(id)
        } catch StoreError.unknownOrgUnit(let unit) {
            throw CentralAdminError.unknownOrgUnit(unit)
        }
    }

    /// Revokes every live token of a clerk; returns how many there were.
    public func revokeTokens(clerkID: String) async throws -> Int {
        guard try await store.clerk(id: clerkID) != nil else { throw CentralAdminError.unknownClerk(clerkID) }
        return try await store.revokeTokens(clerkID: clerkID, at: now())
    }

    /// Disables a clerk: no login any more, and every token is revoked. Returns how many tokens
    /// were live. Disabling a disabled clerk changes nothing.
    public func disableClerk(id: String) async throws -> Int {
        let now = self.now()
        return try await update(id) { clerk in
            if clerk.disabledAt == nil { clerk.disabledAt = now }
        }.revokedTokens
    }

    /// Enables a disabled clerk again; the tokens revoked on disabling stay revoked.
    public func enableClerk(id: String) async throws {
        _ = try await update(id) { $0.disabledAt = nil }
    }

    /// Sets a new password (checked against `CredentialRules`) and revokes every token of the
    /// clerk; returns how many were live.
    public func setPassword(id: String, password: String, bcryptCost: UInt8 = 12) async throws -> Int {
        if let problem = CredentialRules.problem(newPassword: password) { throw CentralAdminError(problem) }
        let hash = Credentials.hashPassword(password, cost: bcryptCost)
        return try await update(id) { $0.passwordHash = hash }.revokedTokens
    }

    /// Sets the clerk's roles; the tokens are revoked if a role was taken away.
    public func setRoles(id: String, roles: [Role]) async throws -> ClerkUpdate {
        guard !roles.isEmpty else { throw CentralAdminError.noRoles }
        return try await update(id) { $0.roles = roles }
    }

    /// Sets the clerk's org units; the tokens are revoked if a unit was taken away.
    public func setOrgUnits(id: String, orgUnits: [String]) async throws -> ClerkUpdate {
        guard !orgUnits.isEmpty else { throw CentralAdminError.noOrgUnits }
        return try await update(id) { $0.orgUnits = orgUnits }
    }

    /// The roles of a comma-separated list (`counter,team_lead`), each once, in order.
    public static func roles(_ list: String) throws -> [Role] {
        var roles: [Role] = []
        for name in items(list) {
            guard let role = Role(rawValue: name) else { throw CentralAdminError.unknownRole(name) }
            if !roles.contains(role) { roles.append(role) }
        }
        return roles
    }

    /// The items of a comma-separated list, trimmed, without empty ones and repeats.
    public static func items(_ list: String) -> [String] {
        var items: [String] = []
        for item in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
        where !item.isEmpty && !items.contains(item) {
            items.append(item)
        }
        return items
    }

    private func update(
        _ id: String, _ change: @escaping @Sendable (inout ClerkRecord) -> Void
    ) async throws -> ClerkUpdate {
        do {
            return try await store.updateClerk(id: id, at: now(), change)
        } catch StoreError.unknownClerk {
            throw CentralAdminError.unknownClerk(id)
        } catch StoreError.unknownOrgUnit(let unit) {
            throw CentralAdminError.unknownOrgUnit(unit)
        }
    }
}

/// An administrative command that was refused, with the reason for the person who gave it.
public struct CentralAdminError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: LocalizedText

    public init(_ message: LocalizedText) { self.message = message }

    /// German, then English in parentheses.
    public var description: String { "\(message.de) (\(message.en))" }

    public static func unknownClerk(_ id: String) -> Self {
        Self(
            .init(
                de:
                    "Es gibt keine Sachbearbeiterin und keinen Sachbearbeiter „\(CredentialRules.printable(id))“.",
                en: "There is no clerk '\(CredentialRules.printable(id))'."))
    }

    public static func clerkExists(_ id: String) -> Self {
        Self(
            .init(
                de: "Den Benutzernamen „\(id)“ gibt es schon.",
                en: "The user name '\(id)' is already taken."))
    }

    public static func unknownOrgUnit(_ unit: String) -> Self {
        Self(
            .init(
                de: "Es gibt keine Organisationseinheit „\(CredentialRules.printable(unit))“.",
                en: "There is no org unit '\(CredentialRules.printable(unit))'."))
    }

    public static func unknownRole(_ name: String) -> Self {
        let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
        return Self(
            .init(
                de: "Unbekannte Rolle „\(CredentialRules.printable(name))“ (bekannt: \(known)).",
                en: "Unknown role '\(CredentialRules.printable(name))' (known: \(known))."))
    }

    public static let emptyName = Self(
        .init(de: "Der Name darf nicht leer sein.", en: "The name must not be empty."))
    public static let noRoles = Self(
        .init(
            de: "Mindestens eine Rolle ist nötig; zum Sperren: disable-clerk.",
            en: "At least one role is needed; to lock a clerk out: disable-clerk."))
    public static let noOrgUnits = Self(
        .init(
            de: "Mindestens eine Organisationseinheit ist nötig; zum Sperren: disable-clerk.",
            en: "At least one org unit is needed; to lock a clerk out: disable-clerk."))
}
