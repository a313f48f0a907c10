import Foundation

/// What an output directory already holds, task-wise: the output of an unranked run, of ranked runs
/// (with their task count), or a mix of both. Read from file names, the ranked manifests' `tasks` and
/// `.winnow/tasks` (written by the first ranked run, before it commits anything). The union of the files
/// is one corpus only when every run used the same layout, so a run may add to the directory only the
/// same way (`admit`), and `status`/`report` flag a mix.
public struct OutputHoldings: Sendable, Equatable {
    /// A file of an unranked run: `manifest.json`, or its lock, staging, failure report or marker.
    public var unranked = false
    /// Ranks with any file (manifest, lock, staging, state, failure report, completion marker).
    public var ranks: Set<Int> = []
    /// Task counts seen: each ranked manifest's `tasks` and the recorded `.winnow/tasks`.
    public var taskCounts: Set<Int> = []

    public init(unranked: Bool = false, ranks: Set<Int> = [], taskCounts: Set<Int> = []) {
        self.unranked = unranked
        self.ranks = ranks
        self.taskCounts = taskCounts
    }

    /// Relative to the output directory: the task count of the ranked runs writing into it.
    public static let tasksPath = ".winnow/tasks"

    public var isRanked: Bool { !ranks.isEmpty || !taskCounts.isEmpty }
    /// Unranked and ranked output side by side, ranks of different task counts, or a rank beyond the count.
    public var isMixed: Bool {
        if unranked && isRanked { return true }
        if taskCounts.count > 1 { return true }
        if let count = taskCounts.first, let highest = ranks.max(), highest >= count { return true }
        return false
    }

    /// The task count of a ranked directory that is not mixed (nil when unknown, unranked or mixed).
    public var tasks: Int? { isMixed ? nil : taskCounts.first }

    /// "the output of 4 ranked tasks (--tasks 4)", "the output of an unranked run", or the mix.
    public var summary: String {
        let counts = taskCounts.sorted().map { "--tasks \($0)" }.joined(separator: " and ")
        var parts: [String] = []
        if unranked { parts.append("an unranked run (manifest.json)") }
        if isRanked { parts.append("ranked runs" + (counts.isEmpty ? "" : " with " + counts)) }
        if isMixed { return "a mix: the output of " + parts.joined(separator: " and of ") }
        if let tasks { return "the output of \(tasks) ranked tasks (--tasks \(tasks))" }
        return parts.isEmpty ? "nothing" : "the output of " + parts.joined()
    }

    public static func read(output: String) -> OutputHoldings {
        let fm = FileManager.default
        var holdings = OutputHoldings()
        func rank(in name: String, prefix: String) -> Int? {
            guard name.hasPrefix(prefix) else { return nil }
            return Int(name.dropFirst(prefix.count).prefix(5))
        }
        for name in (try? fm.contentsOfDirectory(atPath: output)) ?? [] {
            if name == "manifest.json" { holdings.unranked = true }
            if let r = rank(in: name, prefix: "manifest-") {
                holdings.ranks.insert(r)
                if let tasks = Manifest.read(path: output + "/" + name)?.tasks { holdings.taskCounts.insert(tasks) }
            }
        }
        for name in (try? fm.contentsOfDirectory(atPath: output + "/.winnow")) ?? [] {
            if ["lock", "staging", "failed.json", "state.sqlite", "resume"].contains(name) { holdings.unranked = true }
            for prefix in ["lock-", "staging-", "failed-", "state-", "resume-"] {
                if let r = rank(in: name, prefix: prefix) { holdings.ranks.insert(r) }
            }
        }
        for name in (try? fm.contentsOfDirectory(atPath: output + "/.winnow/completions")) ?? [] {
            if name == "all" { holdings.unranked = true } else if let r = Int(name) { holdings.ranks.insert(r) }
        }
        if let recorded = recordedTasks(output: output) { holdings.taskCounts.insert(recorded) }
        return holdings
    }

    static func recordedTasks(output: String) -> Int? {
        guard let data = FileManager.default.contents(atPath: output + "/" + tasksPath) else { return nil }
        return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Refuses (exit 64) a run whose layout differs from what the directory holds, saying what it holds
    /// and how to start over: such a run would exit 0 and leave ids twice and inputs missing.
    public func admit(_ layout: TaskLayout, output: String) throws(RunError) {
        let restart = "To start over, remove \(output) (or move it away) and run again, or write to another --output."
        if isMixed {
            throw RunError(.usage, "\(output) holds \(summary); its files are not one corpus. \(restart)")
        }
        if let count = layout.tasks {
            if unranked {
                throw RunError(.usage, "\(output) holds the output of an unranked run (manifest.json); a ranked run (--tasks \(count)) "
                               + "cannot be added to it. Run without --tasks/--rank to replace it. \(restart)")
            }
            if let tasks, tasks != count {
                throw RunError(.usage, "\(output) holds the output of \(tasks) ranked tasks (--tasks \(tasks)); this run has --tasks \(count). "
                               + "Run the ranks with --tasks \(tasks) (under Slurm: without --tasks). \(restart)")
            }
        } else if isRanked {
            let count = tasks.map { "\($0) ranked tasks (--tasks \($0))" } ?? "ranked tasks"
            throw RunError(.usage, "\(output) holds the output of \(count); an unranked run would be added next to it. "
                           + "Run with --tasks and --rank. \(restart)")
        }
    }

    /// Records a ranked run's task count before it writes anything else, so that a rank re-submitted
    /// before any rank committed still finds the count (`.winnow/tasks`). Ranks start together: each
    /// writes its own temporary (it holds its rank's lock) and link(2), which never replaces, lets the
    /// first one win; the others found or would have written the same count (`admit`).
    static func record(_ layout: TaskLayout, output: String) throws {
        guard let count = layout.tasks, recordedTasks(output: output) == nil else { return }
        let final = output + "/" + tasksPath
        let temporary = output + "/.winnow/.tmp-tasks" + layout.suffix
        guard FileManager.default.createFile(atPath: temporary, contents: Data("\(count)\n".utf8)) else {
            throw AtomicFile.Failure(description: "cannot create \(temporary)")
        }
        defer { unlink(temporary) }
        if link(temporary, final) != 0 && errno != EEXIST {
            throw AtomicFile.Failure(description: "cannot write \(final): \(String(cString: strerror(errno)))")
        }
    }
}
