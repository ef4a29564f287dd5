import Foundation

extension SLAPolicy {
    /// The SLA status of `aCase` at `now`.
    ///
    /// The due date is the received day plus `workingDays` working days, extended by every
    /// working day spent in an SLA-pausing state (a pause from day s to day e covers the working
    /// days after s up to and including e; an open pause runs up to `asOf`; overlapping pauses
    /// count once). The deadline is for the decision: a decision state (`Workflow.isDecision`, e.g.
    /// granted or refused, even while the case stays open for closing or an objection) or a
    /// terminal state stops the clock on the day the case entered it.
    public func status(
        of aCase: Case, workflow: Workflow, at now: Date, calendar: BavarianCalendar = .munich
    ) -> SLAStatus {
        let received = MunichClock.day(of: aCase.receivedAt)
        let stopped = workflow.isTerminal(aCase.state) || workflow.isDecision(aCase.state)
        let asOf = stopped ? MunichClock.day(of: aCase.stateSince) : MunichClock.day(of: now)
        let paused = pausedWorkingDays(aCase.slaPauses, until: asOf, calendar: calendar)
        let due = calendar.adding(workingDays: workingDays + paused, to: received)
        let breached = asOf > due
        let remaining =
            breached
            ? -max(1, calendar.workingDays(from: due, to: asOf))
            : calendar.workingDays(from: asOf, to: due)
        let light: TrafficLight =
            stopped
            ? (breached ? .red : .green)
            : .light(remaining: remaining, of: workingDays, breached: breached)
        return SLAStatus(
            receivedDay: received, asOf: asOf, dueDate: due, pausedWorkingDays: paused,
            remainingWorkingDays: remaining, isBreached: breached,
            isPaused: !stopped && workflow.pausesSLA(aCase.state), isStopped: stopped, light: light)
    }

    /// The working days since the last activity on `aCase`, up to and including today.
    public func idleWorkingDays(of aCase: Case, at now: Date, calendar: BavarianCalendar = .munich) -> Int {
        max(
            0,
            calendar.workingDays(
                from: MunichClock.day(of: aCase.lastActivityAt), to: MunichClock.day(of: now)))
    }

    /// Whether `aCase` is stalled at `now`.
    ///
    /// Stalled: no activity for at least `stalledAfterWorkingDays` working days, and the case is
    /// neither in a terminal state nor waiting in an SLA-pausing state. A policy with
    /// `stalledAfterWorkingDays <= 0` has no stalled rule.
    public func isStalled(
        _ aCase: Case, workflow: Workflow, at now: Date, calendar: BavarianCalendar = .munich
    ) -> Bool {
        guard stalledAfterWorkingDays > 0, !workflow.isTerminal(aCase.state), !workflow.pausesSLA(aCase.state)
        else { return false }
        return idleWorkingDays(of: aCase, at: now, calendar: calendar) >= stalledAfterWorkingDays
    }

    /// The working days covered by `pauses` up to `asOf`, each day counted once.
    public func pausedWorkingDays(
        _ pauses: [SLAPause], until asOf: LocalDate, calendar: BavarianCalendar = .munich
    ) -> Int {
        var stretches: [(start: LocalDate, end: LocalDate)] = pauses.compactMap { pause in
            let end = min(pause.end ?? asOf, asOf)
            return pause.start < end ? (pause.start, end) : nil
        }
        stretches.sort { $0.start < $1.start }
        var total = 0
        var current: (start: LocalDate, end: LocalDate)?
        for stretch in stretches {
            if let open = current, stretch.start <= open.end {
                current = (open.start, max(open.end, stretch.end))
            } else {
                if let open = current { total += calendar.workingDays(from: open.start, to: open.end) }
                current = stretch
            }
        }
        if let open = current { total += calendar.workingDays(from: open.start, to: open.end) }
        return total
    }
}

extension ServiceDefinition {
    /// The SLA status of `aCase` under this service's policy and workflow.
    public func slaStatus(of aCase: Case, at now: Date, calendar: BavarianCalendar = .munich) -> SLAStatus {
        sla.status(of: aCase, workflow: workflow, at: now, calendar: calendar)
    }

    /// Whether `aCase` is stalled under this service's policy and workflow.
    public func isStalled(_ aCase: Case, at now: Date, calendar: BavarianCalendar = .munich) -> Bool {
        sla.isStalled(aCase, workflow: workflow, at: now, calendar: calendar)
    }
}
