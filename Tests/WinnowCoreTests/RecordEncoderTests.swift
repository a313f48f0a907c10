import Foundation
import Testing
@testable import WinnowCore

@Suite struct RecordEncoderTests {
    private func document() -> WorkingDocument {
        var document = WorkingDocument(input: InputItem(path: "/corpus/news/a.html.gz", source: "news/a.html.gz", kind: .html, gzipped: true, size: 10))
        document.paragraphs = [Array("First paragraph, with \"quotes\".".utf8), Array("Second — café.".utf8)]
        document.encoding = "windows-1252"
        document.metadata.title = "A title"
        document.metadata.url = "https://example.org/a"
        document.metadata.language = "en"
        document.metadata.languageConfidence = 0.987
        document.metadata.authors = ["Ada", "Bob"]
        document.metadata.published = "2022-01-28"
        document.metadata.sitename = "Example"
        return document
    }

    @Test func fieldOrderAndValues() throws {
        let line = RecordEncoder(added: "2026-11-27T02:00:00Z", rulesVersion: "0123456789abcdef").encode(document())
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(line.filter { $0 == UInt8(ascii: "\n") }.count == 1)
        #expect(jsonKeys(line) == ["id", "text", "source", "added", "created", "metadata"])
        #expect(jsonKeys(line, depth: 2) == ["title", "url", "language", "language_confidence", "author", "description", "sitename", "page_type", "content_type", "format",
                                              "encoding", "rules_version", "winnow_version", "chars", "words"])
        let record = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        let text = "First paragraph, with \"quotes\".\n\nSecond — café."
        #expect(record["id"] as? String == SHA256.hex("news/a.html.gz"))
        #expect(record["text"] as? String == text)
        #expect(record["source"] as? String == "news/a.html.gz")
        #expect(record["added"] as? String == "2026-11-27T02:00:00Z")
        #expect(record["created"] as? String == "2022-01-28")
        let meta = try #require(record["metadata"] as? [String: Any])
        #expect(meta["title"] as? String == "A title")
        #expect(meta["url"] as? String == "https://example.org/a")
        #expect(meta["language"] as? String == "en")
        #expect(meta["language_confidence"] as? Double == 0.99)
        #expect(meta["author"] as? [String] == ["Ada", "Bob"])
        #expect(meta["description"] is NSNull)
        #expect(meta["sitename"] as? String == "Example")
        #expect(meta["content_type"] as? String == "text/html")
        #expect(meta["encoding"] as? String == "windows-1252")
        #expect(meta["rules_version"] as? String == "0123456789abcdef")
        #expect(meta["winnow_version"] as? String == WinnowVersion.current)
        #expect(meta["chars"] as? Int == text.unicodeScalars.count)
        #expect(meta["words"] as? Int == 7)
        // UTF-8 is written as is, not as \u escapes.
        #expect(line.utf8String.contains("café"))
    }

    @Test func missingMetadataIsNull() throws {
        var doc = WorkingDocument(input: InputItem(path: "/x/b.txt", source: "b.txt", kind: .text, gzipped: false, size: 1))
        doc.paragraphs = [Array("only".utf8)]
        doc.encoding = "utf-8"
        let line = RecordEncoder(added: "t", rulesVersion: "r").encode(doc)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        #expect(record["created"] is NSNull)
        let meta = try #require(record["metadata"] as? [String: Any])
        #expect(meta["title"] is NSNull)
        #expect(meta["language_confidence"] is NSNull)
        #expect(meta["author"] as? [String] == [])
        #expect(meta["content_type"] as? String == "text/plain")
        #expect(meta["chars"] as? Int == 4)
        #expect(meta["words"] as? Int == 1)
    }

    @Test func idIsSHA256OfTheSource() {
        #expect(RecordEncoder.id(forSource: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func rejectLine() throws {
        let line = RecordEncoder.reject(source: "bad/\"x\".html", stage: "decode", reason: "decode.binary", detail: "NUL bytes\n")
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(jsonKeys(line) == ["id", "source", "stage", "reason", "detail"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: String])
        #expect(object == ["id": SHA256.hex("bad/\"x\".html"), "source": "bad/\"x\".html", "stage": "decode",
                           "reason": "decode.binary", "detail": "NUL bytes\n"])
    }
}
