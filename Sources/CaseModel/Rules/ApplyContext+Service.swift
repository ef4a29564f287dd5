extension ApplyContext {
    /// The context for applying operations to cases of `workflow`: its SLA-pausing states and
    /// Munich calendar days.
    public init(workflow: Workflow) {
        self.init(slaPausingStates: workflow.slaPausingStates, dayOf: { MunichClock.day(of: $0) })
    }

    /// The context for applying operations to cases of `service`.
    public init(service: ServiceDefinition) {
        self.init(workflow: service.workflow)
    }
}
