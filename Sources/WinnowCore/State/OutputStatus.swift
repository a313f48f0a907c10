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
            task.detail = ReportFile.read(path: output + "/" + layout.failurePath)?.message
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

    public func json() -> [UInt8] {
        var json = JSONBuffer()
        json.beginObject()
        json.key("output"); json.string(output)
        json.key("all_done"); json.bool(allDone)
        json.key("mixed"); json.optionalString(mixed)
        json.key("tasks")
        json.beginArray()
        for task in tasks {
            json.beginObject()
            json.key("rank"); if task.layout.isRanked { json.int(task.layout.rank) } else { json.null() }
            json.key("state"); json.string(task.state)
            json.key("pid"); if let pid = task.pid, task.state == "running" { json.int(Int(pid)) } else { json.null() }
            json.key("documents"); json.int(task.manifest?.documents ?? 0)
            json.key("records"); json.int(task.manifest?.records ?? 0)
            json.key("rejects"); json.int(task.manifest?.rejects ?? 0)
            json.key("generation_status"); json.optionalString(task.manifest?.status)
            json.key("detail"); json.optionalString(task.detail)
            json.key("resumable_documents"); if let resumable = task.resumable { json.int(resumable) } else { json.null() }
            json.endObject()
        }
        json.endArray()
        if let dedup { json.key("dedup"); dedup.write(into: &json) }
        json.endObject()
        json.newline()
        return json.bytes
    }
}

/// `winnow report OUTPUT`: the reports of all tasks merged into one: counters added up, shard lists
/// joined, wall time the longest, CPU time the sum, status `complete` only if every task's is.
public enum MergedReport {
    public static func merge(output: String) -> (json: [String: Any], reports: Int)? {
        let status = OutputStatus.read(output: output)
        var merged: [String: Any] = [:]
        var count = 0
        var statuses: [String] = []
        for task in status.tasks {
            let name = task.manifest?.reportFile ?? task.layout.reportName
            guard let data = FileManager.default.contents(atPath: output + "/" + name),
                  let report = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                statuses.append("missing")
                continue
            }
            statuses.append(report["status"] as? String ?? "unknown")
            merged = count == 0 ? report : combine(merged, report)
            count += 1
        }
        guard count > 0 else { return nil }
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
        merged["status"] = status.holdings.isMixed ? "mixed" : worst ?? "complete"
        if let mixed = status.mixed { merged["mixed"] = mixed }
        merged["tasks_merged"] = count
        merged["tasks_total"] = status.tasks.count
        merged.removeValue(forKey: "rank")
        merged.removeValue(forKey: "exit_code")
        merged.removeValue(forKey: "message")
        if let wall = merged["wall_seconds"] as? Double, wall > 0, let inputs = merged["inputs"] as? [String: Any] {
            merged["docs_per_second"] = ((inputs["processed"] as? Double) ?? Double(inputs["processed"] as? Int ?? 0)) / wall
            merged["mb_per_second"] = Double(inputs["bytes"] as? Int ?? 0) / 1_048_576 / wall
        }
        return (merged, count)
    }

    static let maxKeys: Set<String> = ["wall_seconds", "peak_rss_bytes", "workers", "tasks"]
    static let boolKeys: Set<String> = ["rules_changed", "previous_generation"]

    /// Settings in the `dedup` object: the same for every rank, not added up.
    static let dedupSettingKeys: Set<String> = ["exact", "near", "shingle_words", "bands", "rows"]

    static func combine(_ a: [String: Any], _ b: [String: Any], keep: Set<String> = []) -> [String: Any] {
        var out = a
        for (key, value) in b {
            guard let existing = out[key] else { out[key] = value; continue }
            if keep.contains(key) { continue }
            switch (existing, value) {
            case (let x as [String: Any], let y as [String: Any]): out[key] = combine(x, y, keep: key == "dedup" ? dedupSettingKeys : [])
            case (let x as [Any], let y as [Any]): out[key] = x + y
            case (let x as NSNumber, let y as NSNumber):
                if boolKeys.contains(key) {
                    out[key] = x.boolValue || y.boolValue
                } else if maxKeys.contains(key) {
                    out[key] = x.doubleValue >= y.doubleValue ? x : y
                } else if key.hasSuffix("seconds") || key.hasSuffix("_per_second") {
                    out[key] = x.doubleValue + y.doubleValue
                } else {
                    out[key] = x.intValue + y.intValue
                }
            case (let x as String, let y as String) where x != y:
                if key == "started" { out[key] = min(x, y) } else { out[key] = x + ", " + y }
            default: break
            }
        }
        return out
    }

    public static func summary(_ json: [String: Any]) -> String {
        let inputs = json["inputs"] as? [String: Any] ?? [:]
        var lines = ["winnow report: \(json["status"] as? String ?? "?"): \(json["tasks_merged"] as? Int ?? 0) of \(json["tasks_total"] as? Int ?? 0) task report(s); "
                     + "\(inputs["processed"] as? Int ?? 0) of \(inputs["documents"] as? Int ?? 0) inputs → \(json["records"] as? Int ?? 0) records, \(json["rejects"] as? Int ?? 0) rejects"]
        if let reasons = json["rejects_by_reason"] as? [String: Any], !reasons.isEmpty {
            lines.append("rejects by reason: " + reasons.keys.sorted().map { "\($0) \(reasons[$0] ?? 0)" }.joined(separator: ", "))
        }
        lines.append("shards: \((json["shards"] as? [Any])?.count ?? 0); rules_version \(json["rules_version"] as? String ?? "?")")
        if let mixed = json["mixed"] as? String { lines.append("mixed: " + mixed) }
        return lines.joined(separator: "\n") + "\n"
    }
}
