import Testing
@testable import WinnowCore

@Suite struct LineFilterTests {
    private func rule(_ name: String, exact: [String] = [], contains: [String] = [], regex: String? = nil, caseInsensitive: Bool = false,
                      maxChars: Int? = nil, dropFollowing: Int = 0, dropRest: Bool = false) -> LineRuleSpec {
        LineRuleSpec(name: name, description: "", exact: exact, contains: contains, regex: regex, caseInsensitive: caseInsensitive,
                     maxChars: maxChars, dropFollowing: dropFollowing, dropRest: dropRest)
    }

    private func ruleSet(_ specs: LineRuleSpec...) throws -> LineRuleSet { try LineRuleSet(specs, file: "test.yml") }

    private func line(_ text: String) -> [UInt8] { ByteText.normalizeWhitespace(Array(text.utf8)) }

    @Test func exactPhrasesCaseInsensitive() throws {
        let rules = try ruleSet(rule("story-navigation", exact: ["More on this story", "Read  more"], caseInsensitive: true))
        #expect(rules.firstMatch(line("More on this story")) == 0)
        #expect(rules.firstMatch(line("MORE ON THIS STORY")) == 0)
        #expect(rules.firstMatch(line("  more   on this\tstory ")) == 0)
        #expect(rules.firstMatch(line("read more")) == 0)  // the phrase is whitespace-normalised too
        #expect(rules.firstMatch(line("More on this story today")) == nil)
        #expect(rules.firstMatch(line("There is more on this story below.")) == nil)
    }

    @Test func containsPhrasesAnywhereInTheLine() throws {
        let rules = try ruleSet(rule("cookies", contains: ["we use cookies", "cookie  policy"], caseInsensitive: true, maxChars: 200))
        #expect(rules.firstMatch(line("Hello! We use cookies to improve your experience.")) == 0)
        #expect(rules.firstMatch(line("Read our Cookie Policy.")) == 0)
        #expect(rules.firstMatch(line("Cookies are baked at 180 degrees.")) == nil)
        #expect(rules.firstMatch(line(String(repeating: "long ", count: 50) + "we use cookies")) == nil)  // over max_chars
        let sensitive = try ruleSet(rule("exact-case", contains: ["NASA"]))
        #expect(sensitive.firstMatch(line("A NASA probe")) == 0)
        #expect(sensitive.firstMatch(line("a nasa probe")) == nil)
    }

    @Test func exactPhrasesCaseSensitiveByDefault() throws {
        let rules = try ruleSet(rule("follow", exact: ["Follow us"]))
        #expect(rules.firstMatch(line("Follow us")) == 0)
        #expect(rules.firstMatch(line("follow us")) == nil)
    }

    @Test func regexIsAnchoredToTheWholeLine() throws {
        let rules = try ruleSet(rule("ads", regex: "(article\\s+)?ad(\\s+box)?|advertisement", caseInsensitive: true))
        #expect(rules.firstMatch(line("ARTICLE AD BOX")) == 0)
        #expect(rules.firstMatch(line("Advertisement")) == 0)
        #expect(rules.firstMatch(line("ad")) == 0)
        #expect(rules.firstMatch(line("Read the ad below")) == nil)
        #expect(rules.firstMatch(line("The advertisement was pulled")) == nil)
        // The alternation is grouped before anchoring: "x|y" must not become "^x|y$".
        #expect(rules.firstMatch(line("an advertisement")) == nil)
        #expect(rules.firstMatch(line("article ad box, then the story")) == nil)
    }

    @Test func regexCaseSensitivity() throws {
        let rules = try ruleSet(rule("ads", regex: "Advertisement"))
        #expect(rules.firstMatch(line("Advertisement")) == 0)
        #expect(rules.firstMatch(line("ADVERTISEMENT")) == nil)
    }

    @Test func maxCharsSkipsLongLines() throws {
        let rules = try ruleSet(rule("age", regex: "\\d+ (hour|day)s? ago.*", maxChars: 20))
        #expect(rules.firstMatch(line("2 days ago")) == 0)
        #expect(rules.firstMatch(line("2 days ago, the council met")) == nil)  // 27 characters
        // Characters, not bytes: 15 Cyrillic letters are 30 bytes but 15 characters.
        let cyr = try ruleSet(rule("cyr", regex: "ж+", maxChars: 15))
        #expect(cyr.firstMatch(line(String(repeating: "ж", count: 15))) == 0)
        #expect(cyr.firstMatch(line(String(repeating: "ж", count: 16))) == nil)
    }

    @Test func firstMatchingRuleWins() throws {
        let rules = try ruleSet(rule("first", regex: "read.*", caseInsensitive: true), rule("second", exact: ["Read more"]))
        #expect(rules.firstMatch(line("Read more")) == 0)
        #expect(rules.rules.map(\.reason) == ["rule.line.first", "rule.line.second"])
    }

    @Test func invalidRegexIsAConfigError() {
        #expect(throws: ConfigError.self) { try ruleSet(rule("broken", regex: "[a-")) }
    }

    @Test func dropFollowingSkipsNextNonEmptyLinesButNotBlankLines() throws {
        let filter = LineFilter(rules: try ruleSet(
            rule("image-caption", regex: "image caption,?", caseInsensitive: true, dropFollowing: 1),
            rule("ads", exact: ["ARTICLE AD BOX"])))
        let lines = ["Headline", "", "Image caption,", "", "A man walks past the flooded shop.", "The river rose overnight.",
                     "ARTICLE AD BOX", "Image caption,", "Caption two", "Last line."].map(line)
        var hits: [String: Int] = [:]
        let kept = filter.filter(lines, hits: &hits).map(\.utf8String)
        #expect(kept == ["Headline", "", "", "The river rose overnight.", "Last line."])
        #expect(hits == ["rule.line.image-caption": 4, "rule.line.ads": 1])
    }

    @Test func dropFollowingMoreThanOne() throws {
        let filter = LineFilter(rules: try ruleSet(rule("credits", exact: ["Credits:"], dropFollowing: 2)))
        var hits: [String: Int] = [:]
        let kept = filter.filter(["Credits:", "Alice", "", "Bob", "Carol"].map(line), hits: &hits).map(\.utf8String)
        #expect(kept == ["", "Carol"])
        #expect(hits["rule.line.credits"] == 3)
    }

    @Test func dropRestCutsEverythingAfterTheArticle() throws {
        let filter = LineFilter(rules: try ruleSet(rule("article-end", exact: ["Leave a Reply"], caseInsensitive: true, dropRest: true)))
        let prose = "A paragraph of the article that is long enough to count as prose for the end marker, line "
        let lines = [prose + "one.", "", prose + "two.", "", prose + "three.", "Leave a reply", "Great post!", "", "Thanks for sharing."].map(line)
        var hits: [String: Int] = [:]
        let kept = filter.filter(lines, hits: &hits).map(\.utf8String)
        #expect(kept == [prose + "one.", "", prose + "two.", "", prose + "three."])
        #expect(hits == ["rule.line.article-end": 3])
    }

    @Test func dropRestBeforeEnoughProseDropsOnlyTheMarker() throws {
        let filter = LineFilter(rules: try ruleSet(rule("article-end", exact: ["Related posts"], dropRest: true)))
        let lines = ["Related posts", "Short teaser", "", "A paragraph of the article that is long enough to count as prose, but only once."].map(line)
        var hits: [String: Int] = [:]
        let kept = filter.filter(lines, hits: &hits).map(\.utf8String)
        #expect(kept == ["Short teaser", "", "A paragraph of the article that is long enough to count as prose, but only once."])
        #expect(hits == ["rule.line.article-end": 1])
    }

    @Test func noRulesKeepsEverything() throws {
        let filter = LineFilter(rules: try ruleSet())
        var hits: [String: Int] = [:]
        let lines = ["a", "", "b"].map(line)
        #expect(filter.filter(lines, hits: &hits) == lines)
        #expect(hits.isEmpty)
    }
}
