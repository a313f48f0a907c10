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

    @Test func manifestBytesKeepTheirKeyOrder() throws {
        #expect(String(decoding: try Self.manifest.bytes, as: UTF8.self) == """
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
        #expect(read.inputs?.skippedByExtension?.dictionary == ["md": 1])
        #expect(read.inputs?.duplicates == 0)
        #expect(read.inputs?.skippedOutputDirs == 0)
        #expect(read.inputs?.skippedRecords?.isEmpty == true)
        #expect(read.inputs?.rejectsOverCap?.isEmpty == true)
        // The whole file is the model: written from it, read back to it (the stages sorted by name:
        // JSONDecoder keeps no key order; "message":null reads back as no message).
        let written: [UInt8] = try #require(dir.read("out/report.json"))
        #expect(try OrderedJSONEncoder().encode(report.file) == written)
        var expected = report.file
        expected.stages = expected.stages.map { KeyedValues($0.entries.sorted { $0.key < $1.key }) }
        expected.message = nil
        #expect(read == expected)
        #expect(ReportFile.read(path: dir.file("out/missing.json")) == nil)
        #expect(ReportFile.read(path: dir.file("out/manifest.json"))?.inputs == nil)
    }

    @Test func reportFileKeepsItsKeyOrderAndDecimals() throws {
        var file = ReportFile(status: "complete", exitCode: 0, message: .some(nil), winnowVersion: "0.1.0", workers: 2,
                              stages: KeyedValues([.init(key: "load", value: .init(documents: 3, dropped: 0, seconds: 0.0012)), .init(key: "decode", value: .init(documents: 3, dropped: 1, seconds: 0))]),
                              rejectsByReason: KeyedValues(sorting: ["z.last": 1, "a.first": 2]), shards: ["part-00000.jsonl"], wallSeconds: 1.5, docsPerSecond: 200)
        #expect(String(decoding: try OrderedJSONEncoder().encode(file), as: UTF8.self) == """
            {"status":"complete","exit_code":0,"message":null,"winnow_version":"0.1.0","workers":2,\
            "stages":{"load":{"in":3,"dropped":0,"seconds":0.0012},"decode":{"in":3,"dropped":1,"seconds":0}},\
            "rejects_by_reason":{"a.first":2,"z.last":1},"shards":["part-00000.jsonl"],"wall_seconds":1.5,"docs_per_second":200}

            """)
        // A merged report has no message key.
        file.message = nil
        #expect(!String(decoding: try OrderedJSONEncoder().encode(file), as: UTF8.self).contains("message"))
    }

    @Test func reportFileIsReadLeniently() throws {
        let read = try JSONDecoder().decode(ReportFile.self, from: Data(#"{"status":3,"records":"x","rejects":2,"inputs":{"documents":"6","processed":5},"stages":{"load":{"in":1},"bad":7}}"#.utf8))
        #expect(read.status == nil && read.records == nil && read.rejects == 2)
        #expect(read.inputs == ReportFile.Inputs(processed: 5))
        #expect(read.stages == KeyedValues([.init(key: "load", value: .init(documents: 1))]))
    }

    @Test func mergingAddsCountsAndKeepsTheLargest() {
        let a = ReportFile(status: "complete", config: "a.yml", started: "2026-01-02T00:00:00Z", workers: 2, inputs: .init(documents: 2, skippedByExtension: KeyedValues(sorting: ["md": 1])),
                           records: 2, shards: ["p0"], incremental: .init(new: 1, rulesChanged: false), dedup: .init(bands: 14, against: ["x"], checked: 2),
                           wallSeconds: 2, cpuSeconds: 1.5)
        let b = ReportFile(status: "complete", config: "b.yml", started: "2026-01-01T00:00:00Z", workers: 4, inputs: .init(documents: 3, skippedByExtension: KeyedValues(sorting: ["md": 2, "py": 1])),
                           records: 3, shards: ["p1"], incremental: .init(new: 2, rulesChanged: true), dedup: .init(bands: 99, against: ["y"], checked: 3),
                           wallSeconds: 1, cpuSeconds: 0.25, peakRSSBytes: 7)
        let merged = a.adding(b)
        #expect(merged.status == "complete" && merged.config == "a.yml, b.yml" && merged.started == "2026-01-01T00:00:00Z")
        #expect(merged.workers == 4 && merged.wallSeconds == 2 && merged.cpuSeconds == 1.75 && merged.peakRSSBytes == 7)
        #expect(merged.inputs == .init(documents: 5, skippedByExtension: KeyedValues(sorting: ["md": 3, "py": 1])) && merged.records == 5 && merged.shards == ["p0", "p1"])
        #expect(merged.incremental == .init(new: 3, rulesChanged: true))
        #expect(merged.dedup == .init(bands: 14, against: ["x", "y"], checked: 5))
    }

    @Test func statusFileKeepsItsKeyOrderAndNulls() throws {
        let file = StatusFile(output: "out/a", allDone: false, mixed: nil, tasks: [.init(rank: nil, state: "done", documents: 3, records: 2, rejects: 1, generationStatus: "complete")])
        #expect(String(decoding: try OrderedJSONEncoder().encode(file), as: UTF8.self) == """
            {"output":"out/a","all_done":false,"mixed":null,"tasks":[{"rank":null,"state":"done","pid":null,"documents":3,"records":2,"rejects":1,\
            "generation_status":"complete","detail":null,"resumable_documents":null}]}

            """)
        #expect(try JSONDecoder().decode(StatusFile.self, from: Data(try OrderedJSONEncoder().encode(file))) == file)
    }
}
