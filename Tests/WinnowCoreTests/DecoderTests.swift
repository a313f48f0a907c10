import Foundation
import Testing
@testable import WinnowCore

@Suite struct DecoderTests {
    private func decode(_ bytes: [UInt8], isHTML: Bool = true, declared: String? = nil) throws -> DocumentDecoder.Decoded {
        try DocumentDecoder.decode(bytes, isHTML: isHTML, declared: declared).get()
    }

    private let russian = "Съешь же ещё этих мягких французских булок, да выпей чаю."

    @Test func utf8BOMIsStripped() throws {
        let decoded = try decode([0xEF, 0xBB, 0xBF] + Array("<p>naïve</p>".utf8))
        #expect(decoded.utf8.utf8String == "<p>naïve</p>")
        #expect(decoded.encoding == "utf-8")
        #expect(decoded.method == "bom")
    }

    @Test func utf16BOMs() throws {
        let text = "<p>Hello, мир</p>"
        let le: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { unit -> [UInt8] in [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let decodedLE = try decode(le)
        #expect(decodedLE.utf8.utf8String == text)
        #expect(decodedLE.encoding == "utf-16le")
        #expect(decodedLE.method == "bom")
        let decodedBE = try decode(be)
        #expect(decodedBE.utf8.utf8String == text)
        #expect(decodedBE.encoding == "utf-16be")
    }

    @Test func metaCharsetWindows1251() throws {
        let html = "<html><head><meta charset=windows-1251><title>Тест</title></head><body><p>\(russian)</p></body></html>"
        let bytes = try Tool.iconv(html, to: "WINDOWS-1251")
        #expect(!UTF8Validation.isValid(bytes))
        #expect(CharsetSniffer.metaCharset(bytes) == "windows-1251")
        let decoded = try decode(bytes)
        #expect(decoded.encoding == "windows-1251")
        #expect(decoded.method == "meta")
        #expect(decoded.replacedBytes == 0)
        #expect(decoded.utf8.utf8String == html)
    }

    @Test func httpEquivShiftJIS() throws {
        let text = "日本語のテキストです。東京で会議が開かれました。"
        let html = #"<html><head><meta http-equiv="Content-Type" content="text/html; charset=shift_jis"></head><body><p>"# + text + "</p></body></html>"
        let bytes = try Tool.iconv(html, to: "SHIFT_JIS")
        #expect(CharsetSniffer.metaCharset(bytes) == "shift_jis")
        let decoded = try decode(bytes)
        #expect(decoded.encoding == "shift_jis")
        #expect(decoded.method == "meta")
        #expect(decoded.utf8.utf8String.contains(text))
    }

    @Test
    func shiftJISKeepsASCIIBackslashAndTilde() throws {
        let html = #"<meta charset="shift_jis"><p>東京 http://example.jp/~user C:\dir</p>"#
        let decoded = try decode(try Tool.iconv(html, to: "WINDOWS-31J"))
        #expect(decoded.utf8.utf8String == html)
    }

    @Test
    func eucKRLabelDecodesUHCSyllables() throws {
        let html = #"<meta charset="euc-kr"><p>똠방각하 안녕하세요</p>"#
        let decoded = try decode(try Tool.iconv(html, to: "CP949"))
        #expect(decoded.replacedBytes == 0)
        #expect(decoded.utf8.utf8String == html)
    }

    @Test func declaredLatin1ButValidUTF8StaysUTF8() throws {
        let html = #"<html><head><meta charset="iso-8859-1"></head><body><p>Crème brûlée, naïve café</p></body></html>"#
        let decoded = try decode(Array(html.utf8))
        #expect(decoded.encoding == "utf-8")
        #expect(decoded.method == "utf8-valid")
        #expect(decoded.utf8.utf8String == html)
    }

    @Test func undeclaredLatin1FallsBackToWindows1252() throws {
        // “quoted” — café in windows-1252 bytes.
        let bytes: [UInt8] = Array("He said ".utf8) + [0x93] + Array("hello".utf8) + [0x94, 0x20, 0x96, 0x20]
            + Array("caf".utf8) + [0xE9, 0x20, 0x80, 0x35]
        let decoded = try decode(bytes, isHTML: false)
        #expect(decoded.encoding == "windows-1252")
        #expect(decoded.method == "fallback")
        #expect(decoded.utf8.utf8String == "He said \u{201C}hello\u{201D} \u{2013} café €5")
    }

    @Test func mostlyUTF8WithOneBadByte() throws {
        var bytes = Array("<p>\(russian) \(russian)".utf8)
        bytes.append(0xFF)
        bytes += Array(" конец</p>".utf8)
        let decoded = try decode(bytes)
        #expect(decoded.encoding == "utf-8")
        #expect(decoded.method == "utf8-mostly")
        #expect(decoded.replacedBytes == 1)
        let text = decoded.utf8.utf8String
        #expect(text.filter { $0 == "\u{FFFD}" }.count == 1)
        #expect(text.hasPrefix("<p>\(russian)"))
        #expect(text.hasSuffix(" конец</p>"))
    }

    @Test func binaryIsRejected() {
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D] + Array("<html>".utf8)
        guard case .failure(.binary) = DocumentDecoder.decode(bytes, isHTML: true) else {
            Issue.record("PNG-like bytes should be rejected as binary")
            return
        }
        guard case .failure(.binary) = DocumentDecoder.decode([0x41, 0x00, 0x42], isHTML: false) else {
            Issue.record("a NUL byte should make a text input binary")
            return
        }
    }

    @Test func transportDeclarationWinsOverMeta() throws {
        let html = "<meta charset=utf-8><p>\(russian)</p>"
        let bytes = try Tool.iconv(html, to: "KOI8-R")
        let decoded = try decode(bytes, declared: "KOI8-R")
        #expect(decoded.encoding == "koi8-r")
        #expect(decoded.method == "transport")
        #expect(decoded.utf8.utf8String == html)
    }

    @Test func unknownLegacyLabelFallsBackToWindows1252() throws {
        let bytes = Array("<meta charset=iso-8859-99><p>caf".utf8) + [0xE9] + Array("</p>".utf8)
        let decoded = try decode(bytes)
        #expect(decoded.encoding == "windows-1252")
        #expect(decoded.utf8.utf8String.hasSuffix("<p>café</p>"))
    }

    @Test func metaCharsetPrescan() {
        #expect(CharsetSniffer.metaCharset(Array(#"<META CHARSET="UTF-8">"#.utf8)) == "utf-8")
        #expect(CharsetSniffer.metaCharset(Array(#"<meta name="x" content="y"><meta charset='koi8-r'/>"#.utf8)) == "koi8-r")
        #expect(CharsetSniffer.metaCharset(Array("<p>no declaration here</p>".utf8)) == nil)
        // Only the first 1024 bytes are scanned.
        let late = String(repeating: " ", count: 1100) + "<meta charset=windows-1251>"
        #expect(CharsetSniffer.metaCharset(Array(late.utf8)) == nil)
    }

    @Test func bomDetection() {
        #expect(CharsetSniffer.bom([0xEF, 0xBB, 0xBF, 0x41])?.length == 3)
        #expect(CharsetSniffer.bom([0xFF, 0xFE])?.0 == .utf16LE)
        #expect(CharsetSniffer.bom([0xFE, 0xFF])?.0 == .utf16BE)
        #expect(CharsetSniffer.bom(Array("abc".utf8)) == nil)
    }

    @Test(arguments: [
        ("UTF8", "utf-8"), (" utf-8 ", "utf-8"), ("latin1", "windows-1252"), ("ISO-8859-1", "windows-1252"),
        ("us-ascii", "windows-1252"), ("cp1251", "windows-1251"), ("x-sjis", "shift_jis"), ("gbk", "gb18030"),
        ("koi8-r", "koi8-r"), ("iso-8859-5", "iso-8859-5"), ("latin2", "iso-8859-2"), ("utf-16", "utf-16le"),
        ("no-such-charset", "utf-8"),
    ])
    func encodingLabels(label: String, canonical: String) {
        #expect(EncodingLabel.canonical(label) == canonical)
    }

    @Test func transcoder() throws {
        let cp1251 = try Tool.iconv(russian, to: "WINDOWS-1251")
        let converted = try #require(Transcoder.toUTF8(cp1251[...], from: "windows-1251"))
        #expect(converted.utf8.utf8String == russian)
        #expect(converted.replaced == 0)
        // windows-1252's 0x80–0x9F row is not Latin-1's C1 controls.
        #expect(Transcoder.toUTF8([0x80, 0x99, 0xA9][...], from: "windows-1252")?.utf8.utf8String == "€™©")
        // A byte Shift_JIS cannot start a character with becomes U+FFFD and decoding goes on.
        let sjis = try Tool.iconv("日本", to: "SHIFT_JIS") + [0xFF] + Tool.iconv("語", to: "SHIFT_JIS")
        let mixed = try #require(Transcoder.toUTF8(sjis[...], from: "shift_jis"))
        #expect(mixed.utf8.utf8String == "日本\u{FFFD}語")
        #expect(mixed.replaced == 1)
        #expect(Transcoder.toUTF8([0x41][...], from: "no-such-encoding") == nil)
    }
}
