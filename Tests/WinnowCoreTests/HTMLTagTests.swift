import Testing
@testable import WinnowCore

@Suite struct HTMLTagTests {
    /// The tag constants are literal indexes: each must name the element it is called after.
    @Test func constantsMatchTheNameTable() {
        let constants: [(HTMLTag, String)] = [
            (.document, "#document"),
            (.text, "#text"),
            (.html, "html"),
            (.head, "head"),
            (.body, "body"),
            (.title, "title"),
            (.meta, "meta"),
            (.link, "link"),
            (.script, "script"),
            (.style, "style"),
            (.noscript, "noscript"),
            (.template, "template"),
            (.img, "img"),
            (.nav, "nav"),
            (.header, "header"),
            (.footer, "footer"),
            (.aside, "aside"),
            (.main, "main"),
            (.article, "article"),
            (.div, "div"),
            (.p, "p"),
            (.br, "br"),
            (.hr, "hr"),
            (.h1, "h1"),
            (.h2, "h2"),
            (.h3, "h3"),
            (.h4, "h4"),
            (.h5, "h5"),
            (.h6, "h6"),
            (.ul, "ul"),
            (.ol, "ol"),
            (.li, "li"),
            (.dl, "dl"),
            (.dt, "dt"),
            (.dd, "dd"),
            (.table, "table"),
            (.tr, "tr"),
            (.td, "td"),
            (.th, "th"),
            (.caption, "caption"),
            (.blockquote, "blockquote"),
            (.pre, "pre"),
            (.figure, "figure"),
            (.figcaption, "figcaption"),
            (.a, "a"),
            (.time, "time"),
            (.address, "address"),
            (.details, "details"),
            (.summary, "summary"),
            (.center, "center"),
            (.font, "font"),
            (.span, "span"),
            (.code, "code"),
            (.video, "video"),
            (.audio, "audio"),
            (.iframe, "iframe"),
            (.object, "object"),
            (.embed, "embed"),
            (.svg, "svg"),
            (.input, "input"),
            (.form, "form"),
            (.section, "section"),
            (.thead, "thead"),
            (.tbody, "tbody"),
            (.sub, "sub"),
            (.sup, "sup"),
            (.wbr, "wbr")
        ]
        for (tag, name) in constants { #expect(tag.name == name) }
    }

    @Test func blockElements() {
        for name in ["p", "div", "li", "h2", "td", "blockquote", "article", "br"] { #expect(HTMLTag.known(name)?.isBlock == true, "\(name)") }
        for name in ["a", "span", "em", "strong", "img", "time"] { #expect(HTMLTag.known(name)?.isBlock == false, "\(name)") }
        #expect(HTMLTag(rawValue: HTMLTag.firstCustomID + 3).isBlock == false)
    }
}

@Suite struct PackedNameTests {
    /// The word-at-a-time lowercasing against the byte-by-byte one, on every byte value and lengths 0–16.
    @Test func lowercasingMatchesBytewiseLowercasing() {
        var samples: [[UInt8]] = (0...255).map { [UInt8($0)] } + [Array("DATA-Src".utf8), Array("Z@[`az{".utf8), Array("HREFLANG-ÄÖ".utf8)]
        // Every byte value at every position of a name of each length (a fixed stride through 0–255).
        for length in 0...16 {
            for offset in stride(from: 0, to: 256, by: 7) { samples.append((0..<length).map { UInt8(truncatingIfNeeded: offset + $0 * 37) }) }
        }
        for bytes in samples {
            let lowered = bytes.map(ByteText.lower)
            let packed = bytes.withUnsafeBufferPointer { PackedName(lowercasing: $0) }
            let expected = lowered.withUnsafeBufferPointer { PackedName($0) }
            #expect(packed == expected, "\(bytes)")
        }
        let long = [UInt8](repeating: 0x41, count: 17)
        #expect(long.withUnsafeBufferPointer { PackedName(lowercasing: $0) } == nil)
    }

    @Test func bytesArePackedInOrder() {
        let name = Array("abcdefghijklmnop".utf8)
        let packed = name.withUnsafeBufferPointer { PackedName($0) }
        #expect(packed?.low == 0x6867_6665_6463_6261)
        #expect(packed?.high == 0x706F_6E6D_6C6B_6A69)
    }
}
