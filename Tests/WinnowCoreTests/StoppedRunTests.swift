import Foundation
import Testing
@testable import WinnowCore

/// Issue 14 item 9: a run stopped by SIGTERM/SIGINT must not shrink the published corpus. Readers keep
/// the last complete generation, the stopped run's finished work waits in `.winnow/resume` and the next
/// run continues from it (with or without --incremental), and `status`/`report` say so. The real binary,
/// each wait bounded.
@Suite struct StoppedRunTests {
    static let added = "2026-11-27T02:00:00Z"

    /// Enough small text inputs that a one-worker debug run takes a few seconds.
    static func writeCorpus(_ dir: TempDir, count: Int = 400) throws {
        for i in 0..<count {
            try dir.write("corpus/doc-\(String(format: "%04d", i)).txt",
                          "Document \(i)\n\nA paragraph of ordinary prose for document \(i), long enough to be kept as a record of its own.\n")
        }
    }

    /// The ids of a generation, read through its manifest (what a reader does).
    static func ids(_ dir: TempDir, _ out: String) throws -> [String] {
        let manifest = try jsonObject(atPath: dir.file(out + "/manifest.json"))
        var ids: [String] = []
        for shard in manifest["shards"] as? [[String: Any]] ?? [] {
            let name = try #require(shard["name"] as? String)
            ids += try jsonLines(try #require(dir.read(out + "/" + name))).compactMap { $0["id"] as? String }
        }
        return ids
    }

    /// Starts a run and sends `signal` once it has committed `shards` one-record shards in staging.
    static func stoppedRun(_ dir: TempDir, signal: Int32, shards: Int, extra: [String] = []) throws -> (status: Int32, signalled: Bool, stderr: String)? {
        let run = try WinnowChild(["run", "--quiet", "--workers", "1", "--shard-records", "1", "--added", added, "--output", dir.file("out")]
                                  + extra + [dir.file("corpus")])
        let staging = dir.file("out/.winnow/staging")
        let deadline = Date().addingTimeInterval(60)
        while run.process.isRunning && Date() < deadline {
            let parts = ((try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? []).filter { $0.hasPrefix("part-") }
            if parts.count >= shards { break }
            usleep(2_000)
        }
        kill(run.pid, signal)
        return run.wait(60)
    }

    @Test func aStoppedRunKeepsThePublishedGenerationAndTheNextRunResumes() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try Self.writeCorpus(dir)
        let winnow = try #require(CLITests.binary)
        // The published generation: all 400 inputs.
        let first = try WinnowChild(["run", "--quiet", "--shard-records", "1", "--added", Self.added, "--output", dir.file("out"), dir.file("corpus")])
        #expect(try #require(first.wait(120)).status == 0)
        let published = try Self.ids(dir, "out")
        #expect(published.count == 400)
        let manifest = try #require(dir.read("out/manifest.json"))
        let report = try #require(dir.read("out/report.json"))

        // Inputs touched: the re-run has work to do; stopped a few documents in.
        for i in 0..<400 { utimes(dir.file("corpus/doc-\(String(format: "%04d", i)).txt"), nil) }
        let stopped = try #require(try Self.stoppedRun(dir, signal: SIGTERM, shards: 5), "the stopped run did not end")
        #expect(stopped.status == 143, "\(stopped.stderr)")
        #expect(!stopped.signalled)
        #expect(stopped.stderr.contains("readers keep the last complete generation"), "\(stopped.stderr)")
        // Readers see exactly the previous generation: not shrunk, not touched.
        #expect(dir.read("out/manifest.json") == manifest)
        #expect(dir.read("out/report.json") == report)
        #expect(try Self.ids(dir, "out") == published)
        let parked = try jsonObject(atPath: dir.file("out/.winnow/resume/report.json"))
        #expect(parked["status"] as? String == "interrupted")
        let finished = try #require((parked["inputs"] as? [String: Any])?["processed"] as? Int)
        #expect(finished >= 5 && finished < 400, "\(finished)")

        // status: incomplete, and it says where the finished work is; report agrees (exit 3).
        let status = try Tool.run(winnow, ["status", dir.file("out")])
        #expect(status.status == 3)
        #expect(status.stdoutString.contains("incomplete"), "\(status.stdoutString)")
        #expect(status.stdoutString.contains("interrupted by a signal after \(finished) of 400 inputs"), "\(status.stdoutString)")
        #expect(status.stdoutString.contains("readers keep the last complete generation"))
        let statusJSON = try Tool.run(winnow, ["status", "--json", dir.file("out")])
        let task = try #require((try JSONSerialization.jsonObject(with: Data(statusJSON.stdout)) as? [String: Any])?["tasks"] as? [[String: Any]]).first
        #expect(task?["resumable_documents"] as? Int == finished)
        #expect(task?["documents"] as? Int == 400, "the counts are the published generation's")
        let merged = try Tool.run(winnow, ["report", dir.file("out")])
        #expect(merged.status == 3)
        #expect((try JSONSerialization.jsonObject(with: Data(merged.stdout)) as? [String: Any])?["status"] as? String == "interrupted")

        // The next (plain) run copies the finished documents and processes the rest.
        let next = try WinnowChild(["run", "--quiet", "--shard-records", "1", "--added", Self.added, "--output", dir.file("out"), dir.file("corpus")])
        let nextResult = try #require(next.wait(120))
        #expect(nextResult.status == 0, "\(nextResult.stderr)")
        let final = try jsonObject(atPath: dir.file("out/report.json"))
        let resumed = try #require(final["resumed"] as? [String: Any])
        #expect(resumed["documents"] as? Int == finished)
        #expect(resumed["inputs"] as? Int == finished)
        #expect(try Self.ids(dir, "out").sorted() == published.sorted())
        #expect(!dir.exists("out/.winnow/resume"))
        #expect(try Tool.run(winnow, ["status", dir.file("out")]).status == 0)
    }

    /// Stopped twice: the second stop keeps what the first had finished as well (nothing is lost);
    /// with no previous generation at all, nothing is published until a run completes.
    @Test func aResumedRunStoppedAgainLosesNothing() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try Self.writeCorpus(dir)
        let one = try #require(try Self.stoppedRun(dir, signal: SIGINT, shards: 3))
        #expect(one.status == 130, "\(one.stderr)")
        #expect(!dir.exists("out/manifest.json"))
        #expect(!dir.list("out").contains { $0.hasPrefix("part-") })
        let firstDone = try #require((try jsonObject(atPath: dir.file("out/.winnow/resume/report.json"))["inputs"] as? [String: Any])?["processed"] as? Int)
        let two = try #require(try Self.stoppedRun(dir, signal: SIGTERM, shards: firstDone + 3, extra: ["--incremental"]))
        #expect(two.status == 143, "\(two.stderr)")
        let second = try jsonObject(atPath: dir.file("out/.winnow/resume/report.json"))
        #expect((second["resumed"] as? [String: Any])?["documents"] as? Int == firstDone)
        let secondDone = try #require((second["inputs"] as? [String: Any])?["processed"] as? Int)
        #expect(secondDone > firstDone)
        let last = try WinnowChild(["run", "--quiet", "--added", Self.added, "--output", dir.file("out"), dir.file("corpus")])
        #expect(try #require(last.wait(120)).status == 0)
        #expect((try jsonObject(atPath: dir.file("out/report.json"))["resumed"] as? [String: Any])?["documents"] as? Int == secondDone)
        let ids = try Self.ids(dir, "out")
        #expect(ids.count == 400 && Set(ids).count == 400)
    }

    /// Item 18: a run that fails on a write (here EFBIG: `ulimit -f` with SIGXFSZ ignored, the same path
    /// as ENOSPC) leaves the previous generation; `status` and `report` agree it failed, and neither the
    /// summary nor the failure report names the old generation's shards as this run's output.
    @Test func aFailedWriteMakesStatusAndReportAgree() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try Self.writeCorpus(dir)
        let winnow = try #require(CLITests.binary)
        let small = try dir.write("small/a.txt", "A small first corpus\n\nWith one paragraph of prose that is long enough to be a record.\n")
        let first = try Tool.run(winnow, ["run", "--quiet", "--added", Self.added, "--output", dir.file("out"), small])
        #expect(first.status == 0, "\(first.stderrString)")
        let manifest = try #require(dir.read("out/manifest.json"))
        // 400 records in one shard are well over 64 KiB.
        let limited = try Tool.run("/bin/bash", ["-c", "trap '' XFSZ; ulimit -f 64; exec timeout -s KILL 120 \"$0\" \"$@\"", winnow,
                                                 "run", "--workers", "1", "--added", Self.added, "--output", dir.file("out"), dir.file("corpus")])
        #expect(limited.status == 74, "\(limited.stderrString)")
        #expect(limited.stderrString.contains("unchanged"), "\(limited.stderrString)")
        #expect(!limited.stderrString.contains("shard(s)"), "\(limited.stderrString)")
        #expect(limited.stderrString.contains("File too large"), "\(limited.stderrString)")
        #expect(dir.read("out/manifest.json") == manifest)
        let failure = try jsonObject(atPath: dir.file("out/.winnow/failed.json"))
        #expect(failure["status"] as? String == "failed")
        #expect((failure["shards"] as? [Any])?.isEmpty == true)
        let status = try Tool.run(winnow, ["status", dir.file("out")])
        #expect(status.status == 3)
        #expect(status.stdoutString.contains("failed"), "\(status.stdoutString)")
        let report = try Tool.run(winnow, ["report", dir.file("out")])
        #expect(report.status == 3)
        #expect((try JSONSerialization.jsonObject(with: Data(report.stdout)) as? [String: Any])?["status"] as? String == "failed")
        #expect(report.stderrString.contains("failed"), "\(report.stderrString)")
    }
}
