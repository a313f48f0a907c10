import Foundation
import Testing
@testable import WinnowCore

/// Golden pages for `--format markdown`: every folder of Tests/Fixtures/golden/ with an `expected.md`
/// (the reviewed Markdown) is run through the default pipeline in Markdown and compared with it.
/// `WINNOW_UPDATE_GOLDEN=1 swift test --filter MarkdownGoldenPagesTests` rewrites them; review the diff.
@Suite struct MarkdownGoldenPagesTests {
    static let root = GoldenPagesTests.root
    static let cases: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
        .filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).appendingPathComponent("expected.md").path) }
        .sorted()

    static func markdown(_ name: String) throws -> String {
        _ = LibXML.ready
        let path = root.appendingPathComponent(name).appendingPathComponent("source.html").path
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let config = try ConfigLoader.loadDefault().with(output: OutputSettings(format: .markdown))
        let pipeline = Pipeline(config: config, added: "2026-01-01T00:00:00Z")
        let (document, drop) = pipeline.run(InputItem(path: path, source: name, kind: .html, gzipped: false, size: size))
        if let drop { throw TestFailure("\(name): rejected at \(drop.stage): \(drop.reason)") }
        return String(decoding: document.text, as: UTF8.self)
    }

    @Test func theKindsTheIssueNamesHaveAPage() {
        for name in ["markdown-tables", "markdown-code", "markdown-nested-lists", "docs-api-reference-code", "forum-qa-accepted-answer"] {
            #expect(Self.cases.contains(name), "\(name) has no expected.md")
        }
    }

    @Test(arguments: cases)
    func markdownMatchesTheReviewedExpectation(_ name: String) throws {
        let output = try Self.markdown(name) + "\n"
        let path = Self.root.appendingPathComponent(name).appendingPathComponent("expected.md")
        if GoldenPagesTests.updating {
            try Data(output.utf8).write(to: path)
            return
        }
        #expect(output == (try Fixtures.string("golden/\(name)/expected.md")), "\(name): Markdown differs from expected.md")
    }

    /// The Markdown holds the text record's words: stripped of its markup it has the same words, in order.
    @Test(arguments: cases)
    func markdownKeepsTheTextWords(_ name: String) throws {
        guard let expectedText = try? Fixtures.string("golden/\(name)/expected.txt") else { return }
        let markdown = try Self.markdown(name)
        let words = { (s: String) in s.split(whereSeparator: { $0.isWhitespace }).count }
        // Markup adds tokens ("-", "|", "```", "#" and the title), never removes words.
        #expect(words(markdown) >= words(expectedText), "\(name)")
    }
}
