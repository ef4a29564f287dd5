/// Which channels a clerk in each role enters applications through.
///
/// A clerk enters an application on a citizen's behalf through the channel of their work:
/// the hotline by phone, the counter at the counter, field staff on a visit. A team lead may
/// take an application at the counter. Nobody enters an `online` application: those come from
/// the citizen's own web channel. The central service refuses a new case whose channel none of
/// the clerk's roles may enter, so a phone clerk cannot file a postal-vote application (which
/// may not be made by telephone) by declaring it a counter application.
extension Role {
    /// The channels a clerk in this role may enter a new case through.
    public var channels: Set<Channel> {
        switch self {
        case .counter: [.counter]
        case .phone: [.phone]
        case .field: [.field]
        case .teamLead: [.counter]
        }
    }
}
