import Foundation
import Testing
@testable import WinnowCore

/// The learned parts of extraction: the tree-ensemble format and arithmetic, the built-in models, the
/// feature rows, and what the pipeline around them guarantees (never empty, page types, rescue of
/// script-built pages, text layout).
@Suite struct BlockClassifierTests {
    /// Two trees on two features: x0 <= 0.5 → -1 else (x1 <= 2 → 0.5 else 2); plus a stump of 0.25.
    static let tiny = """
        winnow-trees 1
        features 2
        base 0.1
        threshold 0.4
        tree
        s 0 0.5 1 2
        l -1
        s 1 2 3 4
        l 0.5
        l 2
        tree
        l 0.25
        """

    @Test func treeEnsembleAddsTheLeavesOfEveryTree() throws {
        let model = try TreeEnsemble(text: Self.tiny)
        #expect(model.featureCount == 2)
        #expect(model.threshold == 0.4)
        func logit(_ row: [Double]) -> Double { row.withUnsafeBufferPointer { model.logit($0) } }
        #expect(logit([0.5, 9]) == 0.1 - 1 + 0.25)  // <= goes left
        #expect(logit([0.6, 2]) == 0.1 + 0.5 + 0.25)
        #expect(logit([0.6, 2.5]) == 0.1 + 2 + 0.25)
        let p = [0.6, 2.5].withUnsafeBufferPointer { model.probability($0) }
        #expect(abs(p - 1 / (1 + exp(-2.35))) < 1e-12)
    }

    /// `reaches` stops early but answers as `probability(row) >= threshold` does: on the built-in
    /// model, rows drawn from real feature ranges and the thresholds in use.
    @Test func theEarlyStoppingAnswerIsTheFullSumsAnswer() throws {
        let model = try #require(BlockClassifier.builtIn).model
        var generator = SplitMix(seed: 7)
        var disagreements = 0
        var rows = 0
        for _ in 0..<3000 {
            // Mostly small values and some large ones, as features are (flags, shares, counts).
            let row = (0..<model.featureCount).map { _ -> Double in
                let r = Double(generator.next() % 10_000) / 10_000
                return r < 0.5 ? (r < 0.25 ? 0 : 1) : r * Double(generator.next() % 400)
            }
            for threshold in [0.3, 0.35, 0.5, 0.55] {
                let full = row.withUnsafeBufferPointer { model.probability($0) } >= threshold
                let early = row.withUnsafeBufferPointer { model.reaches(threshold, $0) }
                if full != early { disagreements += 1 }
                rows += 1
            }
        }
        #expect(rows == 12_000)
        #expect(disagreements == 0)
        // On the tiny model, at the boundary too.
        let tiny = try TreeEnsemble(text: Self.tiny)
        for row in [[0.5, 9.0], [0.6, 2.0], [0.6, 2.5]] {
            let p = row.withUnsafeBufferPointer { tiny.probability($0) }
            for threshold in [0.2, p, 0.5, 0.9] {
                #expect(row.withUnsafeBufferPointer { tiny.reaches(threshold, $0) } == (p >= threshold))
            }
        }
    }

    /// A page type with its own threshold keeps what the default threshold drops, and only there.
    @Test func aPageTypesThresholdReplacesTheDefault() throws {
        // One stump on x0: logit 0 (probability 0.5) for every block.
        let model = try TreeEnsemble(text: "winnow-trees 1\nfeatures \(BlockFeatures.count)\nbase 0\nthreshold 0.55\ntree\nl 0")
        let classifier = BlockClassifier(model: model, threshold: 0.55, pageTypeThresholds: ["listing": 0.4])
        let block = Block(text: Array("A card of the listing".utf8), chars: 21, linkChars: 0, owner: 1, kind: .paragraph)
        let readability = MainContentExtractor.Explanation(decisions: [.init(block: block, kept: false, signal: "outside")], container: "none")
        let rows = [Double](repeating: 0, count: BlockFeatures.count)
        #expect(classifier.decide(readability, rows: rows, pageType: "listing").decisions.map(\.kept) == [true])
        #expect(classifier.decide(readability, rows: rows, pageType: "article").decisions.map(\.kept) == [false])
        #expect(classifier.decide(readability, rows: rows).decisions.map(\.kept) == [false])
    }

    @Test func malformedModelsAreRefusedWithTheirLine() {
        let cases = [
            Self.tiny.replacingOccurrences(of: "s 0 0.5 1 2", with: "s 5 0.5 1 2"),   // feature out of range
            Self.tiny.replacingOccurrences(of: "s 0 0.5 1 2", with: "s 0 0.5 2 1"),   // left is not the next node
            Self.tiny.replacingOccurrences(of: "winnow-trees 1", with: "winnow-trees 2"),
            Self.tiny.replacingOccurrences(of: "threshold 0.4", with: "threshold 1.5"),
            "features 2\ntree\ns 0 1 1 2\nl 1",                                         // right child missing
            "tree\nl 1",                                                                // no feature count
        ]
        for text in cases {
            #expect(throws: TreeEnsemble.FormatError.self) { _ = try TreeEnsemble(text: text) }
        }
    }

    @Test func builtInModelsParseAndReadTheFeaturesInferenceComputes() throws {
        let blocks = try #require(BlockClassifier.builtIn)
        #expect(blocks.model.featureCount == BlockFeatures.count)
        #expect(blocks.threshold > 0 && blocks.threshold < 1)
        let pages = try #require(PageTypeClassifier.builtIn)
        #expect(Set(pages.models.map(\.name)) == ["article", "service", "product", "collection", "listing", "forum", "documentation"])
        #expect(Set(BlockFeatures.names).count == BlockFeatures.names.count)
        #expect(Set(PageTypeFeatures.names).count == PageTypeFeatures.names.count)
    }

    @Test func featureRowsHaveOneSlotPerNamePerBlock() throws {
        _ = LibXML.ready
        let tree = try HTMLTestSupport.parse(try Fixtures.string("pages/article.html"))
        let (blocks, counts) = BlockSegmenter().segmentCounting(tree)
        let rows = MainContentExtractor(settings: .init(maxLinkDensity: 0.5, minBlockChars: 25)).featureRows(blocks, tree: tree, textCounts: counts)
        #expect(rows.count == blocks.count * BlockFeatures.count)
        let finite = rows.allSatisfy { $0.isFinite }
        #expect(finite)
        let page = PageTypeFeatures.row(rows: rows, chars: blocks.map(\.chars))
        #expect(page.count == PageTypeFeatures.count)
    }

    /// Sibling groups are counted by signature (tag and class, digits aside): a parent with more
    /// kinds of children than the short lookup array holds counts each kind as one with fewer.
    @Test func repeatedSiblingsAreCountedWhateverTheNumberOfKinds() throws {
        _ = LibXML.ready
        let letters = "abcdefghijklmnopqrstuvwxyz".map(String.init)
        // 20 kinds of card, twice each, then the first kind a third time (found after the index is built).
        var cards = ""
        for round in 0..<2 {
            for kind in letters.prefix(20) { cards += "<div class=\"card-\(kind)\"><p>Card \(kind) \(round): \(Self.sentence)</p></div>" }
        }
        cards += "<div class=\"card-a\"><p>Card a again: \(Self.sentence)</p></div>"
        let tree = try HTMLTestSupport.parse("<html><body><div class=\"grid\">\(cards)</div></body></html>")
        let (blocks, counts) = BlockSegmenter().segmentCounting(tree)
        let rows = MainContentExtractor(settings: .init(maxLinkDensity: 0.5, minBlockChars: 25)).featureRows(blocks, tree: tree, textCounts: counts)
        let column = try #require(BlockFeatures.names.firstIndex(of: "log_repeat"))
        let repeats = blocks.indices.map { Int(exp(rows[$0 * BlockFeatures.count + column]).rounded()) }
        #expect(blocks.count == 41)
        #expect(repeats == blocks.map { $0.text.starts(with: Array("Card a".utf8)) ? 3 : 2 })
    }

    private func record(_ html: String) throws -> WorkingDocument {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = try dir.write("page.html", html)
        let pipeline = Pipeline(config: try ConfigLoader.loadDefault(), added: "2026-01-01T00:00:00Z")
        let (document, drop) = pipeline.run(InputItem(path: path, source: "page.html", kind: .html, gzipped: false, size: html.utf8.count))
        #expect(drop == nil, "rejected: \(String(describing: drop))")
        return document
    }

    static let sentence = "The committee met on Thursday to review the harbour budget, and members asked for a new estimate of the repair costs before the winter storms."

    @Test func aPageBuiltByScriptIsReadFromItsNoscriptCopy() throws {
        let html = "<html><body><div id=app></div><noscript><div class=post><p>\(Self.sentence)</p><p>\(Self.sentence) Again.</p></div></noscript></body></html>"
        let document = try record(html)
        #expect(document.text.utf8String.contains("The committee met on Thursday"))
        #expect(document.ruleHits["parse.noscript_rescue"] == 1)
        // With text of its own, a page's small <noscript> stays out.
        let normal = try record("<html><body><article>\(String(repeating: "<p>\(Self.sentence)</p>", count: 5))</article><noscript>Please enable JavaScript to use this site.</noscript></body></html>")
        #expect(!normal.text.utf8String.contains("enable JavaScript"))
        #expect(normal.ruleHits["parse.noscript_rescue"] == nil)
    }

    @Test func noRuleRemovesTheElementThatHoldsThePage() throws {
        // An unclosed <button> swallows the rest of the page in libxml2's tree; a hidden wrapper holds
        // a page that script reveals. Both are the page, not chrome.
        let button = try record("<html><body><header><button class=menu>Menu<div><article><p>\(Self.sentence)</p><p>\(Self.sentence)</p></article></div></header></body></html>")
        #expect(button.text.utf8String.contains("The committee met"))
        let hidden = try record("<html><body><div hidden id=S:0><article><p>\(Self.sentence)</p><p>\(Self.sentence)</p></article></div></body></html>")
        #expect(hidden.text.utf8String.contains("The committee met"))
        // A JSON-LD script is never shown, however much of the page's text it holds.
        let jsonld = try record("<html><head></head><body><script type=\"application/ld+json\">{\"@type\":\"Product\",\"description\":\"\(Self.sentence) \(Self.sentence) \(Self.sentence)\"}</script><p>\(Self.sentence)</p></body></html>")
        #expect(!jsonld.text.utf8String.contains("@type"))
    }

    @Test func aPageWithTextIsNeverEmpty() throws {
        // No container, no sentence-like paragraph: still a record with text.
        let items = (1...12).map { "<div class=x>Item number \($0) of the spring catalogue in oak and ash</div>" }.joined()
        let document = try record("<html><body>\(items)</body></html>")
        #expect(!document.paragraphs.isEmpty)
    }

    @Test func listItemsAndTableRowsAreLinesAndCodeKeepsItsLayout() throws {
        let html = """
            <html><body><article>
            <p>\(Self.sentence)</p>
            <ul><li>First item of the list with words</li><li>Second item of the list with words</li></ul>
            <table><tr><td>Weight</td><td>12 kg</td></tr><tr><td>Height</td><td>80 cm</td></tr></table>
            <pre>def main():
                print("hi")
            </pre>
            <p>\(Self.sentence)</p>
            </article></body></html>
            """
        let tree = try HTMLTestSupport.parse(html)
        let blocks = BlockSegmenter().segment(tree)
        let text = TextLayout.join(blocks.map(\.text), separators: TextLayout.separators(blocks, in: tree)).utf8String
        #expect(text.contains("First item of the list with words\nSecond item of the list with words"))
        #expect(text.contains("Weight 12 kg\nHeight 80 cm"))
        #expect(text.contains("def main():\n    print(\"hi\")"))
        #expect(text.contains("before the winter storms.\n\nFirst item"))
    }
}
