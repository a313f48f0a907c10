import Foundation
import Testing
@testable import WinnowCore

@Suite struct JSONLInputTests {
    static let lines = [
        #"{"id":"doc-1","text":"First line of the first document.\n\nIts second paragraph.","metadata":{"url":"https://a.example/1"}}"#,
        "",
        #"{"id":2,"text":"Second document, with a numeric id.","metadata":{"url":"https://a.example/2"}}"#,
        #"{"id":"doc-3","text":"Écrit en français, 日本語も。"}"#,
        #"not json at all"#,
        #"{"id":"doc-5","body":"no text field"}"#,
        #"["an array"]"#,
        #"{"id":"doc-8","text":"Last line without a newline."}"#,
    ]

    static var file: [UInt8] { Array(lines.joined(separator: "\n").utf8) }

    @Test(arguments: ["in.jsonl", "in.jsonl.gz", "in.jsonl.zst"])
    func readsEveryLine(name: String) throws {
        let dir = try TempDir()
        defer { dir.remove() }
        var bytes = Self.file
        if name.hasSuffix(".gz") { bytes = try Tool.gzip(bytes) }
        if name.hasSuffix(".zst") {
            let result = try Tool.run("/usr/bin/zstd", ["-q", "-c"], input: bytes)
            #expect(result.status == 0)
            bytes = result.stdout
        }
        let (items, skipped) = try WARCFixture.read(try dir.write(name, bytes), source: "dumps/\(name)")
        #expect(items.map(\.source) == [1, 3, 4, 5, 6, 7, 8].map { "dumps/\(name)#\($0)" })
        #expect(skipped == ["jsonl.blank_line": 1])
        #expect(items[0].idOverride == "doc-1")
        #expect(items[0].url == "https://a.example/1")
        #expect(items[0].kind == .text)
        #expect(items[0].declaredCharset == "utf-8")
        #expect(WARCFixture.text(items[0]) == "First line of the first document.\n\nIts second paragraph.")
        #expect(items[1].idOverride == "2")
        #expect(WARCFixture.text(items[2]) == "Écrit en français, 日本語も。")
        #expect(items[2].url == nil)
        #expect(items[3].preRejected?.reason == "jsonl.invalid_json")
        #expect(items[4].preRejected?.reason == "jsonl.missing_field")
        #expect(items[5].preRejected?.reason == "jsonl.invalid_json")
        #expect(WARCFixture.text(items[6]) == "Last line without a newline.")
    }

    @Test func htmlFieldAndCustomFields() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let page = WARCFixture.page(5).utf8String
        let object: [String: Any] = ["doc": ["raw_html": page, "key": "k-5"], "link": "https://b.example/5"]
        let line = try JSONSerialization.data(withJSONObject: object)
        let path = try dir.write("pages.jsonl", [UInt8](line) + [0x0A])
        var options = JSONLOptions(field: "doc.raw_html", idField: "doc.key", urlField: "link")
        #expect(options.effectiveKind == .html)
        let (items, _) = try WARCFixture.read(path, jsonl: options)
        #expect(items.count == 1)
        #expect(items[0].kind == .html)
        #expect(items[0].idOverride == "k-5")
        #expect(items[0].url == "https://b.example/5")
        #expect(WARCFixture.text(items[0]) == page)
        options.kind = .text
        #expect(try WARCFixture.read(path, jsonl: options).items[0].kind == .text)
        #expect(JSONLOptions(field: "text").effectiveKind == .text)
        #expect(JSONLOptions(field: "html").effectiveKind == .html)
    }

    @Test func longLineIsRejectedAndTheNextOneRead() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let long = #"{"text":""# + String(repeating: "y", count: 10_000) + #""}"#
        let path = try dir.write("long.jsonl", long + "\n" + #"{"text":"short and fine"}"# + "\n")
        let (items, _) = try WARCFixture.read(path, maxBytes: 1000)
        #expect(items.count == 2)
        #expect(items[0].preRejected?.reason == "input.too_large")
        #expect(WARCFixture.text(items[1]) == "short and fine")
    }

    @Test func damagedCompressedStreams() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let gz = try Tool.gzip(Self.file)
        let (cut, _) = try WARCFixture.read(try dir.write("cut.jsonl.gz", Array(gz.prefix(gz.count - 30))))
        #expect(cut.last?.preRejected?.reason == "input.gzip_truncated")
        var zst = try Tool.run("/usr/bin/zstd", ["-q", "-c"], input: Self.file).stdout
        zst = Array(zst.prefix(zst.count / 2))
        let (zcut, _) = try WARCFixture.read(try dir.write("cut.jsonl.zst", zst))
        #expect(zcut.last?.preRejected?.reason.hasPrefix("input.zstd_") == true)
    }

    @Test func deeplyNestedLineDoesNotCrash() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let nested = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let path = try dir.write("deep.jsonl", nested + "\n" + #"{"text":"after"}"# + "\n")
        let (items, _) = try WARCFixture.read(path)
        #expect(items.count == 2)
        #expect(items[0].preRejected != nil)
        #expect(WARCFixture.text(items[1]) == "after")
    }

    @Test func runnerRecordsKeepTheJSONLId() throws {
        _ = LibXML.ready
        let dir = try TempDir()
        defer { dir.remove() }
        let text = "A plain text document about the harbour. The boats came in early on Tuesday and the market opened at six, selling fish to the town."
        let line = try JSONSerialization.data(withJSONObject: ["id": "abc-1", "text": text, "metadata": ["url": "https://c.example/x"]])
        try dir.write("in/docs.jsonl", [UInt8](line) + [0x0A])
        let options = RunOptions(inputs: [dir.file("in")], output: dir.file("out"), workers: 1, progress: .quiet, added: RunnerTests.added)
        _ = try WinnowRunner(options: options, config: ConfigLoader.loadDefault()).run()
        let (records, _, _) = try RunnerTests.outputs(dir.file("out"))
        let record = try #require(records["docs.jsonl#1"])
        #expect(record["id"] as? String == "abc-1")
        #expect((record["metadata"] as? [String: Any])?["url"] as? String == "https://c.example/x")
        #expect((record["text"] as? String)?.contains("The boats came in early") == true)
    }
}

@Suite struct ShardCompressionTests {
    private func records(_ n: Int) -> [[UInt8]] {
        (0..<n).map { Array(#"{"id":"\#($0)","text":"record number \#($0) with some text to compress"}"#.utf8) + [0x0A] }
    }

    @Test(arguments: [ShardCompression.gzip, .zstd])
    func compressedShardsAreCompleteStreams(compression: ShardCompression) throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let writer = ShardWriter(directory: dir.path, limits: .init(maxBytes: 40_000), compression: compression)
        let lines = records(2_000)
        for line in lines { try writer.write(line) }
        try writer.finish()
        let suffix = compression == .gzip ? ".jsonl.gz" : ".jsonl.zst"
        #expect(writer.shardNames.count > 1)
        #expect(writer.shardNames.allSatisfy { $0.hasSuffix(suffix) })
        #expect(dir.list() == writer.shardNames)
        var all: [UInt8] = []
        for name in writer.shardNames {
            let tool = compression == .gzip ? ["/usr/bin/gzip", "-dc"] : ["/usr/bin/zstd", "-dcq"]
            let result = try Tool.run(tool[0], Array(tool.dropFirst()) + [dir.file(name)])
            #expect(result.status == 0, "\(name): \(result.stderrString)")
            // The size limit counts uncompressed bytes.
            #expect(result.stdout.count <= 40_000)
            all += result.stdout
        }
        #expect(all == lines.reduce([], +))
    }

    @Test func sameInputSameBytes() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        for compression in [ShardCompression.gzip, .zstd] {
            var outputs: [[UInt8]] = []
            for run in 0..<2 {
                let writer = ShardWriter(directory: dir.file("\(compression)-\(run)").withDirectory(), limits: .init(maxRecords: 500), compression: compression)
                for line in records(600) { try writer.write(line) }
                try writer.finish()
                outputs.append(writer.shardNames.compactMap { dir.read("\(compression)-\(run)/" + $0) }.reduce([], +))
            }
            #expect(outputs[0] == outputs[1])
        }
    }

    @Test func runnerWritesCompressedShardsAndCleansThemUp() throws {
        _ = LibXML.ready
        let dir = try TempDir()
        defer { dir.remove() }
        try dir.write("in/a.html", WARCFixture.page(1))
        try dir.write("in/b.html", WARCFixture.page(2))
        var options = RunOptions(inputs: [dir.file("in")], output: dir.file("out"), workers: 1, progress: .quiet, added: RunnerTests.added)
        options.compression = .zstd
        let report = try WinnowRunner(options: options, config: ConfigLoader.loadDefault()).run()
        #expect(report.shards == ["part-00000.jsonl.zst"])
        let decoded = try Tool.run("/usr/bin/zstd", ["-dcq", dir.file("out/part-00000.jsonl.zst")])
        #expect(try jsonLines(decoded.stdout).count == 2)
        // A later uncompressed run replaces the compressed shards.
        options.compression = .none
        _ = try WinnowRunner(options: options, config: ConfigLoader.loadDefault()).run()
        #expect(dir.list("out") == [".winnow", "manifest.json", "part-00000.jsonl", "rejects.jsonl", "report.json"])
    }
}

private extension String {
    /// Creates the directory and returns its path.
    func withDirectory() -> String {
        try? FileManager.default.createDirectory(atPath: self, withIntermediateDirectories: true)
        return self
    }
}
