import Testing
@testable import WinnowCore

@Suite struct ContentSnifferTests {
    @Test(arguments: [
        ("<!DOCTYPE html><html>", true), ("  \n<html lang=en>", true), ("<HEAD><title>x", true),
        ("<body>", true), ("<!-- comment --><p>", true), ("<meta charset=utf-8>", true), ("<title>T</title>", true),
        ("<?xml version=\"1.0\"?>", true), ("\u{FEFF}<html>", true),
        ("Hello <b>world</b>", false), ("<div>starts with a div</div>", false), ("", false), ("   ", false),
        ("<3 love letters", false),
    ])
    func looksLikeHTML(text: String, expected: Bool) {
        #expect(ContentSniffer.looksLikeHTML(Array(text.utf8)) == expected, "\(text)")
    }

    @Test(arguments: [
        ("plain text with 3 < 4 and 5 > 2", false), ("no markup at all", false), ("ends with <", false),
        ("some <b>bold</b> text", true), ("a comment <!-- x -->", true), ("closing </p> only", true),
        ("UPPER <P>case</P>", true),
    ])
    func containsMarkup(text: String, expected: Bool) {
        #expect(ContentSniffer.containsMarkup(Array(text.utf8)) == expected, "\(text)")
    }

    @Test func looksBinary() {
        #expect(ContentSniffer.looksBinary([0x41, 0x00, 0x42]))
        #expect(!ContentSniffer.looksBinary([]))
        #expect(!ContentSniffer.looksBinary(Array("Normal text\twith tabs\r\nand lines\u{0C} and \u{1B}[0m escapes".utf8)))
        // Many C0 controls (more than 2 %) without any NUL.
        var controls = Array(String(repeating: "abcdefghi ", count: 10).utf8)
        for i in stride(from: 0, to: controls.count, by: 10) { controls[i] = 0x01 }
        #expect(ContentSniffer.looksBinary(controls))
        // A single control byte in a long text is tolerated.
        var one = Array(String(repeating: "abcdefghi ", count: 10).utf8)
        one[5] = 0x07
        #expect(!ContentSniffer.looksBinary(one))
    }
}

@Suite struct ContentSnifferUTF16Tests {
    @Test func utf16MarkupIsSeen() throws {
        let html = "<html><body><p>мир</p></body></html>"
        #expect(ContentSniffer.containsMarkup([0xFF, 0xFE] + (try Tool.iconv(html, to: "UTF-16LE"))))
        #expect(ContentSniffer.containsMarkup([0xFE, 0xFF] + (try Tool.iconv(html, to: "UTF-16BE"))))
        #expect(!ContentSniffer.containsMarkup([0xFF, 0xFE] + (try Tool.iconv("just text, 1 < 2", to: "UTF-16LE"))))
    }
}
