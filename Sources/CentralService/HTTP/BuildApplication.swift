import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging

/// Everything the central service runs on besides its settings.
public struct CentralEnvironment: Sendable {
    /// The store to use; nil opens `configuration.store` (and runs and migrates it).
    public var store: (any CentralStore)?
    /// The service definitions to decide with; nil reads them from the store's catalogue (what
    /// `admin import-catalog` stored), so the service checks exactly the versions clients got.
    public var definitions: ServiceDefinitions?
    /// Form-value validation; `FormOperationValidator` unless another (or none) is given.
    public var validator: (any OperationValidator)?
    /// The clock (tests move it to expire tokens and claims).
    public var now: @Sendable () -> Date
    public var logger: Logger

    public init(
        store: (any CentralStore)? = nil, definitions: ServiceDefinitions? = nil,
        validator: (any OperationValidator)? = FormOperationValidator(),
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "clerk-central")
    ) {
        self.store = store
        self.definitions = definitions
        self.validator = validator
        self.now = now
        self.logger = logger
    }
}

/// Builds the central service's HTTP application; run it with `runService()`, or in tests
/// with HummingbirdTesting on port 0.
public func buildApplication(
    configuration: CentralConfiguration, environment: CentralEnvironment = CentralEnvironment()
) throws -> some ApplicationProtocol {
    var logger = environment.logger
    logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
    let store: any CentralStore
    var services: [PostgresCentralStore] = []
    if let given = environment.store {
        store = given
    } else {
        store = try StoreLocation.open(configuration.store, logger: logger)
        if let postgres = store as? PostgresCentralStore { services.append(postgres) }
    }
    let metrics = CentralMetrics(storeKind: store.kind)
    let router = buildRouter(
        configuration: configuration, environment: environment, store: store, metrics: metrics)
    var app = Application(
        router: router, server: try serverBuilder(configuration),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "clerk-central",
            availableConnectionsDelegate: MaximumAvailableConnections(
                configuration.maxConnections, logger: logger)),
        logger: logger)
    for postgres in services { app.addServices(postgres.client) }
    if environment.store == nil {
        app.beforeServerStarts { try await store.migrate() }
    }
    return app
}

/// HTTP/1.1 that closes idle and stalled connections, over TLS when a certificate is configured.
func serverBuilder(_ configuration: CentralConfiguration) throws -> HTTPServerBuilder {
    let http1 = HTTPServerBuilder.http1(
        configuration: .init(
            idleTimeout: .nanoseconds(Int64(configuration.idleTimeoutSeconds * 1_000_000_000))))
    switch (configuration.tlsCertificatePath, configuration.tlsKeyPath) {
    case (nil, nil):
        return http1
    case (let certificate?, let key?):
        let chain = try NIOSSLCertificate.fromPEMFile(certificate)
        guard !chain.isEmpty else {
            throw ConfigurationError.invalid("\(certificate): no certificate in the file")
        }
        let tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
        return try .tls(http1, tlsConfiguration: tls)
    default:
        throw ConfigurationError.invalid("TLS needs both a certificate (--tls-cert) and a key (--tls-key)")
    }
}

/// The router with every endpoint and the request observer (logs, metrics, JSON errors).
public func buildRouter(
    configuration: CentralConfiguration, environment: CentralEnvironment, store: any CentralStore,
    metrics: CentralMetrics
) -> Router<CentralRequestContext> {
    let router = Router(context: CentralRequestContext.self)
    let routes = RouteTable()
    router.add(middleware: ResponseHeaders())
    router.add(middleware: RequestObserver(metrics: metrics))
    router.add(middleware: MethodCheck(routes: routes))
    let api = CentralAPI(
        store: store, configuration: configuration,
        definitions: CatalogDefinitions(fixed: environment.definitions),
        decider: OperationDecider(
            definitions: ServiceDefinitions(), validator: environment.validator,
            maxClaimDuration: configuration.maxClaimSeconds, clockSkew: configuration.clockSkewSeconds),
        metrics: metrics, now: environment.now)
    api.addRoutes(to: router)
    routes.set(router.routes.map { ($0.method, $0.path.description) })
    return router
}
