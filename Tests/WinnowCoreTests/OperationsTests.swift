import Foundation
import Testing
@testable import WinnowCore

/// Nightly operations: generations, lock, incremental runs, crash safety, ranks, rules diff.
@Suite struct OperationsTests {
    static let added = "2026-11-27T02:00:00Z"

    /// `count` small HTML and text pages, distinct, each long enough to become a record; one empty file (a reject).
    static func makeCorpus(_ dir: TempDir, count: Int, name: String = "corpus") throws -> String {
        for i in 0..<count {
            let paragraph = "Paragraph of document \(i), written with commas, clauses, and enough words to be kept as text."
            if i % 3 == 0 {
                try dir.write("\(name)/t/doc-\(String(format: "%04d", i)).txt", "Title \(i)\n\n\(paragraph)\n\nA second paragraph for document \(i) that also reads like a sentence.\n")
            } else {
                try dir.write("\(name)/h/doc-\(String(format: "%04d", i)).html",
                              "<html><head><title>Page \(i)</title></head><body><nav><a href=/>Home</a></nav><article><h1>Page \(i)</h1><p>\(paragraph)</p><p>Second paragraph of page \(i), long enough to count as the body of the article.</p></article></body></html>")
            }
        }
        try dir.write("\(name)/empty.html", "")
        return dir.file(name)
    }

    static func options(_ inputs: [String], output: String, added: String = added, records: Int = 4) -> RunOptions {
        var options = RunOptions(inputs: inputs, output: output, workers: 2, shardLimits: .init(maxRecords: records), added: added)
        options.progress = .quiet
        return options
    }

    /// All record lines of an unranked or ranked output, by id, with `added` removed; and reject ids.
    static func outputContents(_ dir: String) throws -> (records: [String: String], rejects: [String: Int], recordCount: Int) {
        var records: [String: String] = [:]
        var rejects: [String: Int] = [:]
        var count = 0
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        let manifests = names.filter { $0.hasPrefix("manifest") && $0.hasSuffix(".json") }
        for name in manifests {
            let manifest = try #require(Manifest.read(path: dir + "/" + name))
            for shard in manifest.shards {
                let data = try #require(FileManager.default.contents(atPath: dir + "/" + shard.name))
                #expect(data.count == shard.bytes, "\(shard.name) size differs from the manifest")
                for line in data.split(separator: UInt8(ascii: "\n")) {
                    let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
                    let id = try #require(object["id"] as? String)
                    let text = String(decoding: line, as: UTF8.self)
                    let withoutAdded = text.replacingOccurrences(of: #""added":"[^"]*","#, with: "", options: .regularExpression)
                    #expect(records[id] == nil, "record \(id) twice")
                    records[id] = withoutAdded
                    count += 1
                }
            }
            let rejectData = FileManager.default.contents(atPath: dir + "/" + manifest.rejectsFile) ?? Data()
            for object in try jsonLines([UInt8](rejectData)) {
                rejects[object["id"] as? String ?? "?", default: 0] += 1
            }
        }
        return (records, rejects, count)
    }

    static func setMTime(_ path: String, secondsAgo: Int) {
        var times = [timespec(tv_sec: time(nil) - secondsAgo, tv_nsec: 0), timespec(tv_sec: time(nil) - secondsAgo, tv_nsec: 0)]
        _ = utimensat(AT_FDCWD, path, &times, 0)
    }

    // MARK: incremental

    @Test func incrementalReprocessesExactlyTheTouchedInputsAndAllAfterARuleEdit() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let corpus = try Self.makeCorpus(dir, count: 30)
        let out = dir.file("out")
        let first = try WinnowRunner(options: Self.options([corpus], output: out), config: ConfigLoader.loadDefault()).run()
        #expect(first.status == "complete")
        #expect(dir.exists("out/.winnow/state.sqlite"))
        #expect(dir.exists("out/.winnow/completions/all"))

        // Touch 5 inputs (new mtime, same bytes), delete one, add one.
        let touched = ["h/doc-0001.html", "h/doc-0005.html", "t/doc-0009.txt", "h/doc-0014.html", "t/doc-0021.txt"]
        for name in touched { Self.setMTime(dir.file("corpus/" + name), secondsAgo: 5) }
        try FileManager.default.removeItem(atPath: dir.file("corpus/h/doc-0002.html"))
        try dir.write("corpus/h/new-page.html", "<html><body><article><p>A brand new page, added after the first run, with enough words in it.</p></article></body></html>")

        var options = Self.options([corpus], output: out, added: "2026-11-28T02:00:00Z")
        options.incremental = true
        let second = try WinnowRunner(options: options, config: ConfigLoader.loadDefault()).run()
        #expect(second.status == "complete")
        #expect(second.incremental == IncrementalCounts(new: 1, changed: 5, unchanged: 25, deleted: 1, carried: 25, previousUsable: true, rulesChanged: false))
        // Only the touched and the new inputs carry the new `added`.
        var reprocessed: [String] = []
        for name in dir.list("out") where name.hasPrefix("part-") {
            for record in try jsonLines(try #require(dir.read("out/" + name))) where record["added"] as? String == "2026-11-28T02:00:00Z" {
                reprocessed.append(record["source"] as? String ?? "?")
            }
        }
        #expect(reprocessed.sorted() == (touched + ["h/new-page.html"]).sorted())
        // The output equals a fresh full run (ignoring `added`), and the report counts match.
        let fresh = try WinnowRunner(options: Self.options([corpus], output: dir.file("fresh")), config: ConfigLoader.loadDefault()).run()
        let a = try Self.outputContents(out), b = try Self.outputContents(dir.file("fresh"))
        #expect(a.records == b.records)
        #expect(a.rejects == b.rejects)
        #expect(second.stats.ruleHits == fresh.stats.ruleHits)
        #expect(second.stats.records == fresh.stats.records)

        // Edit one rule: the config hash changes, so every document is reprocessed.
        let yaml = DefaultConfig.yaml.replacingOccurrences(of: "max_link_density: 0.5", with: "max_link_density: 0.6")
        #expect(yaml != DefaultConfig.yaml)
        let edited = try ConfigLoader.load(yaml: yaml, file: "edited.yml")
        let third = try WinnowRunner(options: options, config: edited).run()
        #expect(third.incremental?.rulesChanged == true)
        #expect(third.incremental?.carried == 0)
        #expect(third.incremental?.changed == 31)
        let freshEdited = try WinnowRunner(options: Self.options([corpus], output: dir.file("fresh2")), config: edited).run()
        #expect(freshEdited.status == "complete")
        #expect(try Self.outputContents(out).records == (try Self.outputContents(dir.file("fresh2"))).records)
        // Unchanged corpus, same rules: everything carried.
        let fourth = try WinnowRunner(options: options, config: edited).run()
        #expect(fourth.incremental?.unchanged == 31)
        #expect(fourth.incremental?.carried == 31)
        #expect(try Self.outputContents(out).records == (try Self.outputContents(dir.file("fresh2"))).records)
    }

    @Test func shorterGenerationRemovesStaleShardsAndKeepsOtherFiles() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let corpus = try Self.makeCorpus(dir, count: 12)
        let out = dir.file("out")
        _ = try WinnowRunner(options: Self.options([corpus], output: out, records: 2), config: ConfigLoader.loadDefault()).run()
        #expect(dir.exists("out/part-00005.jsonl"))
        try dir.write("out/keep-me.txt", "not ours")
        try dir.write("out/.winnow/staging/part-00000.jsonl", "left by a killed run\n")
        _ = try WinnowRunner(options: Self.options([corpus + "/t"], output: out, records: 2), config: ConfigLoader.loadDefault()).run()
        #expect(dir.list("out") == [".winnow", "keep-me.txt", "manifest.json", "part-00000.jsonl", "part-00001.jsonl", "rejects.jsonl", "report.json"])
        #expect(!dir.exists("out/.winnow/staging"))
        let manifest = try #require(Manifest.read(path: dir.file("out/manifest.json")))
        #expect(manifest.records == 4)
        #expect(manifest.shards.map(\.name) == ["part-00000.jsonl", "part-00001.jsonl"])
    }

    @Test func aCommitInterruptedAfterItsCommitPointIsRolledForward() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let corpus = try Self.makeCorpus(dir, count: 6)
        let out = dir.file("out")
        _ = try WinnowRunner(options: Self.options([corpus], output: out), config: ConfigLoader.loadDefault()).run()
        let expected = try Self.outputContents(out)
        // Simulate a kill right after the COMMIT file: a staged generation whose files were not renamed yet.
        let layout = TaskLayout()
        let staging = dir.file("out/" + layout.stagingPath)
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        for name in dir.list("out") where name.hasPrefix("part-") || name == "rejects.jsonl" || name == "report.json" {
            try FileManager.default.moveItem(atPath: dir.file("out/" + name), toPath: staging + "/" + name)
        }
        try FileManager.default.moveItem(atPath: dir.file("out/manifest.json"), toPath: staging + "/COMMIT")
        #expect(try Generation.recover(output: out, layout: layout))
        #expect(try Self.outputContents(out).records == expected.records)
        #expect(!dir.exists("out/.winnow/staging"))
        #expect(dir.exists("out/.winnow/completions/all"))
    }

    // MARK: processes

    static func winnow(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ProcessResult {
        let binary = try #require(CLITests.binary, "the winnow binary was not found next to the test bundle")
        var environment = ProcessInfo.processInfo.environment
        for key in ["WINNOW_CONFIG", "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MAX", "JOB_COMPLETION_INDEX"] { environment.removeValue(forKey: key) }
        for (key, value) in extra { environment[key] = value }
        return try Tool.run(binary, arguments, environment: environment)
    }

    static func start(_ arguments: [String]) throws -> Process {
        try WinnowChild(arguments, stderr: FileHandle.nullDevice).process
    }

    /// Waits (up to 20 s) until `path` exists; false if the process ended first.
    static func waitFor(_ path: String, while process: Process) -> Bool {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: path) { return true }
            if !process.isRunning { return false }
            usleep(2_000)
        }
        return false
    }

    @Test func killedAtRandomMomentsAndRestartedEveryInputEndsUpExactlyOnce() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let corpus = try Self.makeCorpus(dir, count: 80)
        let clean = try Self.winnow(["run", "--quiet", "--workers", "2", "--shard-records", "3", "--added", Self.added, "--output", dir.file("clean"), corpus])
        #expect(clean.status == 0, "\(clean.stderrString)")
        let expected = try Self.outputContents(dir.file("clean"))
        #expect(expected.records.count == 80)
        let out = dir.file("out")
        var generator = SystemRandomNumberGenerator()
        for round in 0..<20 {
            var arguments = ["run", "--quiet", "--workers", "2", "--shard-records", "3", "--added", Self.added, "--output", out, corpus]
            if round % 2 == 1 { arguments.insert("--incremental", at: 1) }
            let process = try Self.start(arguments)
            // From "before the lock" to "during the commit": 0–400 ms on this corpus.
            usleep(UInt32.random(in: 0...400_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // Unless the kill landed after the commit point, the last committed generation is intact.
            if !FileManager.default.fileExists(atPath: out + "/.winnow/staging/COMMIT"), dir.exists("out/manifest.json") {
                let previous = try Self.outputContents(out)
                #expect(previous.records == expected.records, "round \(round): the previous generation was damaged by the kill")
            }
            // Restart: the output is whole again.
            let restart = try Self.winnow(round % 3 == 0 ? ["run", "--quiet", "--incremental", "--shard-records", "3", "--added", Self.added, "--output", out, corpus]
                                                         : ["run", "--quiet", "--shard-records", "3", "--added", Self.added, "--output", out, corpus])
            #expect(restart.status == 0, "round \(round): \(restart.stderrString)")
            let got = try Self.outputContents(out)
            #expect(got.records == expected.records, "round \(round): records differ from a clean run")
            #expect(got.recordCount == 80)
            #expect(got.rejects == expected.rejects, "round \(round): rejects differ")
            #expect(!dir.exists("out/.winnow/staging"))
        }
    }

    @Test func aSecondRunOnTheSameOutputExits75AndTheFirstFinishes() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let corpus = try Self.makeCorpus(dir, count: 400)
        let out = dir.file("out")
        let first = try Self.start(["run", "--quiet", "--workers", "1", "--shard-records", "50", "--added", Self.added, "--output", out, corpus])
        #expect(Self.waitFor(out + "/.winnow/staging", while: first), "the first run never started writing")
        // Paused while it holds the lock, so it cannot finish before the second run tries (on a fast
        // machine it did, and the second run then rightly succeeded).
        kill(first.processIdentifier, SIGSTOP)
        let second = try Self.winnow(["run", "--quiet", "--output", out, corpus])
        kill(first.processIdentifier, SIGCONT)
        first.waitUntilExit()
        #expect(second.status == 75)
        #expect(second.stderrString.contains("PID \(first.processIdentifier)"), "\(second.stderrString)")
        #expect(first.terminationStatus == 0)
        let got = try Self.outputContents(out)
        #expect(got.records.count == 400)
        #expect(try jsonObject(atPath: dir.file("out/report.json"))["status"] as? String == "complete")

        // A lock file left by a dead process is taken over.
        try dir.write("out/.winnow/lock", "999999\n")
        let third = try Self.winnow(["run", "--quiet", "--output", out, corpus + "/t"])
        #expect(third.status == 0, "\(third.stderrString)")
    }

    @Test func fourRanksMakeTheRecordsOfOneRunAndStatusFindsAKilledRank() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let corpus = try Self.makeCorpus(dir, count: 60)
        let single = try Self.winnow(["run", "--quiet", "--added", Self.added, "--output", dir.file("single"), corpus])
        #expect(single.status == 0)
        let expected = try Self.outputContents(dir.file("single"))
        let out = dir.file("out")
        var processes: [Process] = []
        for rank in 0..<4 {
            processes.append(try Self.start(["run", "--quiet", "--workers", "1", "--tasks", "4", "--rank", String(rank), "--added", Self.added, "--output", out, corpus]))
        }
        for process in processes { process.waitUntilExit(); #expect(process.terminationStatus == 0) }
        #expect(dir.exists("out/part-00002-00000.jsonl"))
        #expect(dir.exists("out/rejects-00003.jsonl"))
        #expect(dir.exists("out/report-00001.json"))
        #expect(!dir.exists("out/report.json"))
        let merged = try Self.outputContents(out)
        #expect(merged.records == expected.records)
        #expect(merged.rejects == expected.rejects)
        let allDone = try Self.winnow(["status", out])
        #expect(allDone.status == 0, "\(allDone.stdoutString)")
        #expect(allDone.stdoutString.contains("4 done"))
        let report = try Self.winnow(["report", out])
        #expect(report.status == 0)
        let mergedReport = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout)) as? [String: Any])
        #expect(mergedReport["records"] as? Int == expected.records.count)
        #expect(mergedReport["status"] as? String == "complete")

        // Rank 2 again (from the environment, as Slurm sets it), killed mid-run.
        try FileManager.default.removeItem(atPath: out + "/.winnow/state-00002.sqlite")
        let binary = try #require(CLITests.binary)
        let killed = Process()
        killed.executableURL = URL(fileURLWithPath: binary)
        killed.arguments = ["run", "--quiet", "--workers", "1", "--shard-records", "1", "--added", Self.added, "--output", out, corpus]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "JOB_COMPLETION_INDEX")
        environment["SLURM_ARRAY_TASK_ID"] = "2"
        environment["SLURM_ARRAY_TASK_COUNT"] = "4"
        killed.environment = environment
        killed.standardError = FileHandle.nullDevice
        try killed.run()
        #expect(Self.waitFor(out + "/.winnow/staging-00002", while: killed))
        kill(killed.processIdentifier, SIGKILL)
        killed.waitUntilExit()
        let status = try Self.winnow(["status", out])
        #expect(status.status == 3)
        let line = status.stdoutString.split(separator: "\n").first { $0.hasPrefix("rank 00002") }
        #expect(line?.contains("incomplete") == true, "\(status.stdoutString)")
        #expect(status.stdoutString.contains("3 done, 1 incomplete"), "\(status.stdoutString)")
        // Re-running that rank alone completes the output.
        let rerun = try Self.winnow(["run", "--quiet", "--tasks", "4", "--rank", "2", "--added", Self.added, "--output", out, corpus])
        #expect(rerun.status == 0, "\(rerun.stderrString)")
        #expect(try Self.winnow(["status", out]).status == 0)
        #expect(try Self.outputContents(out).records == expected.records)
    }

    // MARK: rules diff

    @Test func rulesDiffShowsTheRemovedRulesLineComingBack() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let yaml = DefaultConfig.yaml
        let start = try #require(yaml.range(of: "  - name: ad-placeholder\n"))
        let end = try #require(yaml.range(of: "  - name:", range: start.upperBound..<yaml.endIndex))
        let without = String(yaml[..<start.lowerBound]) + String(yaml[end.lowerBound...])
        let old = try dir.write("old.yml", yaml)
        let new = try dir.write("new.yml", without)
        let seed = try dir.write("seed.txt", try Fixtures.bytes("text/seed-dump.txt"))

        let result = RulesDiff(old: try ConfigLoader.load(path: old), new: try ConfigLoader.load(path: new), workers: 2)
            .run(entries: try InputDiscovery().discover(roots: [seed]).entries)
        #expect(result.documents == 1)
        #expect(result.oldHits["rule.line.ad-placeholder"] == 1)
        #expect(result.newHits["rule.line.ad-placeholder"] == nil)
        let sample = try #require(result.samples.first)
        #expect(sample.ruleKept.contains("ARTICLE AD BOX") || sample.appeared.contains("ARTICLE AD BOX"))

        let cli = try Self.winnow(["rules", "diff", old, new, seed])
        #expect(cli.status == 0, "\(cli.stderrString)")
        #expect(cli.stdoutString.contains("rule.line.ad-placeholder  1 → 0"))
        #expect(cli.stdoutString.contains("+ ARTICLE AD BOX"))
        let json = try Self.winnow(["rules", "diff", "--json", old, new, seed])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [String: Any])
        #expect(object["documents"] as? Int == 1)

        // A text change that reaches the output: a rule that drops a body line.
        let dropping = yaml.replacingOccurrences(of: "lines:\n", with: "lines:\n  - name: drop-residents\n    regex: 'Residents were advised.*'\n", options: [], range: yaml.range(of: "\nlines:\n"))
        let newer = try dir.write("newer.yml", dropping)
        let changed = try Self.winnow(["rules", "diff", old, newer, seed])
        #expect(changed.stdoutString.contains("text changed: 1"), "\(changed.stdoutString)")
        #expect(changed.stdoutString.contains("- Residents were advised"), "\(changed.stdoutString)")
    }
}
