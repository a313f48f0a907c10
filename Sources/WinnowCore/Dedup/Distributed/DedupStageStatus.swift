import Foundation

/// Where the distributed dedup of a ranked output stands, for `winnow status`: signatures (the ranks'
/// runs), buckets (one per band), clusters, apply (one per rank). Read from the manifests and the
/// stage files' input tokens; nothing is written.
public struct DedupStageStatus: Sendable, Equatable {
    public var tasks: Int
    /// Ranks whose committed generation carries signatures.
    public var signatures = 0
    /// Bands (keys) in all, and those whose buckets belong to the current generations.
    public var bands: Int?
    public var bandsDone = 0
    public var clustersDone = false
    public var exact = 0
    public var near = 0
    /// Ranks whose generation applied the current clusters.
    public var applied = 0
    /// Why the stages cannot go on yet (a rank not done), if so.
    public var waiting: String?

    public var complete: Bool { applied == tasks && tasks > 0 && waiting == nil }

    /// nil when no rank of OUTPUT ran with dedup on.
    static func read(output: String, tasks: [OutputStatus.Task]) -> DedupStageStatus? {
        let ranked = tasks.filter(\.layout.isRanked)
        guard !ranked.isEmpty, ranked.contains(where: { $0.manifest?.dedupSignatures != nil }) else { return nil }
        var status = DedupStageStatus(tasks: ranked.count)
        status.signatures = ranked.filter { $0.manifest?.dedupSignatures != nil && $0.state == "done" }.count
        let inputs: DedupInputs
        do {
            inputs = try DedupInputs.read(output: output)
        } catch {
            status.waiting = error.message
            return status
        }
        status.bands = inputs.keyLayout.count
        status.bandsDone = (0..<inputs.keyLayout.count).filter { inputs.currentHeader(DedupStageFile.band($0)) != nil }.count
        if let summary = inputs.clustersSummary() {
            status.clustersDone = true
            let removed = summary["removed"] as? [String: Int] ?? [:]
            status.exact = removed["dedup.exact"] ?? 0
            status.near = removed["dedup.near"] ?? 0
        }
        status.applied = ranked.filter { $0.manifest?.dedupApplied == inputs.token }.count
        return status
    }

    /// The next command to run, for people.
    var next: String {
        if let waiting { return "finish the ranks first: \(waiting)" }
        if bandsDone < (bands ?? 0) { return "winnow dedup buckets OUTPUT (--band 0-\((bands ?? 1) - 1), one task per band)" }
        if !clustersDone { return "winnow dedup clusters OUTPUT" }
        if applied < tasks { return "winnow dedup apply --rank R OUTPUT (for each rank not applied)" }
        return "nothing: every rank holds the deduplicated output"
    }

    var text: String {
        "dedup: signatures \(signatures)/\(tasks) ranks, buckets \(bandsDone)/\(bands.map(String.init) ?? "?") bands, clusters "
            + (clustersDone ? "done (\(exact) exact, \(near) near copies)" : "not done") + ", applied \(applied)/\(tasks) ranks; next: \(next)"
    }

    /// Its object in `status --json`.
    var file: StatusFile.Dedup {
        StatusFile.Dedup(signatures: signatures, bands: bands, bandsDone: bandsDone, clustersDone: clustersDone,
                         removed: KeyedValues(sorting: ["dedup.exact": exact, "dedup.near": near]), applied: applied, complete: complete, next: next)
    }
}
