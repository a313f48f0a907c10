/// The public face of the distributed dedup stages, for the CLI and the tests.
public enum DedupStages {
    public struct BucketOutcome: Sendable {
        public let key: Int
        public let written: Bool
        public let documents: Int
        public let pairs: Int
    }

    public struct ClusterOutcome: Sendable {
        public let written: Bool
        public let exact: Int
        public let near: Int
        public let clusterSizes: [Int: Int]
        /// "2:310 3:12" or "none".
        public var sizes: String {
            clusterSizes.isEmpty ? "none" : clusterSizes.keys.sorted().map { "\($0):\(clusterSizes[$0] ?? 0)" }.joined(separator: " ")
        }
    }

    /// K: the number of `--band` values (MinHash bands, plus the exact text).
    public static func keyCount(output: String) throws(RunError) -> Int {
        try DedupInputs.read(output: output).keyLayout.count
    }

    /// K for a config, before any rank ran.
    public static func keyCount(settings: DedupSettings) -> Int { DedupKeyLayout(settings: settings).count }

    public static func buckets(output: String, keys: ClosedRange<Int>?) throws(RunError) -> [BucketOutcome] {
        try DedupBuckets.run(output: output, keys: keys).map { BucketOutcome(key: $0.key, written: $0.written, documents: $0.documents, pairs: $0.pairs) }
    }

    public static func clusters(output: String) throws(RunError) -> ClusterOutcome {
        let outcome = try DedupClusters.run(output: output)
        return ClusterOutcome(written: outcome.written, exact: outcome.exact, near: outcome.near, clusterSizes: outcome.clusterSizes)
    }

    /// `--band B` or `--band A-B`; without it the scheduler's index (one band per array task), else all.
    public static func bandRange(_ text: String?, environment: [String: String]) throws(RunError) -> ClosedRange<Int>? {
        guard let text else { return TaskLayout.environmentRank(environment).map { $0...$0 } }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let low = Int(parts[0]), let high = Int(parts[parts.count - 1]), low >= 0, low <= high else {
            throw RunError(.usage, "--band takes a band number B or a range A-B (A ≤ B), not \(text)")
        }
        return low...high
    }
}
