import Foundation
import Testing
@testable import WinnowCore

/// The distributed dedup path (`--tasks N` ranks writing signatures, `winnow dedup buckets`,
/// `clusters`, `apply`) removes exactly what one unranked `winnow run` with the same dedup config
/// removes: the same documents, the same reasons, the same kept document named in `detail`, the same
/// record bytes and the same cluster-size histogram.
@Suite struct DistributedDedupTests {
    init() { _ = LibXML.ready }

    /// Text files and a JSONL container whose lines copy the files and each other: copies across
    /// ranks, inside one container, exact (case and punctuation changed), near, and copies of near copies.
    static func makeCorpus(in dir: TempDir, seed: UInt64 = 0, files: Int = 24) throws {
        let originals = (0..<10).map { DedupTests.prose(seed: seed + UInt64($0) * 1000) }
        var generator = SplitMix(seed: seed + 7)
        for i in 0..<files {
            var words = originals[Int(generator.next() % UInt64(originals.count))]
            switch generator.next() % 4 {
            case 0: words = DedupTests.prose(seed: seed + 50_000 + UInt64(i))        // unrelated
            case 1: break                                                             // exact copy
            default: for _ in 0..<(1 + generator.next() % 4) { words[Int(generator.next() % UInt64(words.count))] = "zebra" }  // near
            }
            let text = DedupTests.page(words)
            try dir.write("in/f\(String(format: "%03d", i)).txt", i % 3 == 0 ? text.uppercased() : text)
        }
        var lines: [String] = []
        for i in 0..<12 {
            var words = originals[(i * 7) % originals.count]
            if i % 3 == 2 { words[Int(generator.next() % UInt64(words.count))] = "giraffe" }
            if i % 5 == 4 { words = DedupTests.prose(seed: seed + 90_000 + UInt64(i)) }
            let text = DedupTests.page(words).replacingOccurrences(of: "\n", with: " ")
            lines.append("{\"id\":\"j\(i)\",\"text\":\"\(text)\"}")
        }
        try dir.write("in/m-lines.jsonl", lines.joined(separator: "\n") + "\n")
    }

    static func options(_ inputs: [String], output: String, layout: TaskLayout = TaskLayout(), incremental: Bool = false) -> RunOptions {
        var options = RunOptions(inputs: inputs, output: output, workers: 2, shardLimits: .init(maxRecords: 7), progress: .quiet, added: RunnerTests.added)
        options.layout = layout
        options.incremental = incremental
        return options
    }

    /// Runs the ranks, then every distributed stage in-process; returns the apply reports (and the
    /// ranks' run reports in `runs`).
    @discardableResult
    static func distributed(_ inputs: [String], output: String, tasks: Int, incremental: Bool = false, runs: UnsafeMutablePointer<[RunReport]>? = nil) throws -> [RunReport] {
        let config = try DedupTests.config()
        for rank in 0..<tasks {
            let report = try WinnowRunner(options: options(inputs, output: output, layout: TaskLayout(tasks: tasks, rank: rank), incremental: incremental), config: config).run()
            #expect(report.status == "complete" && report.stats.rejectsByReason.keys.allSatisfy { !$0.hasPrefix("dedup.") })
            runs?.pointee.append(report)
        }
        let buckets = try DedupStages.buckets(output: output, keys: nil)
        #expect(buckets.count == 15 && buckets.allSatisfy(\.written))
        _ = try DedupStages.clusters(output: output)
        return try (0..<tasks).compactMap { try DedupApply.run(output: output, rank: $0, shardLimits: .init(maxRecords: 5)).report }
    }

    /// "source reason detail" of every dedup reject in OUTPUT.
    static func removed(_ output: String) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: output).filter { $0.hasPrefix("rejects") }
        return try names.flatMap { name in
            try jsonLines(try #require(FileManager.default.contents(atPath: output + "/" + name)).map { $0 })
        }.compactMap { line -> String? in
            guard line["stage"] as? String == "dedup" else { return nil }
            return "\(line["source"] ?? "") \(line["reason"] ?? "") \(line["detail"] ?? "")"
        }.sorted()
    }

    /// Every record line of the shards the manifests list, sorted.
    static func records(_ output: String) throws -> [String] {
        let manifests = try FileManager.default.contentsOfDirectory(atPath: output).filter { $0.hasPrefix("manifest") }
        return try manifests.flatMap { name -> [String] in
            let manifest = try #require(Manifest.read(path: output + "/" + name))
            return try manifest.shards.flatMap { shard in
                String(decoding: try #require(FileManager.default.contents(atPath: output + "/" + shard.name)), as: UTF8.self)
                    .split(separator: "\n").map(String.init)
            }
        }.sorted()
    }

    @Test(arguments: [2, 3, 4])
    func ranksAndStagesRemoveWhatOneRunRemoves(tasks: Int) throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try Self.makeCorpus(in: dir)
        let one = try WinnowRunner(options: Self.options([dir.file("in")], output: dir.file("one")), config: try DedupTests.config()).run()
        let expected = try Self.removed(dir.file("one"))
        #expect(expected.count >= 10, "the corpus has copies: \(expected.count)")
        #expect(expected.contains { $0.contains("dedup.exact") } && expected.contains { $0.contains("dedup.near") })
        #expect(expected.contains { $0.hasPrefix("m-lines.jsonl#") }, "copies inside the container too")
        let reports = try Self.distributed([dir.file("in")], output: dir.file("ranks"), tasks: tasks)
        #expect(try Self.removed(dir.file("ranks")) == expected)
        #expect(try Self.records(dir.file("ranks")) == Self.records(dir.file("one")))
        var sizes: [Int: Int] = [:]
        for report in reports { for (size, n) in report.dedup?.clusterSizes ?? [:] { sizes[size, default: 0] += n } }
        #expect(sizes == one.dedup?.clusterSizes)
        // `winnow report` adds up the ranks' counts and histograms, not their settings.
        let merged = try #require(MergedReport.read(output: dir.file("ranks"))?.report.dedup)
        #expect(merged.bands == 14 && merged.rows == 8 && merged.exact == true && merged.stage == "applied")
        #expect(merged.clusterSizes?.dictionary == Dictionary(uniqueKeysWithValues: sizes.map { (String($0.key), $0.value) }))
        #expect(merged.removed?.dictionary["dedup.near"] == one.stats.rejectsByReason["dedup.near"])
        #expect(reports.map(\.stats.documents).reduce(0, +) == one.stats.documents)
        let status = OutputStatus.read(output: dir.file("ranks"))
        #expect(status.allDone && status.dedup?.complete == true && status.dedup?.bandsDone == 15)
        // inspect --output names the same cluster whether the output has an index or the stages' files.
        let settings = try DedupTests.config().config.dedup
        var named = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.file("in")).sorted() where name.hasSuffix(".txt") {
            let text = try #require(dir.read("in/" + name))
            let single = DedupInspection.lines(text: text, source: name, output: dir.file("one"), settings: settings)
            let ranked = DedupInspection.lines(text: text, source: name, output: dir.file("ranks"), settings: settings)
            let plain = ranked.map { $0.replacingOccurrences(of: dir.file("ranks"), with: dir.file("one")).replacingOccurrences(of: #" \(rank \d+\)"#, with: "", options: .regularExpression) }
            #expect(plain == single, "\(name)")
            if single.first?.contains("cluster ") == true { named += 1 }
        }
        #expect(named >= 10)
    }

    @Test func stagesAreIdempotentAndRefuseStaleInputs() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try Self.makeCorpus(in: dir, seed: 11)
        let out = dir.file("ranks")
        let config = try DedupTests.config()
        // Before every rank is done, the stages say what is missing (exit 66).
        _ = try WinnowRunner(options: Self.options([dir.file("in")], output: out, layout: TaskLayout(tasks: 2, rank: 0)), config: config).run()
        #expect(throws: RunError.self) { try DedupStages.buckets(output: out, keys: nil) }
        #expect(OutputStatus.read(output: out).dedup?.waiting != nil)
        try Self.distributed([dir.file("in")], output: out, tasks: 2)
        let removed = try Self.removed(out)
        // Again: nothing is written, nothing changes.
        #expect(try DedupStages.buckets(output: out, keys: 3...4).allSatisfy { !$0.written })
        #expect(try !DedupStages.clusters(output: out).written)
        #expect(try DedupApply.run(output: out, rank: 1).written == false)
        #expect(try Self.removed(out) == removed)
        #expect(OutputStatus.read(output: out).allDone)
        // A rank run again (new signatures): the old clusters no longer apply.
        _ = try WinnowRunner(options: Self.options([dir.file("in")], output: out, layout: TaskLayout(tasks: 2, rank: 1)), config: config).run()
        let status = OutputStatus.read(output: out)
        #expect(!status.allDone && status.dedup?.bandsDone == 0 && status.dedup?.applied == 0)
        do {
            _ = try DedupApply.run(output: out, rank: 1)
            Issue.record("apply used clusters of older generations")
        } catch {
            #expect(error.code == .noInput)
        }
        // Rank 0 applied the old clusters: it must be run again before the new ones apply.
        #expect(throws: RunError.self) {
            _ = try DedupStages.buckets(output: out, keys: nil)
            _ = try DedupStages.clusters(output: out)
            _ = try DedupApply.run(output: out, rank: 0)
        }
        #expect(throws: RunError.self) { try DedupStages.buckets(output: out, keys: 15...15) }
    }

    /// Night two: new pages and an edited one; the ranks run `--incremental` (documents removed on
    /// night one are processed again so that their signatures are there), then the stages again.
    @Test func incrementalRanksGiveWhatOneRunOverEverythingGives() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try Self.makeCorpus(in: dir, seed: 21)
        try Self.distributed([dir.file("in")], output: dir.file("ranks"), tasks: 3, incremental: true)
        // Files holding a removed document on night one: processed again on night two.
        let removedFiles = Set(try Self.removed(dir.file("ranks")).map { String($0.prefix { $0 != " " && $0 != "#" }) })
        for i in 0..<4 { try dir.write("in/n\(i).txt", DedupTests.page(DedupTests.prose(seed: 21 + UInt64(i % 2) * 1000))) }
        try dir.write("in/f001.txt", DedupTests.page(DedupTests.prose(seed: 4242)))
        var runs: [RunReport] = []
        let reports = try Self.distributed([dir.file("in")], output: dir.file("ranks"), tasks: 3, incremental: true, runs: &runs)
        #expect(reports.count == 3)
        let counts = runs.compactMap(\.incremental)
        #expect(counts.map(\.new).reduce(0, +) == 4)
        // The edited file, and every file with a document removed on night one.
        #expect(counts.map(\.changed).reduce(0, +) == removedFiles.union(["f001.txt"]).count, "\(removedFiles)")
        _ = try WinnowRunner(options: Self.options([dir.file("in")], output: dir.file("one")), config: try DedupTests.config()).run()
        #expect(try Self.removed(dir.file("ranks")) == Self.removed(dir.file("one")))
        #expect(try Self.records(dir.file("ranks")) == Self.records(dir.file("one")))
    }

    @Test func ranksRefuseDedupAgainst() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try Self.makeCorpus(in: dir, seed: 3, files: 4)
        var options = Self.options([dir.file("in")], output: dir.file("ranks"), layout: TaskLayout(tasks: 2, rank: 0))
        options.dedupAgainst = [dir.file("in")]
        let config = try DedupTests.config()
        do {
            _ = try WinnowRunner(options: options, config: config).run()
            Issue.record("--dedup-against was accepted with --tasks")
        } catch {
            #expect(error.code == .usage)
        }
    }

    @Test func bandArguments() throws {
        #expect(try DedupStages.bandRange("3", environment: [:]) == 3...3)
        #expect(try DedupStages.bandRange("2-14", environment: [:]) == 2...14)
        #expect(try DedupStages.bandRange(nil, environment: ["SLURM_ARRAY_TASK_ID": "5"]) == 5...5)
        #expect(try DedupStages.bandRange(nil, environment: ["JOB_COMPLETION_INDEX": "7"]) == 7...7)
        #expect(try DedupStages.bandRange(nil, environment: [:]) == nil)
        for bad in ["x", "4-2", "-1", "1-2-3"] { #expect(throws: RunError.self) { try DedupStages.bandRange(bad, environment: [:]) } }
        #expect(Pipeline.standardStageNames == Pipeline(config: try DedupTests.config(), added: RunnerTests.added).stageNames)
    }

    /// `kill -9` at a random moment of each stage (the binary, as a scheduler runs it), the ranks writing
    /// their signatures included, then the stage run again: the same documents removed and the same
    /// records as a clean chain of stages. The moment is drawn from the whole time the stage took in the
    /// clean chain, so kills land from start-up to commit whatever the build and the machine's load.
    @Test func killedStagesRunAgainGiveTheSameResult() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try Self.makeCorpus(in: dir, seed: 5, files: 40)
        let config = try dir.write("dedup.yml", "version: 1\ndedup:\n  exact: true\n  near: true\n")
        let ranks: [(String) -> [String]] = (0..<2).map { rank in
            { ["run", "--quiet", "--added", RunnerTests.added, "--config", config, "--tasks", "2", "--rank", "\(rank)", "--output", $0, dir.file("in")] }
        }
        let stages: [(String) -> [String]] = [["buckets"], ["clusters"], ["apply", "--rank", "0"], ["apply", "--rank", "1"]].map { stage in
            { ["dedup"] + stage + [$0] }
        }
        let steps = ranks + stages
        let clean = dir.file("clean")
        var microseconds: [UInt32] = []
        for step in steps {
            let started = ContinuousClock.now
            let result = try OperationsTests.winnow(step(clean))
            let took = started.duration(to: .now).components
            microseconds.append(UInt32(min(10_000_000, took.seconds * 1_000_000 + took.attoseconds / 1_000_000_000_000)))
            #expect(result.status == 0, "\(step(clean)): \(result.stderrString)")
        }
        let expected = (try Self.removed(clean), try Self.records(clean))
        #expect(expected.0.count >= 10)
        var generator = SystemRandomNumberGenerator()
        for round in 0..<3 {
            let out = dir.file("killed\(round)")
            for (step, took) in zip(steps, microseconds) {
                let process = try OperationsTests.start(step(out))
                usleep(UInt32.random(in: 0...took, using: &generator))
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                let again = try OperationsTests.winnow(step(out))
                #expect(again.status == 0, "round \(round), \(step(out)): \(again.stderrString)")
            }
            #expect(try Self.removed(out) == expected.0, "round \(round)")
            #expect(try Self.records(out) == expected.1, "round \(round)")
            let status = try OperationsTests.winnow(["status", out])
            #expect(status.status == 0, "round \(round): \(String(decoding: status.stdout, as: UTF8.self))")
        }
    }

    /// The Kubernetes example: the buckets Job has one index per band of FineWeb's config, the apply Job
    /// one per rank of the ranks' Indexed Job; the pods read the band or rank from JOB_COMPLETION_INDEX.
    @Test func theKubernetesDedupExampleMatchesTheRanksAndTheBands() throws {
        func read(_ name: String) throws -> String {
            try String(contentsOfFile: Fixtures.packageRoot.appendingPathComponent("Scripts/" + name).path, encoding: .utf8)
        }
        let ranks = try read("k8s-indexed-job.yaml"), dedup = try read("k8s-dedup.yaml")
        let jobs = dedup.components(separatedBy: "\n---\n")
        func completions(_ yaml: String) -> Int? {
            yaml.range(of: "completions: ").flatMap { Int(String(yaml[$0.upperBound...].prefix { $0.isNumber })) }
        }
        #expect(jobs.count == 3)
        let fineweb = try ConfigLoader.load(path: Fixtures.packageRoot.appendingPathComponent("Config/fineweb.yml").path)
        #expect(jobs[0].contains("\"buckets\"") && completions(jobs[0]) == DedupStages.keyCount(settings: fineweb.config.dedup))
        #expect(jobs[1].contains("\"clusters\"") && completions(jobs[1]) == nil)
        #expect(jobs[2].contains("\"apply\"") && completions(jobs[2]) == completions(ranks))
        #expect(jobs[0].contains("completionMode: Indexed") && jobs[2].contains("completionMode: Indexed"))
        #expect(try DedupStages.bandRange(nil, environment: ["JOB_COMPLETION_INDEX": "14"]) == 14...14)
        #expect(TaskLayout.environmentRank(["JOB_COMPLETION_INDEX": "7"]) == 7)
    }
}
