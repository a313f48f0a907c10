import Foundation

/// `winnow dedup apply --rank R`: commits rank R's deduplicated output as a new generation. Every
/// document of the rank's committed generation is copied as it is (record lines byte for byte, as
/// `--incremental` copies them), except those the clusters stage removed, which become `dedup.exact` /
/// `dedup.near` rejects naming their kept document. The generation is built in staging and committed
/// with the same crash-safe commit as `winnow run` (under the rank's lock), and its manifest records
/// the clusters' input token (`dedup_applied`), so applying twice does nothing the second time.
public enum DedupApply {
    public struct Outcome: Sendable {
        /// False when the rank's generation already applied these clusters.
        public let written: Bool
        public let report: RunReport?
    }

    private struct Removal {
        let exact: Bool
        let survivor: String
    }

    public static func run(output: String, rank: Int, shardLimits: ShardWriter.Limits = .init(maxBytes: 256 * 1024 * 1024)) throws(RunError) -> Outcome {
        let started = Date()
        let cpuStart = ResourceUsage.cpuSeconds()
        let inputs = try DedupInputs.read(output: output)
        guard rank >= 0 && rank < inputs.tasks else {
            throw RunError(.usage, "--rank \(rank) is not below the \(inputs.tasks) ranked tasks \(output) holds")
        }
        let layout = TaskLayout(tasks: inputs.tasks, rank: rank)
        let lock = try OutputLock(path: output + "/" + layout.lockPath)
        defer { lock.release() }
        do {
            try Generation.recover(output: output, layout: layout)
        } catch {
            throw RunError(.cannotCreateOutput, "cannot recover \(output)/\(layout.stagingPath): \(error)")
        }
        guard let summary = inputs.clustersSummary(), inputs.currentHeader(DedupStageFile.removed(rank: rank)) != nil else {
            throw RunError(.noInput, "no clusters for the ranks' current generations in \(output)/\(DedupStageFile.directory) (run winnow dedup buckets and winnow dedup clusters first)")
        }
        guard let manifest = Manifest.read(path: output + "/" + layout.manifestName) else {
            throw RunError(.noInput, "rank \(rank) has no committed generation")
        }
        if manifest.dedupApplied == inputs.token { return Outcome(written: false, report: nil) }
        if let earlier = manifest.dedupApplied {
            throw RunError(.noInput, "rank \(rank)'s generation already applied other clusters (\(earlier)); the documents they removed are gone from it: "
                           + "run the rank again (winnow run --incremental reprocesses them), then buckets, clusters and apply")
        }
        let removals: [Int64: Removal]
        do { removals = try readRemovals(inputs.path(DedupStageFile.removed(rank: rank))) } catch {
            throw RunError(.ioError, "cannot read \(DedupStageFile.removed(rank: rank)): \(error)")
        }
        let rankSummary = (summary["ranks"] as? [[String: Any]] ?? []).first { $0["rank"] as? Int == rank } ?? [:]
        let previousReport = ReportFile.read(path: output + "/" + manifest.reportFile)
        let statePath = output + "/" + layout.statePath
        let staging: String
        let rows: StateRows
        do {
            rows = try StateRows(path: statePath)
            staging = try Generation.makeStaging(output: output, layout: layout)
        } catch {
            throw RunError(.ioError, "cannot read the state of rank \(rank) (\(statePath)): \(error)")
        }
        let compression = manifest.shards.first.map { name -> ShardCompression in
            name.name.hasSuffix(".zst") ? .zstd : name.name.hasSuffix(".gz") ? .gzip : .none
        } ?? .none
        let stageNames = Pipeline.standardStageNames + [DedupSession.stageName]
        let carry = CarryReader(directory: output, stageCount: Pipeline.standardStageNames.count)
        let sink: OrderedSink
        do {
            sink = try OrderedSink(directory: staging, layout: layout, limits: shardLimits, compression: compression, stageNames: stageNames,
                                   configHash: rows.configHash, entries: rows, entryCount: rows.inputCount)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw RunError(.cannotCreateOutput, "\(error)")
        }
        var failure: String?
        var seq = 0
        do {
            while let row = try rows.nextDocument() {
                var result = carry.result(entry: row.entry, row.document, sequence: seq)
                if let removal = removals[Int64(seq)], case .record = result.outcome {
                    result = result.deduplicated(Deduplicator.Verdict(reason: removal.exact ? "dedup.exact" : "dedup.near", survivor: removal.survivor), writerSeconds: 0)
                }
                seq += 1
                if !sink.write(result) { break }
            }
        } catch {
            failure = "cannot read the state \(statePath): \(error)"
        }
        // The writer's error first (it makes the sink discard its files), then the copy path's.
        let written = sink.finish(allInputsDone: failure == nil && carry.failure == nil)
        failure = failure ?? carry.failure ?? rows.failure ?? written
        carry.close()
        rows.close()
        var report = RunReport(
            status: failure == nil ? "complete" : "failed", exitCode: failure == nil ? .success : .ioError,
            message: failure.map { "dedup apply: \($0); the previous output was left as it was" }, stats: sink.stats,
            inputsTotal: previousReport?.inputs?.documents ?? sink.stats.documents,
            skipped: previousReport?.inputs?.skippedByExtension?.dictionary ?? [:], duplicates: previousReport?.inputs?.duplicates ?? 0,
            shards: sink.shardNames, output: output, workers: 1, configSource: previousReport?.config ?? "?",
            rulesVersion: manifest.rulesVersion, started: RFC3339.format(started), wallSeconds: Date().timeIntervalSince(started),
            cpuSeconds: ResourceUsage.cpuSeconds() - cpuStart, peakRSSBytes: ResourceUsage.peakRSSBytes())
        report.skippedRecords = previousReport?.inputs?.skippedRecords?.dictionary ?? [:]
        report.rejectsOverCap = previousReport?.inputs?.rejectsOverCap?.dictionary ?? [:]
        report.outputDirectories = previousReport?.inputs?.skippedOutputDirs ?? 0
        report.layout = layout
        var dedup = DedupReport(settings: inputs.settings, against: [], generation: 0)
        dedup.stage = "applied"
        dedup.checked = rankSummary["checked"] as? Int ?? 0
        dedup.exact = sink.stats.rejectsByReason["dedup.exact", default: 0]
        dedup.near = sink.stats.rejectsByReason["dedup.near", default: 0]
        dedup.clusterSizes = DedupClusters.sizes(rankSummary["cluster_sizes"])
        report.dedup = dedup
        if let failure {
            try? FileManager.default.removeItem(atPath: staging)
            RunCommit.writeFailure(report, output: output, layout: layout)
            throw RunError(.ioError, "dedup apply --rank \(rank): \(failure); the previous generation was left as it was")
        }
        do {
            try Manifest.writeReport(report.json(), staging: staging, layout: layout)
            var next = manifest
            next.status = "complete"
            next.documents = sink.stats.documents
            next.records = sink.stats.records
            next.rejects = sink.stats.rejects
            next.shards = Manifest.shards(names: sink.shardNames, records: sink.shardRecords, in: staging)
            next.dedupApplied = inputs.token
            try Generation.commit(output: output, layout: layout, manifest: next.bytes)
            unlink(output + "/" + layout.failurePath)
        } catch {
            report.status = "failed"
            report.exitCode = .ioError
            report.message = "cannot commit the output: \(error)"
            RunCommit.writeFailure(report, output: output, layout: layout)
            throw RunError(.ioError, "dedup apply --rank \(rank): cannot commit: \(error)")
        }
        return Outcome(written: true, report: report)
    }

    private static func readRemovals(_ path: String) throws -> [Int64: Removal] {
        let reader = try DedupFileReader(path: path)
        var removals: [Int64: Removal] = [:]
        while try !reader.atEnd() {
            let seq = try reader.int64()
            _ = try reader.int64()
            let exact = try reader.byte() == 0
            _ = try reader.int64(); _ = try reader.int64()
            removals[seq] = Removal(exact: exact, survivor: try reader.string())
        }
        return removals
    }
}

/// A rank's committed state read row by row in output order (for `winnow dedup apply`): its inputs as
/// a cursor for the writer, its documents one at a time, so memory does not grow with the rank.
final class StateRows: InputEntryCursor, @unchecked Sendable {
    struct Row {
        let entry: Int
        let document: CarriedDocument
    }

    private let db: SQLiteDatabase
    private let inputRows: SQLiteStatement
    private let documentRows: SQLiteStatement
    let configHash: String
    let inputCount: Int
    private(set) var failure: String?

    init(path: String) throws {
        db = try SQLiteDatabase(path: path, readOnly: true)
        let meta = try db.prepare("SELECT value FROM meta WHERE key = 'config_hash'")
        configHash = try meta.step() ? meta.string(0) ?? "" : ""
        let count = try db.prepare("SELECT COUNT(*) FROM inputs")
        inputCount = try count.step() ? count.int(0) : 0
        inputRows = try db.prepare("SELECT source, path, size, mtime_ns FROM inputs ORDER BY entry")
        documentRows = try db.prepare("""
            SELECT entry, source, outcome, shard, offset, length, stage, reason, detail, bytes_in, encoding, rule_hits
            FROM documents ORDER BY seq
            """)
    }

    /// The next input, as the writer records it (only its identity is written back: its kind does not matter).
    func next() -> InputEntry? {
        do {
            guard try inputRows.step() else { return nil }
            var item = InputItem(path: inputRows.string(1) ?? "", source: inputRows.string(0) ?? "", kind: .html, gzipped: false, size: inputRows.int(2))
            item.mtimeNanoseconds = inputRows.int(3)
            return .document(item)
        } catch {
            failure = "cannot read the inputs of the state: \(error)"
            return nil
        }
    }

    func nextDocument() throws -> Row? {
        guard try documentRows.step() else { return nil }
        let r = documentRows
        let document = CarriedDocument(
            source: r.string(1) ?? "", isRecord: r.string(2) == "record", shard: r.string(3), offset: r.int(4), length: r.int(5),
            stage: r.string(6), reason: r.string(7), detail: r.string(8), bytesIn: r.int(9), encoding: r.string(10),
            ruleHitsText: r.string(11) ?? "")
        return Row(entry: r.int(0), document: document)
    }

    func close() { db.close() }
}
