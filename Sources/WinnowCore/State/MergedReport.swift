import Foundation

/// `winnow report OUTPUT`: the reports of all tasks merged into one `ReportFile`: counters added up,
/// shard lists joined, wall time the longest, CPU time the sum, status `complete` only if every task's
/// is. Printed with keys sorted and indented (`OrderedJSONEncoder.Style.sortedPretty`).
public struct MergedReport: Sendable {
    var report: ReportFile
    /// Task reports found and merged.
    public var reports: Int

    public var complete: Bool { report.status == "complete" }

    /// Nil when OUTPUT holds no task report.
    public static func read(output: String) -> MergedReport? {
        let status = OutputStatus.read(output: output)
        var merged: ReportFile?
        var count = 0
        var statuses: [String] = []
        for task in status.tasks {
            let name = task.manifest?.reportFile ?? task.layout.reportName
            guard let report = ReportFile.read(path: output + "/" + name) else {
                statuses.append("missing")
                continue
            }
            statuses.append(report.status ?? "unknown")
            merged = merged.map { $0.adding(report) } ?? report
            count += 1
        }
        guard var merged else { return nil }
        // The tasks' states too: a failed or stopped last run leaves the previous (complete) report in
        // place, and `report` must not call the corpus complete when `status` does not.
        for task in status.tasks {
            switch task.state {
            case "failed": statuses.append("failed")
            case "incomplete": statuses.append(task.resumable != nil ? "interrupted" : "incomplete")
            case "running": statuses.append("running")
            default: break
            }
        }
        let worst = ["failed", "missing", "interrupted", "incomplete", "running", "unknown"].first { statuses.contains($0) }
        merged.status = status.holdings.isMixed ? "mixed" : worst ?? "complete"
        merged.mixed = status.mixed ?? merged.mixed
        merged.tasksMerged = count
        merged.tasksTotal = status.tasks.count
        merged.rank = nil
        merged.exitCode = nil
        merged.message = nil
        if let wall = merged.wallSeconds, wall > 0, let inputs = merged.inputs {
            merged.docsPerSecond = Double(inputs.processed ?? 0) / wall
            merged.mbPerSecond = Double(inputs.bytes ?? 0) / 1_048_576 / wall
        }
        return MergedReport(report: merged, reports: count)
    }

    /// The JSON `winnow report` prints (a newline at the end).
    public func json() throws -> [UInt8] { try OrderedJSONEncoder(style: .sortedPretty).encode(report) }

    /// For people, on stderr.
    public func summary() -> String {
        let inputs = report.inputs
        var lines = ["winnow report: \(report.status ?? "?"): \(report.tasksMerged ?? 0) of \(report.tasksTotal ?? 0) task report(s); "
                     + "\(inputs?.processed ?? 0) of \(inputs?.documents ?? 0) inputs → \(report.records ?? 0) records, \(report.rejects ?? 0) rejects"]
        if let reasons = report.rejectsByReason, !reasons.isEmpty {
            lines.append("rejects by reason: " + reasons.entries.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        lines.append("shards: \(report.shards?.count ?? 0); rules_version \(report.rulesVersion ?? "?")")
        if let mixed = report.mixed { lines.append("mixed: " + mixed) }
        return lines.joined(separator: "\n") + "\n"
    }
}
