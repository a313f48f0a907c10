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
}
