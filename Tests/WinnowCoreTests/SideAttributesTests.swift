import Testing
@testable import WinnowCore

/// The skipper decodes kept attribute values itself and hands libxml2 a marker per tag; the tree must
/// be the one libxml2 builds when it reads the values as written.
@Suite struct SideAttributesTests {
    static let names = AttributeNames()

    /// Every element's tag and (attribute, value) pairs, in document order.
    static func elements(_ html: String, decode: Bool) -> [String] {
        let skipper = MarkupSkipper(dropTags: [.svg], keptAttributes: names, decodesAttributes: decode)
        let parser = HTMLParser(attributeNames: names, maxDepth: 500, maxNodes: 100_000)
        guard case .success(let tree) = parser.parse(skipper.strip(Array(html.utf8))) else { return ["parse failed"] }
        var out: [String] = []
        for (index, node) in tree.nodes.enumerated() where node.tag != .text {
            var line = "\(node.tag)"
            for a in tree.attributes[Int(node.start)..<Int(node.end)] {
                line += " \(names.names[Int(a.name)])=[\(String(decoding: tree.attributeValues[Int(a.start)..<Int(a.end)], as: UTF8.self))]"
            }
            line += " children:\(tree.nodes.indices.filter { tree.nodes[$0].parent == Int32(index) && $0 != index }.count)"
            out.append(line)
        }
        return out
    }

    static let tricky: [String] = [
        #"<div class="a b" id=main role='note'>x</div>"#,
        #"<p class="x &amp; y &lt;z&gt; &quot;q&quot; &nbsp;n &eacute; &euro;">t</p>"#,
        #"<img alt="&#65;&#x42;&#X43;&#0;after"><img alt="a&#;x"><img alt="b&#xZZ;c"><img alt="c&#1114112;d"><img alt="d&#55296;y">"#,
        #"<img alt="e&#4294967361;x"><img alt="f&#x10FFFF;&#9;&#x1F600;g&#38h&#x26;;"><img alt="i&#x110000000041;j">"#,
        #"<img alt="&amp &bogus; &Amp; &amp;amp; & x &1 &_a; &:b;" src=a.png>"#,
        #"<meta content="a &é b"><meta content="&aé;">"#,
        #"<div class=a class=b id=c ID=d>t</div>"#,
        #"<link rel=canonical href=https://x.test/a /><link rel=canonical href="https://x.test/b"/>"#,
        #"<div class=one/>text</div><div class=two/ id=x>t</div><div hidden/>t<br class=b/>"#,
        #"<div class = "spaced"  id  =  'q' hidden data-x="dropped" style="display:none">t</div>"#,
        "<div class=\"a\u{0C}b\" id=\"c\">t</div><div class\u{0C}=\"f\">t</div>",
        "<section class=\"multi\nline\" lang=en-GB itemprop=\"articleBody\" itemscope>t</section>",
        #"<div class=container1 class=info Is we're here <a href=https://x.test/>t</div></div>"#,
        #"<html lang=de><body class=b><body class=second><p class=p>t</p></body></html>"#,
        #"<td colspan=2 class=c>t</td><ol start=3 class=o><li>t</li></ol>"#,
        #"<div class="日本語 ünïcødé">t</div><div .w=7 class=spoof>t</div>"#,
        #"<script src=a.js type=module async data-x="1"></script><script type="application/ld+json" id=ld>{"@type":"Article"}</script>"#,
        #"<svg class=icon viewBox="0 0 1 1"><path d=x/></svg><p>after</p><svg class=i viewBox=0/><p>t</p><style id=s>p{}</style>"#,
    ]

    @Test(arguments: tricky)
    func decodedAttributesGiveLibxml2sTree(_ html: String) {
        #expect(Self.elements(html, decode: true) == Self.elements(html, decode: false))
    }

    @Test func valuesAreDecodedAsLibxml2Does() {
        let lines = Self.elements(#"<img alt="&#65;&#x42;&#0;after" class="x &amp; y &amp z &bogus; &#x263A;">"#, decode: true)
        // A reference to a non-character ends the value, as the NUL libxml2 writes for it does.
        #expect(lines.contains { $0.contains("alt=[AB]") })
        // Named references count only with their ";"; unknown ones stay as written.
        #expect(lines.contains { $0.contains("class=[x & y &amp z &bogus; ☺]") })
    }

    @Test func ordinaryTagsGoThroughTheMarker() {
        let skipper = MarkupSkipper(dropTags: [], keptAttributes: Self.names)
        let stripped = skipper.strip(Array(#"<div class="a &amp; b" data-x=1 id=m><p>t</p></div><link href="x" />"#.utf8))
        #expect(String(decoding: stripped.markup, as: UTF8.self) == "<div .w=0><p>t</p></div><link .w=1 />")
        #expect(stripped.attributes.tagCount == 2)
        #expect(String(decoding: stripped.attributes.values, as: UTF8.self) == "a & bmx")
    }

    @Test func tagsLibxml2ReadsDifferentlyKeepTheirAttributes() {
        let skipper = MarkupSkipper(dropTags: [], keptAttributes: Self.names)
        // "/>" after an unquoted value, a NUL, a form feed before "=": libxml2 still reads these tags itself.
        for html in ["<div class=a/>", "<div class=\"a\u{0}b\">", "<div class\u{0C}=\"b\">"] {
            let stripped = skipper.strip(Array(html.utf8))
            #expect(stripped.attributes.tagCount == 0, "\(html)")
            #expect(!String(decoding: stripped.markup, as: UTF8.self).contains(".w="), "\(html)")
        }
    }
}
