import Testing
@testable import WinnowCore

/// A thin product page gets its JSON-LD description; a page that already says it, or says enough, does not.
@Suite struct ProductDescriptionTests {
    static let description = "<p>A waxed canvas tote for the market and the beach.</p><ul><li>Holds two full grocery bags</li><li>Leather handles that soften with use</li></ul>"

    @Test func aThinPageGetsTheDescriptionWithoutMarkup() throws {
        let added = try #require(ProductDescription.addition(Self.description, to: [Array("Add to bag".utf8), Array("€49".utf8)]))
        #expect(added.utf8String == "A waxed canvas tote for the market and the beach. Holds two full grocery bags Leather handles that soften with use")
    }

    @Test func notWhenTheTextAlreadySaysItOrIsLongEnough() {
        let said = [Array("A waxed canvas tote for the market and the beach. Holds two full grocery bags. Leather handles that soften with use.".utf8)]
        #expect(ProductDescription.addition(Self.description, to: said) == nil)
        let long = [Array(String(repeating: "word ", count: 60).utf8)]
        #expect(ProductDescription.addition(Self.description, to: long) == nil)
        #expect(ProductDescription.addition("Too short to add.", to: []) == nil)
        #expect(ProductDescription.addition(nil, to: []) == nil)
    }

    @Test func aLessThanSignIsText() {
        #expect(ProductDescription.plainText("Fits laptops &lt; 15 inches and bags < 2 kg. <b>Waterproof</b>.").utf8String
            == "Fits laptops < 15 inches and bags < 2 kg. Waterproof .")
    }

    @Test func aPageDescribingSeveralProductsHasNoProductDescription() {
        let one = JSONLDSummary(scripts: [Array(#"{"@type":"Product","description":"One tote."}"#.utf8)])
        #expect(one.productDescription == "One tote.")
        let two = JSONLDSummary(scripts: [Array(#"{"@graph":[{"@type":"Product","description":"A tote."},{"@type":"Product","description":"A belt."}]}"#.utf8)])
        #expect(two.productDescription == nil)
        let variants = JSONLDSummary(scripts: [Array(#"[{"@type":"ProductGroup","description":"A tote."},{"@type":"Product","description":"A tote."}]"#.utf8)])
        #expect(variants.productDescription == "A tote.")
    }

    @Test func theRecordOfAScriptBuiltProductPage() throws {
        let page = """
            <html><head><title>Canvas tote</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Canvas tote",
            "description":"\(Self.description.replacingOccurrences(of: "\"", with: "\\\""))"}</script></head>
            <body><div id="app"><h1>Canvas tote</h1><p>€49</p><button>Add to bag</button></div></body></html>
            """
        let record = try MarkdownFormatTests.record("p.html", page, kind: .html, format: .text)
        let text = try #require(record["text"] as? String)
        #expect(text.hasSuffix("A waxed canvas tote for the market and the beach. Holds two full grocery bags Leather handles that soften with use"))
        #expect(!text.contains("<p>"))
    }
}
