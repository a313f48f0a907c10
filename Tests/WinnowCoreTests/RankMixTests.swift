import Foundation
import Testing
@testable import WinnowCore

/// Issue 14 item 3 through the CLI: ranks of another --tasks, or an unranked run, in a ranked output
/// directory are refused (exit 64) and leave it as it was; a directory already mixed is flagged by
/// `status` and `report` (exit 3). Issue 15: a re-submitted Slurm task keeps the directory's count.
@Suite struct RankMixTests {
    typealias Ops = OperationsTests

    static func ranks(_ count: Int, corpus: String, output: String) throws {
        for rank in 0..<count {
            let run = try Ops.winnow(["run", "--quiet", "--workers", "1", "--tasks", String(count), "--rank", String(rank),
                                      "--added", Ops.added, "--output", output, corpus])
            #expect(run.status == 0, "\(run.stderrString)")
        }
    }

    @Test func anotherTaskCountOrAnUnrankedRunIsRefusedAndTheOutputStaysWhole() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let corpus = try Ops.makeCorpus(dir, count: 30)
        let out = dir.file("out")
        try Self.ranks(3, corpus: corpus, output: out)
        let expected = try Ops.outputContents(out)
        #expect(expected.records.count == 30)
        #expect(String(decoding: dir.read("out/.winnow/tasks") ?? [], as: UTF8.self) == "3\n")

        let two = try Ops.winnow(["run", "--quiet", "--tasks", "2", "--rank", "0", "--added", Ops.added, "--output", out, corpus])
        #expect(two.status == 64)
        #expect(two.stderrString.contains("holds the output of 3 ranked tasks (--tasks 3); this run has --tasks 2"), "\(two.stderrString)")
        #expect(two.stderrString.contains("To start over, remove \(out)"))
        let unranked = try Ops.winnow(["run", "--quiet", "--added", Ops.added, "--output", out, corpus])
        #expect(unranked.status == 64)
        #expect(unranked.stderrString.contains("an unranked run would be added next to it"), "\(unranked.stderrString)")
        #expect(!dir.exists("out/manifest.json") && !dir.exists("out/.winnow/lock"))
        #expect(try Ops.outputContents(out).records == expected.records)
        #expect(try Ops.winnow(["status", out]).status == 0)

        // A ranked run into an unranked directory is refused the same way.
        let single = dir.file("single")
        #expect(try Ops.winnow(["run", "--quiet", "--added", Ops.added, "--output", single, corpus]).status == 0)
        let ranked = try Ops.winnow(["run", "--quiet", "--tasks", "2", "--rank", "1", "--output", single, corpus])
        #expect(ranked.status == 64)
        #expect(ranked.stderrString.contains("holds the output of an unranked run"), "\(ranked.stderrString)")
        #expect(!dir.exists("single/manifest-00001.json"))
    }

    @Test func aMixedDirectoryIsFlaggedByStatusAndReport() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let corpus = try Ops.makeCorpus(dir, count: 30)
        let out = dir.file("out")
        try Self.ranks(3, corpus: corpus, output: out)
        // What a Winnow without the check left: rank 0 rewritten by a --tasks 2 run, and an unranked run.
        let other = dir.file("other")
        let two = try Ops.winnow(["run", "--quiet", "--tasks", "2", "--rank", "0", "--added", Ops.added, "--output", other, corpus])
        #expect(two.status == 0)
        for name in dir.list("other") where name.hasPrefix("part-00000-") || name.hasSuffix("-00000.json") || name.hasSuffix("-00000.jsonl") {
            try? FileManager.default.removeItem(atPath: out + "/" + name)
            try FileManager.default.copyItem(atPath: other + "/" + name, toPath: out + "/" + name)
        }
        try FileManager.default.removeItem(atPath: out + "/.winnow/tasks")

        let status = try Ops.winnow(["status", out])
        #expect(status.status == 3)
        #expect(status.stdoutString.contains("committed by a run with --tasks 2, not 3"), "\(status.stdoutString)")
        #expect(status.stdoutString.contains("mixed: \(out) holds a mix: the output of ranked runs with --tasks 2 and --tasks 3"), "\(status.stdoutString)")
        let json = try Ops.winnow(["status", "--json", out])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [String: Any])
        #expect(object["all_done"] as? Bool == false)
        #expect((object["mixed"] as? String)?.contains("not one corpus") == true)
        let report = try Ops.winnow(["report", out])
        #expect(report.status == 3)
        let merged = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout)) as? [String: Any])
        #expect(merged["status"] as? String == "mixed")
        #expect(report.stderrString.contains("mixed: "), "\(report.stderrString)")
        // Any further run is refused until the directory is started over.
        let again = try Ops.winnow(["run", "--quiet", "--tasks", "3", "--rank", "0", "--output", out, corpus])
        #expect(again.status == 64)
        #expect(again.stderrString.contains("is not one corpus") || again.stderrString.contains("not one corpus"), "\(again.stderrString)")

        // An unranked run's files next to ranked ones: the same.
        let mixedOut = dir.file("mixed")
        try Self.ranks(2, corpus: corpus, output: mixedOut)
        #expect(try Ops.winnow(["run", "--quiet", "--added", Ops.added, "--output", other + "-single", corpus]).status == 0)
        for name in ["manifest.json", "report.json", "rejects.jsonl", "part-00000.jsonl"] {
            try FileManager.default.copyItem(atPath: other + "-single/" + name, toPath: mixedOut + "/" + name)
        }
        let mixedStatus = try Ops.winnow(["status", mixedOut])
        #expect(mixedStatus.status == 3)
        #expect(mixedStatus.stdoutString.contains("the output of an unranked run (manifest.json) and of ranked runs with --tasks 2"), "\(mixedStatus.stdoutString)")
        #expect(try Ops.winnow(["report", mixedOut]).status == 3)
    }

    @Test func aResubmittedSlurmTaskKeepsTheDirectorysTaskCount() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let corpus = try Ops.makeCorpus(dir, count: 30)
        let single = dir.file("single")
        #expect(try Ops.winnow(["run", "--quiet", "--added", Ops.added, "--output", single, corpus]).status == 0)
        let expected = try Ops.outputContents(single)
        let out = dir.file("out")
        // sbatch --array=0-3: the count from SLURM_ARRAY_TASK_MAX + 1; rank 2 never runs (cancelled while pending).
        for rank in [0, 1, 3] {
            let run = try Ops.winnow(["run", "--quiet", "--added", Ops.added, "--output", out, corpus],
                                     environment: ["SLURM_ARRAY_TASK_ID": String(rank), "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MAX": "3"])
            #expect(run.status == 0, "\(run.stderrString)")
        }
        let status = try Ops.winnow(["status", out])
        #expect(status.status == 3)
        let line = status.stdoutString.split(separator: "\n").first { $0.hasPrefix("rank 00002") }
        #expect(line?.contains("missing") == true && line?.contains("never started") == true, "\(status.stdoutString)")
        // sbatch --array=2: Slurm says 1 task, highest id 2; the directory says 4.
        let resubmitted = try Ops.winnow(["run", "--quiet", "--added", Ops.added, "--output", out, corpus],
                                         environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "1", "SLURM_ARRAY_TASK_MAX": "2"])
        #expect(resubmitted.status == 0, "\(resubmitted.stderrString)")
        #expect(try Ops.winnow(["status", out]).status == 0)
        #expect(try Ops.outputContents(out).records == expected.records)
        // The whole array again with 8 tasks: refused, the directory holds 4.
        let bigger = try Ops.winnow(["run", "--quiet", "--output", out, corpus],
                                    environment: ["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "8", "SLURM_ARRAY_TASK_MAX": "7"])
        #expect(bigger.status == 64)
        #expect(bigger.stderrString.contains("goes up to task 7"), "\(bigger.stderrString)")
    }
}
