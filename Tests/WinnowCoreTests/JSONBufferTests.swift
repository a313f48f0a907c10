import Foundation
import Testing
@testable import WinnowCore

@Suite struct JSONBufferTests {
    private func quoted(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        JSONEscaper.appendQuoted(bytes[...], to: &out)
        return out
    }

    @Test func escapesQuotesBackslashAndControlCharacters() {
        let input = "say \"hi\" \\ path\nline\ttab\r\u{08}\u{0C}\u{01}\u{1F}"
        let expected = #""say \"hi\" \\ path\nline\ttab\r\b\f\u0001\u001f""#
        #expect(quoted(Array(input.utf8)).utf8String == expected)
    }

    @Test func keepsUTF8Unescaped() {
        let input = "café – 日本語 😀 /slash/ \u{7F}"
        let out = quoted(Array(input.utf8))
        #expect(out == Array("\"\(input)\"".utf8))
    }

    @Test func replacesInvalidUTF8WithReplacementCharacter() {
        // A stray Latin-1 byte, a lone continuation byte, a truncated 3-byte sequence at the end.
        let out = quoted([0x61, 0xE9, 0x62, 0x80, 0x63, 0xE6, 0x97])
        #expect(out.utf8String == "\"a\u{FFFD}b\u{FFFD}c\u{FFFD}\u{FFFD}\"")
        #expect(UTF8Validation.isValid(out))
    }

    @Test func objectParsesWithJSONSerializationInFixedKeyOrder() throws {
        var json = JSONBuffer()
        json.beginObject()
        json.key("zeta"); json.string("last letter \"first\"")
        json.key("alpha"); json.int(-42)
        json.key("list"); json.stringArray(["a", "b\n"])
        json.key("nested")
        json.beginObject()
        json.key("ok"); json.bool(true)
        json.key("none"); json.null()
        json.key("maybe"); json.optionalString(nil)
        json.endObject()
        json.key("ratio"); json.double(0.12345)
        json.key("whole"); json.double(2.0)
        json.key("dynamic \"key\""); json.string(bytes: Array("raw\u{01}".utf8)[...])
        json.endObject()
        json.newline()
        let bytes = json.bytes
        #expect(bytes.last == UInt8(ascii: "\n"))
        #expect(jsonKeys(bytes) == ["zeta", "alpha", "list", "nested", "ratio", "whole", "dynamic \\\"key\\\""])
        #expect(jsonKeys(bytes, depth: 2) == ["ok", "none", "maybe"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["zeta"] as? String == "last letter \"first\"")
        #expect(object["alpha"] as? Int == -42)
        #expect(object["list"] as? [String] == ["a", "b\n"])
        let nested = try #require(object["nested"] as? [String: Any])
        #expect(nested["ok"] as? Bool == true)
        #expect(nested["none"] is NSNull)
        #expect(object["ratio"] as? Double == 0.123)
        #expect(bytes.utf8String.contains("\"whole\":2,"))
        #expect(object["dynamic \"key\""] as? String == "raw\u{01}")
    }

    @Test func nonFiniteDoubleIsNull() throws {
        var json = JSONBuffer()
        json.beginArray()
        json.double(.nan)
        json.double(.infinity)
        json.int(1)
        json.endArray()
        #expect(json.bytes.utf8String == "[null,null,1]")
    }
}
