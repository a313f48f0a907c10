import Testing
@testable import WinnowCore

@Suite struct CSSSelectorTests {
    @Test func simpleForms() throws {
        let tag = try CSSSelector("DIV")
        #expect(tag.alternatives.count == 1)
        #expect(tag.alternatives[0].compounds[0].tag == "div")

        let any = try CSSSelector("*")
        #expect(any.alternatives[0].compounds[0].tag == nil)

        let compound = try CSSSelector("p.lead.intro#first[data-x]")
        let c = compound.alternatives[0].compounds[0]
        #expect(c.tag == "p")
        #expect(c.classes == [Array("lead".utf8), Array("intro".utf8)])
        #expect(c.ids == [Array("first".utf8)])
        #expect(c.attributes.map(\.name) == ["data-x"])
        #expect(c.attributes[0].op == .exists)
        #expect(compound.attributeNames == ["data-x"])
        #expect(compound.description == "p.lead.intro#first[data-x]")
    }

    @Test(arguments: [
        ("[role=navigation]", CSSSelector.AttributeOperator.equals, "navigation", false),
        ("[class~=ad]", .word, "ad", false),
        ("[class*=share i]", .contains, "share", true),
        ("[id^=ad-]", .prefix, "ad-", false),
        ("[href$='.pdf']", .suffix, ".pdf", false),
        (#"[title="two words"]"#, .equals, "two words", false),
        ("[ Lang = EN I ]", .equals, "en", true),
        ("[alt=]", .equals, "", false),
    ])
    func attributeOperators(text: String, op: CSSSelector.AttributeOperator, value: String, ignoreCase: Bool) throws {
        let selector = try CSSSelector(text)
        let test = try #require(selector.alternatives.first?.compounds.first?.attributes.first)
        #expect(test.op == op)
        #expect(test.value == Array(value.utf8))
        #expect(test.ignoreCase == ignoreCase)
    }

    @Test func combinatorsAreStoredRightToLeft() throws {
        let selector = try CSSSelector("article  div > p.x")
        let complex = selector.alternatives[0]
        #expect(complex.compounds.map(\.tag) == ["p", "div", "article"])
        #expect(complex.combinators == [.child, .descendant])

        let tight = try CSSSelector("ul>li")
        #expect(tight.alternatives[0].combinators == [.child])
    }

    @Test func selectorLists() throws {
        let list = try CSSSelector("nav, footer ,[role=contentinfo],my-widget")
        #expect(list.alternatives.count == 4)
        #expect(list.alternatives[3].compounds[0].tag == "my-widget")
    }

    @Test(arguments: [
        "", "   ", "div >", "> p", "[a~]", "a..b", "[x=\"unterminated]", "div,", ",div", "[=x]", "[a|=b]",
        "#", ".", "[class*=]", "[a=b", "div p!", "a:hover", "a + b",
    ])
    func invalidSelectorsThrow(text: String) {
        #expect(throws: CSSSelectorParser.Error.self, "\(text)") { try CSSSelector(text) }
    }

    @Test func errorNamesThePosition() {
        do {
            _ = try CSSSelector("a..b")
            Issue.record("should throw")
        } catch {
            #expect(error.description.contains("at character 3"))
        }
    }
}
