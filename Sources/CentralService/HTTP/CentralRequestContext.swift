import Hummingbird

/// The request context of the central service.
public struct CentralRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated clerk's id, once known (for the request log).
    public var clerkID: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }
}
