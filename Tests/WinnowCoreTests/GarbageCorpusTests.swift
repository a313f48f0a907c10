import Foundation
import Testing
@testable import WinnowCore

/// Hostile inputs end to end: the run completes, and every recognised input is a record or a reject
/// with the documented reason.
@Suite struct GarbageCorpusTests {
    init() { _ = LibXML.ready }

    static func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = SplitMix(seed: seed)
        var bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        bytes[0] = 0x7F
        bytes[min(100, count - 1)] = 0  // at least one NUL near the start, whatever the seed
        return bytes
    }

    @Test func garbageCorpus() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let paragraph = "<p>An ordinary paragraph of an article, with commas, and enough words to be kept as body text.</p>"
        let fullPage = "<html><body><article>" + String(repeating: paragraph, count: 200) + "</article></body></html>"
        let gz = try Tool.gzip(Array(fullPage.utf8))

        try dir.write("g/x.html", Self.randomBytes(8192, seed: 42))
        try dir.write("g/truncated.html.gz", Array(gz.prefix(gz.count / 2)))
        try dir.write("g/not-gzip.html.gz", "plain text pretending to be gzip")
        try dir.write("g/empty.html", "")
        try dir.write("g/whitespace.txt", "   \n\n \t \r\n")
        // 50 MB on one line: larger than limits.max_document_bytes (20 MiB), rejected from its size alone.
        try dir.write("g/huge-single-line.txt", [UInt8](repeating: UInt8(ascii: "w"), count: 50 * 1024 * 1024))
        try dir.write("g/deep.html", "<html><body>" + String(repeating: "<div>", count: 10_000) + "deep text" + String(repeating: "</div>", count: 10_000) + "</body></html>")
        try dir.write("g/invalid-utf8.txt", Array("Caf".utf8) + [0xE9] + Array(" cr".utf8) + [0xE8] + Array("me, a plain text line in Latin-1 bytes.\n\nA second paragraph with more words in it, ".utf8) + [0x93] + Array("quoted".utf8) + [0x94] + Array(".\n".utf8))
        try dir.write("g/actually-html.txt", "<!DOCTYPE html><html><head><title>Real page</title></head><body><article>" + paragraph + paragraph + "</article></body></html>")
        try dir.write("g/no-markup.html", "Just plain words in an HTML file.\n\nNo tags anywhere in this document at all.\n")
        try dir.write("g/only-navigation.html", "<html><body><nav><a href='/'>Home</a> <a href='/x'>News</a></nav><footer>(c)</footer></body></html>")
        try dir.write("g/image.png", Self.randomBytes(100, seed: 7))
        try dir.write("g/notes.pdf", "%PDF-1.4")
        try dir.write("g/good.html", "<html><body><article>" + paragraph + paragraph + "</article></body></html>")

        let options = RunOptions(inputs: [dir.file("g")], output: dir.file("out"), workers: 2, progress: .quiet, added: "2026-01-01T00:00:00Z")
        let report = try WinnowRunner(options: options, config: ConfigLoader.loadDefault()).run()
        #expect(report.status == "complete")
        #expect(report.exitCode == .success)
        #expect(report.skipped == ["png": 1, "pdf": 1])

        let (records, rejects, _) = try RunnerTests.outputs(dir.file("out"))
        let expectedRejects = [
            "x.html": "decode.binary",
            "truncated.html.gz": "input.gzip_truncated",
            "not-gzip.html.gz": "input.gzip_invalid",
            "empty.html": "input.empty",
            "whitespace.txt": "input.empty",
            "huge-single-line.txt": "input.too_large",
            "deep.html": "budget.depth",
            "only-navigation.html": "extract.empty",
        ]
        #expect(rejects.mapValues { $0["reason"] as? String ?? "?" } == expectedRejects)
        #expect(rejects["deep.html"]?["stage"] as? String == "parse")
        #expect(rejects["huge-single-line.txt"]?["stage"] as? String == "load")
        #expect(Set(records.keys) == ["invalid-utf8.txt", "actually-html.txt", "no-markup.html", "good.html"])
        #expect(report.stats.records + report.stats.rejects == report.inputsTotal)
        #expect(report.inputsTotal == 12)

        let latin = try #require(records["invalid-utf8.txt"])
        #expect(latin["text"] as? String == "Café crème, a plain text line in Latin-1 bytes.\n\nA second paragraph with more words in it, \u{201C}quoted\u{201D}.")
        #expect((latin["metadata"] as? [String: Any])?["encoding"] as? String == "windows-1252")
        #expect((records["actually-html.txt"]?["metadata"] as? [String: Any])?["content_type"] as? String == "text/html")
        #expect((records["no-markup.html"]?["metadata"] as? [String: Any])?["content_type"] as? String == "text/plain")
        // The 50 MB file was never read: its bytes do not count as input.
        #expect(report.stats.bytesIn < 10 * 1024 * 1024)
    }

    @Test func lowerLimitsFromAConfig() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let config = try ConfigLoader.load(path: Fixtures.path("config/small-limits.yml"))
        try dir.write("in/big.txt", String(repeating: "Words and more words. ", count: 300))             // 6.6 KB > 4 KiB
        try dir.write("in/big-zipped.txt.gz", Tool.gzip(Array(String(repeating: "Words. ", count: 1_000).utf8)))  // small on disk, 7 KB inside
        try dir.write("in/nested.html", "<html><body>" + String(repeating: "<div>", count: 60) + "deep" + "</body></html>")
        try dir.write("in/many.html", "<html><body>" + String(repeating: "<br>", count: 600) + "</body></html>")
        try dir.write("in/fine.txt", "A short document that fits within every limit.\n\nARTICLE AD BOX\n")
        let options = RunOptions(inputs: [dir.file("in")], output: dir.file("out"), workers: 1, progress: .quiet, added: "t")
        let report = try WinnowRunner(options: options, config: config).run()
        let (records, rejects, _) = try RunnerTests.outputs(dir.file("out"))
        #expect(rejects.mapValues { $0["reason"] as? String ?? "?" } == [
            "big.txt": "input.too_large", "big-zipped.txt.gz": "input.too_large",
            "nested.html": "budget.depth", "many.html": "budget.nodes",
        ])
        #expect(records["fine.txt"]?["text"] as? String == "A short document that fits within every limit.")
        #expect(report.stats.ruleHits["rule.line.ad-placeholder"] == 1)
        #expect((records["fine.txt"]?["metadata"] as? [String: Any])?["rules_version"] as? String == config.hash)
    }
}
