import Foundation
import Testing
@testable import WinnowCore

/// Issue 14 item 10: no C0 (but newline and tab in `text`), DEL or C1 character in any text or
/// metadata field; ids holding one are rejected; `url` only http(s). Through the real binary.
@Suite struct ControlCharacterTests {
    static let added = "2026-11-27T02:00:00Z"

    /// True when `text` holds a control character (newline and tab allowed when `layout`).
    static func hasControl(_ text: String, layout: Bool) -> Bool {
        text.unicodeScalars.contains { s in
            (s.value < 0x20 && !(layout && (s == "\n" || s == "\t"))) || (0x7F...0x9F).contains(s.value)
        }
    }

    /// Every string of a record except `source`, with its key path.
    static func strings(_ value: Any, path: String = "") -> [(String, String)] {
        switch value {
        case let s as String: return [(path, s)]
        case let a as [Any]: return a.flatMap { strings($0, path: path) }
        case let o as [String: Any]: return o.filter { $0.key != "source" }.flatMap { strings($0.value, path: path.isEmpty ? $0.key : path + "." + $0.key) }
        default: return []
        }
    }

    static func run(_ dir: TempDir, _ inputs: [String]) throws -> (records: [[String: Any]], rejects: [[String: Any]]) {
        let child = try WinnowChild(["run", "--quiet", "--added", added, "--output", dir.file("out")] + inputs)
        let result = try #require(child.wait(60), "the run did not end")
        #expect(result.status == 0, "\(result.stderr)")
        return (try jsonLines(dir.read("out/part-00000.jsonl") ?? []), try jsonLines(dir.read("out/rejects.jsonl") ?? []))
    }

    @Test func controlCharactersReachNoField() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        // Past the first 4 KiB (what the binary sniffer looks at), in a text input.
        let filler = String(repeating: "An ordinary sentence of prose, with words enough to count as text. ", count: 70)
        let text = try dir.write("a.txt", "A title\n\n" + filler + "\n\nControl \u{01}one, escape \u{1B}[31mred\u{1B}[0m, delete \u{7F}here, next line \u{85}there.\tTabbed. More words in this paragraph so that it is kept as prose.\n")
        // HTML: DEL literal and as a character reference; JSON-LD with ESC and NUL escapes.
        let html = try dir.write("b.html", """
            <html><head><title>Page</title>
            <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Head\\u001bline\\u0000 here", "author": {"@type": "Person", "name": "Ann\\u0007 Writer"},
             "description": "A description\\u0085 with\\u0001 controls"}</script>
            <link rel="canonical" href="javascript:alert(1)">
            </head><body><article><p>A paragraph long enough, with commas and clauses, to be kept: delete \u{7F}literal and &#x7f;reference and &#1;one.</p></article></body></html>
            """)
        let (records, _) = try Self.run(dir, [text, html])
        #expect(records.count == 2)
        for record in records {
            for (path, value) in Self.strings(record) {
                #expect(!Self.hasControl(value, layout: path == "text"), "\(record["source"] ?? ""): \(path) = \(value.debugDescription)")
            }
        }
        let byName = Dictionary(uniqueKeysWithValues: records.map { ($0["source"] as? String ?? "", $0) })
        let textRecord = try #require(byName["a.txt"]?["text"] as? String)
        #expect(textRecord.contains("Control one, escape [31mred[0m, delete here, next line there."), "\(textRecord.suffix(120))")
        let page = try #require(byName["b.html"])
        let metadata = try #require(page["metadata"] as? [String: Any])
        #expect((page["text"] as? String)?.contains("delete literal and reference and one.") == true, "\(page["text"] ?? "")")
        #expect(metadata["title"] as? String == "Headline here")
        #expect(metadata["author"] as? [String] == ["Ann Writer"])
        #expect(metadata["url"] is NSNull, "only http(s): \(metadata["url"] ?? "")")
    }

    @Test func jsonlIdsWithControlCharactersAreRejectedAndURLsAreHTTPOnly() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let body = "A paragraph long enough, with commas and clauses, to be kept as the text of a record."
        let lines = [
            #"{"id": "nul\u0000id", "text": "\#(body)"}"#,
            #"{"id": "line\nbreak", "text": "\#(body)"}"#,
            #"{"id": "good-id", "text": "\#(body)", "metadata": {"url": "javascript:alert(1)\u0001"}}"#,
            #"{"id": "web-id", "text": "\#(body)", "metadata": {"url": "https://example.com/a\u0001b"}}"#,
        ]
        let input = try dir.write("docs.jsonl", lines.joined(separator: "\n") + "\n")
        let (records, rejects) = try Self.run(dir, [input])
        #expect(rejects.map { $0["reason"] as? String } == ["jsonl.bad_id", "jsonl.bad_id"])
        #expect(rejects.map { $0["source"] as? String } == ["docs.jsonl#1", "docs.jsonl#2"])
        #expect(records.map { $0["id"] as? String } == ["good-id", "web-id"])
        #expect((records.first?["metadata"] as? [String: Any])?["url"] is NSNull)
        #expect((records.last?["metadata"] as? [String: Any])?["url"] as? String == "https://example.com/ab")
    }

    @Test func strippingKeepsLayoutInTextOnly() {
        #expect(ControlCharacters.text(Array("a\u{01}b\n\tc\u{7F}d\u{85}e\r\n".utf8)) == Array("ab\n\tcde\n".utf8))
        #expect(ControlCharacters.field("a\nb\tc\u{1B}d\u{9F}") == "a b cd")
        #expect(ControlCharacters.field("plain é ü 中") == "plain é ü 中")
        #expect(ControlCharacters.contains("x\ny") && ControlCharacters.contains("x\u{0}") && !ControlCharacters.contains("x y é"))
        #expect(ControlCharacters.httpURL("HTTPS://Example.com/") == "HTTPS://Example.com/")
        #expect(ControlCharacters.httpURL("/relative/path") == nil && ControlCharacters.httpURL("data:text/html,x") == nil && ControlCharacters.httpURL("http://") == nil)
    }
}

/// Issue 14 item 21: a huge `description` (or other one-line field) is capped like a title.
@Suite struct FieldCapTests {
    @Test func aFiveMegabyteDescriptionIsCut() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let huge = String(repeating: "déjà vu words ", count: 5_000_000 / 15)
        let page = "<html><head><meta name=\"description\" content=\"\(huge)\"></head><body><article><p>A paragraph long enough, with commas and clauses, to be kept as the text of a page.</p></article></body></html>"
        let input = try dir.write("a.html", page)
        let child = try WinnowChild(["run", "--quiet", "--output", dir.file("out"), input])
        #expect(try #require(child.wait(120)).status == 0)
        let lines = try #require(dir.read("out/part-00000.jsonl"))
        let record = try #require(try jsonLines(lines).first)
        let description = try #require((record["metadata"] as? [String: Any])?["description"] as? String)
        #expect(description.unicodeScalars.count <= ControlCharacters.maxFieldScalars)
        #expect(description.unicodeScalars.count > ControlCharacters.maxFieldScalars - 20)
        // Cut at a space: only whole words.
        #expect(description.split(separator: " ").allSatisfy { ["déjà", "vu", "words"].contains($0) }, "\(description.suffix(20))")
        #expect(ControlCharacters.field("short one") == "short one")
        #expect(ControlCharacters.field(String(repeating: "x", count: 1_500)).count == 1_000)
    }
}
