import Testing
@testable import WinnowCore

@Suite struct SelectorMatcherTests {
    static let page = """
        <html><body>
        <div id="d1" class="ad-box">prefix class</div>
        <div id="d2" class="x  ad">word class</div>
        <div id="d3" class="Share-Bar" data-ad="1">mixed case</div>
        <nav id="n1" role="navigation"><ul id="u1"><li id="l1"><a id="a1" href="/file.PDF">pdf</a></li></ul></nav>
        <section id="s1" role="navigation-extra"><p id="p1">in section</p></section>
        <div id="outer"><p id="p2">child</p><section id="s2"><p id="p3">grandchild</p></section></div>
        <my-widget id="w1" class="ad">custom</my-widget>
        <span id="ad-top">prefix id</span>
        </body></html>
        """

    /// Ids of the elements `selector` matches in `page`.
    private func matchIDs(_ selector: String, in html: String = page) throws -> [String] {
        let css = try CSSSelector(selector)
        let tree = try HTMLTestSupport.parse(html, extra: css.attributeNames)
        let matcher = SelectorMatcher(css, names: AttributeNames(extra: css.attributeNames))
        return HTMLTestSupport.elements(tree).filter { matcher.matches($0, in: tree) }
            .compactMap { tree.attributeString(AttributeNames.id, of: $0) }
    }

    @Test func tagSelector() throws {
        #expect(try matchIDs("p") == ["p1", "p2", "p3"])
        #expect(try matchIDs("nav") == ["n1"])
    }

    @Test func classMatchesWholeWordsOnly() throws {
        #expect(try matchIDs(".ad") == ["d2", "w1"])
        #expect(try matchIDs(".x.ad") == ["d2"])
        #expect(try matchIDs(".share-bar").isEmpty)  // class names are case-sensitive
    }

    @Test func idSelector() throws {
        #expect(try matchIDs("#p3") == ["p3"])
        #expect(try matchIDs("div#p3").isEmpty)
    }

    @Test func attributeOperators() throws {
        #expect(try matchIDs("[data-ad]") == ["d3"])
        #expect(try matchIDs("[role=navigation]") == ["n1"])
        #expect(try matchIDs("[class~=ad]") == ["d2", "w1"])
        #expect(try matchIDs("[class*=ad]") == ["d1", "d2", "w1"])
        #expect(try matchIDs("[class^=ad]") == ["d1", "w1"])
        #expect(try matchIDs("[class$=box]") == ["d1"])
        #expect(try matchIDs("[id^=ad-]") == ["ad-top"])
        #expect(try matchIDs("[href$='.pdf']").isEmpty)
        #expect(try matchIDs("[href$='.pdf' i]") == ["a1"])
    }

    @Test func ignoreCaseFlag() throws {
        #expect(try matchIDs("[class*=share]").isEmpty)
        #expect(try matchIDs("[class*=share i]") == ["d3"])
        #expect(try matchIDs("[class*=SHARE i]") == ["d3"])
        #expect(try matchIDs("[class=share-bar i]") == ["d3"])
        #expect(try matchIDs("[class~=SHARE-BAR i]") == ["d3"])
    }

    @Test func descendantVersusChild() throws {
        #expect(try matchIDs("#outer p") == ["p2", "p3"])
        #expect(try matchIDs("#outer > p") == ["p2"])
        #expect(try matchIDs("nav a") == ["a1"])
        #expect(try matchIDs("nav > a").isEmpty)
        #expect(try matchIDs("nav > ul > li > a") == ["a1"])
        #expect(try matchIDs("body > div > section > p") == ["p3"])
        #expect(try matchIDs("html > body > nav") == ["n1"])
    }

    @Test func selectorList() throws {
        #expect(try matchIDs("nav, #p1, my-widget") == ["n1", "p1", "w1"])
    }

    @Test func customElements() throws {
        #expect(try matchIDs("my-widget") == ["w1"])
        #expect(try matchIDs("my-widget.ad") == ["w1"])
        #expect(try matchIDs("other-widget").isEmpty)
    }

    @Test func attributeNotKeptByTheTreeNeverMatches() throws {
        // Parsed without the selector's extra names, data-ad is not stored.
        let css = try CSSSelector("[data-ad]")
        let tree = try HTMLTestSupport.parse(Self.page)
        let matcher = SelectorMatcher(css, names: AttributeNames())
        #expect(HTMLTestSupport.elements(tree).allSatisfy { !matcher.matches($0, in: tree) })
    }
}
