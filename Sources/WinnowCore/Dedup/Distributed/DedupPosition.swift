/// A document's place in the global input order of a ranked output: the discovered input's position in
/// the whole sorted list (rank R's k-th input is input k·N + R) and the document's row in its rank's
/// state (`seq`, which follows input order inside a container). Ordering by (entry, seq) is the order
/// in which one unranked `winnow run` of the same inputs meets the documents, so "the first copy wins"
/// means the same thing on one machine and across ranks.
struct DedupPosition: Hashable, Comparable, Sendable {
    var entry: Int64
    var seq: Int64

    static func < (a: DedupPosition, b: DedupPosition) -> Bool {
        a.entry != b.entry ? a.entry < b.entry : a.seq < b.seq
    }

    /// The rank that holds the document (round-robin partition of the inputs).
    func rank(tasks: Int) -> Int { Int(entry % Int64(max(1, tasks))) }
}
