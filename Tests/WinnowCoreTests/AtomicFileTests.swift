import Testing
@testable import WinnowCore

@Suite struct AtomicFileTests {
    @Test func temporaryNameUntilCommit() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let file = try AtomicFile(directory: dir.path, name: "out.jsonl")
        #expect(file.temporaryPath == dir.file(".tmp-out.jsonl"))
        #expect(file.finalPath == dir.file("out.jsonl"))
        try file.write(Array("line one\n".utf8))
        try file.write(Array("line two\n".utf8))
        #expect(file.bytesWritten == 18)
        #expect(dir.exists(".tmp-out.jsonl"))
        #expect(!dir.exists("out.jsonl"))
        try file.commit()
        #expect(!dir.exists(".tmp-out.jsonl"))
        #expect(dir.read("out.jsonl")?.utf8String == "line one\nline two\n")
    }

    @Test func largeWritesAreFlushedToTheTemporaryFile() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let file = try AtomicFile(directory: dir.path, name: "big.jsonl")
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 700_000)
        try file.write(chunk)
        #expect(dir.read(".tmp-big.jsonl")?.count == 0)
        try file.write(chunk)  // would pass the 1 MiB buffer: the first chunk is written out first
        #expect(dir.read(".tmp-big.jsonl")?.count == 700_000)
        // A chunk as large as the buffer goes straight to the file (the buffer never grows).
        try file.write([UInt8](repeating: UInt8(ascii: "y"), count: 2_000_000))
        #expect(dir.read(".tmp-big.jsonl")?.count == 3_400_000)
        #expect(!dir.exists("big.jsonl"))
        try file.commit()
        let bytes = dir.read("big.jsonl") ?? []
        #expect(bytes.count == 3_400_000)
        #expect(bytes[1_399_999] == UInt8(ascii: "x") && bytes[1_400_000] == UInt8(ascii: "y"))
    }

    @Test func discardRemovesTheTemporaryFile() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let file = try AtomicFile(directory: dir.path, name: "gone.jsonl")
        try file.write(Array("partial".utf8))
        file.discard()
        #expect(dir.list().isEmpty)
    }

    @Test func commitReplacesAnExistingFile() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try dir.write("r.json", "old")
        let file = try AtomicFile(directory: dir.path, name: "r.json")
        #expect(dir.read("r.json")?.utf8String == "old")
        try file.write(Array("new".utf8))
        try file.commit()
        #expect(dir.read("r.json")?.utf8String == "new")
    }

    @Test func unwritableDirectoryThrows() {
        #expect(throws: AtomicFile.Failure.self) { try AtomicFile(directory: "/nonexistent-dir-for-winnow-tests", name: "x") }
    }
}
