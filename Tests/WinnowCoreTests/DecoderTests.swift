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

/// The detector (uchardet) and the whole encoding order on pages made in legacy encodings, alone and
/// inside WARC records whose HTTP `Content-Type` may name a charset.
@Suite struct EncodingDetectionTests {
    static let russian = [
        "Съешь же ещё этих мягких французских булок, да выпей чаю. Москва — столица России и крупнейший по численности населения город страны.",
        "Городской совет в понедельник обсудил строительство нового моста через реку; большинство депутатов согласились начать работы весной.",
    ]
    static let japanese = [
        "日本語のテキストです。東京で会議が開かれ、多くの参加者が新しい橋の建設について活発に議論しました。",
        "住民は両側に歩道を設けるよう求め、技術者は費用を大きく増やさずに設計を変更できると説明しました。",
    ]
    static let chinese = [
        "中华人民共和国是位于东亚的社会主义国家，首都北京。市议会星期一讨论了在河上建造新桥的计划，大多数议员同意春天开工。",
        "居民要求在桥的两侧都修建人行道，工程师表示可以在不大幅增加费用的情况下修改设计方案。",
    ]
    static let french = [
        "Le conseil municipal s'est réuni lundi pour discuter du nouveau pont sur la rivière ; la plupart des élus ont convenu que les travaux commenceraient au printemps.",
        "Les habitants ont demandé un trottoir des deux côtés, et l'ingénieur a répondu que le projet pouvait être modifié sans augmenter beaucoup le coût. Très bien, déjà fait, à bientôt !",
    ]
    static let mixed = ["Hello, мир! Grüße aus Köln — 東京からこんにちは. A UTF-16 page with a byte-order mark, in several scripts at once.",
                        "The second paragraph of the UTF-16 page says that the byte-order mark wins over any charset the server names."]

    static func page(_ paragraphs: [String], meta: String? = nil) -> String {
        "<!DOCTYPE html><html><head>" + (meta.map { "<meta charset=\"\($0)\">" } ?? "") + "<title>Test page</title></head><body><article>"
            + paragraphs.map { "<p>\($0)</p>" }.joined() + "</article></body></html>"
    }

    static func bytes(_ paragraphs: [String], encoding: String, meta: String? = nil) throws -> [UInt8] {
        let html = page(paragraphs, meta: meta)
        switch encoding {
        case "UTF-8": return Array(html.utf8)
        case "UTF-16LE": return [0xFF, 0xFE] + (try Tool.iconv(html, to: "UTF-16LE"))
        case "UTF-16BE": return [0xFE, 0xFF] + (try Tool.iconv(html, to: "UTF-16BE"))
        default: return try Tool.iconv(html, to: encoding)
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let paragraphs: [String]
        let encoding: String
        var httpCharset: String? = nil
        var meta: String? = nil
        let expected: String
        let method: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "windows-1251, undeclared", paragraphs: russian, encoding: "WINDOWS-1251", expected: "windows-1251", method: "detector"),
        Case(name: "windows-1251 in HTTP", paragraphs: russian, encoding: "WINDOWS-1251", httpCharset: "windows-1251", expected: "windows-1251", method: "transport"),
        Case(name: "KOI8-R, undeclared", paragraphs: russian.map { $0.replacingOccurrences(of: "—", with: "-") }, encoding: "KOI8-R",
             expected: "koi8-r", method: "detector"),
        Case(name: "Shift_JIS, undeclared", paragraphs: japanese, encoding: "SHIFT_JIS", expected: "shift_jis", method: "detector"),
        Case(name: "Shift_JIS in meta", paragraphs: japanese, encoding: "SHIFT_JIS", meta: "shift_jis", expected: "shift_jis", method: "meta"),
        Case(name: "Shift_JIS in HTTP, meta says utf-8", paragraphs: japanese, encoding: "SHIFT_JIS", httpCharset: "Shift_JIS", meta: "utf-8", expected: "shift_jis", method: "transport"),
        Case(name: "GB18030, undeclared", paragraphs: chinese, encoding: "GB18030", expected: "gb18030", method: "detector"),
        Case(name: "gb2312 in HTTP", paragraphs: chinese, encoding: "GB18030", httpCharset: "\"gb2312\"", expected: "gb18030", method: "transport"),
        Case(name: "ISO-8859-1, undeclared", paragraphs: french, encoding: "ISO-8859-1", expected: "windows-1252", method: "detector"),
        Case(name: "ISO-8859-1 in HTTP", paragraphs: french, encoding: "ISO-8859-1", httpCharset: "ISO-8859-1", expected: "windows-1252", method: "transport"),
        Case(name: "UTF-16LE BOM wins over HTTP", paragraphs: mixed, encoding: "UTF-16LE", httpCharset: "iso-8859-1", expected: "utf-16le", method: "bom"),
        Case(name: "UTF-16BE BOM", paragraphs: mixed, encoding: "UTF-16BE", expected: "utf-16be", method: "bom"),
        Case(name: "UTF-8 mis-declared windows-1251 in HTTP", paragraphs: russian, encoding: "UTF-8", httpCharset: "windows-1251", expected: "utf-8", method: "utf8-valid"),
        Case(name: "UTF-8 mis-declared latin1 in meta", paragraphs: french, encoding: "UTF-8", meta: "iso-8859-1", expected: "utf-8", method: "utf8-valid"),
        Case(name: "windows-1251 mis-declared utf-8 in meta", paragraphs: russian, encoding: "WINDOWS-1251", meta: "utf-8", expected: "windows-1251", method: "detector"),
        Case(name: "Shift_JIS mis-declared utf-8 in HTTP", paragraphs: japanese, encoding: "SHIFT_JIS", httpCharset: "utf-8", expected: "shift_jis", method: "detector"),
    ]

    @Test(arguments: cases)
    func decoderAlone(_ c: Case) throws {
        let raw = try Self.bytes(c.paragraphs, encoding: c.encoding, meta: c.meta)
        let decoded = try DocumentDecoder.decode(raw, isHTML: true, declared: c.httpCharset.map { MediaType("text/html; charset=\($0)").charset ?? $0 }).get()
        #expect(decoded.encoding == c.expected)
        #expect(decoded.method == c.method)
        #expect(decoded.replacedBytes == 0)
        #expect(decoded.utf8.utf8String == Self.page(c.paragraphs, meta: c.meta))
    }

    /// Every case as a response record of one WARC, through the reader and the whole pipeline: the
    /// extracted text is the known Unicode text.
    @Test func throughWARCAndPipeline() throws {
        _ = LibXML.ready
        let dir = try TempDir()
        defer { dir.remove() }
        var records: [[UInt8]] = []
        for (i, c) in Self.cases.enumerated() {
            let header = "Content-Type: text/html" + (c.httpCharset.map { "; charset=\($0)" } ?? "")
            records.append(WARCFixture.response("http://enc.example/\(i)", id: i, headers: [header], body: try Self.bytes(c.paragraphs, encoding: c.encoding, meta: c.meta)))
        }
        let path = try dir.write("encodings.warc.gz", WARCFixture.gzipMembers(records).bytes)
        let (items, _) = try WARCFixture.read(path)
        #expect(items.count == Self.cases.count)
        let pipeline = Pipeline(config: try ConfigLoader.loadDefault(), added: RunnerTests.added)
        for (item, c) in zip(items, Self.cases) {
            let (document, drop) = pipeline.run(item)
            #expect(drop == nil, "\(c.name)")
            #expect(document.encoding == c.expected, "\(c.name)")
            #expect(document.encodingMethod == c.method, "\(c.name)")
            let text = document.paragraphs.map(\.utf8String).joined(separator: "\n\n")
            #expect(text == c.paragraphs.joined(separator: "\n\n"), "\(c.name)")
        }
    }

    @Test func detectorNames() {
        #expect(CharsetDetector.canonical("ISO-8859-1") == "windows-1252")
        #expect(CharsetDetector.canonical("ASCII") == "windows-1252")
        #expect(CharsetDetector.canonical("WINDOWS-1251") == "windows-1251")
        #expect(CharsetDetector.canonical("SHIFT_JIS") == "shift_jis")
        #expect(CharsetDetector.canonical("UHC") == "euc-kr")
        #expect(CharsetDetector.canonical("GB18030") == "gb18030")
        #expect(CharsetDetector.canonical("ISO-8859-7") == "iso-8859-7")
        #expect(CharsetDetector.canonical("NO-SUCH-CHARSET") == nil)
    }

    @Test func shortLatinTextIsNotGuessedCentralEuropean() throws {
        // A few accents are too little evidence for windows-1250 over windows-1252.
        let bytes = try Tool.iconv("<p>He said “hello” – café, naïve, déjà vu.</p>", to: "WINDOWS-1252")
        let decoded = try DocumentDecoder.decode(bytes, isHTML: true).get()
        #expect(decoded.encoding == "windows-1252")
        #expect(decoded.utf8.utf8String == "<p>He said “hello” – café, naïve, déjà vu.</p>")
    }

    @Test func mediaTypeCharset() {
        #expect(MediaType("text/html; charset=\"UTF-8\"") == MediaType("TEXT/HTML;charset=utf-8"))
        #expect(MediaType("text/html; charset=\"UTF-8\"").charset == "utf-8")
        #expect(MediaType("text/html; boundary=x").charset == nil)
        #expect(MediaType("application/xhtml+xml").verdict == .html)
        #expect(MediaType(nil).verdict == .sniff)
        #expect(MediaType("image/png").verdict == .other)
    }
}
