import Foundation
import Testing
@testable import WinnowCore

/// The built `winnow` binary, run as a child process.
@Suite struct CLITests {
    /// `winnow` sits next to the test bundle in the build products directory.
    static let binary: String? = {
        var candidates: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL)
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for directory in candidates {
            let path = directory.appendingPathComponent("winnow").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    private func winnow(_ arguments: [String]) throws -> ProcessResult {
        let binary = try #require(Self.binary, "the winnow binary was not found next to the test bundle")
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "WINNOW_CONFIG")
        return try Tool.run(binary, arguments, environment: environment)
    }

    private let added = "2026-11-27T02:00:00Z"

    @Test func seedTextBecomesARecord() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let seed = try dir.write("seed.txt", try Fixtures.bytes("text/seed-dump.txt"))
        let result = try winnow(["run", "--quiet", "--output", dir.file("out"), "--added", added, seed])
        #expect(result.status == 0, "\(result.stderrString)")
        #expect(result.stderrString.contains("complete"))
        let records = try jsonLines(try #require(dir.read("out/part-00000.jsonl")))
        #expect(records.count == 1)
        #expect(records.first?["source"] as? String == "seed.txt")
        #expect(records.first?["added"] as? String == added)
        let text = try #require(records.first?["text"] as? String)
        #expect(text.hasPrefix("The old harbour wall was badly damaged"))
        #expect(!text.contains("ARTICLE AD BOX"))
        #expect(dir.read("out/rejects.jsonl") == [])
        #expect(try jsonObject(atPath: dir.file("out/report.json"))["status"] as? String == "complete")
    }

    @Test func missingInputExits66() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let result = try winnow(["run", "--quiet", "--output", dir.file("out"), dir.file("does-not-exist.html")])
        #expect(result.status == 66)
        #expect(result.stderrString.contains("does-not-exist.html"))
        let list = try winnow(["run", "--quiet", "--output", dir.file("out"), "--input-list", dir.file("no-list.txt")])
        #expect(list.status == 66)
    }

    @Test func badConfigExits64AndNamesTheKey() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let input = try dir.write("a.txt", "Some text.")
        let result = try winnow(["run", "--quiet", "--config", Fixtures.path("config/unknown-rule-key.yml"), "--output", dir.file("out"), input])
        #expect(result.status == 64)
        #expect(result.stderrString.contains("selectors[1].selektor"))
        #expect(result.stderrString.contains("unknown-rule-key.yml"))
        #expect(!dir.exists("out"))

        let topLevel = try winnow(["run", "--quiet", "--config", Fixtures.path("config/unknown-key.yml"), "--output", dir.file("out"), input])
        #expect(topLevel.status == 64)
        #expect(topLevel.stderrString.contains("selector: unknown key"))

        let missing = try winnow(["run", "--quiet", "--config", dir.file("nope.yml"), "--output", dir.file("out"), input])
        #expect(missing.status == 64)
        #expect(missing.stderrString.contains("nope.yml"))
    }

    @Test func configFromTheEnvironment() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let input = try dir.write("a.txt", "Some text.")
        let binary = try #require(Self.binary)
        var environment = ProcessInfo.processInfo.environment
        environment["WINNOW_CONFIG"] = Fixtures.path("config/unknown-key.yml")
        let result = try Tool.run(binary, ["run", "--quiet", "--output", dir.file("out"), input], environment: environment)
        #expect(result.status == 64)
    }

    @Test(arguments: [
        ["--shard-size", "1M", "--shard-records", "5"],
        ["--workers", "0"],
        ["--shard-size", "lots"],
        ["--shard-records", "0"],
        ["--added", "yesterday"],
        ["--no-such-flag"],
    ])
    func usageErrorsExit64(flags: [String]) throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let input = try dir.write("a.txt", "Some text.")
        let result = try winnow(["run", "--quiet", "--output", dir.file("out")] + flags + [input])
        #expect(result.status == 64, "\(flags): \(result.stderrString)")
        #expect(!dir.exists("out"))
    }

    @Test func noInputArgumentIsAUsageError() throws {
        let result = try winnow(["run", "--quiet"])
        #expect(result.status == 64)
    }

    @Test func unwritableOutputExits73() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let input = try dir.write("a.txt", "Some text.")
        try dir.write("a-file", "not a directory")
        let underFile = try winnow(["run", "--quiet", "--output", dir.file("a-file/out"), input])
        #expect(underFile.status == 73, "\(underFile.stderrString)")
        // /proc does not allow creating directories, even for root.
        let readOnly = try winnow(["run", "--quiet", "--output", "/proc/winnow-test-output", input])
        #expect(readOnly.status == 73, "\(readOnly.stderrString)")
    }

    @Test func workerCountDoesNotChangeTheShards() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        _ = try RunnerTests.makeCorpus(in: dir)
        for i in 0..<6 {
            try dir.write("corpus/more/page-\(i).html", """
                <html><body><article><h1>Page \(i)</h1><p>Paragraph \(i) of a generated page, with commas, clauses, and enough words to be kept.</p>
                <p>A second paragraph for page \(i), also long enough to count as the body of the article.</p></article></body></html>
                """)
        }
        var outputs: [[String: [UInt8]]] = []
        for workers in ["1", "2"] {
            let out = dir.file("out-\(workers)")
            let result = try winnow(["run", "--quiet", "--workers", workers, "--shard-records", "3", "--added", added, "--output", out, dir.file("corpus")])
            #expect(result.status == 0, "\(result.stderrString)")
            var files: [String: [UInt8]] = [:]
            for name in dir.list("out-\(workers)") where name != "report.json" && name != "manifest.json" && name != ".winnow" { files[name] = dir.read("out-\(workers)/" + name) }
            outputs.append(files)
        }
        #expect(outputs[0].keys.sorted() == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl", "part-00003.jsonl", "rejects.jsonl"])
        #expect(outputs[0] == outputs[1])
        let report1 = try jsonObject(atPath: dir.file("out-1/report.json"))
        let report2 = try jsonObject(atPath: dir.file("out-2/report.json"))
        #expect(report1["workers"] as? Int == 1)
        #expect(report2["workers"] as? Int == 2)
        #expect(report1["records"] as? Int == 11)
    }

    @Test func shardSizeSplitsOutput() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        _ = try RunnerTests.makeCorpus(in: dir)
        let result = try winnow(["run", "--quiet", "--shard-size", "1K", "--added", added, "--output", dir.file("out"), dir.file("corpus")])
        #expect(result.status == 0)
        let shards = dir.list("out").filter { $0.hasPrefix("part-") }
        #expect(shards.count > 1)
        for name in shards {
            let bytes = try #require(dir.read("out/" + name))
            let lines = bytes.split(separator: UInt8(ascii: "\n")).count
            #expect(bytes.count <= 1024 || lines == 1, "\(name) has \(bytes.count) bytes in \(lines) records")
        }
    }

    @Test func inspectExplainsBlocks() throws {
        let result = try winnow(["inspect", Fixtures.path("pages/article.html")])
        #expect(result.status == 0, "\(result.stderrString)")
        let out = result.stdoutString
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("  KEEP ") && $0.contains("The town council approved") })
        #expect(lines.contains { $0.hasPrefix("  drop ") && $0.contains("short") && $0.hasSuffix("Share this") })
        #expect(!out.contains("Local bakery"))  // the aside was removed by cleaning before segmentation
        #expect(lines.contains { $0.hasPrefix("  drop ") && $0.contains("headline") })
        #expect(out.contains("rule.selector.asides: 1 element(s)"))
        #expect(out.contains("title: Harbour plan approved after long debate"))
        #expect(out.contains("text: 3 paragraphs"))

        let text = try winnow(["inspect", Fixtures.path("text/seed-dump.txt")])
        #expect(text.status == 0)
        #expect(text.stdoutString.contains("rule.line.image-caption=2"))
        #expect(!text.stdoutString.contains("| ARTICLE AD BOX"))
    }

    /// The run reads its input list from standard input, so the signal arrives while it waits there,
    /// before any document is started: deterministic, no race with a fast run.
    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func signalStopsTheRunCleanly(signal: Int32, expected: Int32) throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let input = try dir.write("a.txt", "Some text that would become a record.")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.binary))
        process.arguments = ["run", "--quiet", "--input-list", "-", "--output", dir.file("out")]
        let stdin = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Wait until Dispatch has installed its handlers for SIGINT and SIGTERM (SignalWatcher), then a
        // little longer so the sources are resumed.
        let deadline = Date().addingTimeInterval(10)
        while !Self.catchesInterruptAndTerminate(process.processIdentifier) && Date() < deadline { usleep(20_000) }
        usleep(200_000)
        kill(process.processIdentifier, signal)
        usleep(200_000)
        stdin.fileHandleForWriting.write(Data((input + "\n").utf8))
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        _ = stderr.fileHandleForReading.readDataToEndOfFile()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == expected)
        // Nothing is published (no generation existed); the stopped run's report waits with its work.
        let report = try jsonObject(atPath: dir.file("out/.winnow/resume/report.json"))
        #expect(report["status"] as? String == "interrupted")
        #expect((report["inputs"] as? [String: Any])?["processed"] as? Int == 0)
        #expect(!dir.exists("out/report.json") && !dir.exists("out/manifest.json"))
        #expect(!dir.list("out").contains { $0.hasPrefix("part-") || $0.hasPrefix(".tmp-") || $0.hasPrefix("rejects") })
    }

    /// True when /proc says `pid` has handlers for both SIGINT and SIGTERM.
    static func catchesInterruptAndTerminate(_ pid: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigCgt:") }),
              let mask = UInt64(line.dropFirst("SigCgt:".count).trimmingCharacters(in: .whitespaces), radix: 16) else { return false }
        let wanted = (UInt64(1) << (SIGINT - 1)) | (UInt64(1) << (SIGTERM - 1))
        return mask & wanted == wanted
    }

    @Test func versionFlag() throws {
        let result = try winnow(["--version"])
        #expect(result.status == 0)
        #expect(result.stdoutString.trimmingCharacters(in: .whitespacesAndNewlines) == WinnowVersion.current)
    }
}
