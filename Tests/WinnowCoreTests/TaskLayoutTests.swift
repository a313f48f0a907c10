import Foundation
import Testing
@testable import WinnowCore

/// The task count and rank of a run from flags, the schedulers' variables and what the output holds;
/// and the refusal of a run whose layout differs from the directory's (issue 14 item 3, issue 15).
@Suite struct TaskLayoutTests {
    static let fresh = OutputHoldings()
    static let fourRanks = OutputHoldings(ranks: [0, 1, 3], taskCounts: [4])

    static func resolve(tasks: Int? = nil, rank: Int? = nil, _ environment: [String: String],
                        _ holdings: OutputHoldings = fresh) throws -> TaskLayout? {
        try TaskLayout.resolve(tasks: tasks, rank: rank, environment: environment, holdings: holdings)
    }

    /// The usage error's message, nil when `body` does not throw.
    static func message(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as RunError { #expect(error.code == .usage); return error.message } catch { return "\(error)" }
        return nil
    }

    @Test func aNewDirectoryTakesTheCountFromTheSlurmArray() throws {
        // sbatch --array=0-3: Slurm sets the count, the highest id and the task's id.
        let array = ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MAX": "3"]
        #expect(try Self.resolve(array) == TaskLayout(tasks: 4, rank: 2))
        // --array=1,3 (count 2) and --array=0-15%4 (count 16): the ranks go up to the highest id.
        #expect(try Self.resolve(["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "2", "SLURM_ARRAY_TASK_MAX": "3"]) == TaskLayout(tasks: 4, rank: 1))
        // Without SLURM_ARRAY_TASK_MAX (an older Slurm, or set by hand) the count is used.
        #expect(try Self.resolve(["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4"]) == TaskLayout(tasks: 4, rank: 2))
        #expect(try Self.resolve([:]) == nil)
    }

    @Test func aResubmittedTaskTakesTheCountFromTheOutputDirectory() throws {
        // sbatch --array=2 after a cancelled task 2: Slurm says count 1, highest id 2.
        let resubmitted = ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "1", "SLURM_ARRAY_TASK_MAX": "2"]
        // Into a new directory that can only mean an array of 3 (0-2); with the 4 ranks it holds, 4.
        #expect(try Self.resolve(resubmitted) == TaskLayout(tasks: 3, rank: 2))
        #expect(Self.message { _ = try Self.resolve(["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MAX": "2"]) } == "--rank 3 is not below --tasks 3 (from Slurm's array)")
        #expect(try Self.resolve(resubmitted, Self.fourRanks) == TaskLayout(tasks: 4, rank: 2))
        // --rank alone, too, continues the directory's layout.
        #expect(try Self.resolve(rank: 3, [:], Self.fourRanks) == TaskLayout(tasks: 4, rank: 3))
        #expect(Self.message { _ = try Self.resolve(rank: 1, [:]) } == "--rank needs --tasks N")
    }

    @Test func aWholeArrayOfAnotherSizeIsRefused() throws {
        let bigger = ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "8", "SLURM_ARRAY_TASK_MAX": "7"]
        let message = try #require(Self.message { _ = try Self.resolve(bigger, Self.fourRanks) })
        #expect(message.contains("goes up to task 7") && message.contains("holds 4 ranked tasks") && message.contains("--array=0-3"))
        #expect(Self.message { _ = try Self.resolve(rank: 4, [:], Self.fourRanks) }?.contains("not below the 4 ranked tasks") == true)
    }

    @Test func kubernetesIndexedJobsGiveTheRankAndTheJobGivesTheCount() throws {
        #expect(try Self.resolve(tasks: 8, ["JOB_COMPLETION_INDEX": "5"]) == TaskLayout(tasks: 8, rank: 5))
        #expect(Self.message { _ = try Self.resolve(tasks: 8, ["JOB_COMPLETION_INDEX": "8"]) } == "--rank 8 is not below --tasks 8")
        #expect(Self.message { _ = try Self.resolve(["JOB_COMPLETION_INDEX": "0"]) } == "--rank needs --tasks N")
        // A Slurm id wins over a Kubernetes index; --rank over both.
        #expect(try Self.resolve(tasks: 8, ["JOB_COMPLETION_INDEX": "5", "SLURM_ARRAY_TASK_ID": "6"]) == TaskLayout(tasks: 8, rank: 6))
        #expect(try Self.resolve(tasks: 8, rank: 1, ["JOB_COMPLETION_INDEX": "5"]) == TaskLayout(tasks: 8, rank: 1))
    }

    @Test func theKubernetesExampleGivesEveryPodTheJobsCompletionsAsTasks() throws {
        let yaml = try String(contentsOfFile: Fixtures.packageRoot.appendingPathComponent("Scripts/k8s-indexed-job.yaml").path, encoding: .utf8)
        func value(after key: String) -> String? {
            guard let range = yaml.range(of: key) else { return nil }
            return String(yaml[range.upperBound...].prefix { $0.isNumber })
        }
        let completions = try #require(value(after: "completions: "))
        #expect(value(after: "\"--tasks\", \"") == completions, "--tasks in the pod's args must equal completions")
        #expect(yaml.contains("completionMode: Indexed"))
    }

    @Test func holdingsSayWhatIsMixed() {
        #expect(!Self.fourRanks.isMixed && Self.fourRanks.tasks == 4)
        #expect(Self.fourRanks.summary == "the output of 4 ranked tasks (--tasks 4)")
        let unranked = OutputHoldings(unranked: true)
        #expect(!unranked.isMixed && unranked.tasks == nil)
        #expect(OutputHoldings(unranked: true, ranks: [0], taskCounts: [2]).isMixed)
        let counts = OutputHoldings(ranks: [0, 1, 2], taskCounts: [2, 3])
        #expect(counts.isMixed && counts.tasks == nil)
        #expect(counts.summary == "a mix: the output of ranked runs with --tasks 2 and --tasks 3")
        #expect(OutputHoldings(ranks: [0, 5], taskCounts: [4]).isMixed)
    }

    @Test func admitRefusesAnotherLayoutAndSaysHowToStartOver() throws {
        let ranked = try #require(Self.message { try Self.fourRanks.admit(TaskLayout(tasks: 2, rank: 0), output: "out") })
        #expect(ranked.contains("out holds the output of 4 ranked tasks (--tasks 4); this run has --tasks 2"))
        #expect(ranked.contains("To start over, remove out"))
        let unranked = try #require(Self.message { try Self.fourRanks.admit(TaskLayout(), output: "out") })
        #expect(unranked.contains("an unranked run would be added next to it"))
        let intoUnranked = try #require(Self.message { try OutputHoldings(unranked: true).admit(TaskLayout(tasks: 3, rank: 0), output: "out") })
        #expect(intoUnranked.contains("holds the output of an unranked run"))
        #expect(Self.message { try OutputHoldings(ranks: [0], taskCounts: [2, 3]).admit(TaskLayout(tasks: 3, rank: 1), output: "out") }?.contains("a mix") == true)
        try Self.fourRanks.admit(TaskLayout(tasks: 4, rank: 2), output: "out")
        try OutputHoldings(unranked: true).admit(TaskLayout(), output: "out")
        try Self.fresh.admit(TaskLayout(tasks: 3, rank: 0), output: "out")
    }
}

/// Ranks of an array start at the same moment: each records the count without tripping over the others
/// (one temporary file shared by all made a rank fail on real Slurm).
@Suite struct TaskCountRecordTests {
    @Test func ranksStartingTogetherAllRecordTheCount() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let out = dir.file("out")
        try FileManager.default.createDirectory(atPath: out + "/.winnow", withIntermediateDirectories: true)
        let failures = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 16) { rank in
            do { try OutputHoldings.record(TaskLayout(tasks: 16, rank: rank), output: out) } catch { failures.withLock { $0 += 1 } }
        }
        #expect(failures.withLock { $0 } == 0)
        #expect(OutputHoldings.read(output: out).taskCounts == [16])
        #expect(dir.list("out/.winnow") == ["tasks"])
    }
}
