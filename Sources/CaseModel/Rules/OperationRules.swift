import Foundation

/// Who may do what to a case: checked by the central service and the workstation before an
/// operation is applied.
///
/// The rules, in the order they are checked:
/// - An operation must be made under the sending clerk's own id, on a case of one of the
///   clerk's org units and of the service it is checked against.
/// - **Create**: the case belongs to the org unit that offers the service (the catalogue's
///   `org_unit`); the channel must be offered by the service and be one the clerk's roles
///   enter applications through (`Role.channels`); the case starts in the workflow's initial
///   state.
/// - **Closed cases** (terminal state): fields, claims and assignment can no longer change;
///   comments, releasing a claim and resolving a leftover conflict still work.
/// - **Claims** are exclusive and expire (`ClaimPolicy`). While another clerk's claim is active
///   at `now`, this clerk's field edits, transitions, conflict resolutions and claims are
///   rejected; comments are always accepted; a team lead may still assign the case and
///   release the claim (e.g. when the holder fell ill). A claim must end after the operation's
///   timestamp and last no longer than the policy allows for the clerk's roles.
/// - **Transitions** must exist in the workflow, be open to one of the clerk's roles, and carry
///   a non-blank reason when the workflow asks for one. Whether the case is still in the
///   `from` state is the merge's business (`Operation.apply`).
/// - **Assign**: a team lead assigns anyone; other clerks only assign a case to themselves or
///   give up their own assignment.
/// - **Resolve conflict**: only where the case has an open conflict on that field.
/// - **Comment**: must not be blank.
public struct OperationRules: Hashable, Sendable {
    public var claims: ClaimPolicy

    public init(claims: ClaimPolicy = .standard) {
        self.claims = claims
    }

    /// Why `clerk` may not apply `operation` to `current` (nil if the case does not exist yet)
    /// at `now`; nil when the operation is allowed.
    public func check(
        _ operation: Operation, on current: Case?, service: ServiceDefinition, by clerk: ActingClerk,
        at now: Date
    ) -> Rejection? {
        guard operation.clerk == clerk.id else { return RuleRejections.wrongClerk }
        if case .createCase(let new) = operation.kind {
            return checkCreate(new, existing: current, service: service, by: clerk)
        }
        guard let current else { return RuleRejections.unknownCase }
        guard clerk.orgUnits.contains(current.orgUnit) else { return RuleRejections.foreignOrgUnit }
        guard current.serviceID == service.id else { return RuleRejections.wrongService }
        let workflow = service.workflow
        let closed = workflow.isTerminal(current.state)
        let otherClaim = current.claim.flatMap { claim in
            claim.clerk != clerk.id && claim.isActive(at: now) ? claim : nil
        }
        switch operation.kind {
        case .createCase:
            return nil  // handled above
        case .addComment(let text):
            return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                ? RuleRejections.emptyComment : nil
        case .setField, .updateCitizen:
            if closed { return caseClosed(current, workflow) }
            return otherClaim.map { RuleRejections.claimed(by: $0.clerk) }
        case .transition(let from, let to, let reason):
            if let otherClaim { return RuleRejections.claimed(by: otherClaim.clerk) }
            return checkTransition(from: from, to: to, reason: reason, workflow: workflow, by: clerk)
        case .claim(let until):
            if closed { return caseClosed(current, workflow) }
            if let otherClaim { return RuleRejections.claimed(by: otherClaim.clerk) }
            return checkClaim(until: until, takenAt: operation.timestamp, by: clerk)
        case .release:
            if let otherClaim, !clerk.isTeamLead { return RuleRejections.notClaimHolder(otherClaim.clerk) }
            return nil
        case .assign(let to):
            if closed { return caseClosed(current, workflow) }
            if clerk.isTeamLead { return nil }
            if let otherClaim { return RuleRejections.claimed(by: otherClaim.clerk) }
            let allowed = to == clerk.id || (to == nil && current.assignee == clerk.id)
            return allowed ? nil : RuleRejections.assignNotAllowed
        case .resolveConflict(let field, _):
            if let otherClaim { return RuleRejections.claimed(by: otherClaim.clerk) }
            return current.conflicts.contains { $0.field == field } ? nil : RuleRejections.noConflict(field)
        }
    }

    /// Checks `operation` and, if it is allowed, applies it (see `Operation.apply(to:mode:context:)`).
    public func checkAndApply(
        _ operation: Operation, to current: Case?, service: ServiceDefinition, by clerk: ActingClerk,
        at now: Date, mode: ApplyMode
    ) -> ApplyResult {
        if let rejection = check(operation, on: current, service: service, by: clerk, at: now) {
            return .rejected(rejection)
        }
        return operation.apply(to: current, mode: mode, context: ApplyContext(service: service))
    }

    // MARK: - Per kind

    private func checkCreate(
        _ new: NewCase, existing: Case?, service: ServiceDefinition, by clerk: ActingClerk
    ) -> Rejection? {
        guard clerk.orgUnits.contains(new.orgUnit) else { return RuleRejections.foreignOrgUnit }
        guard new.serviceID == service.id else { return RuleRejections.wrongService }
        guard new.orgUnit == service.orgUnit.id else { return RuleRejections.notServiceOwner(service) }
        guard service.channels.contains(new.channel) else {
            return RuleRejections.channelNotOffered(new.channel, note: service.channelNote)
        }
        guard clerk.enterableChannels.contains(new.channel) else {
            return RuleRejections.channelNotForRole(new.channel)
        }
        guard new.initialState == service.workflow.initialState else {
            return RuleRejections.wrongInitialState(service.workflow.initialState)
        }
        return nil
    }

    private func checkTransition(
        from: String, to: String, reason: String?, workflow: Workflow, by clerk: ActingClerk
    ) -> Rejection? {
        guard let transition = workflow.transition(from: from, to: to) else {
            return RuleRejections.transitionNotAllowed(from: from, to: to)
        }
        guard transition.isAllowed(for: clerk.roles) else { return RuleRejections.roleNotAllowed(transition) }
        let blank = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        if transition.reasonRequired && blank { return RuleRejections.reasonRequired(transition) }
        return nil
    }

    private func checkClaim(until: Date, takenAt: Date, by clerk: ActingClerk) -> Rejection? {
        guard until > takenAt else { return RuleRejections.claimInPast }
        let longest = claims.duration(for: clerk.roles)
        guard until.timeIntervalSince(takenAt) <= longest + claims.tolerance else {
            return RuleRejections.claimTooLong(minutes: Int(longest / 60))
        }
        return nil
    }

    private func caseClosed(_ current: Case, _ workflow: Workflow) -> Rejection {
        RuleRejections.caseClosed(
            workflow.state(current.state)?.label ?? .init(de: current.state, en: current.state))
    }
}
