import Foundation
import Testing
@testable import WinnowCore

/// The cleaner's fast path (class/id needles found in one scan, rules picked by `RuleCandidates`) must
/// decide exactly like plain selector matching.
@Suite struct NeedleMatchingTests {
    private func scan(_ set: NeedleSet, _ text: String, foldCase: Bool = false) -> UInt64 {
        Array(text.utf8).withUnsafeBufferPointer { set.scan($0, foldCase: foldCase) }
    }

    @Test func needleSetFindsEachNeedleOnce() {
        var set = NeedleSet()
        let share = set.bit(for: Array("share".utf8))
        let ad = set.bit(for: Array("ad-".utf8))
        let x = set.bit(for: Array("x".utf8))
        #expect(share == 1 && ad == 2 && x == 4)
        #expect(set.bit(for: Array("share".utf8)) == 1)  // deduplicated
        #expect(set.bit(for: []) == nil)
        #expect(scan(set, "social-share") == 1)
        #expect(scan(set, "top ad-slot") == 2)
        #expect(scan(set, "ad-share box") == 7)
        #expect(scan(set, "ad") == 0)  // a needle longer than what is left at the end
        #expect(scan(set, "") == 0)
        #expect(scan(set, "fox") == 4)
        #expect(scan(set, "SHARE") == 0)
        #expect(scan(set, "SHARE", foldCase: true) == 1)
        #expect(scan(set, "shar") == 0)
    }

    /// Needles are found by their rarest byte pair, wherever it sits in the needle.
    @Test func anchorsAnywhereInTheNeedle() {
        var set = NeedleSet()
        _ = set.bit(for: Array("we use cookies".utf8))
        _ = set.bit(for: Array("zebra".utf8))
        #expect(NeedleSet.rarity(UInt8(ascii: "k"), UInt8(ascii: "i")) < NeedleSet.rarity(UInt8(ascii: "c"), UInt8(ascii: "o")))
        #expect(scan(set, "We use cookies.", foldCase: true) == 1)
        #expect(scan(set, "we use cookies") == 1)
        #expect(scan(set, "e use cookies and a zebra") == 2)
        #expect(scan(set, "we use cookie") == 0)
        #expect(scan(set, "zebr") == 0)
        #expect(scan(set, "zebrazebra") == 2)
    }

    @Test func needleSetHoldsAtMost64() {
        var set = NeedleSet()
        for k in 0..<NeedleSet.capacity { #expect(set.bit(for: Array("needle\(k)x".utf8)) == 1 << UInt64(k)) }
        #expect(set.bit(for: Array("one-more".utf8)) == nil)
        #expect(scan(set, "a needle63x here") == 1 << 63)
    }

    static let selectors = [
        "nav, [role=navigation], [class*=breadcrumb i]", "[class*=share i], [id*=share i]", "[class~=ad], [id^=ad- i], [class^=ad- i]",
        ".promo", "div.promo", "#comments, [id^=comment i]", "[class$=box]", "[id=main]", "section [class*=ad i]", "ul > li.x",
        "[class*=SHARE]", "[class]", "my-widget", "*",
    ]

    static let page = """
        <html><body class="home">
        <nav id="n1"><a href="/">Home</a></nav>
        <div id="ad-top" class="Ad-Box promo">ad box</div>
        <div id="d2" class="x ad">word</div>
        <div id="Comments-1" class="SHARE-bar">share</div>
        <section id="s1"><p class="adv">inside</p><ul><li class="x">item</li></ul></section>
        <div id="main" class="content-box"><p>text, with comma</p><p class="social-SHARE">s</p></div>
        <my-widget class="ad">custom</my-widget><span class="">empty</span>
        </body></html>
        """

    /// Every selector on every element of the sample page and the golden pages: the bound fast path
    /// with needle bits equals plain matching.
    @Test func boundMatcherAgreesWithPlainMatching() throws {
        var pages = [NeedleMatchingTests.page]
        let golden = Fixtures.directory.appendingPathComponent("golden")
        for name in try FileManager.default.contentsOfDirectory(atPath: golden.path).sorted() {
            if let html = try? Fixtures.string("golden/\(name)/source.html") { pages.append(html) }
        }
        #expect(pages.count > 10)
        for css in try NeedleMatchingTests.selectors.map(CSSSelector.init) {
            let names = AttributeNames(extra: css.attributeNames)
            let plain = SelectorMatcher(css, names: names)
            var bound = plain
            var needles = NeedleSet()
            bound.bind(to: &needles)
            for html in pages {
                var tree = try HTMLTestSupport.parse(html, extra: css.attributeNames)
                tree.prepareLowercasedValues()
                tree.withMatchContext { context in
                    for node in HTMLTestSupport.elements(tree) {
                        let found = ElementNeedles.scan(node, in: context, set: needles)
                        let element = tree.nodes[Int(node)]
                        let fast = bound.mayMatch(tag: element.tag, hasAttributes: element.end > element.start, needles: found)
                            && bound.matches(node, in: context, needles: found)
                        #expect(fast == plain.matches(node, in: context), "\(css) on node \(node)")
                    }
                }
            }
        }
    }

    /// The default config's cleaner removes the same elements as one that tries every rule on every
    /// element in order (more than 64 rules turns the candidate filter off).
    @Test func cleanerWithCandidatesEqualsEveryRuleInOrder() throws {
        let rules = try ConfigLoader.loadDefault().rules
        let selectorRules: [any ElementRule] = rules.selectorRules.map(SelectorRule.init)
        let padding: [any ElementRule] = try (0..<60).map { k in
            let css = try CSSSelector(".never-used-\(k)")
            return SelectorRule(CompiledRules.SelectorRule(name: "rule.selector.pad\(k)", matcher: SelectorMatcher(css, names: rules.attributeNames)))
        }
        let fast = TreeCleaner(rules: [DropTagsRule(tags: rules.dropTags), HiddenElementRule()] + selectorRules, maxRemovalShare: 0.6)
        let slow = TreeCleaner(rules: [DropTagsRule(tags: rules.dropTags), HiddenElementRule()] + padding + selectorRules, maxRemovalShare: 0.6)
        let golden = Fixtures.directory.appendingPathComponent("golden")
        var removed = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: golden.path).sorted() {
            guard let html = try? Fixtures.string("golden/\(name)/source.html") else { continue }
            let parsed = try HTMLTestSupport.parse(html, extra: rules.attributeNames.names)
            var a = parsed, b = parsed
            let hitsA = fast.clean(&a)
            let hitsB = slow.clean(&b)
            #expect(hitsA == hitsB, "\(name)")
            // Reason indexes differ (the padding rules come first in `slow`): compare reason names.
            let reasonsA = a.nodes.map { $0.removedBy >= 0 ? a.removalReasons[Int($0.removedBy)] : "" }
            let reasonsB = b.nodes.map { $0.removedBy >= 0 ? b.removalReasons[Int($0.removedBy)] : "" }
            #expect(reasonsA == reasonsB, "\(name)")
            removed += reasonsA.filter { !$0.isEmpty }.count
        }
        #expect(removed > 50)
    }
}

@Suite struct RegexFirstBytesTests {
    private func starts(_ pattern: String, _ caseInsensitive: Bool = false) -> String? {
        guard let set = RegexFirstBytes.of(pattern, caseInsensitive: caseInsensitive) else { return nil }
        return String(decoding: (0..<128).filter { set[$0] }.map(UInt8.init), as: UTF8.self)
    }

    @Test func understoodPatterns() {
        #expect(starts("abc") == "a")
        #expect(starts("abc", true)?.hasPrefix("Aa") == true)
        #expect(starts("(article\\s+)?(ad|ads|advert)") == "a")
        #expect(starts("(image|photo|video)\\s+credit") == "ipv")
        #expect(starts("\\d+\\s+days?") == "0123456789")
        #expect(starts("x?y*z") == "xyz")
        #expect(starts("(?:a|b){0,2}c") == "abc")
        #expect(starts("[A-C_]x") == "ABC_")
        #expect(starts("\\.com") == ".")
        #expect(starts("^\\bword") == "w")
    }

    @Test func caseInsensitiveAdmitsNonASCII() throws {
        let set = try #require(RegexFirstBytes.of("kelvin", caseInsensitive: true))
        #expect(set[0xE2] && set[Int(UInt8(ascii: "K"))] && !set[Int(UInt8(ascii: "j"))])
        let plain = try #require(RegexFirstBytes.of("kelvin", caseInsensitive: false))
        #expect(!plain[0xE2] && !plain[Int(UInt8(ascii: "K"))])
    }

    @Test func notUnderstoodMeansAnyByte() {
        for pattern in [".*x", "[^a]b", "\\Sx", "(?i)abc", "\\1", "a?", "(a|)b?", "\\p{L}x", "x(", "[ab"] {
            #expect(RegexFirstBytes.of(pattern, caseInsensitive: false) == nil, "\(pattern)")
        }
    }

    /// The shortcut never rejects a line the regex matches: every default line rule on lines that match it.
    @Test func neverRejectsAMatch() throws {
        let rules = try ConfigLoader.loadDefault().rules.lineRules
        for line in ["2 days ago 46", "Advertisement", "ARTICLE AD BOX", "Image source, EPA", "Photo credit: Reuters", "Image caption,",
                     "Media caption", "12. joetoronto says:", "Jane Doe says:"] {
            #expect(rules.firstMatch(Array(line.utf8)) != nil, "\(line)")
        }
    }
}

@Suite struct JSONLDValueTests {
    @Test func readsObjectsArraysAndStrings() throws {
        let json = #"{"@type": ["NewsArticle", "Thing"], "n": -1.5e3, "ok": true, "no": null, "a": [1, {"name": "A\u00e9\"\n"}], "k": "1", "k": "2"}"#
        let object = try #require(JSONLDValue.parse(Array(json.utf8))?.object)
        guard case .array(let types) = object["@type"] else { Issue.record("no types"); return }
        #expect(types.first?.string == "NewsArticle")
        guard case .array(let items) = object["a"] else { Issue.record("no array"); return }
        #expect(items.last?.object?["name"]?.string == "Aé\"\n")
        #expect(object["k"]?.string == "2")  // the last of repeated keys
        #expect(object["missing"] == nil)
    }

    @Test func decodesSurrogatePairsAndKeepsRawNewlines() throws {
        #expect(JSONLDValue.parse(Array(#""\ud83d\ude00""#.utf8))?.string == "😀")
        #expect(JSONLDValue.parse(Array(#""\ud83d x""#.utf8))?.string == "\u{FFFD} x")
        #expect(JSONLDValue.parse(Array("{\"d\": \"line\nbreak\"}".utf8))?.object?["d"]?.string == "line\nbreak")
    }

    @Test func rejectsInvalidJSON() {
        for text in ["", "{", "{\"a\" 1}", "[1,]", "{\"a\":1,}", "tru", "\"open", "{} {}", "[1 2]", "{'a': 1}", "\"\\u12G4\""] {
            #expect(JSONLDValue.parse(Array(text.utf8)) == nil, "\(text)")
        }
    }

    @Test func membersOutsideTheKeysAreCheckedButNotBuilt() throws {
        let json = #"{"@id": "x", "articleBody": "long \"text\" \u00e9", "image": {"url": [1, 2.5e3, null]}, "name": "A"}"#
        let object = try #require(JSONLDValue.parse(Array(json.utf8), keys: ["@id", "name"])?.object)
        #expect(object.keys == ["@id", "name"] && object.memberCount == 4)
        #expect(object["name"]?.string == "A" && object["image"] == nil)
        for broken in [#"{"name": "A", "image": {"url": [1, 2,]}}"#, #"{"name": "A", "body": "\u12G4"}"#, #"{"name": "A", "x": tru}"#,
                       #"{"name": "A", "x": {"a" 1}}"#, #"{"name": "A", "x": "open}"#] {
            #expect(JSONLDValue.parse(Array(broken.utf8), keys: ["name"]) == nil, "\(broken)")
            #expect(JSONLDValue.parse(Array(broken.utf8)) == nil, "\(broken)")
        }
    }

    @Test func deepNestingIsRejectedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(JSONLDValue.parse(Array(deep.utf8)) == nil)
        #expect(JSONLDValue.parse(Array(("{\"skipped\": " + deep + "}").utf8), keys: []) == nil)
        let fine = String(repeating: "[", count: 10) + String(repeating: "]", count: 10)
        #expect(JSONLDValue.parse(Array(fine.utf8)) != nil)
    }
}
