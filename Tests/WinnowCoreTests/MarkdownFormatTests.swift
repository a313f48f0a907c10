import Foundation
import Testing
@testable import WinnowCore

/// `output.format`: the config key, the hash, the record's `metadata.format`, text dumps staying text.
@Suite struct MarkdownFormatTests {
    @Test func defaultsLeaveRulesVersionAlone() throws {
        let base = try ConfigLoader.loadDefault()
        #expect(base.config.output == OutputSettings())
        #expect(base.with(output: OutputSettings()).hash == base.hash)
        let markdown = base.with(output: OutputSettings(format: .markdown))
        #expect(markdown.hash != base.hash)
        #expect(base.with(output: OutputSettings(format: .markdown, links: true)).hash != markdown.hash)
    }

    @Test func configKeyIsRead() throws {
        let loaded = try ConfigLoader.load(yaml: "version: 1\noutput:\n  format: markdown\n  links: true\n", file: "t.yml")
        #expect(loaded.config.output == OutputSettings(format: .markdown, links: true))
        #expect(throws: ConfigError.self) { try ConfigLoader.load(yaml: "version: 1\noutput:\n  format: html\n", file: "t.yml") }
        #expect(throws: ConfigError.self) { try ConfigLoader.load(yaml: "version: 1\noutput:\n  colour: red\n", file: "t.yml") }
    }

    static func record(_ name: String, _ content: String, kind: InputItem.Kind, format: OutputFormat) throws -> [String: Any] {
        _ = LibXML.ready
        let dir = try TempDir()
        defer { dir.remove() }
        let path = try dir.write(name, content)
        let config = try ConfigLoader.loadDefault().with(output: OutputSettings(format: format))
        let pipeline = Pipeline(config: config, added: "2026-01-01T00:00:00Z")
        let (document, drop) = pipeline.run(InputItem(path: path, source: name, kind: kind, gzipped: false, size: content.utf8.count))
        if let drop { throw TestFailure("rejected: \(drop.reason)") }
        return try #require(try jsonLines(pipeline.encoder.encode(document)).first)
    }

    static let page = """
        <html><head><title>Release notes</title></head><body><article>
        <h2>What changed in this release</h2>
        <p>The parser now keeps the structure of every page it reads, which is what teams asked for.</p>
        <p>Tables, lists and code blocks come out as Markdown, and the words stay exactly the same.</p>
        </article></body></html>
        """

    @Test func recordsSayTheirFormat() throws {
        let text = try Self.record("a.html", Self.page, kind: .html, format: .text)
        let markdown = try Self.record("a.html", Self.page, kind: .html, format: .markdown)
        #expect((text["metadata"] as? [String: Any])?["format"] as? String == "text")
        #expect((markdown["metadata"] as? [String: Any])?["format"] as? String == "markdown")
        #expect((markdown["text"] as? String)?.hasPrefix("# Release notes\n\n## What changed") == true)
        #expect((text["text"] as? String)?.hasPrefix("What changed in this release\n\nThe parser") == true)
    }

    /// The title line stands in for a headline only on a page that has none: an h1 on the page is
    /// its headline, left out of the text and given as metadata.title in both formats.
    @Test func titleLineOnlyWithoutAnH1() throws {
        let headed = Self.page.replacingOccurrences(of: "<article>", with: "<header><h1>Release notes</h1></header><article>")
        let markdown = try Self.record("a.html", headed, kind: .html, format: .markdown)
        #expect((markdown["text"] as? String)?.hasPrefix("## What changed in this release\n\nThe parser") == true)
        #expect((markdown["metadata"] as? [String: Any])?["title"] as? String == "Release notes")
    }

    @Test func textDumpsStayPlainText() throws {
        let dump = "A title line\n\nSome body text that is long enough to be kept by the text path, with * and # in it.\n"
        let record = try Self.record("a.txt", dump, kind: .text, format: .markdown)
        #expect((record["metadata"] as? [String: Any])?["format"] as? String == "text")
        #expect((record["text"] as? String)?.contains("with * and # in it.") == true)
    }
}
