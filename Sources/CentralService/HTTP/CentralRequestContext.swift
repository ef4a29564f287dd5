import Hummingbird

/// The request context of the central service.
public struct CentralRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated clerk's id, once known (for the request log).
    public var clerkID: String?
    /// The IP address of the TCP peer (or the socket path, or `unknown`), for the login throttle.
    public let sourceAddress: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        let peer = source.channel.remoteAddress
        self.sourceAddress = peer?.ipAddress ?? peer?.pathname ?? "unknown"
    }
}
