import CaseModel
import Foundation
import Hummingbird
import SyncProtocol

/// The endpoints of the central service.
struct CentralAPI: Sendable {
    let store: any CentralStore
    let configuration: CentralConfiguration
    let definitions: CatalogDefinitions
    /// The decider's settings; its definitions are filled in per push.
    let decider: OperationDecider
    let metrics: CentralMetrics
    let now: @Sendable () -> Date
    /// Slows password guessing down, per user name and per source address.
    var loginThrottle = LoginThrottle()
    /// Keeps the device's last contact from being written on every pull.
    let contactNotes = ContactNotes()

    /// The routes, as documented in `docs/openapi.yaml`.
    func addRoutes(to router: Router<CentralRequestContext>) {
        router.post("/v1/auth/login") { request, context in try await login(request, context) }
        router.post("/v1/auth/logout") { request, context in try await logout(request, context) }
        router.get("/v1/sync/pull") { request, context in try await pull(request, context) }
        router.post("/v1/sync/push") { request, context in try await push(request, context) }
        router.get("/v1/catalog") { request, context in try await catalog(request, context) }
        router.get("/health") { _, _ in
            try JSONBody.response(HealthBody(status: "ok", store: store.kind.rawValue))
        }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.render())))
        }
    }

    // MARK: Auth

    /// Logs a clerk in. Refused with 429 while the throttle holds the user name or the source
    /// address (the password is not checked then); a wrong password, an unknown user and a
    /// disabled clerk all get the same 401.
    func login(_ request: Request, _ context: CentralRequestContext) async throws -> Response {
        let login = try await JSONBody.decode(
            LoginRequest.self, from: request, limit: configuration.maxBodyBytes)
        let source = context.sourceAddress
        let user = CredentialRules.printable(login.username)
        if case .held(let key, let wait) = loginThrottle.admit(
            userName: login.username, source: source, at: now())
        {
            let seconds = max(1, Int(wait.rounded(.up)))
            let scope =
                switch key {
                case .user: "user"
                case .address: "address"
                }
            metrics.recordLoginThrottled(heldBy: scope)
            context.logger.warning(
                "login throttled",
                metadata: [
                    "user": "\(user)", "source": "\(source)", "held": "\(scope)", "retry_after": "\(seconds)",
                ])
            throw APIError.tooManyLoginAttempts(retryAfter: seconds)
        }
        var found: ClerkRecord?
        var matches = false
        if !CredentialRules.cannotMatch(password: login.password),
            !CredentialRules.cannotExist(userName: login.username)
        {
            found = try await store.clerk(id: login.username)
            matches = await Credentials.verifyLogin(login.password, hash: found?.passwordHash)
        }
        guard matches, let clerk = found, !clerk.isDisabled else {
            metrics.recordLoginFailure()
            context.logger.notice("login failed", metadata: ["user": "\(user)", "source": "\(source)"])
            throw APIError.invalidCredentials
        }
        loginThrottle.succeeded(userName: login.username, source: source)
        let issued = now()
        let escrowKey: Data
        do {
            escrowKey = try await store.escrowKey(clerkID: clerk.id, deviceID: login.deviceID, at: issued)
        } catch StoreError.deviceRevoked {
            context.logger.notice(
                "login from a revoked device",
                metadata: ["clerk": "\(clerk.id)", "device": "\(login.deviceID)"])
            throw APIError.deviceRevoked
        }
        let token = Credentials.newToken()
        let record = TokenRecord(
            hash: Credentials.tokenHash(token), clerkID: clerk.id, deviceID: login.deviceID, issuedAt: issued,
            expiresAt: issued.addingTimeInterval(configuration.tokenLifetimeSeconds))
        try await store.insertToken(record)
        context.logger.info("login", metadata: ["clerk": "\(clerk.id)", "device": "\(login.deviceID)"])
        return try JSONBody.response(
            LoginResponse(
                token: token, expiresAt: record.expiresAt, clerkID: clerk.id, name: clerk.name,
                orgUnits: clerk.orgUnits, roles: clerk.roles, escrowKey: escrowKey.base64EncodedString(),
                offlineLimitSeconds: configuration.offlineLimitSeconds))
    }

    func logout(_ request: Request, _ context: CentralRequestContext) async throws -> Response {
        let (clerk, token) = try await authenticate(request)
        try await store.revokeToken(hash: token.hash, at: now())
        context.logger.info("logout", metadata: ["clerk": "\(clerk.id)"])
        return Response(status: .noContent)
    }

    /// The clerk behind the request's bearer token, or a 401 error.
    func authenticate(_ request: Request) async throws -> (ClerkRecord, TokenRecord) {
        guard let header = request.headers[.authorization] else { throw APIError.missingToken }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else {
            throw APIError.missingToken
        }
        switch try await store.lookUpToken(hash: Credentials.tokenHash(String(parts[1])), at: now()) {
        case .valid(let clerk, let token): return (clerk, token)
        case .expired: throw APIError.expiredToken
        case .revoked: throw APIError.revokedToken
        case .deviceRevoked: throw APIError.deviceRevoked
        case .unknown: throw APIError.invalidToken
        }
    }

    // MARK: Sync

    func pull(_ request: Request, _ context: CentralRequestContext) async throws -> Response {
        let (clerk, token) = try await authenticate(request)
        let query = request.uri.queryParameters
        var cursor: Int64 = 0
        if let text = query["after"] {
            guard let value = Int64(text), value >= 0 else {
                throw APIError.badRequest(
                    "invalid_cursor", "Ungültiger Cursor „\(text)“.", "Invalid cursor “\(text)”.")
            }
            cursor = value
        }
        var limit = configuration.defaultPullLimit
        if let text = query["limit"] {
            guard let value = Int(text), (1...configuration.maxPullLimit).contains(value) else {
                throw APIError.badRequest(
                    "invalid_limit", "Ungültiges Limit (1…\(configuration.maxPullLimit)).",
                    "Invalid limit (1…\(configuration.maxPullLimit)).")
            }
            limit = value
        }
        var page = try await store.changes(
            after: cursor, orgUnits: Set(clerk.orgUnits), limit: limit, maxBytes: configuration.maxPullBytes)
        metrics.recordPulled(cases: page.changes.count)
        page.offlineLimitSeconds = configuration.offlineLimitSeconds
        let time = now()
        if contactNotes.shouldRecord(clerkID: clerk.id, deviceID: token.deviceID, at: time) {
            try await store.recordContact(clerkID: clerk.id, deviceID: token.deviceID, at: time)
        }
        return try JSONBody.response(page)
    }

    /// Answers every operation of a push on its own, written in one transaction: each is
    /// decided on its own (on the cases as the ones before it left them) and answered applied,
    /// conflict, rejected or duplicate. A push is refused whole — nothing written — only when
    /// it cannot be taken at all (too large, another clerk's operation, a case outside the
    /// clerk's units, an operation id reused for other content).
    func push(_ request: Request, _ context: CentralRequestContext) async throws -> Response {
        let (clerk, token) = try await authenticate(request)
        let push = try await JSONBody.decode(
            PushRequest.self, from: request, limit: configuration.maxBodyBytes)
        guard push.operations.count <= configuration.maxBatchOperations else {
            throw APIError.batchTooLarge(configuration.maxBatchOperations)
        }
        try await checkAccess(push.operations, clerk: clerk)
        var decider = self.decider
        decider.definitions = try await definitions.definitions(
            store: store, needing: Self.formVersions(push.operations), logger: context.logger)
        let assignees = try await self.assignees(push.operations)
        let now = self.now()
        let results: [PushResult]
        do {
            results = try await store.applyBatch(push.operations) { [decider] operation, current in
                decider.decide(
                    operation, current: current, clerk: clerk, now: now, device: token.deviceID,
                    clerks: assignees)
            }
        } catch StoreError.operationIDReused(let id) {
            throw APIError.operationIDReused(id.uuidString)
        }
        for result in results { metrics.recordOperation(Self.metricName(result)) }
        context.logger.info(
            "push",
            metadata: [
                "clerk": "\(clerk.id)", "device": "\(token.deviceID)", "operations": "\(results.count)",
            ])
        return try JSONBody.response(
            PushResponse(
                results: zip(push.operations, results).map {
                    OperationResponse(operationID: $0.id, result: $1)
                }))
    }

    /// The clerks the operations assign cases to, as far as they exist.
    func assignees(_ operations: [CaseModel.Operation]) async throws -> [String: ClerkRecord] {
        var clerks: [String: ClerkRecord] = [:]
        for operation in operations {
            guard case .assign(let to?) = operation.kind, clerks[to] == nil else { continue }
            if let found = try await store.clerk(id: to) { clerks[to] = found }
        }
        return clerks
    }

    /// Refuses the whole push (403) if any operation is not the clerk's own or touches a case
    /// outside the clerk's org units. An unknown case gets the same answer as a case of another
    /// unit, so the answer reveals nothing about cases the clerk may not see.
    func checkAccess(_ operations: [CaseModel.Operation], clerk: ClerkRecord) async throws {
        guard operations.allSatisfy({ $0.clerk == clerk.id }) else { throw APIError.clerkMismatch }
        let units = Set(clerk.orgUnits)
        var known = try await store.caseOrgUnits(ids: operations.map(\.caseID))
        for operation in operations {
            if let unit = known[operation.caseID] {
                guard units.contains(unit) else { throw APIError.forbiddenCase }
            } else if case .createCase(let new) = operation.kind, units.contains(new.orgUnit) {
                known[operation.caseID] = new.orgUnit
            } else {
                throw APIError.forbiddenCase
            }
        }
    }

    /// The service versions new cases of `operations` are filled with.
    static func formVersions(_ operations: [CaseModel.Operation]) -> [(service: String, version: Int)] {
        operations.compactMap { operation in
            guard case .createCase(let new) = operation.kind else { return nil }
            return (new.serviceID, new.formVersion)
        }
    }

    static func metricName(_ result: PushResult) -> String {
        switch result {
        case .applied: "applied"
        case .duplicate: "duplicate"
        case .conflict: "conflict"
        case .rejected: "rejected"
        }
    }

    // MARK: Catalog

    func catalog(_ request: Request, _ context: CentralRequestContext) async throws -> Response {
        _ = try await authenticate(request)
        var newest: [String: CatalogEntry] = [:]
        for entry in try await store.catalogEntries()
        where entry.version >= newest[entry.serviceID]?.version ?? 0 {
            newest[entry.serviceID] = entry
        }
        return try JSONBody.response(CatalogResponse(services: newest))
    }
}

/// The body of `GET /health`.
struct HealthBody: Codable {
    var status: String
    var store: String
}
