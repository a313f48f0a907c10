import Foundation
import Testing
@testable import WinnowCore

@Suite struct InputDiscoveryTests {
    @Test func classifyByExtension() {
        #expect(InputItem.classify("a.html")?.0 == .html)
        #expect(InputItem.classify("A.HTM")?.0 == .html)
        #expect(InputItem.classify("a.xhtml.gz")?.0 == .html)
        #expect(InputItem.classify("a.xhtml.gz")?.gzipped == true)
        #expect(InputItem.classify("dump.TXT")?.0 == .text)
        #expect(InputItem.classify("dump.txt")?.gzipped == false)
        #expect(InputItem.classify("notes.md") == nil)
        #expect(InputItem.classify("archive.gz") == nil)
        #expect(InputItem.classify("html") == nil)
    }

    @Test func directoriesAreWalkedSortedSkippingHiddenAndOtherExtensions() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        for name in ["b.html", "a/z.txt", "a/b.htm.gz", "B.txt", ".hidden/x.html", "a/.secret.html", "img.png", "notes", "c/d.pdf"] {
            try dir.write("in/" + name, "x")
        }
        let result = try InputDiscovery().discover(roots: [dir.file("in")])
        #expect(result.items.map(\.source) == ["B.txt", "a/b.htm.gz", "a/z.txt", "b.html"])
        #expect(result.items.map(\.kind) == [.text, .html, .text, .html])
        #expect(result.items[1].gzipped)
        #expect(result.items[0].path == dir.file("in/B.txt"))
        #expect(result.items[0].size == 1)
        #expect(result.skipped == ["png": 1, "(none)": 1, "pdf": 1])
    }

    @Test func fileArgumentsAndDuplicates() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try dir.write("in/one.html", "x")
        try dir.write("in/two.txt", "x")
        let result = try InputDiscovery().discover(roots: [dir.file("in"), dir.file("in/one.html")])
        #expect(result.items.map(\.source) == ["one.html", "two.txt"])
        #expect(result.duplicates == 1)
    }

    @Test func inputList() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try dir.write("x/a.html", "x")
        try dir.write("x/b.txt", "x")
        try dir.write("list", "# comment\n\n\(dir.file("x/a.html"))\n  \(dir.file("x/b.txt"))  \n")
        let result = try InputDiscovery().discover(roots: [], listPath: dir.file("list"))
        #expect(result.items.map(\.path) == [dir.file("x/a.html"), dir.file("x/b.txt")])
    }

    @Test func missingInputAndSourceCollision() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        #expect(throws: InputDiscovery.Failure.self) { try InputDiscovery().discover(roots: [dir.file("nope")]) }
        #expect(throws: InputDiscovery.Failure.self) { try InputDiscovery().discover(roots: [], listPath: dir.file("no-list")) }
        try dir.write("one/page.html", "x")
        try dir.write("two/page.html", "y")
        do {
            _ = try InputDiscovery().discover(roots: [dir.file("one/page.html"), dir.file("two/page.html")])
            Issue.record("two files named page.html must collide")
        } catch let failure as InputDiscovery.Failure {
            #expect(failure.description.contains("page.html"))
        }
    }

    /// The walk lists one directory at a time; its order must still be the byte order of the whole
    /// relative paths, as when all of them were listed and sorted at once ('-' and '.' sort before '/').
    @Test func walkOrderIsTheSortedOrderOfAllPaths() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let paths = ["a.html", "a/z.html", "a/b/c.html", "a/b.html", "a-b/x.html", "a.b/y.html", "a0.html", "ab/q.html",
                     "a b.html", "Z.html", "e/x.html", "é/x.html", "a/b-c/d.html", "a/b/.hidden.html", ".h/x.html", "a/.h/y.html"]
        for path in paths { try dir.write("in/" + path, "x") }
        let expected = paths.filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(try InputDiscovery().discover(roots: [dir.file("in")]).items.map(\.source) == expected)
        var walker = DirectoryWalker(root: dir.file("in"))
        var walked: [String] = []
        while let next = walker.next() { if case .file(let relative) = next { walked.append(relative) } }
        #expect(walked == expected)
    }

    @Test func hardLinksAndSymlinksAreReadOnce() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try dir.write("in/a.html", "x")
        try dir.write("in/d.txt", "y")
        #expect(link(dir.file("in/a.html"), dir.file("in/b.html")) == 0)
        #expect(symlink(dir.file("in/a.html"), dir.file("in/c.html")) == 0)
        let result = try InputDiscovery().discover(roots: [dir.file("in"), dir.file("in/d.txt")])
        #expect(result.items.map(\.source) == ["a.html", "d.txt"])
        #expect(result.duplicates == 3)
    }

    @Test func inputListWithCRLFAndBlankLines() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try dir.write("x/a.html", "x")
        try dir.write("x/b.txt", "x")
        try dir.write("list", "\(dir.file("x/a.html"))\r\n\r\n\t# comment\r\n \(dir.file("x/b.txt"))\t")
        let result = try InputDiscovery().discover(roots: [], listPath: dir.file("list"))
        #expect(result.items.map(\.path) == [dir.file("x/a.html"), dir.file("x/b.txt")])
        #expect(throws: InputDiscovery.Failure.self) { try InputDiscovery().discover(roots: [], listPath: dir.file("x")) }
    }

    /// `winnow run` reads the discovered inputs back from the table, one rank at a time: the same
    /// entries, in the same order, as the in-memory list split by `TaskLayout.partition`.
    @Test func tableCursorsGiveEachRankItsEntries() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let names = ["a.html", "b.htm.gz", "c.txt", "d.txt.gz", "e.warc", "f.warc.gz", "g.jsonl", "h.jsonl.gz", "i.jsonl.zst", "j.xhtml", "k.png"]
        for (index, name) in names.enumerated() { try dir.write("in/" + name, String(repeating: "x", count: index + 1)) }
        let list = try InputDiscovery().discover(roots: [dir.file("in")])
        #expect(list.entries.count == 10)
        #expect(list.containers.count == 5)
        let table = try InputDiscovery().discoverTable(roots: [dir.file("in")])
        #expect(table.count == 10)
        #expect(table.skipped == ["png": 1])
        for layout in [TaskLayout(), TaskLayout(tasks: 1, rank: 0), TaskLayout(tasks: 3, rank: 0), TaskLayout(tasks: 3, rank: 2), TaskLayout(tasks: 20, rank: 15)] {
            let expected = layout.partition(list.entries)
            let cursor = try table.cursor(layout: layout)
            var read: [InputEntry] = []
            while let entry = cursor.next() { read.append(entry) }
            #expect(cursor.failure == nil)
            #expect(read == expected)
            #expect(read.map(\.identity) == expected.map(\.identity))
            let summary = try table.summary(layout: layout)
            #expect(summary == InputTable.Summary(entries: expected.count, containers: expected.filter { if case .container = $0 { true } else { false } }.count,
                                                  bytes: expected.reduce(0) { $0 + $1.size }))
        }
    }
}
