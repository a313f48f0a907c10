import Foundation
import Testing
@testable import WinnowCore

/// The Codable models of the files a run writes and reads back: manifest and report.
@Suite struct StoredFilesTests {
    static let manifest = Manifest(
        status: "complete", created: "2026-12-02T00:00:00Z", tasks: 3, rank: 1, rulesVersion: "0054ba2cff21a736", winnowVersion: "0.1.0",
        documents: 9, records: 8, rejects: 1, shards: [.init(name: "part-00001-00000.jsonl", records: 8, bytes: 23038)],
        rejectsFile: "rejects-00001.jsonl", reportFile: "report-00001.json", dedupGeneration: 2, dedupSignatures: "sig", dedupApplied: "tok")

    @Test func manifestReadsBackWhatItWrites() throws {
        #expect(try Manifest.parse(Self.manifest.bytes) == Self.manifest)
        var unranked = Self.manifest
        unranked.tasks = nil
        unranked.rank = nil
        unranked.dedupGeneration = nil
        unranked.dedupSignatures = nil
        unranked.dedupApplied = nil
        #expect(try Manifest.parse(unranked.bytes) == unranked)
    }

    @Test func manifestBytesKeepTheirKeyOrder() {
        #expect(String(decoding: Self.manifest.bytes, as: UTF8.self) == """
            {"format":1,"status":"complete","created":"2026-12-02T00:00:00Z","tasks":3,"rank":1,"rules_version":"0054ba2cff21a736",\
            "winnow_version":"0.1.0","documents":9,"records":8,"rejects":1,"shards":[{"name":"part-00001-00000.jsonl","records":8,"bytes":23038}],\
            "rejects_file":"rejects-00001.jsonl","report_file":"report-00001.json","dedup_generation":2,"dedup_signatures":"sig","dedup_applied":"tok"}

            """)
    }

    @Test func manifestIsReadLeniently() throws {
        let read = try Manifest.parse(Array("""
            {"rejects_file":"r.jsonl","report_file":"report.json","tasks":"3","documents":4,"shards":[{"records":2},{"name":"part-00000.jsonl","bytes":"x"}]}
            """.utf8))
        #expect(read.status == "unknown")
        #expect(read.tasks == nil)
        #expect(read.documents == 4)
        #expect(read.records == 0)
        #expect(read.shards == [.init(name: "part-00000.jsonl", records: 0, bytes: 0)])
        #expect(throws: (any Error).self) { try Manifest.parse(Array(#"{"report_file":"report.json"}"#.utf8)) }
        #expect(throws: (any Error).self) { try Manifest.parse(Array("[1]".utf8)) }
    }

    @Test func reportFileReadsWhatARunWrote() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let corpus = try OperationsTests.makeCorpus(dir, count: 5)
        try dir.write("corpus/notes.md", "not an input")
        let report = try WinnowRunner(options: OperationsTests.options([corpus], output: dir.file("out")), config: ConfigLoader.loadDefault()).run()
        let read = try #require(ReportFile.read(path: dir.file("out/report.json")))
        #expect(read.status == report.status)
        #expect(read.message == nil)
        #expect(read.config == report.configSource)
        #expect(read.inputs?.documents == 6)
        #expect(read.inputs?.processed == 6)
        #expect(read.inputs?.skippedByExtension == ["md": 1])
        #expect(read.inputs?.duplicates == 0)
        #expect(read.inputs?.skippedOutputDirs == 0)
        #expect(read.inputs?.skippedRecords == [:])
        #expect(read.inputs?.rejectsOverCap == [:])
        #expect(ReportFile.read(path: dir.file("out/missing.json")) == nil)
        #expect(ReportFile.read(path: dir.file("out/manifest.json"))?.inputs == nil)
    }
}
