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

    public func json() -> [UInt8] {
        var json = JSONBuffer()
        json.beginObject()
        json.key("status"); json.string(status)
        json.key("exit_code"); json.int(Int(exitCode.rawValue))
        json.key("message"); json.optionalString(message)
        json.key("winnow_version"); json.string(WinnowVersion.current)
        json.key("rules_version"); json.string(rulesVersion)
        json.key("config"); json.string(configSource)
        json.key("output"); json.string(output)
        json.key("started"); json.string(started)
        json.key("workers"); json.int(workers)
        if let tasks = layout.tasks {
            json.key("tasks"); json.int(tasks)
            json.key("rank"); json.int(layout.rank)
        }
        json.key("inputs")
        json.beginObject()
        json.key("documents"); json.int(inputsTotal)
        json.key("processed"); json.int(stats.documents)
        json.key("bytes"); json.int(stats.bytesIn)
        json.key("skipped_by_extension"); counters(stats: skipped, into: &json)
        json.key("duplicates"); json.int(duplicates)
        json.key("unreadable_dirs"); json.int(unreadableDirectories.count)
        json.key("skipped_output_dirs"); json.int(outputDirectories)
        json.key("skipped_records"); counters(stats: skippedRecords, into: &json)
        json.key("rejects_over_cap"); counters(stats: rejectsOverCap, into: &json)
        json.endObject()
        json.key("records"); json.int(stats.records)
        json.key("rejects"); json.int(stats.rejects)
        json.key("stages")
        json.beginObject()
        for (index, name) in stats.stageNames.enumerated() {
            json.key(name)
            json.beginObject()
            json.key("in"); json.int(stats.stageIn[index])
            json.key("dropped"); json.int(stats.stageDropped[index])
            json.key("seconds"); json.double(stats.stageSeconds[index], decimals: 4)
            json.endObject()
        }
        json.endObject()
        json.key("rejects_by_reason"); counters(stats: stats.rejectsByReason, into: &json)
        json.key("encodings"); counters(stats: stats.encodings, into: &json)
        json.key("rule_hits"); counters(stats: stats.ruleHits, into: &json)
        json.key("shards"); json.stringArray(shards)
        if let incremental {
            json.key("incremental")
            json.beginObject()
            json.key("new"); json.int(incremental.new)
            json.key("changed"); json.int(incremental.changed)
            json.key("unchanged"); json.int(incremental.unchanged)
            json.key("deleted"); json.int(incremental.deleted)
            json.key("carried_documents"); json.int(incremental.carried)
            json.key("rules_changed"); json.bool(incremental.rulesChanged)
            json.key("previous_generation"); json.bool(incremental.previousUsable)
            json.endObject()
        }
        if let resumed {
            json.key("resumed")
            json.beginObject()
            json.key("inputs"); json.int(resumed.inputs)
            json.key("documents"); json.int(resumed.documents)
            json.endObject()
        }
        if let dedup {
            json.key("dedup")
            dedup.write(into: &json)
        }
        json.key("wall_seconds"); json.double(wallSeconds)
        json.key("cpu_seconds"); json.double(cpuSeconds)
        json.key("docs_per_second"); json.double(docsPerSecond, decimals: 1)
        json.key("mb_per_second"); json.double(megabytesPerSecond, decimals: 2)
        json.key("peak_rss_bytes"); json.int(peakRSSBytes)
        json.endObject()
        json.newline()
        return json.bytes
    }

    private func counters(stats: [String: Int], into json: inout JSONBuffer) {
        json.beginObject()
        for key in stats.keys.sorted() {
            json.key(key)
            json.int(stats[key] ?? 0)
        }
        json.endObject()
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
