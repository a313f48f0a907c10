import Foundation
import Testing
@testable import WinnowCore

/// Issue 14: nightly runs under cron/systemd/timeout with hostile inputs and streams. Every test runs
/// the real binary and gives up (SIGKILL, failure) after a timeout instead of hanging the suite.
@Suite struct UnattendedRunTests {
    static let added = "2026-11-27T02:00:00Z"
    static let page = InputHazardTests.page

    // MARK: 1. a stuck worker

    /// A page that keeps one worker busy for many CPU seconds (a debug build needs well over 10).
    static func writeSlowPage(_ dir: TempDir) throws {
        var generator = SplitMix(seed: 14)
        let words = ["alpha", "beta", "gamma", "delta", "river", "stone", "house", "light"]
        var html = "<html><body>"
        for i in 0..<60_000 {
            html += "<div class=c\(i)><p>" + (0..<30).map { _ in words[Int(generator.next() % 8)] }.joined(separator: " ") + "</p></div>"
        }
        try dir.write("slow/big.html", html + "</body></html>")
        // Long enough a budget that only the signals end the document.
        let config = try String(contentsOfFile: Fixtures.packageRoot.appendingPathComponent("Config/winnow.yml").path, encoding: .utf8)
            .replacingOccurrences(of: "max_document_seconds: 10 ", with: "max_document_seconds: 600 ")
        try dir.write("slow.yml", config)
    }

    @Test func aSecondSignalOrTheGracePeriodEndsAStuckRunAndKeepsThePreviousGeneration() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try Self.writeSlowPage(dir)
        try dir.write("slow/a.html", Self.page)
        let out = dir.file("out")
        // The previous generation: the small page only.
        let first = try WinnowChild(["run", "--quiet", "--added", Self.added, "--output", out, dir.file("slow/a.html")])
        #expect(try #require(first.wait(60)).status == 0)
        let manifest = try #require(dir.read("out/manifest.json"))

        for (signals, extra) in [([SIGTERM, SIGTERM], [String]()), ([SIGINT, SIGINT], []), ([SIGTERM], ["--stop-grace", "0.5"])] {
            let run = try WinnowChild(["run", "--quiet", "--workers", "1", "--config", dir.file("slow.yml"), "--output", out] + extra + [dir.file("slow")])
            // Signals only once the worker is deep in the big page (CPU time, not wall time: the
            // machine may be busy with other tests).
            let deadline = Date().addingTimeInterval(30)
            while run.cpuSeconds < 1.5 && run.process.isRunning && Date() < deadline { usleep(20_000) }
            #expect(run.process.isRunning)
            for signal in signals {
                kill(run.pid, signal)
                usleep(300_000)
            }
            let done = try #require(run.wait(20), "the run did not end after \(signals) \(extra)")
            #expect(done.status == (signals[0] == SIGINT ? 130 : 143), "\(done.stderr)")
            #expect(done.stderr.contains("stopping now without committing"), "\(done.stderr)")
            #expect(dir.read("out/manifest.json") == manifest, "the previous generation changed")
        }
        // The next run recovers the staging directory left behind.
        let again = try WinnowChild(["run", "--quiet", "--added", Self.added, "--output", out, dir.file("slow/a.html")])
        #expect(try #require(again.wait(60)).status == 0)
        #expect(!dir.exists("out/.winnow/staging"))
    }

    // MARK: 2. stderr closed, full, or a pipe nobody reads

    @Test func aClosedFullOrAbandonedStderrNeverEndsTheRun() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        for i in 0..<20 { try dir.write("in/p\(i).html", Self.page.replacingOccurrences(of: "A paragraph", with: "Paragraph \(i)")) }
        let binary = try #require(CLITests.binary)
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let cases: [(name: String, run: () throws -> WinnowChild)] = [
            ("2>/dev/full", { try WinnowChild(["run", "--output", dir.file("full"), "--added", Self.added, dir.file("in")], stderr: full) }),
            ("stderr reader gone", { try WinnowChild(["run", "--output", dir.file("pipe"), "--added", Self.added, dir.file("in")], closeStderrReader: true) }),
        ]
        for (name, start) in cases {
            let done = try #require(start().wait(60), "\(name): hung")
            #expect(!done.signalled && done.status == 0, "\(name): exit \(done.status) signalled \(done.signalled)")
        }
        #expect(try jsonObject(atPath: dir.file("full/report.json"))["status"] as? String == "complete")
        #expect(try jsonObject(atPath: dir.file("pipe/report.json"))["status"] as? String == "complete")

        // Closed stderr (2>&-): the run completes and nothing meant for stderr lands in the output.
        let closed = try Tool.run("/bin/sh", ["-c", "exec \"$0\" run --output \"$1\" --added \(Self.added) \"$2\" 2>&-", binary, dir.file("closed"), dir.file("in")])
        #expect(closed.status == 0)
        #expect(try jsonObject(atPath: dir.file("closed/report.json"))["status"] as? String == "complete")
        let shard = try #require(dir.read("closed/part-00000.jsonl"))
        #expect(try jsonLines(shard).count == 20)
        #expect(!shard.utf8String.contains("winnow:"))
    }
}

/// Issue 14 items 15, 16, 21: small surprises on stderr and in exit codes.
@Suite struct OperatorSurpriseTests {
    @Test func theFinalTerminalLineClearsTheProgressLine() {
        let reporter = ProgressReporter(total: 3, mode: .quiet)
        #expect(reporter.finalTerminalLine().hasPrefix("\r\u{1B}[K"))
        #expect(reporter.finalTerminalLine().hasSuffix("\n"))
    }

    @Test func logLinesNameWinnowOnceAndInspectFailsOnNothing() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let binary = try #require(CLITests.binary)
        let missing = try Tool.run(binary, ["run", "--quiet", "--output", dir.file("out"), dir.file("nope.html")])
        #expect(missing.status == 66)
        #expect(missing.stderrString.hasPrefix("winnow: error: input not found"), "\(missing.stderrString)")
        #expect(!missing.stderrString.contains("[winnow]"))
        let inspectMissing = try Tool.run(binary, ["inspect", dir.file("nope.html")])
        #expect(inspectMissing.status == 66)
        let warc = try dir.write("x.warc", "WARC/1.0\r\n\r\n")
        let inspectWARC = try Tool.run(binary, ["inspect", warc])
        #expect(inspectWARC.status == 64, "\(inspectWARC.stderrString)")
    }

    @Test func anOutputInTheWayIsNamedInPlainWords() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let binary = try #require(CLITests.binary)
        let page = try dir.write("p.html", InputHazardTests.page)
        let file = try dir.write("afile", "x")
        let run = try Tool.run(binary, ["run", "--quiet", "--output", file, page])
        #expect(run.status == 73)
        #expect(run.stderrString.contains("exists and is not a directory"), "\(run.stderrString)")
        #expect(!run.stderrString.contains("NSCocoaErrorDomain"))
        let nested = try Tool.run(binary, ["run", "--quiet", "--output", dir.file("new/deeper/out"), page])
        #expect(nested.status == 0, "\(nested.stderrString)")
        if geteuid() != 0 {
            try FileManager.default.createDirectory(atPath: dir.file("locked"), withIntermediateDirectories: true)
            #expect(chmod(dir.file("locked"), 0o555) == 0)
            defer { chmod(dir.file("locked"), 0o755) }
            let locked = try Tool.run(binary, ["run", "--quiet", "--output", dir.file("locked"), page])
            #expect(locked.status == 73)
            #expect(locked.stderrString.contains("Permission denied"), "\(locked.stderrString)")
        }
    }
}
