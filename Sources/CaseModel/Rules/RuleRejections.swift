/// The rejections of `OperationRules`, each with a stable code and a clerk-facing text.
public enum RuleRejections {
    /// The operation names a different clerk than the one sending it.
    public static let wrongClerk = Rejection(
        code: "wrong_clerk",
        message: .init(
            de: "Die Änderung wurde unter einer anderen Kennung erfasst.",
            en: "The change was recorded under another clerk's id."))

    /// The case belongs to an org unit the clerk does not work for.
    public static let foreignOrgUnit = Rejection(
        code: "foreign_org_unit",
        message: .init(
            de: "Der Vorgang gehört zu einer Dienststelle, für die Sie nicht zuständig sind.",
            en: "The case belongs to an org unit you do not work for."))

    /// The case or new case belongs to another service than the one checked against.
    public static let wrongService = Rejection(
        code: "wrong_service",
        message: .init(
            de: "Der Vorgang gehört zu einer anderen Leistung.", en: "The case belongs to another service."))

    /// The case does not exist.
    public static let unknownCase = Rejection(code: "unknown_case", message: Rejections.unknownCase)

    /// The case is in a terminal state and can no longer be changed.
    public static func caseClosed(_ state: LocalizedText) -> Rejection {
        .init(
            code: "case_closed",
            message: .init(
                de: "Der Vorgang ist abgeschlossen (\(state.de)) und kann nicht mehr geändert werden.",
                en: "The case is closed (\(state.text(.en))) and can no longer be changed."))
    }

    /// The service cannot be applied for through this channel.
    public static func channelNotOffered(_ channel: Channel, note: LocalizedText?) -> Rejection {
        let de = "Diese Leistung kann nicht über den Kanal „\(channel.rawValue)“ beantragt werden."
        let en = "This service cannot be applied for through the channel '\(channel.rawValue)'."
        return .init(
            code: "channel_not_offered",
            message: .init(
                de: note.map { "\(de) \($0.de)" } ?? de, en: note.map { "\(en) \($0.text(.en))" } ?? en))
    }

    /// A new case must be created in the org unit that offers the service.
    public static func notServiceOwner(_ service: ServiceDefinition) -> Rejection {
        .init(
            code: "not_service_owner",
            message: .init(
                de:
                    "„\(service.title.de)“ wird von \(service.orgUnit.name.de) bearbeitet; der Vorgang muss dort angelegt werden.",
                en:
                    "'\(service.title.text(.en))' is handled by \(service.orgUnit.name.text(.en)); the case must be created there."
            ))
    }

    /// None of the clerk's roles enters applications through this channel.
    public static func channelNotForRole(_ channel: Channel) -> Rejection {
        .init(
            code: "channel_not_for_role",
            message: .init(
                de: "Mit Ihrer Rolle können Sie keine Anträge über den Kanal „\(channel.rawValue)“ erfassen.",
                en: "Your role cannot enter applications through the channel '\(channel.rawValue)'."))
    }

    /// An assignment names someone who is not an active clerk of the case's org unit.
    public static let unknownAssignee = Rejection(
        code: "unknown_assignee",
        message: .init(
            de:
                "Der Vorgang kann nur einer Sachbearbeiterin oder einem Sachbearbeiter der eigenen Dienststelle zugewiesen werden.",
            en: "A case can only be assigned to a clerk of its own org unit."))

    /// A new case must start in the workflow's initial state.
    public static func wrongInitialState(_ expected: String) -> Rejection {
        .init(
            code: "wrong_initial_state",
            message: .init(
                de: "Ein neuer Vorgang muss im Status „\(expected)“ beginnen.",
                en: "A new case must start in the state '\(expected)'."))
    }

    /// The workflow has no such move.
    public static func transitionNotAllowed(from: String, to: String) -> Rejection {
        .init(
            code: "transition_not_allowed",
            message: .init(
                de: "Der Statuswechsel von „\(from)“ nach „\(to)“ ist nicht vorgesehen.",
                en: "The move from '\(from)' to '\(to)' is not allowed."))
    }

    /// The move exists but not for the clerk's roles.
    public static func roleNotAllowed(_ transition: Transition) -> Rejection {
        .init(
            code: "role_not_allowed",
            message: .init(
                de: "„\(transition.label.de)“ ist nur erlaubt für: \(roleList(transition.roles, .de)).",
                en: "'\(transition.label.text(.en))' is only allowed for: \(roleList(transition.roles, .en))."
            ))
    }

    /// The move needs a reason and none was given.
    public static func reasonRequired(_ transition: Transition) -> Rejection {
        .init(
            code: "reason_required",
            message: .init(
                de: "Für „\(transition.label.de)“ ist eine Begründung erforderlich.",
                en: "'\(transition.label.text(.en))' requires a reason."))
    }

    /// Another clerk holds an active claim on the case.
    public static func claimed(by clerk: String) -> Rejection {
        .init(code: "claimed", message: Rejections.claimed(by: clerk))
    }

    /// The claim would run longer than the claim policy allows.
    public static func claimTooLong(minutes: Int) -> Rejection {
        .init(
            code: "claim_too_long",
            message: .init(
                de: "Ein Vorgang kann höchstens \(minutes) Minuten am Stück reserviert werden.",
                en: "A case can be claimed for at most \(minutes) minutes at a time."))
    }

    /// The claim would end before it was taken.
    public static let claimInPast = Rejection(
        code: "claim_in_past",
        message: .init(
            de: "Die Reservierung endet, bevor sie beginnt.", en: "The claim ends before it starts."))

    /// Only the claim holder or a team lead may release an active claim.
    public static func notClaimHolder(_ holder: String) -> Rejection {
        .init(
            code: "not_claim_holder",
            message: .init(
                de: "Nur \(holder) oder die Teamleitung kann diese Reservierung aufheben.",
                en: "Only \(holder) or a team lead can release this claim."))
    }

    /// Only team leads assign cases to others.
    public static let assignNotAllowed = Rejection(
        code: "assign_not_allowed",
        message: .init(
            de: "Nur die Teamleitung kann Vorgänge anderen zuweisen.",
            en: "Only a team lead can assign cases to others."))

    /// There is no conflict on the field to resolve.
    public static func noConflict(_ field: String) -> Rejection {
        .init(
            code: "no_conflict",
            message: .init(
                de: "Für das Feld „\(field)“ gibt es keinen offenen Konflikt.",
                en: "There is no open conflict on the field '\(field)'."))
    }

    /// A comment must say something.
    public static let emptyComment = Rejection(
        code: "empty_comment",
        message: .init(de: "Der Kommentar ist leer.", en: "The comment is empty."))

    private static func roleList(_ roles: Set<Role>, _ language: Language) -> String {
        let names = Role.allCases.filter(roles.contains).map { roleName($0).text(language) }
        return names.joined(separator: ", ")
    }

    private static func roleName(_ role: Role) -> LocalizedText {
        switch role {
        case .counter: .init(de: "Bürgerbüro-Schalter", en: "counter staff")
        case .phone: .init(de: "Telefonservice", en: "phone staff")
        case .field: .init(de: "Außendienst", en: "field staff")
        case .teamLead: .init(de: "Teamleitung", en: "team leads")
        }
    }
}
