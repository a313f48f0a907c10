import Foundation

/// `winnow status OUTPUT`: the state of every task (rank) of an output directory, read from the
/// manifests, locks, staging directories, completion markers and failure reports; nothing is written.
public struct OutputStatus: Sendable {
    public struct Task: Sendable {
        public var layout: TaskLayout
        /// done, running, incomplete, failed or missing.
        public var state: String
        public var pid: Int32?
        /// The last committed generation (nil: none).
        public var manifest: Manifest?
        public var detail: String?
        /// Documents a stopped run finished and parked for the next run (nil: nothing parked).
        public var resumable: Int?
    }

    public var output: String
    public var tasks: [Task]
    /// What the directory holds; a mix of layouts is never "all done", whatever the tasks say.
    public var holdings = OutputHoldings()
    /// Ranked runs with dedup on: where the `winnow dedup` stages stand (nil otherwise).
    public var dedup: DedupStageStatus?
    /// Every task done, and (distributed dedup) every rank's deduplicated output committed.
    public var allDone: Bool {
        !tasks.isEmpty && !holdings.isMixed && tasks.allSatisfy { $0.state == "done" } && (dedup?.complete ?? true)
    }
    /// For people: what is mixed and how to start over (nil when the directory is one layout).
    public var mixed: String? {
        guard holdings.isMixed else { return nil }
        return "\(output) holds \(holdings.summary); its files are not one corpus (ids twice, inputs missing). "
            + "Start over: remove it (or move it away) and run every task again with one --tasks."
    }

    public static func read(output: String, tasks expected: Int? = nil) -> OutputStatus {
        let holdings = OutputHoldings.read(output: output)
        let count = max(expected ?? 0, holdings.taskCounts.max() ?? 0, (holdings.ranks.max() ?? -1) + 1)
        var layouts: [TaskLayout] = holdings.unranked && expected == nil ? [TaskLayout()] : []
        if count > 0 { layouts += (0..<count).map { TaskLayout(tasks: count, rank: $0) } }
        let found = layouts.map { task(output: output, layout: $0) }
        return OutputStatus(output: output, tasks: found, holdings: holdings, dedup: DedupStageStatus.read(output: output, tasks: found))
    }

    static func task(output: String, layout: TaskLayout) -> Task {
        let fm = FileManager.default
        let manifest = Manifest.read(path: output + "/" + layout.manifestName)
        let lock = OutputLock.holder(path: output + "/" + layout.lockPath)
        var task = Task(layout: layout, state: "missing", pid: lock.pid, manifest: manifest)
        if lock.held {
            task.state = "running"
        } else if fm.fileExists(atPath: output + "/" + layout.failurePath) {
            task.state = "failed"
            task.detail = ReportFile.read(path: output + "/" + layout.failurePath)?.message ?? nil
        } else if fm.fileExists(atPath: output + "/" + layout.stagingPath) {
            task.state = "incomplete"
            task.detail = "stopped mid-run (PID \(lock.pid.map(String.init) ?? "?") is gone); run this task again"
        } else if ResumePoint.exists(output: output, layout: layout) {
            let inputs = ResumePoint.report(output: output, layout: layout)?.inputs
            let done = inputs?.processed ?? 0
            task.state = "incomplete"
            task.resumable = done
            task.detail = "interrupted by a signal after \(done) of \(inputs?.documents ?? 0) inputs; readers keep the last complete generation; "
                + "the \(done) finished are kept in \(layout.resumePath), and the next run continues from them"
        } else if fm.fileExists(atPath: output + "/" + layout.completionPath) {
            task.state = "done"
        } else if manifest != nil || fm.fileExists(atPath: output + "/" + layout.lockPath) {
            task.state = "incomplete"
            task.detail = manifest?.status == "interrupted" ? "interrupted by a signal; run again (--incremental continues)" : "started but not finished"
        } else {
            task.detail = "never started (no file of this rank); run it"
        }
        if let tasks = manifest?.tasks, let expected = layout.tasks, tasks != expected {
            task.detail = "committed by a run with --tasks \(tasks), not \(expected)"
        }
        return task
    }

    /// One line per task and a total, for people.
    public func text() -> String {
        var lines = ["task      state       documents    records    rejects  detail"]
        var documents = 0, records = 0, rejects = 0
        for task in tasks {
            let name = task.layout.isRanked ? "rank " + TaskLayout.pad(task.layout.rank) : "(single)"
            let m = task.manifest
            documents += m?.documents ?? 0; records += m?.records ?? 0; rejects += m?.rejects ?? 0
            var detail = task.detail ?? ""
            if task.state == "running", let pid = task.pid { detail = "PID \(pid)" }
            lines.append(String(format: "%@  %@  %9d  %9d  %9d  %@", name.padding(toLength: 10, withPad: " ", startingAt: 0),
                                task.state.padding(toLength: 10, withPad: " ", startingAt: 0), m?.documents ?? 0, m?.records ?? 0, m?.rejects ?? 0, detail))
        }
        var states: [String: Int] = [:]
        for task in tasks { states[task.state, default: 0] += 1 }
        let summary = ["done", "running", "incomplete", "failed", "missing"].compactMap { state in states[state].map { n in "\(n) \(state)" } }.joined(separator: ", ")
        lines.append("total: \(tasks.count) task(s): \(summary.isEmpty ? "none" : summary); \(documents) documents, \(records) records, \(rejects) rejects (last committed generations)")
        if let dedup { lines.append(dedup.text.replacingOccurrences(of: "OUTPUT", with: output)) }
        if let mixed { lines.append("mixed: " + mixed) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `status --json` (see `StatusFile`).
    public func json() throws -> [UInt8] { try OrderedJSONEncoder().encode(file) }

    var file: StatusFile {
        StatusFile(output: output, allDone: allDone, mixed: mixed, tasks: tasks.map { task in
            StatusFile.Task(rank: task.layout.isRanked ? task.layout.rank : nil, state: task.state,
                            pid: task.state == "running" ? task.pid.map(Int.init) : nil,
                            documents: task.manifest?.documents ?? 0, records: task.manifest?.records ?? 0, rejects: task.manifest?.rejects ?? 0,
                            generationStatus: task.manifest?.status, detail: task.detail, resumableDocuments: task.resumable)
        }, dedup: dedup?.file)
    }
}
