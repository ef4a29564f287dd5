import CaseModel
import Foundation
import SyncClient
import SyncProtocol
import Synchronization

/// A small deterministic random generator (SplitMix64), so a failing run can be replayed by seed.
struct SplitMix: RandomNumberGenerator, Sendable {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The real HTTP connection to the central service with faults of the network in between:
/// offline periods, pushes delivered twice, delivered reordered before the real delivery, an
/// answer lost after the central service applied the push, and a pull cut off at page k.
final class ChaosServer: SyncServer {
    enum PushFault: CaseIterable { case none, duplicate, reorder, loseAnswer }

    private struct State {
        var online = true
        var chaos = true
        var random: SplitMix
        var failPullAtPage: Int?
        var pulls = 0
        var faults: [PushFault] = []
        var forced: [PushFault] = []
    }

    let inner: HTTPSyncServer
    private let state: Mutex<State>

    init(inner: HTTPSyncServer, seed: UInt64, chaos: Bool = true) {
        self.inner = inner
        self.state = Mutex(State(chaos: chaos, random: SplitMix(seed: seed)))
    }

    /// Switches the network on or off.
    func setOnline(_ online: Bool) { state.withLock { $0.online = online } }
    /// Switches push faults on or off.
    func setChaos(_ chaos: Bool) { state.withLock { $0.chaos = chaos } }
    /// Drops the connection when the `page`-th pull from now is requested (1 = the next one).
    func failPull(atPage page: Int?) {
        state.withLock {
            $0.pulls = 0
            $0.failPullAtPage = page
        }
    }
    /// Makes the next pushes suffer these faults, in order (then back to random or none).
    func force(_ faults: [PushFault]) { state.withLock { $0.forced = faults } }
    /// The push faults injected so far.
    var faults: [PushFault] { state.withLock { $0.faults } }

    private func checkOnline() throws(SyncError) {
        if !state.withLock({ $0.online }) { throw .unreachable(detail: "network is down (test)") }
    }

    func login(_ request: LoginRequest) async throws(SyncError) -> LoginResponse {
        try checkOnline()
        return try await inner.login(request)
    }

    func logout(token: String) async throws(SyncError) {
        try checkOnline()
        try await inner.logout(token: token)
    }

    func catalog(token: String) async throws(SyncError) -> CatalogResponse {
        try checkOnline()
        return try await inner.catalog(token: token)
    }

    func checkReachable() async throws(SyncError) {
        try checkOnline()
        try await inner.checkReachable()
    }

    func push(_ request: PushRequest, token: String) async throws(SyncError) -> PushResponse {
        try checkOnline()
        let (fault, shuffled) = state.withLock { state -> (PushFault, [CaseModel.Operation]) in
            let fault: PushFault
            if !state.forced.isEmpty {
                fault = state.forced.removeFirst()
            } else if state.chaos {
                fault = PushFault.allCases.randomElement(using: &state.random) ?? .none
            } else {
                fault = .none
            }
            state.faults.append(fault)
            return (fault, request.operations.shuffled(using: &state.random))
        }
        switch fault {
        case .none:
            return try await inner.push(request, token: token)
        case .duplicate:
            _ = try await inner.push(request, token: token)
            return try await inner.push(request, token: token)
        case .reorder:
            do throws(SyncError) {
                _ = try await inner.push(
                    PushRequest(deviceID: request.deviceID, operations: shuffled), token: token)
            } catch {
                guard case .refused = error else { throw error }
            }
            return try await inner.push(request, token: token)
        case .loseAnswer:
            _ = try await inner.push(request, token: token)
            throw .unreachable(detail: "connection dropped after the central service applied the push (test)")
        }
    }

    func pull(after cursor: Int64, limit: Int, token: String) async throws(SyncError) -> PullResponse {
        try checkOnline()
        let fail = state.withLock { state -> Bool in
            state.pulls += 1
            return state.failPullAtPage == state.pulls
        }
        if fail { throw .unreachable(detail: "connection dropped during the pull (test)") }
        return try await inner.pull(after: cursor, limit: limit, token: token)
    }
}
