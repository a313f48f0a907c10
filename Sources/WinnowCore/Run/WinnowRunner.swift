import Foundation
import Synchronization

/// `winnow run`: discovery → output directory → scheduler (workers run the pipeline) → ordered writer
/// (shards, rejects) → report. The library entry point the CLI and the tests call.
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
        // The inputs stay on disk (InputTable), read back in order by the source and the writer: holding
        // them in memory made the run's memory grow with the corpus (~0.8 KB per input).
        let discovered: InputTable
        do {
            discovered = try InputDiscovery().discoverTable(roots: options.inputs, listPath: options.inputList)
        } catch let failure as InputDiscovery.Failure {
            switch failure {
            case .missing, .unreadableList: throw RunError(.noInput, failure.description)
            case .sourceCollision: throw RunError(.usage, failure.description)
            case .storage: throw RunError(.ioError, failure.description)
            }
        } catch {
            throw RunError(.noInput, "\(error)")
        }
        guard discovered.count > 0 else {
            let skipped = discovered.skipped.values.reduce(0, +)
            throw RunError(.noInput, "no input documents found (.html .htm .xhtml .txt, optionally .gz; .warc .warc.gz .jsonl .jsonl.gz .jsonl.zst)"
                           + (skipped > 0 ? "; \(skipped) other files skipped" : "")
                           + (discovered.unreadableDirectories.message.map { "; " + $0 } ?? ""))
        }
        let layout = options.layout
        // This task's entries (`layout.partition` of the list), each read through its own cursor.
        func entries() throws(RunError) -> InputTable.Cursor {
            do { return try discovered.cursor(layout: layout) } catch { throw RunError(.ioError, "cannot read the list of inputs: \(error)") }
        }
        let summary: InputTable.Summary
        do { summary = try discovered.summary(layout: layout) } catch { throw RunError(.ioError, "cannot read the list of inputs: \(error)") }
        let output = options.output
        // Ranks of another --tasks, or ranked and unranked runs, in one directory are not one corpus.
        try OutputHoldings.read(output: output).admit(layout, output: output)
        try OutputDirectory.prepare(output)
        let lock = try OutputLock(path: output + "/" + layout.lockPath)
        defer { lock.release() }
        let staging: String
        do {
            try OutputHoldings.record(layout, output: output)
            try Generation.recover(output: output, layout: layout)
            unlink(output + "/" + layout.completionPath)
            staging = try Generation.makeStaging(output: output, layout: layout)
        } catch {
            throw RunError(.cannotCreateOutput, "cannot prepare \(output)/\(layout.stagingPath): \(error)")
        }

        // What is copied instead of processed: a stopped run's finished work, and (--incremental) the
        // unchanged inputs of the last generation.
        let plan = try CarryPlan.make(entries: try entries(), summary: summary, options: options, configHash: config.hash,
                                      distributedDedup: config.config.dedup.enabled && layout.isRanked)
        let carried = plan.carried
        var incremental = plan.incremental
        let knownTotal = plan.knownTotal

        let added = options.added ?? RFC3339.format(started)
        let pipeline = Pipeline(config: config, added: added)
        // Ranked with dedup on: each rank writes signatures, `winnow dedup` removes copies across ranks.
        let distributed = config.config.dedup.enabled && layout.isRanked
        if distributed && !options.dedupAgainst.isEmpty {
            throw RunError(.usage, "--dedup-against is not supported with --tasks (the distributed dedup stages compare the ranks' documents with each other only); deduplicate against the corpus in an unranked run")
        }
        let dedup = distributed ? nil : try Self.openDedup(config: config, options: options)
        var stageNames = pipeline.stageNames
        if config.config.dedup.enabled { stageNames.append(DedupSession.stageName) }
        let signatures: SignatureWriter?
        do {
            signatures = distributed ? try SignatureWriter(staging: staging, layout: layout, settings: config.config.dedup) : nil
        } catch {
            throw RunError(.cannotCreateOutput, "cannot create the dedup signatures in \(staging): \(error)")
        }
        HTMLParser.initializeLibrary()
        let sinkEntries = try entries()
        let sink: OrderedSink
        do {
            sink = try OrderedSink(directory: staging, layout: layout, limits: options.shardLimits, compression: options.compression,
                                   stageNames: stageNames, configHash: config.hash, entries: sinkEntries, entryCount: summary.entries,
                                   dedup: dedup?.deduplicator, signatures: signatures)
        } catch {
            dedup?.abandon()
            signatures?.discard()
            throw RunError(.cannotCreateOutput, "\(error)")
        }
        let source = ContainerSource(cursor: try entries(), settings: .init(maxDocumentBytes: config.config.limits.maxDocumentBytes, jsonl: options.jsonl,
                                                                          maxRejectsPerReason: config.config.limits.maxContainerRejectsPerReason),
                                     carried: carried, knownTotal: knownTotal, totalBytes: summary.bytes)
        let carry = CarryReader(directory: output, stageCount: pipeline.stageNames.count, signer: pipeline.signer)
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
        // Containers: the number of documents is known once they have been read.
        let total = source.knownTotal ?? source.yielded
        let signalled = stop.code == 2 || stop.code == 15

        let writeError = source.failure ?? carry.failure ?? sink.finish(allInputsDone: !signalled && stop.code == 0)
        var status = "complete"
        var code = ExitCode.success
        var message: String?
        if let writeError {
            status = "failed"
            code = .ioError
            message = writeError + "; the previous output was left as it was"
        } else if signalled {
            status = "interrupted"
            code = stop.code == 2 ? .interrupted : .terminated
            message = "stopped by signal \(stop.code) after \(sink.stats.documents) of \(total) inputs; readers keep the last complete generation, "
                + "and the \(sink.stats.documents) finished are kept in \(output)/\(layout.resumePath) for the next run to continue from"
        }
        incremental?.carried = sink.carried - sink.resumed
        var report = RunReport(
            status: status, exitCode: code, message: message, stats: sink.stats, inputsTotal: total,
            skipped: discovered.skipped, duplicates: discovered.duplicates, unreadableDirectories: discovered.unreadableDirectories,
            outputDirectories: discovered.outputDirectories, shards: sink.shardNames, output: output,
            workers: scheduler.workers, configSource: config.source, rulesVersion: config.hash, started: RFC3339.format(started),
            wallSeconds: Date().timeIntervalSince(started), cpuSeconds: ResourceUsage.cpuSeconds() - cpuStart,
            peakRSSBytes: ResourceUsage.peakRSSBytes(), skippedRecords: source.skippedRecords, rejectsOverCap: source.rejectsOverCap)
        report.layout = layout
        report.incremental = incremental
        report.resumed = plan.resumed
        report.dedup = dedup?.report(removed: sink.stats.rejectsByReason)
        if let signatures {
            var written = DedupReport(settings: config.config.dedup, against: [], generation: 0)
            written.checked = signatures.count
            written.stage = "signatures"
            report.dedup = written
        }
        if writeError != nil {
            dedup?.abandon()
            try? FileManager.default.removeItem(atPath: staging)
            report.shards = []
            Self.writeFailure(report, output: output, layout: layout)
            return report
        }
        if signalled {
            // Not committed: a shorter generation would shrink the published corpus (see ResumePoint).
            dedup?.abandon()
            do {
                try Manifest.writeReport(report.json(), staging: staging, layout: layout)
                try ResumePoint.park(staging: staging, output: output, layout: layout)
                unlink(output + "/" + layout.failurePath)
            } catch {
                try? FileManager.default.removeItem(atPath: staging)
                Self.fail(&report, "stopped by signal \(stop.code), and cannot keep its finished work: \(error); the previous output was left as it was",
                          output: output, layout: layout)
            }
            return report
        }
        do {
            try Manifest.writeReport(report.json(), staging: staging, layout: layout)
            let manifest = Manifest(
                status: status, created: added, tasks: layout.tasks, rank: layout.isRanked ? layout.rank : nil,
                rulesVersion: config.hash, winnowVersion: WinnowVersion.current, documents: sink.stats.documents,
                records: sink.stats.records, rejects: sink.stats.rejects,
                shards: Manifest.shards(names: sink.shardNames, records: sink.shardRecords, in: staging),
                rejectsFile: layout.rejectsName, reportFile: layout.reportName, dedupGeneration: dedup?.generation,
                dedupSignatures: signatures?.token)
            // The index rows are durable before the commit point; the manifest names their generation.
            try dedup?.finishRun()
            try Generation.commit(output: output, layout: layout, manifest: manifest.bytes)
            dedup?.committed()
            unlink(output + "/" + layout.failurePath)
        } catch {
            dedup?.abandon()
            Self.fail(&report, "cannot commit the output: \(error); the previous output was left as it was", output: output, layout: layout)
            return report
        }
        return report
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

    /// The last generation's state, if its manifest and shards are all there (else nothing is carried).
    static func previousState(output: String, layout: TaskLayout) -> PreviousState? {
        guard let manifest = Manifest.read(path: output + "/" + layout.manifestName) else { return nil }
        for shard in manifest.shards where InputIdentity.of(path: output + "/" + shard.name)?.size != shard.bytes { return nil }
        return try? PreviousState.load(path: output + "/" + layout.statePath)
    }

    /// Marks `report` failed on an I/O error (no shard of it published) and writes it with `writeFailure`.
    static func fail(_ report: inout RunReport, _ message: String, output: String, layout: TaskLayout) {
        report.status = "failed"
        report.exitCode = .ioError
        report.message = message
        report.shards = []
        writeFailure(report, output: output, layout: layout)
    }

    /// A failed run leaves the previous generation alone; its report goes to `.winnow/failed[-RRRRR].json`.
    static func writeFailure(_ report: RunReport, output: String, layout: TaskLayout) {
        guard let file = try? AtomicFile(directory: output + "/.winnow", name: (layout.failurePath as NSString).lastPathComponent) else { return }
        try? file.write(report.json())
        try? file.commit()
    }
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

extension InputEntry {
    /// Size and mtime as discovery saw them.
    public var identity: InputIdentity {
        switch self {
        case .document(let item): return InputIdentity(size: item.size, mtimeNanoseconds: item.mtimeNanoseconds)
        case .container(let file): return InputIdentity(size: file.size, mtimeNanoseconds: file.mtimeNanoseconds)
        }
    }

    public var path: String {
        switch self {
        case .document(let item): return item.path
        case .container(let file): return file.path
        }
    }
}

/// The writer side: shards, rejects and the run state, fed in sequence order on the scheduler's writer
/// queue, all inside the staging directory.
final class OrderedSink: @unchecked Sendable {
    // Only touched from the scheduler's serial writer queue, then read after it has drained.
    private let shards: ShardWriter
    private let rejects: AtomicFile
    private let state: StateWriter
    /// The task's entries in order, read as they are closed.
    private let entries: any InputEntryCursor
    private let entryCount: Int
    private let dedup: Deduplicator?
    /// Ranked runs with dedup on: every record's signature goes here instead of `dedup`.
    private let signatures: SignatureWriter?
    private var closedEntries = 0
    private var lastEntry = -1
    private(set) var stats: RunStats
    private(set) var carried = 0
    /// Of those, copied from a stopped run's parked work.
    private(set) var resumed = 0
    private var error: String?

    init(directory: String, layout: TaskLayout, limits: ShardWriter.Limits, compression: ShardCompression = .none, stageNames: [String],
         configHash: String, entries: any InputEntryCursor, entryCount: Int, dedup: Deduplicator? = nil,
         signatures: SignatureWriter? = nil) throws {
        shards = ShardWriter(directory: directory, limits: limits, compression: compression,
                             naming: { layout.shardName(index: $0, compression: compression) })
        rejects = try AtomicFile(directory: directory, name: layout.rejectsName)
        state = try StateWriter(path: directory + "/" + Generation.stateName, configHash: configHash, layout: layout)
        stats = RunStats(stageNames: stageNames)
        self.entries = entries
        self.entryCount = entryCount
        self.dedup = dedup
        self.signatures = signatures
    }

    var shardNames: [String] { shards.shardNames }
    var shardRecords: [Int] { shards.shardRecords }

    /// False once writing has failed; the caller then stops the run.
    func write(_ processed: DocumentResult) -> Bool {
        guard error == nil else { return false }
        do {
            var result = processed
            if let dedup, case .record = result.outcome {
                // Here, in input order, so that the first copy wins whatever the number of workers.
                let start = DispatchTime.now().uptimeNanoseconds
                let verdict = try result.dedup.flatMap { try dedup.check($0) }
                result = result.deduplicated(verdict, writerSeconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            if result.entry >= 0 {
                try closeEntries(upTo: result.entry)
                lastEntry = result.entry
            }
            if let signatures, case .record = result.outcome, let signature = result.dedup {
                // The row this document gets in the state (`seq`): `winnow dedup apply` finds it there.
                try signatures.add(localEntry: max(result.entry, lastEntry, 0), seq: stats.documents, signature: signature)
            }
            switch result.outcome {
            case .record(let line):
                let before = shards.shardNames.count
                try shards.write(line)
                // A new shard means the previous one was committed: commit its state rows with it.
                if shards.shardNames.count != before && before > 0 { try state.checkpoint() }
                try state.addDocument(result, location: (shards.shardNames[shards.shardNames.count - 1], shards.lastOffset, line.count))
            case .reject(let stage, let reason, let detail):
                try rejects.write(RecordEncoder.reject(source: result.source, stage: stage, reason: reason, detail: detail))
                try state.addDocument(result, location: nil)
            }
            if result.carried { carried += 1 }
            if result.resumed { resumed += 1 }
            stats.add(result)
            return true
        } catch {
            self.error = "\(error)"
            return false
        }
    }

    /// Inputs before `entry` are finished: record their identity as complete.
    private func closeEntries(upTo entry: Int) throws {
        while closedEntries < min(entry, entryCount) {
            let next = try nextEntry()
            try state.addInput(entry: closedEntries, source: next.source, path: next.path, identity: next.identity, complete: true)
            closedEntries += 1
        }
    }

    /// The entry at `closedEntries`.
    private func nextEntry() throws -> InputEntry {
        guard let entry = entries.next() else {
            throw InputDiscovery.Failure.storage(entries.failure ?? "the list of inputs ended after \(closedEntries) of \(entryCount) entries")
        }
        return entry
    }

    /// Commits the last shard, the rejects file and the state; returns the first write error, if any.
    /// `allInputsDone`: false when the run stopped early (the input in progress is marked incomplete).
    func finish(allInputsDone: Bool) -> String? {
        if error == nil {
            do {
                if allInputsDone {
                    try closeEntries(upTo: entryCount)
                } else if lastEntry >= 0 {
                    try closeEntries(upTo: lastEntry)
                    if closedEntries == lastEntry {
                        // A document file has one result, written: finished. A container may have more to come.
                        let last = try nextEntry()
                        var finished = false
                        if case .document = last { finished = true }
                        try state.addInput(entry: lastEntry, source: last.source, path: last.path, identity: last.identity, complete: finished)
                    }
                }
                try shards.finish()
                try rejects.commit()
                try state.finish()
                try signatures?.finish()
            } catch {
                self.error = "\(error)"
            }
        }
        if error != nil {
            shards.discard()
            rejects.discard()
            state.discard()
            signatures?.discard()
        }
        return error
    }
}
