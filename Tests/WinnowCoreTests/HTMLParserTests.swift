import Testing
@testable import WinnowCore

@Suite struct HTMLParserTests {
    init() { _ = LibXML.ready }

    private func failure(_ result: Result<DocumentTree, HTMLParser.Failure>) -> HTMLParser.Failure? {
        if case .failure(let failure) = result { return failure }
        return nil
    }

    @Test func textAndAttributesLandInTheTree() throws {
        let tree = try HTMLTestSupport.parse(#"<html lang="de"><body><p id="x" class="a b" data-skip="1" onclick="f()">Hello <b>world</b>!</p></body></html>"#)
        let p = try #require(HTMLTestSupport.element(id: "x", in: tree))
        #expect(tree.tagName(tree.nodes[Int(p)].tag) == "p")
        #expect(tree.attributeString(AttributeNames.class, of: p) == "a b")
        #expect(HTMLTestSupport.text(p, in: tree) == "Hello world!")
        // Attributes the tree does not keep are not stored at all.
        #expect(!tree.attributeValues.utf8String.contains("f()"))
        let html = try #require(HTMLTestSupport.element(tag: "html", in: tree))
        #expect(tree.attributeString(AttributeNames.lang, of: html) == "de")
        let b = try #require(HTMLTestSupport.element(tag: "b", in: tree))
        #expect(tree.nodes[Int(b)].parent == p)
    }

    @Test func extraAttributeNamesAreKept() throws {
        let tree = try HTMLTestSupport.parse(#"<div id="a" data-ad="slot-1">x</div>"#, extra: ["DATA-AD"])
        let names = AttributeNames(extra: ["data-ad"])
        let div = try #require(HTMLTestSupport.element(id: "a", in: tree))
        #expect(tree.attributeString(try #require(names.id(of: "data-ad")), of: div) == "slot-1")
    }

    @Test func scriptAndStyleTextIsDroppedButJSONLDIsKept() throws {
        let tree = try HTMLTestSupport.parse("""
            <html><head><style>p { color: red }</style>
            <script>var secret = "do not keep";</script>
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Kept"}</script>
            </head><body><p>Body text</p><script>document.write("nope")</script></body></html>
            """)
        let text = tree.text.utf8String
        #expect(!text.contains("secret"))
        #expect(!text.contains("color"))
        #expect(!text.contains("nope"))
        #expect(text.contains("Body text"))
        let scripts = HTMLTestSupport.elements(tree).filter { tree.nodes[Int($0)].tag == .script }
        #expect(scripts.count == 3)
        #expect(tree.textContent(of: scripts[1]).utf8String == #"{"@type":"NewsArticle","headline":"Kept"}"#)
        #expect(tree.textContent(of: scripts[0]).isEmpty)
    }

    @Test func pageCharsetDeclarationsAreIgnoredAfterDecoding() throws {
        // The bytes are already UTF-8; libxml2 must not re-decode them as the meta says.
        let tree = try HTMLTestSupport.parse(#"<html><head><meta charset="windows-1251"><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><p id=t>Привет, café — 日本</p></body></html>"#)
        let p = try #require(HTMLTestSupport.element(id: "t", in: tree))
        #expect(HTMLTestSupport.text(p, in: tree) == "Привет, café — 日本")
    }

    @Test func entitiesAreDecoded() throws {
        let tree = try HTMLTestSupport.parse("<p id=e>caf&eacute; &amp; &lt;tag&gt; &#x263A; &#8364;&nbsp;5 &quot;q&quot;</p>")
        let p = try #require(HTMLTestSupport.element(id: "e", in: tree))
        #expect(tree.textContent(of: p).utf8String == "café & <tag> ☺ €\u{A0}5 \"q\"")
    }

    @Test
    func windows1252NumericReferences() throws {
        let tree = try HTMLTestSupport.parse("<p id=e>don&#146;t &#147;quote&#148; &#128;5 &#150; ok</p>")
        let p = try #require(HTMLTestSupport.element(id: "e", in: tree))
        #expect(tree.textContent(of: p).utf8String == "don\u{2019}t \u{201C}quote\u{201D} €5 \u{2013} ok")
    }

    @Test
    func textAfterANulByteIsNotSilentlyLost() throws {
        let first = "<p>" + String(repeating: "filler words ", count: 400) + "</p>"
        let bytes = Array(("<html><body>" + first).utf8) + [0] + Array("<p>After the NUL byte.</p></body></html>".utf8)
        let decoded = try DocumentDecoder.decode(bytes, isHTML: true).get()
        let tree = try HTMLParser(attributeNames: AttributeNames(), maxDepth: 100, maxNodes: 1000).parse(decoded.utf8).get()
        let keptTheRest = tree.text.utf8String.contains("After the NUL byte.")
        #expect(keptTheRest)
    }

    @Test func textNodesOverTenMegabytesAreNotCut() throws {
        let html = "<html><body><p>" + String(repeating: "word ", count: 2_200_000) + "</p><p>THE END</p></body></html>"
        let tree = try HTMLTestSupport.parse(html)
        #expect(tree.text.count == 11_000_000 + 7)
        #expect(tree.text.suffix(7).utf8String == "THE END")
    }

    @Test func misnestedAndUnclosedElementsAreClosed() throws {
        let tree = try HTMLTestSupport.parse("<html><body><div id=d><p id=p1>one<p id=p2>two<span>three</div><p id=p4>four")
        let div = try #require(HTMLTestSupport.element(id: "d", in: tree))
        let p1 = try #require(HTMLTestSupport.element(id: "p1", in: tree))
        let p2 = try #require(HTMLTestSupport.element(id: "p2", in: tree))
        let p4 = try #require(HTMLTestSupport.element(id: "p4", in: tree))
        // <p> does not nest: the second one closes the first.
        #expect(tree.nodes[Int(p2)].parent == div)
        #expect(tree.nodes[Int(p1)].parent == div)
        // </div> closed the open <p> and <span>; the last <p> is outside the div.
        let body = try #require(HTMLTestSupport.element(tag: "body", in: tree))
        #expect(tree.nodes[Int(p4)].parent == body)
        #expect(HTMLTestSupport.text(div, in: tree) == "onetwothree")
        #expect(HTMLTestSupport.text(p4, in: tree) == "four")
        // Structural sanity: every parent link points back at a node whose child list contains it.
        for index in 1..<tree.nodes.count {
            let parent = tree.nodes[index].parent
            var child = tree.nodes[Int(parent)].firstChild
            var found = false
            while child >= 0 { if child == Int32(index) { found = true }; child = tree.nodes[Int(child)].nextSibling }
            #expect(found, "node \(index) missing from its parent's children")
        }
    }

    @Test func nestingDeeperThanMaxDepthFails() {
        let html = "<html><body>" + String(repeating: "<div>", count: 30) + "deep" + String(repeating: "</div>", count: 30) + "</body></html>"
        let parser = HTMLParser(attributeNames: AttributeNames(), maxDepth: 20, maxNodes: 1000)
        #expect(failure(parser.parse(Array(html.utf8))) == (.tooDeep(limit: 20)))
        let roomy = HTMLParser(attributeNames: AttributeNames(), maxDepth: 40, maxNodes: 1000)
        #expect((try? roomy.parse(Array(html.utf8)).get()) != nil)
    }

    @Test func moreNodesThanMaxNodesFails() {
        let html = "<html><body>" + String(repeating: "<p>x</p>", count: 100) + "</body></html>"
        let parser = HTMLParser(attributeNames: AttributeNames(), maxDepth: 100, maxNodes: 50)
        #expect(failure(parser.parse(Array(html.utf8))) == (.tooManyNodes(limit: 50)))
        let roomy = HTMLParser(attributeNames: AttributeNames(), maxDepth: 100, maxNodes: 1000)
        #expect((try? roomy.parse(Array(html.utf8)).get()) != nil)
    }

    @Test func tenThousandNestedDivsDoNotCrash() throws {
        let html = "<html><body>" + String(repeating: "<div>", count: 10_000) + "deep text" + "</body></html>"
        let limited = HTMLParser(attributeNames: AttributeNames(), maxDepth: 1_000, maxNodes: 1_000_000)
        #expect(failure(limited.parse(Array(html.utf8))) == (.tooDeep(limit: 1_000)))
        let tree = try HTMLTestSupport.parse(html, maxDepth: 20_000)
        #expect(tree.text.utf8String == "deep text")
        #expect(tree.nodes.filter { $0.tag == .div }.count == 10_000)
    }

    @Test func walkingA50000DeepChainIsIterative() throws {
        let depth = 50_000
        let html = "<html><body>" + String(repeating: "<div>", count: depth) + "bottom" + String(repeating: "</div>", count: depth) + "<p>after</p></body></html>"
        let tree = try HTMLTestSupport.parse(html, maxDepth: 100_000)
        var divs = 0
        var texts: [String] = []
        tree.forEachDescendant(of: DocumentTree.root) { node in
            let n = tree.nodes[Int(node)]
            if n.tag == .div { divs += 1 }
            if n.tag == .text { texts.append(tree.text[Int(n.start)..<Int(n.end)].map { $0 }.utf8String) }
        }
        #expect(divs == depth)
        #expect(texts == ["bottom", "after"])
        #expect(tree.textContent(of: DocumentTree.root).utf8String == "bottomafter")
        // Removing the chain's top skips the whole subtree in the walk.
        var cleaned = tree
        let firstDiv = try #require(HTMLTestSupport.element(tag: "div", in: tree))
        cleaned.remove(firstDiv, reason: cleaned.reasonIndex("test"))
        #expect(cleaned.textContent(of: DocumentTree.root).utf8String == "after")
    }

    @Test func emptyInputIsAnEmptyTree() throws {
        let tree = try HTMLParser(attributeNames: AttributeNames(), maxDepth: 10, maxNodes: 10).parse([]).get()
        #expect(tree.nodes.count == 1)
        #expect(tree.nodes[0].firstChild == -1)
    }
}
