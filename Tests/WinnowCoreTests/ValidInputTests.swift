import Foundation
import Testing
@testable import WinnowCore

/// Issue 14 item 19: valid input read as valid. JSON that JSONSerialization refuses (10,000-deep
/// nesting, 1e999999999, a lone "\ud800"); a .gz with trailing garbage (gzip(1) decodes it and ignores
/// the rest); a 0-byte .html.gz is `input.empty`. Through the real binary.
@Suite struct ValidInputTests {
    static let added = "2026-11-27T02:00:00Z"
    static let body = "A paragraph long enough, with commas and clauses, to be kept as the text of a record."

    static func run(_ dir: TempDir, _ inputs: [String]) throws -> (records: [[String: Any]], rejects: [[String: Any]]) {
        let child = try WinnowChild(["run", "--quiet", "--added", added, "--output", dir.file("out")] + inputs)
        let result = try #require(child.wait(60), "the run did not end")
        #expect(result.status == 0, "\(result.stderr)")
        return (try jsonLines(dir.read("out/part-00000.jsonl") ?? []), try jsonLines(dir.read("out/rejects.jsonl") ?? []))
    }

    @Test func validJSONLinesAreRead() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let lines = [
            #"{"id": "deep", "text": "\#(Self.body)", "extra": \#(deep)}"#,
            #"{"id": "huge", "text": "\#(Self.body)", "score": 1e999999999}"#,
            #"{"id": "lone", "text": "\#(Self.body) \ud800 end."}"#,
            #"{"id": 42, "text": "\#(Self.body)", "metadata": {"url": "https://example.com/x", "deep": \#(deep)}}"#,
            #"{"id": "bad", "text": "\#(Self.body)", "x": [1, 2,]}"#,
            #"["not", "an", "object"]"#,
        ]
        let input = try dir.write("docs.jsonl", lines.joined(separator: "\n") + "\n")
        let (records, rejects) = try Self.run(dir, [input])
        #expect(records.map { $0["id"] as? String } == ["deep", "huge", "lone", "42"])
        #expect((records[2]["text"] as? String)?.hasSuffix("\u{FFFD} end.") == true, "\(records[2]["text"] ?? "")")
        #expect((records[3]["metadata"] as? [String: Any])?["url"] as? String == "https://example.com/x")
        #expect(rejects.map { $0["reason"] as? String } == ["jsonl.invalid_json", "jsonl.invalid_json"])
        #expect(rejects.map { $0["detail"] as? String } == ["not valid JSON: unexpected character at byte \(lines[4].utf8.count - 1)", "not a JSON object"])
    }

    @Test func parserAgreesWithJSONSerializationWhereItCan() throws {
        let samples = [#"{"a": {"b": "c"}, "a.b": "direct"}"#, #"{"t": "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"}"#, #"{"n": -0.5e+3}"#,
                       #"{"a": [{"t": "in an array"}], "t": "top"}"#, #"{"t": "two"} x"#, #"{"t": 01}"#, #"{"t": "a"#, "{\"t\": \"tab\there\"}"]
        for sample in samples {
            let bytes = Array(sample.utf8)
            let foundation = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
            let ours = try? JSONLine.parse(bytes, wanted: ["t", "a.b", "n"])
            #expect((foundation == nil) == (ours == nil), "\(sample)")
            if let foundation, let ours {
                if let t = foundation["t"] as? String { #expect(ours.value("t") == .string(t), "\(sample)") }
            }
        }
        let dotted = try JSONLine.parse(Array(samples[0].utf8), wanted: ["a.b"])
        #expect(dotted.value("a.b") == .string("direct"), "a top-level key wins, as before")
        #expect(try JSONLine.parse(Array(#"{"a": {"b": "c"}}"#.utf8), wanted: ["a.b"]).value("a.b") == .string("c"))
        #expect(try JSONLine.parse(Array(samples[3].utf8), wanted: ["t"]).value("t") == .string("top"))
        #expect(JSONLReader.idText(number: "1e3") == "1000" && JSONLReader.idText(number: "7") == "7")
    }

    @Test func gzipTrailingGarbageAndEmptyGzip() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let page = "<html><body><article><p>\(Self.body)</p></article></body></html>"
        let gz = try Tool.gzip(Array(page.utf8))
        _ = try dir.write("in/garbage.html.gz", gz + Array("trailing garbage that is not gzip".utf8))
        _ = try dir.write("in/padded.html.gz", gz + [0, 0, 0, 0])
        _ = try dir.write("in/empty.html.gz", [UInt8]())
        _ = try dir.write("in/broken.html.gz", gz + [0x1F, 0x8B, 0x08, 0x00, 0xFF, 0xFF])
        let (records, rejects) = try Self.run(dir, [dir.file("in")])
        #expect(records.map { $0["source"] as? String } == ["garbage.html.gz", "padded.html.gz"])
        #expect(records.allSatisfy { $0["text"] as? String == Self.body })
        let reasons = Dictionary(uniqueKeysWithValues: rejects.map { ($0["source"] as? String ?? "", $0["reason"] as? String ?? "") })
        #expect(reasons == ["empty.html.gz": "input.empty", "broken.html.gz": "input.gzip_truncated"], "\(reasons)")
    }
}

/// Issue 14 item 20: a DOCTYPE internal subset is not text.
@Suite struct DoctypeSubsetTests {
    static let body = "A paragraph long enough, with commas and clauses, to be kept as the text of a page."

    @Test func anInternalSubsetDoesNotLeakIntoTheText() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        // No main content container: every text-like block is kept, and the old parser gave the text
        // after the subset's first '>' (`!ENTITY intro "Welcome …"> …]>`) as the first paragraph.
        let page = """
            <?xml version="1.0"?>
            <!-- made by a tool -->
            <!DOCTYPE html [
              <!ENTITY company "Example Corp, with a ] and a > in its name">
              <!ENTITY intro "Welcome to our company, where we have built good things, with care and patience, for many years now.">
              <!-- a comment ] > inside -->
              <!ATTLIST p class CDATA "note">
              <!ELEMENT note (#PCDATA)>
            ]>
            <p>\(Self.body)</p>
            """
        let input = try dir.write("a.html", page)
        let child = try WinnowChild(["run", "--quiet", "--output", dir.file("out"), input])
        #expect(try #require(child.wait(60)).status == 0)
        let records = try jsonLines(try #require(dir.read("out/part-00000.jsonl")))
        #expect(records.first?["text"] as? String == Self.body)
        // The parser sees the subset as spaces: the same length, so tree offsets stay those of the page.
        let blanked = try #require(DoctypeSubset.blanked(Array(page.utf8)))
        #expect(blanked.count == page.utf8.count)
        #expect(!String(decoding: blanked, as: UTF8.self).contains("ENTITY"))
        #expect(String(decoding: blanked, as: UTF8.self).contains("<!DOCTYPE html "))
        let tree = try HTMLTestSupport.parse(page)
        #expect(HTMLTestSupport.text(0, in: tree).contains("ATTLIST") == false)
        // Without a subset nothing is copied; a subset that never closes is left to the parser.
        #expect(DoctypeSubset.blanked(Array("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\" \"x.dtd\"><p>x</p>".utf8)) == nil)
        #expect(DoctypeSubset.blanked(Array("<!DOCTYPE html [ <!ENTITY a \"b\">".utf8)) == nil)
        #expect(DoctypeSubset.blanked(Array("<p>[ not a doctype ]></p>".utf8)) == nil)
    }
}
