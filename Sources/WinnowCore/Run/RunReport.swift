import Foundation

/// `report.json` and the human summary printed at the end of a run.
public struct RunReport: Sendable {
    public var status: String
    public var exitCode: ExitCode
    public var message: String?
    public var stats: RunStats
    public var inputsTotal: Int
    public var skipped: [String: Int]
    public var duplicates: Int
    /// Directories discovery could not list (EACCES, a path too long).
    public var unreadableDirectories = UnreadableDirectories()
    /// Winnow output directories below an input directory, not read.
    public var outputDirectories = 0
    public var shards: [String]
    public var output: String
    public var workers: Int
    public var configSource: String
    public var rulesVersion: String
    public var started: String
    public var wallSeconds: Double
    public var cpuSeconds: Double
    public var peakRSSBytes: Int
    /// Records inside containers that are not documents, by reason (`warc.request`, …).
    public var skippedRecords: [String: Int] = [:]
    /// Container rejects not written (over `limits.max_container_rejects_per_reason`), by reason.
    public var rejectsOverCap: [String: Int] = [:]
    /// `--tasks`/`--rank`, and the file names that follow from them.
    public var layout = TaskLayout()
    /// `--incremental` counts (nil without the flag).
    public var incremental: IncrementalCounts?
    /// What was copied from a stopped run's parked work (nil when there was none usable).
    public var resumed: ResumeCounts?
    /// `dedup:` counts (nil when dedup is off).
    public var dedup: DedupReport?

    public var docsPerSecond: Double { wallSeconds > 0 ? Double(stats.documents) / wallSeconds : 0 }
    public var megabytesPerSecond: Double { wallSeconds > 0 ? Double(stats.bytesIn) / 1_048_576 / wallSeconds : 0 }

    /// `report.json` (see `ReportFile`).
    public func json() throws -> [UInt8] { try OrderedJSONEncoder().encode(file) }

    /// What `report.json` holds; seconds and rates rounded as the file keeps them.
    var file: ReportFile {
        let round = JSONBuffer.round
        let stages = stats.stageNames.enumerated().map { index, name in
            KeyedValues.Entry(key: name, value: ReportFile.Stage(documents: stats.stageIn[index], dropped: stats.stageDropped[index],
                                                                 seconds: round(stats.stageSeconds[index], 4)))
        }
        let inputs = ReportFile.Inputs(
            documents: inputsTotal, processed: stats.documents, bytes: stats.bytesIn, skippedByExtension: KeyedValues(sorting: skipped), duplicates: duplicates,
            unreadableDirs: unreadableDirectories.count, skippedOutputDirs: outputDirectories, skippedRecords: KeyedValues(sorting: skippedRecords),
            rejectsOverCap: KeyedValues(sorting: rejectsOverCap))
        return ReportFile(
            status: status, exitCode: Int(exitCode.rawValue), message: message, winnowVersion: WinnowVersion.current, rulesVersion: rulesVersion,
            config: configSource, output: output, started: started, workers: workers, tasks: layout.tasks, rank: layout.tasks.map { _ in layout.rank },
            inputs: inputs, records: stats.records, rejects: stats.rejects, stages: KeyedValues(stages),
            rejectsByReason: KeyedValues(sorting: stats.rejectsByReason), encodings: KeyedValues(sorting: stats.encodings),
            ruleHits: KeyedValues(sorting: stats.ruleHits), shards: shards,
            incremental: incremental.map {
                ReportFile.Incremental(new: $0.new, changed: $0.changed, unchanged: $0.unchanged, deleted: $0.deleted, carriedDocuments: $0.carried,
                                       rulesChanged: $0.rulesChanged, previousGeneration: $0.previousUsable)
            },
            resumed: resumed.map { ReportFile.Resumed(inputs: $0.inputs, documents: $0.documents) }, dedup: dedup?.file,
            wallSeconds: round(wallSeconds, 3), cpuSeconds: round(cpuSeconds, 3), docsPerSecond: round(docsPerSecond, 1),
            mbPerSecond: round(megabytesPerSecond, 2), peakRSSBytes: peakRSSBytes)
    }

    /// A few lines for the operator on stderr.
    public func summary() -> String {
        var lines: [String] = []
        lines.append("winnow: \(status): \(stats.documents) of \(inputsTotal) inputs → \(stats.records) records, \(stats.rejects) rejects in \(String(format: "%.2f", wallSeconds)) s (\(String(format: "%.0f", docsPerSecond)) docs/s, \(String(format: "%.1f", megabytesPerSecond)) MB/s, peak RSS \(peakRSSBytes / 1_048_576) MB)")
        if let message { lines.append("winnow: \(message)") }
        if !stats.rejectsByReason.isEmpty {
            let reasons = stats.rejectsByReason.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            lines.append("winnow: rejects by reason: \(reasons)")
        }
        let skippedTotal = skipped.values.reduce(0, +)
        if skippedTotal > 0 { lines.append("winnow: skipped \(skippedTotal) files with other extensions") }
        if outputDirectories > 0 { lines.append("winnow: skipped \(outputDirectories) Winnow output director\(outputDirectories == 1 ? "y" : "ies") inside the inputs") }
        if let unreadable = unreadableDirectories.message { lines.append("winnow: warning: \(unreadable); their files were not read") }
        if !skippedRecords.isEmpty {
            let reasons = skippedRecords.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            lines.append("winnow: skipped \(skippedRecords.values.reduce(0, +)) container records that are not documents: \(reasons)")
        }
        if !rejectsOverCap.isEmpty {
            let reasons = rejectsOverCap.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            lines.append("winnow: \(rejectsOverCap.values.reduce(0, +)) container rejects counted but not written (limits.max_container_rejects_per_reason): \(reasons)")
        }
        if let incremental {
            lines.append("winnow: incremental: \(incremental.new) new, \(incremental.changed) changed, \(incremental.unchanged) unchanged, \(incremental.deleted) deleted inputs; \(incremental.carried) documents copied"
                         + (incremental.rulesChanged ? " (rules or Winnow version changed: everything reprocessed)" : ""))
        }
        if let resumed {
            lines.append("winnow: resumed: \(resumed.documents) documents of \(resumed.inputs) inputs copied from the stopped run's finished work")
        }
        if let dedup { lines.append(dedup.summary) }
        switch status {
        case "complete":
            lines.append("winnow: output in \(output): \(shards.count) shard(s), \(layout.rejectsName), \(layout.reportName), \(layout.manifestName)")
        case "interrupted":
            // The shards named in OUTPUT are the last complete generation's, not this run's.
            lines.append("winnow: output in \(output) unchanged (the last complete generation); this run's \(shards.count) shard(s) and report wait in \(output)/\(layout.resumePath)")
        default:
            lines.append("winnow: output in \(output) unchanged (the last complete generation); nothing of this run was committed, its report is \(output)/\(layout.failurePath)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Process resource figures for the report.
enum ResourceUsage {
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    static func peakRSSBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024  // Linux reports KiB
    }
}
