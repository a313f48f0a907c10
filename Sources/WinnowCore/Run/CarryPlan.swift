import Foundation

/// What a run copies instead of processing, decided before the first document: the inputs a stopped
/// run finished (its parked work, ResumePoint; always used, so a stopped nightly run loses nothing) and,
/// with `--incremental`, the inputs of the last generation. An input is copied when its source, size
/// and mtime are those recorded, it was finished, and the config hash and Winnow version are the same;
/// the parked work wins over the last generation (it is newer).
struct CarryPlan {
    /// Lines to copy, by the input's position in the task's list.
    var carried: [Int: [CarriedDocument]] = [:]
    /// `--incremental` counts (nil without the flag), relative to the last generation.
    var incremental: IncrementalCounts?
    /// Inputs and documents taken from the parked work (nil when there was none usable).
    var resumed: ResumeCounts?
    /// Documents to come, when known in advance (nil once a container must be read to know).
    var knownTotal: Int?

    /// `distributedDedup` (a ranked run with dedup on): an input with a dedup reject is processed again,
    /// so that its record's signature is there for the next `winnow dedup` stages (its survivor may have changed).
    static func make(entries: InputTable.Cursor, summary: InputTable.Summary, options: RunOptions, configHash: String,
                     distributedDedup: Bool) throws(RunError) -> CarryPlan {
        let output = options.output, layout = options.layout
        var plan = CarryPlan(knownTotal: summary.containers > 0 ? nil : summary.entries)
        func usable(_ state: PreviousState?) -> Bool {
            state.map { $0.configHash == configHash && $0.winnowVersion == WinnowVersion.current } ?? false
        }
        let parked = ResumePoint.load(output: output, layout: layout)
        let resume = usable(parked) ? parked : nil
        let previous = options.incremental ? lastGeneration(output: output, layout: layout) : nil
        guard resume != nil || options.incremental else { return plan }
        let sameRules = usable(previous)
        var counts = IncrementalCounts()
        counts.previousUsable = previous != nil
        counts.rulesChanged = previous != nil && !sameRules
        var resumed = ResumeCounts()
        var total = DocumentTotal()
        var index = 0
        while let entry = entries.next() {
            defer { index += 1 }
            if let done = resume?.inputs[entry.source], done.complete, done.identity == entry.identity {
                plan.carried[index] = done.documents
                resumed.inputs += 1
                resumed.documents += done.documents.count
            }
            if options.incremental {
                if let before = previous?.inputs[entry.source] {
                    let hadDedupReject = distributedDedup && before.documents.contains { $0.stage == DedupSession.stageName }
                    if sameRules && before.complete && before.identity == entry.identity && !hadDedupReject {
                        if plan.carried[index] == nil { plan.carried[index] = before.documents }
                        counts.unchanged += 1
                    } else {
                        counts.changed += 1
                    }
                } else {
                    counts.new += 1
                }
            }
            total.add(entry, carried: plan.carried[index]?.count)
        }
        if let failure = entries.failure { throw RunError(.ioError, failure) }
        if options.incremental {
            // Sources are unique on both sides: the previous inputs not found now were deleted.
            counts.deleted = (previous?.inputs.count ?? 0) - counts.unchanged - counts.changed
            plan.incremental = counts
        }
        if resume != nil { plan.resumed = resumed }
        plan.knownTotal = total.value
        return plan
    }

    /// The last generation's state, if its manifest and shards are all there (else nothing is carried).
    static func lastGeneration(output: String, layout: TaskLayout) -> PreviousState? {
        guard let manifest = Manifest.read(path: output + "/" + layout.manifestName) else { return nil }
        for shard in manifest.shards where InputIdentity.of(path: output + "/" + shard.name)?.size != shard.bytes { return nil }
        return try? PreviousState.load(path: output + "/" + layout.statePath)
    }
}

/// `report.json`'s `resumed` object: what a run copied from the parked work of a stopped run.
public struct ResumeCounts: Sendable, Equatable {
    public var inputs = 0
    public var documents = 0
}

/// `report.json`'s `incremental` object.
public struct IncrementalCounts: Sendable, Equatable {
    public var new = 0
    public var changed = 0
    public var unchanged = 0
    public var deleted = 0
    /// Documents whose line was copied from the previous generation.
    public var carried = 0
    /// False when there was no usable previous generation (everything is new).
    public var previousUsable = false
    /// The config hash or Winnow version differs from the previous generation's: all reprocessed.
    public var rulesChanged = false
}

