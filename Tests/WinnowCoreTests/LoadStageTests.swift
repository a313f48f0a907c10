import Foundation
import Testing
@testable import WinnowCore

@Suite struct LoadStageTests {
    private func load(_ path: String, name: String? = nil, size: Int? = nil, maxBytes: Int = 1 << 20) -> (WorkingDocument, StageOutcome) {
        let fileName = name ?? (path as NSString).lastPathComponent
        let (kind, gzipped) = InputItem.classify(fileName) ?? (.text, false)
        var info = stat()
        let actual = stat(path, &info) == 0 ? Int(info.st_size) : 0
        var document = WorkingDocument(input: InputItem(path: path, source: fileName, kind: kind, gzipped: gzipped, size: size ?? actual))
        let outcome = LoadStage(maxBytes: maxBytes).run(&document)
        return (document, outcome)
    }

    private func reason(_ outcome: StageOutcome) -> String? {
        if case .drop(let reason, _) = outcome { return reason }
        return nil
    }

    @Test func tooLargeIsDecidedBeforeReading() {
        // The path does not exist: had the stage tried to read it, the reason would be input.unreadable.
        let (_, outcome) = load("/nonexistent/huge.txt", size: 50 * 1024 * 1024, maxBytes: 20 * 1024 * 1024)
        #expect(reason(outcome) == "input.too_large")
        let (_, missing) = load("/nonexistent/small.txt", size: 10)
        #expect(reason(missing) == "input.unreadable")
    }

    @Test func tooLargeAfterGunzip() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = try dir.write("big.txt.gz", Tool.gzip([UInt8](repeating: UInt8(ascii: "a"), count: 10_000)))
        #expect(reason(load(path, maxBytes: 5_000).1) == "input.too_large")
        let (document, outcome) = load(path, maxBytes: 10_000)
        #expect(outcome == .keep)
        #expect(document.raw.count == 10_000)
    }

    @Test func emptyAndWhitespace() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        #expect(reason(load(try dir.write("empty.html", "")).1) == "input.empty")
        #expect(reason(load(try dir.write("blank.txt", " \n\t\r\n ")).1) == "input.empty")
        #expect(reason(load(try dir.write("blank.txt.gz", Tool.gzip(Array("   \n".utf8)))).1) == "input.empty")
    }

    @Test func gzipProblems() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        #expect(reason(load(try dir.write("fake.html.gz", "<html>not gzip</html>")).1) == "input.gzip_invalid")
        let gz = try Tool.gzip(Array(String(repeating: "<p>text</p>", count: 500).utf8))
        #expect(reason(load(try dir.write("cut.html.gz", Array(gz.prefix(gz.count / 2)))).1) == "input.gzip_truncated")
        var damaged = gz
        for i in 12..<40 { damaged[i] = 0xFF }
        #expect(reason(load(try dir.write("bad.html.gz", damaged)).1) == "input.gzip_corrupt")
        // gzip data without the .gz name is still recognised and inflated.
        let (document, outcome) = load(try dir.write("sneaky.html", gz))
        #expect(outcome == .keep)
        #expect(document.raw.utf8String.hasPrefix("<p>text</p>"))
    }

    @Test func contentSniffingCorrectsTheExtension() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (htmlInTxt, _) = load(try dir.write("page.txt", "<!DOCTYPE html><html><body><p>Hi</p></body></html>"))
        #expect(htmlInTxt.contentType == .html)
        let (textInHTML, _) = load(try dir.write("plain.html", "Just words, no markup at all.\n"))
        #expect(textInHTML.contentType == .text)
        let (realHTML, _) = load(try dir.write("real.html", "<div>fragment</div>"))
        #expect(realHTML.contentType == .html)
        let (realText, _) = load(try dir.write("real.txt", "Text mentioning <b>tags</b> inline."))
        #expect(realText.contentType == .text)
    }
}
