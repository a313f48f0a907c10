import Foundation
import Testing
@testable import WinnowCore

/// Issue 14 items 1, 4 and 5: inputs that are not regular files, names that are not UTF-8, directories
/// that cannot be listed. Each ends as a reject or a counter, never silently lost, and never blocks.
@Suite struct InputHazardTests {
    static let page = "<html><body><article><p>A paragraph long enough, with commas and clauses, to be kept as the text of a page.</p></article></body></html>"

    /// Creates `name` (raw bytes) under `directory` as a file with `contents`, or a directory.
    static func create(_ directory: String, _ name: [UInt8], contents: String? = nil) throws {
        let path = Array(directory.utf8) + [UInt8(ascii: "/")] + name + [0]
        let made = path.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            let cPath = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            if let contents {
                let fd = open(cPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                guard fd >= 0 else { return false }
                defer { close(fd) }
                return Array(contents.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == contents.utf8.count
            }
            return mkdir(cPath, 0o755) == 0
        }
        if !made { throw TestFailure("cannot create \(name) in \(directory)") }
    }

    @Test func aFIFONamedOrInsideADirectoryIsRejectedWithoutBlocking() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try dir.write("in/a.html", Self.page)
        #expect(mkfifo(dir.file("in/f.html"), 0o644) == 0)
        #expect(mkfifo(dir.file("g.html"), 0o644) == 0)
        #expect(mkfifo(dir.file("h.jsonl"), 0o644) == 0)
        try dir.write("list.txt", dir.file("g.html") + "\n")
        let run = try WinnowChild(["run", "--quiet", "--added", "2026-11-27T02:00:00Z", "--output", dir.file("out"), "--input-list", dir.file("list.txt"),
                             dir.file("in"), dir.file("h.jsonl")])
        let done = try #require(run.wait(60), "winnow run blocked on a FIFO")
        #expect(done.status == 0, "\(done.stderr)")
        let rejects = try jsonLines(try #require(dir.read("out/rejects.jsonl")))
        #expect(Set(rejects.compactMap { $0["source"] as? String }) == ["f.html", dir.file("g.html"), "h.jsonl"])
        #expect(rejects.allSatisfy { $0["reason"] as? String == "input.not_regular" })
        #expect(try jsonLines(try #require(dir.read("out/part-00000.jsonl"))).count == 1)

        let inspect = try WinnowChild(["inspect", dir.file("g.html")])
        let inspected = try #require(inspect.wait(30), "winnow inspect blocked on a FIFO")
        #expect(!inspected.signalled)
    }

    @Test func namesThatAreNotUTF8BecomeRejectsNamedWithEscapes() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try dir.write("in/ok.html", Self.page)
        try Self.create(dir.file("in"), Array("caf".utf8) + [0xE9] + Array(".html".utf8), contents: Self.page)
        try Self.create(dir.file("in"), Array("photo".utf8) + [0xFF] + Array(".jpg".utf8), contents: "x")
        try Self.create(dir.file("in"), Array("d".utf8) + [0xC3, 0x28])
        try Self.create(dir.file("in"), Array("d".utf8) + [0xC3, 0x28] + Array("/x.html".utf8), contents: Self.page)
        try Self.create(dir.path, Array("named".utf8) + [0xFE] + Array(".txt".utf8), contents: "Some text that is long enough to be a record of its own.\n")
        // Named directly, as a shell passes it: the raw bytes in argv.
        let binary = try #require(CLITests.binary)
        let result = try Tool.run("/bin/sh", ["-c", "exec \"$0\" run --quiet --output \"$1\" --added 2026-11-27T02:00:00Z \"$2\" \"$3\"$(printf '\\376').txt",
                                               binary, dir.file("out"), dir.file("in"), dir.file("named")])
        #expect(result.status == 0, "\(result.stderrString)")
        let rejects = try jsonLines(try #require(dir.read("out/rejects.jsonl")))
        #expect(rejects.map { $0["source"] as? String } == ["caf\\xE9.html", "d\\xC3(/", "named\\xFE.txt"])
        #expect(rejects.allSatisfy { $0["reason"] as? String == "input.name_not_utf8" })
        #expect(try jsonLines(try #require(dir.read("out/part-00000.jsonl"))).map { $0["source"] as? String } == ["ok.html"])
        let report = try jsonObject(atPath: dir.file("out/report.json"))
        #expect((report["inputs"] as? [String: Any])?["skipped_by_extension"] as? [String: Int] == ["jpg": 1])
    }

    @Test func aDirectoryThatCannotBeListedIsCountedAndNamed() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try dir.write("in/ok.html", Self.page)
        // A directory whose full path is longer than PATH_MAX (4096): made one level at a time.
        var fd = open(dir.file("in"), O_RDONLY | O_DIRECTORY)
        let segment = String(repeating: "n", count: 200)
        for _ in 0..<22 {
            #expect(mkdirat(fd, segment, 0o755) == 0)
            let next = openat(fd, segment, O_RDONLY | O_DIRECTORY)
            close(fd)
            fd = next
        }
        close(fd)
        let binary = try #require(CLITests.binary)
        let run = try Tool.run(binary, ["run", "--quiet", "--output", dir.file("out"), dir.file("in")])
        #expect(run.status == 0, "\(run.stderrString)")
        #expect(run.stderrString.contains("1 directory could not be read"), "\(run.stderrString)")
        #expect(run.stderrString.contains("File name too long"), "\(run.stderrString)")
        let report = try jsonObject(atPath: dir.file("out/report.json"))
        #expect((report["inputs"] as? [String: Any])?["unreadable_dirs"] as? Int == 1)
        // Permission denied: only meaningful when not root (root lists any directory).
        if geteuid() != 0 {
            try dir.write("locked/inner/a.html", Self.page)
            #expect(chmod(dir.file("locked/inner"), 0) == 0)
            defer { chmod(dir.file("locked/inner"), 0o755) }
            let denied = try Tool.run(binary, ["run", "--quiet", "--output", dir.file("out2"), dir.file("locked")])
            #expect(denied.status == 66)
            #expect(denied.stderrString.contains("Permission denied"), "\(denied.stderrString)")
        }
    }
}

/// Issue 14 item 11: an output directory inside an input directory is not read back.
@Suite struct OutputInsideInputTests {
    @Test func theSecondRunDoesNotReadItsOwnOutput() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        for i in 0..<3 { try dir.write("in/p\(i).html", InputHazardTests.page.replacingOccurrences(of: "A paragraph", with: "Paragraph \(i)")) }
        let binary = try #require(CLITests.binary)
        var counts: [Int] = []
        for _ in 0..<2 {
            let run = try Tool.run(binary, ["run", "--quiet", "--added", "2026-11-27T02:00:00Z", "--output", dir.file("in/out"), dir.file("in")])
            #expect(run.status == 0, "\(run.stderrString)")
            let report = try jsonObject(atPath: dir.file("in/out/report.json"))
            counts.append((report["inputs"] as? [String: Any])?["documents"] as? Int ?? -1)
            if counts.count == 2 {
                #expect((report["inputs"] as? [String: Any])?["skipped_output_dirs"] as? Int == 1)
                #expect(run.stderrString.contains("skipped 1 Winnow output directory"))
            }
        }
        #expect(counts == [3, 3])
        // Named as the input itself, earlier output is read (re-reading JSONL shards is a use).
        let again = try Tool.run(binary, ["run", "--quiet", "--output", dir.file("reread"), dir.file("in/out")])
        #expect(again.status == 0, "\(again.stderrString)")
        #expect(try jsonLines(try #require(dir.read("reread/part-00000.jsonl"))).count == 3)
    }
}

/// Issue 14 item 17: an input list may name directories (walked) and paths that are gone (rejects).
@Suite struct InputListTests {
    @Test func listedDirectoriesAreWalkedAndMissingPathsAreRejects() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try dir.write("a/x.html", InputHazardTests.page)
        try dir.write("a/sub/y.html", InputHazardTests.page.replacingOccurrences(of: "A paragraph", with: "Another paragraph"))
        try dir.write("b.html", InputHazardTests.page.replacingOccurrences(of: "A paragraph", with: "A third paragraph"))
        try dir.write("list.txt", "\(dir.file("a"))\n\(dir.file("gone.html"))\n\(dir.file("b.html"))\n")
        let binary = try #require(CLITests.binary)
        let run = try Tool.run(binary, ["run", "--quiet", "--added", "2026-11-27T02:00:00Z", "--output", dir.file("out"), "--input-list", dir.file("list.txt")])
        #expect(run.status == 0, "\(run.stderrString)")
        let sources = try jsonLines(try #require(dir.read("out/part-00000.jsonl"))).compactMap { $0["source"] as? String }
        #expect(sources == [dir.file("a") + "/sub/y.html", dir.file("a") + "/x.html", dir.file("b.html")])
        let rejects = try jsonLines(try #require(dir.read("out/rejects.jsonl")))
        #expect(rejects.map { $0["source"] as? String } == [dir.file("gone.html")])
        #expect(rejects.first?["reason"] as? String == "input.not_found")
    }
}
