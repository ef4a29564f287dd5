import Foundation
import GRDB
import Synchronization

/// Damage found in the replica's file: a page SQLite cannot read as what it should be.
public struct ReplicaDamage: Hashable, Sendable {
    /// SQLite's words for what it found (page numbers and checks, never row contents).
    public var detail: String

    public init(detail: String) {
        self.detail = detail
    }
}

/// Whether the replica was found damaged, and who wants to hear of it.
final class DamageWatch: Sendable {
    private struct State {
        var damage: ReplicaDamage?
        var observers: [@Sendable (ReplicaDamage) -> Void] = []
    }

    private let state = Mutex(State())

    /// The damage found, if any.
    var current: ReplicaDamage? { state.withLock { $0.damage } }

    /// Records damage; true (and every observer is told) only the first time.
    func report(_ damage: ReplicaDamage) -> Bool {
        let observers: [@Sendable (ReplicaDamage) -> Void]? = state.withLock { state in
            guard state.damage == nil else { return nil }
            state.damage = damage
            return state.observers
        }
        guard let observers else { return false }
        for observer in observers { observer(damage) }
        return true
    }

    /// Adds an observer; it is told at once if damage was found already.
    func observe(_ observer: @escaping @Sendable (ReplicaDamage) -> Void) {
        let found: ReplicaDamage? = state.withLock { state in
            state.observers.append(observer)
            return state.damage
        }
        if let found { observer(found) }
    }

    /// Forgets the damage (the file was replaced by a fresh one); the observers stay.
    func clear() {
        state.withLock { $0.damage = nil }
    }
}

extension Replica {
    /// The damage found in the replica's file, if any. Once damage is found, the replica refuses
    /// every write (`ReplicaError.damaged`) until it is rebuilt (`rebuild(restoring:by:at:)`);
    /// reads go on as far as the file allows.
    public var damage: ReplicaDamage? { damageWatch.current }

    /// Calls `observer` (on whichever thread finds it) when damage is found: by `checkForDamage()`
    /// or by any call that met a corrupt page. Called at once if damage was found already.
    public func whenDamaged(_ observer: @escaping @Sendable (ReplicaDamage) -> Void) {
        damageWatch.observe(observer)
    }

    /// Checks the whole file (`PRAGMA quick_check` on a reader) and returns the damage found.
    ///
    /// Takes time on a large replica (it reads every page), so it is meant for a background
    /// thread after start. Damage found is recorded as if a call had met it.
    @discardableResult
    public func checkForDamage() throws -> ReplicaDamage? {
        do {
            let findings = try access(writing: false) { connections in
                try connections.pool.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(20)") }
            }
            guard findings != ["ok"] else { return damage }
            try access(writing: false) { connections in
                noteDamage(findings.joined(separator: "; "), connections: connections)
            }
        } catch ReplicaError.damaged {
            // The check itself met a page SQLite refused to read; that is recorded already.
        } catch ReplicaError.sealed(.pageRefused) {
            // A sealed page failed authentication; recorded already, as above.
        }
        return damage
    }
}
