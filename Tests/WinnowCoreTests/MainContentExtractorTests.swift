import Testing
@testable import WinnowCore

@Suite struct MainContentExtractorTests {
    let extractor = MainContentExtractor(settings: .init(maxLinkDensity: 0.5, minBlockChars: 25))

    private func decisions(_ html: String) throws -> [MainContentExtractor.Decision] {
        let tree = try HTMLTestSupport.parse(html)
        return extractor.extract(BlockSegmenter().segment(tree), tree: tree)
    }

    private func kept(_ decisions: [MainContentExtractor.Decision]) -> [String] {
        decisions.filter(\.kept).map(\.block.text.utf8String)
    }

    private func decision(_ prefix: String, in decisions: [MainContentExtractor.Decision]) -> MainContentExtractor.Decision? {
        decisions.first { $0.block.text.utf8String.hasPrefix(prefix) }
    }

    @Test func articleBodyBeatsSidebarAndFooter() throws {
        let result = try decisions(try Fixtures.string("pages/article.html"))
        let texts = kept(result)
        #expect(texts.count == 3)
        #expect(texts.first?.hasPrefix("The town council approved a plan on Tuesday") == true)
        #expect(texts.last?.hasPrefix("The mayor, speaking after the vote") == true)
        #expect(!texts.contains { $0.contains("bakery") || $0.contains("Copyright") || $0.contains("Sport") })
        // The headline is metadata, not body text; short non-sentences are chrome.
        #expect(decision("Harbour plan approved", in: result)?.signal == "headline")
        #expect(decision("Share this", in: result)?.kept == false)
        #expect(decision("By Jane Example", in: result)?.kept == false)
        #expect(decision("Local bakery", in: result)?.kept == false)
        #expect(decision("Copyright 2022", in: result)?.signal == "outside")
        // Every block gets exactly one decision, in document order.
        #expect(result.count == BlockSegmenter().segment(try HTMLTestSupport.parse(try Fixtures.string("pages/article.html"))).count)
    }

    @Test func shortSentencesInsideTheArticleAreKept() throws {
        let paragraph = "A long paragraph of real article text, with commas, clauses, and enough words to score well."
        let html = """
            <html><body><div class="content">
            <p>\(paragraph)</p><p>\(paragraph)</p><p>\(paragraph)</p>
            <p>It rained.</p>
            <h2>A subheading</h2>
            <p>Advertisement</p>
            </div></body></html>
            """
        let result = try decisions(html)
        #expect(decision("It rained.", in: result)?.kept == true)
        #expect(decision("A subheading", in: result)?.kept == true)
        #expect(decision("Advertisement", in: result)?.signal == "short")
    }

    @Test func linkListsInsideTheContentAreDropped() throws {
        let paragraph = "A long paragraph of real article text, with commas, clauses, and enough words to score well."
        let html = """
            <html><body><article>
            <p>\(paragraph)</p><p>\(paragraph)</p>
            <p><a href="/1">Read our coverage of the election results and analysis</a></p>
            <p>\(paragraph)</p>
            </article></body></html>
            """
        let result = try decisions(html)
        #expect(kept(result) == [paragraph, paragraph, paragraph])
        #expect(decision("Read our coverage", in: result)?.kept == false)
    }

    @Test func noBlocksNoDecisions() {
        #expect(extractor.extract([], tree: DocumentTree()).isEmpty)
    }
}
