import Foundation
import GRDB

/// Every read and write of the replica goes through here (`Replica.pool`).
///
/// It runs the work on the replica's current connections and turns the file system's faults into
/// the replica's own errors: `SQLITE_CORRUPT` and `SQLITE_NOTADB` from any call mark the replica
/// damaged (`Replica.damage`) and become `ReplicaError.damaged`; `SQLITE_FULL` becomes
/// `ReplicaError.diskFull`; a sealed page that fails authentication marks it damaged too and
/// becomes `ReplicaError.sealed(.pageRefused)`. Once the replica is damaged, writes are refused before they start, so
/// nothing more is written into the damaged file. Other errors pass through unchanged.
struct ReplicaAccess {
    let replica: Replica

    /// Reads in a read transaction on one of the pool's readers.
    func read<T>(_ work: (Database) throws -> T) throws -> T {
        try replica.access(writing: false) { try $0.pool.read(work) }
    }

    /// Writes in a transaction on the pool's writer.
    func write<T>(_ work: (Database) throws -> T) throws -> T {
        try replica.access(writing: true) { try $0.pool.write(work) }
    }

    /// Runs on the pool's writer outside a transaction (checkpoints, bulk writes with their own).
    func writeWithoutTransaction<T>(_ work: (Database) throws -> T) throws -> T {
        try replica.access(writing: true) { try $0.pool.writeWithoutTransaction(work) }
    }
}

extension Replica {
    /// Reads and writes of the replica (see `ReplicaAccess`).
    var pool: ReplicaAccess { ReplicaAccess(replica: self) }

    /// Runs `work` on the current connections, while a rebuild waits for it (and it for a rebuild),
    /// and classifies what fails. Must not be nested: `work` never calls back into the replica.
    func access<T>(writing: Bool, _ work: (ReplicaConnections) throws -> T) throws -> T {
        try slot.read { connections in
            if writing, let damage = damageWatch.current {
                throw ReplicaError.damaged(path: path, detail: damage.detail)
            }
            do {
                return try work(connections)
            } catch let error as DatabaseError {
                switch StorageFault(error, path: path) {
                case .diskFull?:
                    throw ReplicaError.diskFull(path: path)
                case .damaged?:
                    let detail = error.message ?? "\(error.resultCode)"
                    noteDamage(detail, connections: connections)
                    throw ReplicaError.damaged(path: path, detail: detail)
                case .pageRefused?:
                    // A sealed page changed, swapped or from an older copy: nothing more is written
                    // into the file, which stays as it is for whoever examines it.
                    noteDamage(SealingProblem.pageRefusedDetail, connections: connections)
                    throw ReplicaError.sealed(.pageRefused(path: path))
                case nil:
                    throw error
                }
            }
        }
    }

    /// Marks the replica damaged (the first finding counts) and stops the idle checkpointer, which
    /// would otherwise copy the log into the damaged file.
    func noteDamage(_ detail: String, connections: ReplicaConnections) {
        guard damageWatch.report(ReplicaDamage(detail: detail)) else { return }
        connections.walPolicy.close()
    }
}

/// A value read by many at once and replaced, rarely, by one who waits until no one reads it
/// (a POSIX read-write lock). Readers may run at the same time; a replacement runs alone.
final class SharedSlot<Value>: @unchecked Sendable {
    private var value: Value
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>

    init(_ value: Value) {
        self.value = value
        lock = .allocate(capacity: 1)
        pthread_rwlock_init(lock, nil)
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    /// Runs `body` with the value; others may read at the same time, no one replaces it meanwhile.
    func read<T>(_ body: (Value) throws -> T) rethrows -> T {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body(value)
    }

    /// Runs `body` alone, after every reader has finished, and lets it replace the value.
    func replace<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body(&value)
    }
}
