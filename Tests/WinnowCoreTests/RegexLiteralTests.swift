import Testing
@testable import WinnowCore

@Suite struct RegexLiteralTests {
    @Test(arguments: [
        (#"\d+\s+(second|minute|hour)s?\s+ago(\s+\d+)?"#, "ago"),
        (#"(image|photo|picture)\s+caption\s*[,:]?"#, "caption"),
        (#"(\d+\.\s+)?\S+(\s+\S+){0,2}\s+says:"#, "says:"),
        ("Read more", "Read more"),
        ("Read mores?", "Read more"),
    ])
    func literalIsFound(_ pattern: String, _ literal: String) {
        #expect(RegexLiteral.required(in: pattern) == Array(literal.utf8))
    }

    @Test(arguments: [
        #"(article\s+)?(ad|ads|advert)(\s+box)?"#,  // everything is in groups
        "cookie|consent",                            // top-level alternation
        "(?i)advertisement",                         // inline flags
        #"[a-z]+\d"#,
        "ab",                                        // too short to be worth it
    ])
    func noLiteralWhenNoneIsCertain(_ pattern: String) {
        #expect(RegexLiteral.required(in: pattern) == nil)
    }

    @Test func theShortcutNeverChangesAMatch() throws {
        let specs = [LineRuleSpec(name: "age", description: "", exact: [], regex: #"\d+\s+(day|year)s?\s+ago(\s+\d+)?"#,
                                  caseInsensitive: true, maxChars: nil, dropFollowing: 0)]
        let rules = try LineRuleSet(specs, file: "t.yml")
        #expect(rules.firstMatch(Array("2 years AGO 46".utf8)) == 0)
        #expect(rules.firstMatch(Array("2 years 46".utf8)) == nil)
    }
}
