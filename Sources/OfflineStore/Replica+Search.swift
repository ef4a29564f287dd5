import Foundation
import GRDB

extension Replica {
    /// Finds cases by case number, citizen name or address, as typed (prefixes, without umlauts).
    ///
    /// Bounded: at most `limit` hits are read from the index, newest rows first, so a common name
    /// prefix matching hundreds of thousands of cases costs no more than a rare one. Only when all
    /// hits fit into `limit` are they ranked by relevance (BM25). A case whose number equals the
    /// query comes first.
    public func search(_ text: String, limit: Int = 50) throws -> [QueueRow] {
        guard let match = SearchText.matchExpression(text), limit > 0 else { return [] }
        return try pool.read { db in
            var seqs = try Int64.fetchAll(
                db.cachedStatement(
                    sql: "SELECT rowid FROM case_search WHERE case_search MATCH ? ORDER BY rowid DESC LIMIT ?"
                ),
                arguments: [match, limit])
            if seqs.count < limit && seqs.count > 1 {
                seqs = try Int64.fetchAll(
                    db.cachedStatement(
                        sql: "SELECT rowid FROM case_search WHERE case_search MATCH ? ORDER BY rank LIMIT ?"),
                    arguments: [match, limit])
            }
            let exact = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT seq FROM case_queue WHERE number = ?"),
                arguments: [text.trimmingCharacters(in: .whitespaces).uppercased()])
            if let exact {
                seqs.removeAll { $0 == exact }
                seqs.insert(exact, at: 0)
                if seqs.count > limit { seqs.removeLast() }
            }
            let fetch = try db.cachedStatement(
                sql: "SELECT \(QueueRow.columns) FROM case_queue WHERE seq = ?")
            return try seqs.compactMap { try Row.fetchOne(fetch, arguments: [$0]).map(QueueRow.init) }
        }
    }
}
