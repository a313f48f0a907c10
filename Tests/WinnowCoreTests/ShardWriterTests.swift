import Testing
@testable import WinnowCore

@Suite struct ShardWriterTests {
    private func line(_ i: Int, width: Int = 10) -> [UInt8] {
        let body = String(i)
        return Array((String(repeating: "r", count: max(0, width - 1 - body.count)) + body + "\n").utf8)
    }

    @Test func names() {
        #expect(ShardWriter.name(index: 0) == "part-00000.jsonl")
        #expect(ShardWriter.name(index: 42) == "part-00042.jsonl")
        #expect(ShardWriter.name(index: 123_456) == "part-123456.jsonl")
    }

    @Test func rolloverByRecordCount() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let writer = ShardWriter(directory: dir.path, limits: .init(maxRecords: 2))
        for i in 0..<5 { try writer.write(line(i)) }
        // The current shard stays under its temporary name until finished.
        #expect(dir.list() == [".tmp-part-00002.jsonl", "part-00000.jsonl", "part-00001.jsonl"])
        try writer.finish()
        #expect(writer.shardNames == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"])
        #expect(dir.list() == writer.shardNames)
        #expect(writer.records == 5)
        #expect(dir.read("part-00000.jsonl") == line(0) + line(1))
        #expect(dir.read("part-00001.jsonl") == line(2) + line(3))
        #expect(dir.read("part-00002.jsonl") == line(4))
    }

    @Test func rolloverByBytes() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let writer = ShardWriter(directory: dir.path, limits: .init(maxBytes: 25))
        for i in 0..<5 { try writer.write(line(i)) }          // 10 bytes each: two per shard
        try writer.write(line(99, width: 40))                  // larger than the limit: a shard of its own
        try writer.write(line(5))
        try writer.finish()
        #expect(writer.shardNames.count == 5)
        for name in writer.shardNames {
            let bytes = try #require(dir.read(name))
            #expect(bytes.count <= 25 || bytes.split(separator: UInt8(ascii: "\n")).count == 1, "\(name)")
        }
        #expect(dir.read("part-00002.jsonl") == line(4))
        #expect(dir.read("part-00003.jsonl") == line(99, width: 40))
        #expect(dir.read("part-00004.jsonl") == line(5))
        let all = writer.shardNames.compactMap { dir.read($0) }.reduce([], +)
        #expect(all == (0..<5).map { line($0) }.reduce([], +) + line(99, width: 40) + line(5))
    }

    @Test func noRecordsNoShards() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let writer = ShardWriter(directory: dir.path, limits: .init(maxRecords: 10))
        try writer.finish()
        #expect(writer.shardNames.isEmpty)
        #expect(dir.list().isEmpty)
    }

    @Test func discardLeavesNoPartialShard() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let writer = ShardWriter(directory: dir.path, limits: .init(maxRecords: 2))
        for i in 0..<3 { try writer.write(line(i)) }
        writer.discard()
        #expect(dir.list() == ["part-00000.jsonl"])
    }
}
