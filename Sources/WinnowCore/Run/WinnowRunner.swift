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
        let discovered: InputDiscovery.Result
        do {
            discovered = try InputDiscovery().discover(roots: options.inputs, listPath: options.inputList)
        } catch let failure as InputDiscovery.Failure {
            switch failure {
            case .missing, .unreadableList: throw RunError(.noInput, failure.description)
            case .sourceCollision: throw RunError(.usage, failure.description)
            }
        } catch {
            throw RunError(.noInput, "\(error)")
        }
        guard !discovered.entries.isEmpty else {
            let skipped = discovered.skipped.values.reduce(0, +)
            throw RunError(.noInput, "no input documents found (.html .htm .xhtml .txt, optionally .gz; .warc .warc.gz .jsonl .jsonl.gz .jsonl.zst)"
                           + (skipped > 0 ? "; \(skipped) other files skipped" : ""))
        }
        try OutputDirectory.prepare(options.output)

        let added = options.added ?? RFC3339.format(started)
        let pipeline = Pipeline(config: config, added: added)
        HTMLParser.initializeLibrary()
        let sink: OrderedSink
        do {
            sink = try OrderedSink(directory: options.output, limits: options.shardLimits, compression: options.compression, stageNames: pipeline.stageNames)
        } catch {
            throw RunError(.cannotCreateOutput, "\(error)")
        }
        let source = ContainerSource(entries: discovered.entries, settings: .init(maxDocumentBytes: config.config.limits.maxDocumentBytes, jsonl: options.jsonl))
        let progress = ProgressReporter(total: source.knownTotal, mode: options.progress, inputProgress: source.progress)
        let stop = self.stop
        let scheduler = Scheduler(workers: options.workers)
        let reader = UncheckedBox(source as DocumentSource)
        _ = scheduler.run(
            next: { reader.value.next() },
            shouldStop: { stop.isRequested },
            work: { item, sequence in pipeline.process(item, sequence: sequence) },
            consume: { result in
                progress.record(result)
                if !sink.write(result) { stop.request(-1) }
            })
        progress.finish()
        // Containers: the number of documents is known once they have been read.
        let total = source.knownTotal ?? source.yielded

        let writeError = sink.finish()
        var status = "complete"
        var code = ExitCode.success
        var message: String?
        if let writeError {
            status = "failed"
            code = .ioError
            message = writeError
        } else if stop.code == 2 || stop.code == 15 {
            status = "interrupted"
            code = stop.code == 2 ? .interrupted : .terminated
            message = "stopped by signal \(stop.code) after \(sink.stats.documents) of \(total) inputs; the shards written are complete"
        }
        let report = RunReport(
            status: status, exitCode: code, message: message, stats: sink.stats, inputsTotal: total,
            skipped: discovered.skipped, duplicates: discovered.duplicates, shards: sink.shardNames, output: options.output,
            workers: scheduler.workers, configSource: config.source, rulesVersion: config.hash, started: RFC3339.format(started),
            wallSeconds: Date().timeIntervalSince(started), cpuSeconds: ResourceUsage.cpuSeconds() - cpuStart,
            peakRSSBytes: ResourceUsage.peakRSSBytes(), skippedRecords: source.skippedRecords)
        do {
            let file = try AtomicFile(directory: options.output, name: "report.json")
            try file.write(report.json())
            try file.commit()
        } catch {
            var failed = report
            failed.status = "failed"
            failed.exitCode = .ioError
            failed.message = "cannot write report.json: \(error)"
            return failed
        }
        return report
    }
}

/// The writer side: shards and rejects, fed in sequence order on the scheduler's writer queue.
final class OrderedSink: @unchecked Sendable {
    // Only touched from the scheduler's serial writer queue, then read after it has drained.
    private let shards: ShardWriter
    private let rejects: AtomicFile
    private(set) var stats: RunStats
    private var error: String?

    init(directory: String, limits: ShardWriter.Limits, compression: ShardCompression = .none, stageNames: [String]) throws {
        shards = ShardWriter(directory: directory, limits: limits, compression: compression)
        rejects = try AtomicFile(directory: directory, name: "rejects.jsonl")
        stats = RunStats(stageNames: stageNames)
    }

    var shardNames: [String] { shards.shardNames }

    /// False once writing has failed; the caller then stops the run.
    func write(_ result: DocumentResult) -> Bool {
        guard error == nil else { return false }
        do {
            switch result.outcome {
            case .record(let line): try shards.write(line)
            case .reject(let stage, let reason, let detail):
                try rejects.write(RecordEncoder.reject(source: result.source, stage: stage, reason: reason, detail: detail))
            }
            stats.add(result)
            return true
        } catch {
            self.error = "\(error)"
            return false
        }
    }

    /// Commits the last shard and the rejects file; returns the first write error, if any.
    func finish() -> String? {
        if error == nil {
            do {
                try shards.finish()
                try rejects.commit()
            } catch {
                self.error = "\(error)"
            }
        }
        if error != nil {
            shards.discard()
            rejects.discard()
        }
        return error
    }
}

enum RFC3339 {
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
