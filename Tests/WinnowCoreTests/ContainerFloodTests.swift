import Foundation
import Testing
@testable import WinnowCore

/// Issue 14 item 6: a tiny container that expands into millions of bad or blank lines writes a
/// bounded rejects file and state, and blank lines cost a scan.
@Suite struct ContainerFloodTests {
    static let added = "2026-11-27T02:00:00Z"

    @Test func badLinesBeyondTheCapAreCountedNotWrittenAndBlankLinesAreSkippedFast() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        // 3,000 objects without the text field, 2 M blank lines, then a good line; compressed by zstd.
        var bytes = [UInt8]()
        for _ in 0..<3_000 { bytes += Array("{}\n".utf8) }
        bytes += [UInt8](repeating: 0x0A, count: 1_000_000)
        bytes += Array(String(repeating: " \t\r\n", count: 1_000_000).utf8)
        bytes += Array("{\"text\": \"A line of text long enough to be kept, with commas, clauses and a full stop.\"}\n".utf8)
        try dir.write("flood.jsonl", bytes)
        try FileManager.default.createDirectory(atPath: dir.file("in"), withIntermediateDirectories: true)
        let zstd = try Tool.run("/usr/bin/zstd", ["-q", "-19", dir.file("flood.jsonl"), "-o", dir.file("in/flood.jsonl.zst")])
        #expect(zstd.status == 0, "\(zstd.stderrString)")
        let binary = try #require(CLITests.binary)
        let started = Date()
        let run = try Tool.run(binary, ["run", "--quiet", "--added", Self.added, "--output", dir.file("out"), dir.file("in")])
        #expect(run.status == 0, "\(run.stderrString)")
        #expect(Date().timeIntervalSince(started) < 60, "2 M blank lines should take a scan, not minutes")
        let rejects = try jsonLines(try #require(dir.read("out/rejects.jsonl")))
        #expect(rejects.count == 1_000)
        #expect(rejects.allSatisfy { $0["reason"] as? String == "jsonl.missing_field" })
        let records = try jsonLines(try #require(dir.read("out/part-00000.jsonl")))
        #expect(records.map { $0["source"] as? String } == ["flood.jsonl.zst#2003001"])
        let inputs = try #require(try jsonObject(atPath: dir.file("out/report.json"))["inputs"] as? [String: Any])
        #expect(inputs["rejects_over_cap"] as? [String: Int] == ["jsonl.missing_field": 2_000])
        #expect((inputs["skipped_records"] as? [String: Int])?["jsonl.blank_line"] == 2_000_000)
        #expect(run.stderrString.contains("2000 container rejects counted but not written"), "\(run.stderrString)")

        // The cap is a config setting (and part of rules_version when not the default).
        try dir.write("cap.yml", "version: 1\nname: cap\nlimits:\n  max_container_rejects_per_reason: 10\n")
        let capped = try Tool.run(binary, ["run", "--quiet", "--config", dir.file("cap.yml"), "--added", Self.added, "--output", dir.file("out2"), dir.file("in")])
        #expect(capped.status == 0, "\(capped.stderrString)")
        #expect(try jsonLines(try #require(dir.read("out2/rejects.jsonl"))).count == 10)
        let defaults = try ConfigLoader.load(yaml: "version: 1\nname: cap\n", file: "a")
        let changed = try ConfigLoader.load(yaml: "version: 1\nname: cap\nlimits:\n  max_container_rejects_per_reason: 10\n", file: "b")
        #expect(defaults.hash != changed.hash)
    }

    @Test func blankLineRunsKeepLineNumbers() throws {
        let text = "\n\n  \n{\"text\":\"a\"}\n \t\n\n   {\"text\":\"b\"}\n\n \n"
        let dir = try TempDir()
        defer { dir.remove() }
        try dir.write("x.jsonl", text)
        let file = ContainerFile(path: dir.file("x.jsonl"), source: "x.jsonl", format: ContainerFormat(kind: .jsonl, compression: .none), size: text.utf8.count)
        let source = ContainerSource(entries: [.container(file)], settings: .init(maxDocumentBytes: 1 << 20))
        var sources: [String] = []
        while let item = source.next() { sources.append(item.source) }
        #expect(sources == ["x.jsonl#4", "x.jsonl#7"])
        #expect(source.skippedRecords["jsonl.blank_line"] == 7)
    }
}
