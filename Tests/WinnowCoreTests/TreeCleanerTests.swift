import Testing
@testable import WinnowCore

@Suite struct TreeCleanerTests {
    private func selectorRule(_ name: String, _ selector: String) throws -> SelectorRule {
        let css = try CSSSelector(selector)
        return SelectorRule(CompiledRules.SelectorRule(name: "rule.selector." + name, matcher: SelectorMatcher(css, names: AttributeNames(extra: css.attributeNames))))
    }

    /// Ids of removed elements with the reason that removed them (only the top of each removed subtree).
    private func removals(_ tree: DocumentTree) -> [String: String] {
        var result: [String: String] = [:]
        for node in HTMLTestSupport.elements(tree) where tree.isRemoved(node) {
            if let id = tree.attributeString(AttributeNames.id, of: node) {
                result[id] = tree.removalReasons[Int(tree.nodes[Int(node)].removedBy)]
            }
        }
        return result
    }

    @Test func firstMatchingRuleWins() throws {
        var tree = try HTMLTestSupport.parse("<body><div id=a class=promo>Buy now</div><p id=b>Story text.</p></body>")
        let cleaner = TreeCleaner(rules: [try selectorRule("first", ".promo"), try selectorRule("second", "div")])
        let hits = cleaner.clean(&tree)
        #expect(hits == ["rule.selector.first": 1])
        #expect(removals(tree) == ["a": "rule.selector.first"])
    }

    @Test func removedSubtreeIsNotRevisited() throws {
        var tree = try HTMLTestSupport.parse("""
            <body><div id=outer class=ad><div id=inner class=ad>x<div id=innermost class=ad>y</div></div></div>
            <p id=keep>Text</p></body>
            """)
        let cleaner = TreeCleaner(rules: [try selectorRule("ads", ".ad")])
        let hits = cleaner.clean(&tree)
        #expect(hits == ["rule.selector.ads": 1])
        #expect(removals(tree) == ["outer": "rule.selector.ads"])
        let body = try #require(HTMLTestSupport.element(tag: "body", in: tree))
        #expect(HTMLTestSupport.text(body, in: tree) == "Text")
    }

    @Test func headIsUntouched() throws {
        var tree = try HTMLTestSupport.parse("<html><head><title id=t>Title</title><meta name=x content=y></head><body><p id=p>Body</p></body></html>")
        let cleaner = TreeCleaner(rules: [try selectorRule("everything", "title, meta, p")])
        let hits = cleaner.clean(&tree)
        #expect(hits == ["rule.selector.everything": 1])
        #expect(removals(tree) == ["p": "rule.selector.everything"])
    }

    @Test func guardedRulesDoNotRemovePageStructure() throws {
        var tree = try HTMLTestSupport.parse("""
            <html><body class="cookie-consent-given"><main id=m class=consent-main><article id=a class=consent-article>
            <p id=p>A long enough story paragraph that holds most of the text on this page.</p>
            <div id=banner class=consent-banner>Accept</div></article></main></body></html>
            """)
        let rule = try selectorRule("cookie-consent", "[class*=consent i]")
        let cleaner = TreeCleaner(rules: [rule], guarded: [true], maxRemovalShare: 0.4)
        let hits = cleaner.clean(&tree)
        #expect(removals(tree) == ["banner": "rule.selector.cookie-consent"])
        #expect(hits["clean.guarded"] == 3)  // body, main, article
        #expect(hits["rule.selector.cookie-consent"] == 1)

        // The same rule unguarded removes the body and everything with it.
        var unguarded = try HTMLTestSupport.parse("<html><body class=consent><p>text</p></body></html>")
        let plain = TreeCleaner(rules: [rule], guarded: [false], maxRemovalShare: 0.4)
        #expect(plain.clean(&unguarded) == ["rule.selector.cookie-consent": 1])
    }

    @Test func guardedRulesDoNotRemoveMostOfTheText() throws {
        let story = String(repeating: "This is the story, told at length. ", count: 10)
        var tree = try HTMLTestSupport.parse("""
            <html><body><div id=wrap class=share-wrapper><p>\(story)</p></div>
            <div id=bar class=share-bar>Share on social media</div><p id=other>Other text.</p></body></html>
            """)
        let rule = try selectorRule("share", "[class*=share]")
        let hits = TreeCleaner(rules: [rule], guarded: [true], maxRemovalShare: 0.4).clean(&tree)
        #expect(removals(tree) == ["bar": "rule.selector.share"])
        #expect(hits == ["clean.guarded": 1, "rule.selector.share": 1])
        // A guarded near miss falls through to the next rule.
        var again = try HTMLTestSupport.parse("<html><body><div id=wrap class=share-wrapper><p>\(story)</p></div><p>x</p></body></html>")
        let drop = DropTagsRule(tags: [.div])
        let both = TreeCleaner(rules: [rule, drop], guarded: [true, false], maxRemovalShare: 0.4).clean(&again)
        #expect(both == ["clean.guarded": 1, "clean.drop_tags": 1])
        #expect(removals(again) == ["wrap": "clean.drop_tags"])
    }

    @Test func aSetOfAlikeCardsIsGuardedTogether() throws {
        // Each card caption is small, but the six of them are the listing: none is removed.
        let cards = (1...6).map { "<li><div class=product-caption><h3>Gear bag \($0)</h3><p>A bag for the car, size \($0).</p></div></li>" }
        var grid = try HTMLTestSupport.parse("<html><body><p>Showing all 6 results</p><ul>\(cards.joined())</ul>"
            + "<figure><img src=a.jpg><div id=cap class=photo-caption>Photo: the shop</div></figure></body></html>")
        let rule = try selectorRule("captions", "[class*=caption]")
        let hits = TreeCleaner(rules: [rule], guarded: [true], maxRemovalShare: 0.4).clean(&grid)
        #expect(hits == ["clean.guarded": 6, "rule.selector.captions": 1])
        #expect(removals(grid) == ["cap": "rule.selector.captions"])
        // Three alike captions are not a set: each is removed.
        var three = try HTMLTestSupport.parse("<html><body><p>\(String(repeating: "Story text. ", count: 5))</p>"
            + (1...3).map { "<div class=product-caption>Caption \($0) of a photo here</div>" }.joined() + "</body></html>")
        #expect(TreeCleaner(rules: [rule], guarded: [true], maxRemovalShare: 0.4).clean(&three) == ["rule.selector.captions": 3])
    }

    @Test func builtInRulesAreNotGuarded() throws {
        var tree = try HTMLTestSupport.parse("<html><body><div id=all hidden><p>All the text of the page is here.</p></div></body></html>")
        let hits = TreeCleaner(rules: [HiddenElementRule()], guarded: [false], maxRemovalShare: 0.4).clean(&tree)
        #expect(hits == ["clean.hidden": 1])
        #expect(removals(tree) == ["all": "clean.hidden"])
    }

    @Test func cleanStageCountsHitsOnTheDocument() throws {
        let loaded = try ConfigLoader.loadDefault()
        let stage = CleanStage(rules: loaded.rules, html: loaded.config.html)
        var document = WorkingDocument(input: InputItem(path: "/dev/null", source: "x.html", kind: .html, gzipped: false, size: 0))
        document.tree = try HTMLTestSupport.parse("""
            <html><body><nav>Home</nav><script>x()</script><div hidden>h</div>
            <article><p>Paragraph one of the article with enough words.</p><figure><figcaption>Photo</figcaption></figure></article>
            <footer>Contact</footer></body></html>
            """, extra: loaded.rules.attributeNames.names)
        #expect(stage.run(&document) == .keep)
        #expect(document.ruleHits["rule.selector.navigation"] == 1)
        #expect(document.ruleHits["rule.selector.page-footer"] == 1)
        #expect(document.ruleHits["rule.selector.captions"] == 1)
        // The <script> holds no text in the tree (script bodies are never stored): a subtree without
        // text is not visited, so it is not counted as a removal.
        #expect(document.ruleHits["clean.drop_tags"] == nil)
        #expect(document.ruleHits["clean.hidden"] == 1)
        let tree = try #require(document.tree)
        #expect(HTMLTestSupport.text(DocumentTree.root, in: tree) == "Paragraph one of the article with enough words.")
    }
}
