import Foundation
import GRDB

/// The replica's GRDB pool, with the one error a sealed replica adds: a page that fails
/// authentication (`SQLITE_IOERR_DATA` from the sealing VFS) becomes
/// `ReplicaError.sealed(.pageRefused)` for every read and write of the façade. Other errors pass
/// unchanged; a plain replica never sees that code.
struct ReplicaPool: Sendable {
    let databasePool: DatabasePool
    let path: String

    init(_ databasePool: DatabasePool, path: String) {
        self.databasePool = databasePool
        self.path = path
    }

    /// Reads in a read transaction on one of the pool's readers.
    func read<T>(_ work: (Database) throws -> T) throws -> T {
        try classified { try databasePool.read(work) }
    }

    /// Writes in a transaction on the pool's writer.
    func write<T>(_ work: (Database) throws -> T) throws -> T {
        try classified { try databasePool.write(work) }
    }

    /// Runs on the pool's writer outside a transaction.
    func writeWithoutTransaction<T>(_ work: (Database) throws -> T) throws -> T {
        try classified { try databasePool.writeWithoutTransaction(work) }
    }

    /// Closes all connections.
    func close() throws {
        try databasePool.close()
    }

    private func classified<T>(_ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_IOERR_DATA {
            throw ReplicaError.sealed(.pageRefused(path: path))
        }
    }
}
