import Foundation
import Synchronization

/// `winnow run`: inputs (RunInputs) → the output claimed (StagedOutput) → plan (RunPlan) → scheduler
/// (workers run the pipeline) → ordered writer (OrderedSink: shards, rejects) → report → commit
/// (RunCommit). The library entry point the CLI and the tests call.
public struct WinnowRunner: Sendable {
    public let options: RunOptions
    public let config: LoadedConfig
    public let stop: StopRequest

    public init(options: RunOptions, config: LoadedConfig, stop: StopRequest = StopRequest()) {
        self.options = options
        self.config = config
        self.stop = stop
    }

    /// Runs to the end and returns the report (also written to `report.json`). Throws `RunError` for
    /// problems that prevent a run from starting (no input, unwritable output).
    public func run() throws(RunError) -> RunReport {
        let started = Date()
        let cpuStart = ResourceUsage.cpuSeconds()
        let inputs = try RunInputs(options: options)
        let staged = try StagedOutput(output: options.output, layout: inputs.layout)
        defer { staged.release() }
        let plan = try RunPlan(inputs: inputs, options: options, config: config, started: started)
        let pipeline = Pipeline(config: config, added: plan.added)
        let dedup = plan.distributed ? nil : try Self.openDedup(config: config, options: options)
        let signatures: SignatureWriter?
        do {
            signatures = plan.distributed ? try SignatureWriter(staging: staged.staging, layout: plan.layout, settings: config.config.dedup) : nil
        } catch {
            throw RunError(.cannotCreateOutput, "cannot create the dedup signatures in \(staged.staging): \(error)")
        }
        HTMLParser.initializeLibrary()
        let sink = try Self.openSink(plan: plan, staged: staged, pipeline: pipeline, config: config, options: options, dedup: dedup, signatures: signatures)
        let source = ContainerSource(cursor: try inputs.entries(), settings: .init(maxDocumentBytes: config.config.limits.maxDocumentBytes, jsonl: options.jsonl,
                                                                                maxRejectsPerReason: config.config.limits.maxContainerRejectsPerReason),
                                     carried: plan.carry.carried, knownTotal: plan.carry.knownTotal, totalBytes: inputs.summary.bytes)
        let carry = CarryReader(directory: options.output, stageCount: pipeline.stageNames.count, signer: pipeline.signer)
        let progress = ProgressReporter(total: source.knownTotal, mode: options.progress, inputProgress: source.progress)
        let stop = self.stop
        let scheduler = Scheduler(workers: options.workers)
        let reader = UncheckedBox(source as DocumentSource)
        _ = scheduler.run(
            next: { reader.value.next() },
            shouldStop: { stop.isRequested },
            work: { item, sequence in
                if let previous = item.carried { return carry.result(item, previous, sequence: sequence) }
                return pipeline.process(item, sequence: sequence)
            },
            consume: { result in
                progress.record(result)
                if !sink.write(result) { stop.request(-1) }
            })
        progress.finish()
        carry.close()
        let stopCode = stop.code
        let end = RunEnd(writeError: source.failure ?? carry.failure ?? sink.finish(allInputsDone: stopCode == 0), stopCode: stopCode)
        // Containers: the number of documents is known once they have been read.
        let total = source.knownTotal ?? source.yielded
        var incremental = plan.carry.incremental
        incremental?.carried = sink.carried - sink.resumed
        var report = RunReport(
            status: end.status, exitCode: end.exitCode, message: end.message(finished: sink.stats.documents, total: total, output: options.output, layout: plan.layout),
            stats: sink.stats, inputsTotal: total, skipped: inputs.table.skipped, duplicates: inputs.table.duplicates,
            unreadableDirectories: inputs.table.unreadableDirectories, outputDirectories: inputs.table.outputDirectories, shards: sink.shardNames,
            output: options.output, workers: scheduler.workers, configSource: config.source, rulesVersion: config.hash, started: RFC3339.format(started),
            wallSeconds: Date().timeIntervalSince(started), cpuSeconds: ResourceUsage.cpuSeconds() - cpuStart,
            peakRSSBytes: ResourceUsage.peakRSSBytes(), skippedRecords: source.skippedRecords, rejectsOverCap: source.rejectsOverCap)
        report.layout = plan.layout
        report.incremental = incremental
        report.resumed = plan.carry.resumed
        report.dedup = dedup?.report(removed: sink.stats.rejectsByReason)
        if let signatures {
            var written = DedupReport(settings: config.config.dedup, against: [], generation: 0)
            written.checked = signatures.count
            written.stage = "signatures"
            report.dedup = written
        }
        return RunCommit(staged: staged).finish(report, end: end, dedup: dedup) {
            Manifest(status: end.status, created: plan.added, tasks: plan.layout.tasks, rank: plan.layout.isRanked ? plan.layout.rank : nil,
                     rulesVersion: config.hash, winnowVersion: WinnowVersion.current, documents: sink.stats.documents,
                     records: sink.stats.records, rejects: sink.stats.rejects,
                     shards: Manifest.shards(names: sink.shardNames, records: sink.shardRecords, in: staged.staging),
                     rejectsFile: plan.layout.rejectsName, reportFile: plan.layout.reportName, dedupGeneration: dedup?.generation,
                     dedupSignatures: signatures?.token)
        }
    }

    /// The run's dedup session when `dedup:` is on (call with the task's lock held, after recovery).
    static func openDedup(config: LoadedConfig, options: RunOptions) throws(RunError) -> DedupSession? {
        let settings = config.config.dedup
        guard settings.enabled else {
            if !options.dedupAgainst.isEmpty { throw RunError(.usage, "--dedup-against needs dedup.exact or dedup.near on in the config") }
            return nil
        }
        do {
            return try DedupSession(output: options.output, layout: options.layout, settings: settings, against: options.dedupAgainst)
        } catch {
            switch error {
            case .noIndex(let message): throw RunError(.noInput, message)
            case .mismatch(let message): throw RunError(.usage, message)
            case .storage(let message): throw RunError(.cannotCreateOutput, message)
            }
        }
    }

    /// The ordered writer into staging; if it cannot be made, the dedup session and signatures are dropped.
    static func openSink(plan: RunPlan, staged: StagedOutput, pipeline: Pipeline, config: LoadedConfig, options: RunOptions,
                         dedup: DedupSession?, signatures: SignatureWriter?) throws(RunError) -> OrderedSink {
        var stageNames = pipeline.stageNames
        if config.config.dedup.enabled { stageNames.append(DedupSession.stageName) }
        let entries = try plan.inputs.entries()
        do {
            return try OrderedSink(directory: staged.staging, layout: plan.layout, limits: options.shardLimits, compression: options.compression,
                                   stageNames: stageNames, configHash: config.hash, entries: entries, entryCount: plan.inputs.summary.entries,
                                   dedup: dedup?.deduplicator, signatures: signatures)
        } catch {
            dedup?.abandon()
            signatures?.discard()
            throw RunError(.cannotCreateOutput, "\(error)")
        }
    }
}
