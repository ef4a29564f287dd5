import Foundation
import Hummingbird
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
        router: router,
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "clerk-central"),
        logger: logger)
    for postgres in services { app.addServices(postgres.client) }
    if environment.store == nil {
        app.beforeServerStarts { try await store.migrate() }
    }
    return app
}

/// The router with every endpoint and the request observer (logs, metrics, JSON errors).
public func buildRouter(
    configuration: CentralConfiguration, environment: CentralEnvironment, store: any CentralStore,
    metrics: CentralMetrics
) -> Router<CentralRequestContext> {
    let router = Router(context: CentralRequestContext.self)
    router.add(middleware: RequestObserver(metrics: metrics))
    let api = CentralAPI(
        store: store, configuration: configuration,
        definitions: CatalogDefinitions(fixed: environment.definitions),
        decider: OperationDecider(
            definitions: ServiceDefinitions(), validator: environment.validator,
            maxClaimDuration: configuration.maxClaimSeconds, clockSkew: configuration.clockSkewSeconds),
        metrics: metrics, now: environment.now)
    api.addRoutes(to: router)
    return router
}
