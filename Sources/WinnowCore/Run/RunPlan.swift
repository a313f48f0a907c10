import Foundation

/// What a run will do, decided before the first document and with the output claimed (the carry plan
/// reads the stopped run's parked work and the last generation): which inputs, which of them are copied
/// instead of processed, the output layout, the `added` date and how dedup runs.
struct RunPlan {
    let inputs: RunInputs
    /// A stopped run's finished work and (`--incremental`) the unchanged inputs of the last generation.
    let carry: CarryPlan
    /// Ranked with dedup on: each rank writes signatures, `winnow dedup` removes copies across ranks.
    let distributed: Bool
    /// Every record's `added` field: `--added`, or when the run started.
    let added: String

    var layout: TaskLayout { inputs.layout }

    init(inputs: RunInputs, options: RunOptions, config: LoadedConfig, started: Date) throws(RunError) {
        let distributed = config.config.dedup.enabled && inputs.layout.isRanked
        carry = try CarryPlan.make(entries: try inputs.entries(), summary: inputs.summary, options: options, configHash: config.hash,
                                   distributedDedup: distributed)
        if distributed && !options.dedupAgainst.isEmpty {
            throw RunError(.usage, "--dedup-against is not supported with --tasks (the distributed dedup stages compare the ranks' documents with each other only); deduplicate against the corpus in an unranked run")
        }
        self.inputs = inputs
        self.distributed = distributed
        added = options.added ?? RFC3339.format(started)
    }
}
