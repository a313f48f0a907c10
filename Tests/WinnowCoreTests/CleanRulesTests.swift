import Testing
@testable import WinnowCore

/// The element rules one by one: each answers "remove this element?" for a node.
@Suite struct CleanRulesTests {
    /// Ids of the elements `rule` matches.
    private func matched(_ rule: any ElementRule, _ html: String, extra: [String] = []) throws -> [String] {
        let tree = try HTMLTestSupport.parse(html, extra: extra)
        return HTMLTestSupport.elements(tree).filter { rule.matches($0, in: tree) }
            .map { tree.attributeString(AttributeNames.id, of: $0) ?? tree.tagName(tree.nodes[Int($0)].tag) }
    }

    @Test func dropTagsRule() throws {
        let rule = DropTagsRule(tags: [.script, .style, .form, .iframe])
        #expect(rule.reason == "clean.drop_tags")
        let ids = try matched(rule, """
            <html><head><style id=s1>p{}</style></head><body>
            <script id=j1>x()</script><form id=f1><p id=p1>inside form</p></form>
            <iframe id=i1 src="/x"></iframe><div id=d1>kept</div><my-widget id=w1>custom</my-widget>
            </body></html>
            """)
        #expect(ids == ["s1", "j1", "f1", "i1"])
    }

    @Test func hiddenElementRule() throws {
        let rule = HiddenElementRule()
        #expect(rule.reason == "clean.hidden")
        let ids = try matched(rule, """
            <body>
            <div id=h1 hidden>hidden attribute</div>
            <div id=h2 aria-hidden="true">aria</div>
            <div id=h3 aria-hidden="TRUE">aria upper case</div>
            <div id=k1 aria-hidden="false">aria false</div>
            <div id=h4 style="color: red; display : none ;">display none with spaces</div>
            <div id=h5 style="DISPLAY:NONE">upper case</div>
            <div id=h6 style="visibility: hidden">visibility</div>
            <div id=k2 style="display: block">shown</div>
            <div id=k4 class="hidden">class names are not the hidden attribute</div>
            <p id=k5><a id=k6 aria-hidden="true" href="/a">a card's teaser, linked twice, still on screen</a></p>
            <span id=k7 aria-hidden="true">a visual label</span>
            <span id=h7 aria-hidden="true">★★★★★</span>
            <div hidden id="S:1a">a streamed React segment, moved into place by script</div>
            <p hidden id="S:2">only a div is a segment</p>
            <div hidden id="S:note">nor an id that only starts like one</div>
            <div hidden role="tabpanel">a closed tab's panel</div>
            <div class="Accordion__Content" aria-hidden="true">an accordion's closed section</div>
            <div id="faq-answer-3" style="display:none">a FAQ's answer</div>
            <div class="product-collapse" hidden>a collapsed description</div>
            <div id=h8 class="mobile-menu" hidden>a closed menu stays hidden</div>
            <div role="dialog"><div id=h9 role="tabpanel" hidden>a cookie dialog's tab</div></div>
            <div id=h10 class="collapse navbar-collapse" hidden>a collapsed menu is not a panel</div>
            </body>
            """)
        #expect(ids == ["h1", "h2", "h3", "h4", "h5", "h6", "h7", "S:2", "S:note", "h8", "h9", "h10"])
    }

    @Test func selectorRule() throws {
        let css = try CSSSelector("nav, [class*=share i]")
        let rule = SelectorRule(CompiledRules.SelectorRule(name: "rule.selector.chrome", matcher: SelectorMatcher(css, names: AttributeNames())))
        #expect(rule.reason == "rule.selector.chrome")
        let ids = try matched(rule, "<body><nav id=n>menu</nav><div id=s class='ShareBar'>share</div><div id=k>text</div></body>")
        #expect(ids == ["n", "s"])
    }
}
