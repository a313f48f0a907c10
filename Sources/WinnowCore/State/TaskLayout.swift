import Foundation

/// File names of one task's output. Without `--tasks` (unranked) the names are the classic ones
/// (`part-00000.jsonl`, `rejects.jsonl`, `report.json`, `manifest.json`); with `--tasks N --rank R`
/// every file carries the rank (`part-RRRRR-SSSSS.jsonl`, `rejects-RRRRR.jsonl`, …) so ranks can
/// share one output directory, even on a shared filesystem, without ever writing the same file.
public struct TaskLayout: Sendable, Equatable {
    /// Number of ranks, or nil for an unranked run.
    public let tasks: Int?
    public let rank: Int

    public init(tasks: Int? = nil, rank: Int = 0) {
        self.tasks = tasks
        self.rank = tasks == nil ? 0 : rank
    }

    public var isRanked: Bool { tasks != nil }
    public static func pad(_ n: Int) -> String { String(repeating: "0", count: max(0, 5 - String(n).count)) + String(n) }
    /// "" unranked, "-00003" for rank 3.
    var suffix: String { isRanked ? "-" + TaskLayout.pad(rank) : "" }
    /// "all" unranked, "00003" for rank 3: the completion marker's name.
    public var label: String { isRanked ? TaskLayout.pad(rank) : "all" }

    public func shardName(index: Int, compression: ShardCompression) -> String {
        (isRanked ? "part-" + TaskLayout.pad(rank) + "-" : "part-") + TaskLayout.pad(index) + compression.fileExtension
    }
    public var rejectsName: String { "rejects\(suffix).jsonl" }
    public var reportName: String { "report\(suffix).json" }
    public var manifestName: String { "manifest\(suffix).json" }
    /// Relative to the output directory.
    public var lockPath: String { ".winnow/lock\(suffix)" }
    public var statePath: String { ".winnow/state\(suffix).sqlite" }
    public var stagingPath: String { ".winnow/staging\(isRanked ? suffix : "")" }
    public var completionPath: String { ".winnow/completions/\(label)" }
    public var failurePath: String { ".winnow/failed\(suffix).json" }
    /// The finished work of a run stopped by a signal, kept for the next run (see ResumePoint).
    public var resumePath: String { ".winnow/resume\(suffix)" }

    /// True for a shard file name of this task (any compression), e.g. to remove shards of an older
    /// generation that the new one does not list.
    public func ownsShard(_ name: String) -> Bool {
        var rest = Substring(name)
        let prefix = isRanked ? "part-" + TaskLayout.pad(rank) + "-" : "part-"
        guard rest.hasPrefix(prefix) else { return false }
        rest = rest.dropFirst(prefix.count)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard digits.count >= 5 else { return false }
        rest = rest.dropFirst(digits.count)
        return rest == ".jsonl" || rest == ".jsonl.gz" || rest == ".jsonl.zst"
    }

    /// Rank from the schedulers' environment: Slurm array tasks, then Kubernetes Indexed Jobs.
    public static func environmentRank(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Int? {
        for key in ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"] {
            if let value = environment[key], let rank = Int(value.trimmingCharacters(in: .whitespaces)) { return rank }
        }
        return nil
    }

    /// Task count from Slurm for a new output directory: `SLURM_ARRAY_TASK_MAX + 1` (right for
    /// `--array=0-15%4` and `--array=1,3` too), else `SLURM_ARRAY_TASK_COUNT`.
    public static func environmentTasks(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Int? {
        if let max = environmentMax(environment) { return max + 1 }
        return environment["SLURM_ARRAY_TASK_COUNT"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    static func environmentMax(_ environment: [String: String]) -> Int? {
        environment["SLURM_ARRAY_TASK_MAX"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// The layout of a run from `--tasks`/`--rank`, the scheduler's environment and what the output
    /// directory holds; nil for an unranked run. The count is `--tasks`, else the directory's: a
    /// re-submitted array task (`sbatch --array=2`) sees only its new array's size in Slurm's variables.
    /// Only a new directory takes the count from Slurm (`environmentTasks`).
    public static func resolve(tasks: Int?, rank: Int?, environment: [String: String] = ProcessInfo.processInfo.environment,
                               holdings: OutputHoldings) throws(RunError) -> TaskLayout? {
        let index = rank ?? environmentRank(environment)
        guard index != nil || tasks != nil else { return nil }
        guard let index else {
            throw RunError(.usage, "--tasks \(tasks ?? 0) needs --rank R (or $SLURM_ARRAY_TASK_ID / $JOB_COMPLETION_INDEX)")
        }
        if let tasks {
            guard index < tasks else { throw RunError(.usage, "--rank \(index) is not below --tasks \(tasks)") }
            return TaskLayout(tasks: tasks, rank: index)
        }
        if let held = holdings.tasks {
            // A whole array re-submitted with another size would split the inputs another way.
            if rank == nil, let max = environmentMax(environment), max >= held {
                throw RunError(.usage, "the Slurm array goes up to task \(max), but the output directory holds \(held) ranked tasks "
                               + "(--tasks \(held)): submit only tasks 0-\(held - 1) (sbatch --array=0-\(held - 1)), or start over in a new --output")
            }
            guard index < held else {
                throw RunError(.usage, "rank \(index) is not below the \(held) ranked tasks the output directory holds (--tasks \(held))")
            }
            return TaskLayout(tasks: held, rank: index)
        }
        guard let count = environmentTasks(environment) else {
            throw RunError(.usage, "--rank needs --tasks N")
        }
        guard index < count else { throw RunError(.usage, "--rank \(index) is not below --tasks \(count) (from Slurm's array)") }
        return TaskLayout(tasks: count, rank: index)
    }

    /// The deterministic partition: the sorted discovered inputs (whole files or containers), entry i
    /// going to rank i % tasks. Round-robin spreads a directory of similar files evenly.
    public func partition<T>(_ entries: [T]) -> [T] {
        guard let tasks, tasks > 1 else { return entries }
        return entries.enumerated().filter { $0.offset % tasks == rank }.map(\.element)
    }
}
