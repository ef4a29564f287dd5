import Foundation
import GRDB

/// SQL of the search, shared by the façade and the benchmark's raw reference.
enum SearchSQL {
    /// The newest `limit` hits with their queue columns, newest first (one query).
    static let newest = """
        SELECT \(QueueRow.columns) FROM case_queue WHERE seq IN (
            SELECT rowid FROM case_search WHERE case_search MATCH ? ORDER BY rowid DESC LIMIT ?
        ) ORDER BY seq DESC
        """
    /// The hits in BM25 order; used only when all hits fit into the limit.
    static let ranked = "SELECT rowid FROM case_search WHERE case_search MATCH ? ORDER BY rank LIMIT ?"
    /// The case whose number is the query.
    static let exact = "SELECT \(QueueRow.columns) FROM case_queue WHERE number = ?"
}

extension Replica {
    /// Finds cases by case number, citizen name or address, as typed (prefixes, without umlauts).
    ///
    /// Bounded: at most `limit` hits are read from the index, newest rows first, so a common name
    /// prefix matching hundreds of thousands of cases costs no more than a rare one. Only when all
    /// hits fit into `limit` are they ranked by relevance (BM25). A case whose number equals the
    /// query comes first.
    ///
    /// Three statements at most: the hits with their queue columns in one query, their BM25 order
    /// (only for result sets that fit into the limit), and the exact case-number match.
    public func search(_ text: String, limit: Int = 50) throws -> [QueueRow] {
        guard let match = SearchText.matchExpression(text), limit > 0 else { return [] }
        return try pool.read { db in
            var rows: [QueueRow] = []
            rows.reserveCapacity(limit)
            let hits = try Row.fetchCursor(
                db.cachedStatement(sql: SearchSQL.newest), arguments: [match, limit])
            while let row = try hits.next() { rows.append(QueueRow(row)) }
            if rows.count < limit && rows.count > 1 {
                let order = try Int64.fetchAll(
                    db.cachedStatement(sql: SearchSQL.ranked), arguments: [match, limit])
                var position: [Int64: Int] = [:]
                for (index, seq) in order.enumerated() { position[seq] = index }
                rows.sort { (position[$0.seq] ?? Int.max) < (position[$1.seq] ?? Int.max) }
            }
            let number = text.trimmingCharacters(in: .whitespaces).uppercased()
            if let exact = try Row.fetchOne(db.cachedStatement(sql: SearchSQL.exact), arguments: [number])
                .map(QueueRow.init)
            {
                rows.removeAll { $0.seq == exact.seq }
                rows.insert(exact, at: 0)
                if rows.count > limit { rows.removeLast() }
            }
            return rows
        }
    }
}
