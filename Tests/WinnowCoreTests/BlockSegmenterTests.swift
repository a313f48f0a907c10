import Foundation
import Testing
@testable import WinnowCore

@Suite struct BlockSegmenterTests {
    private func blocks(_ html: String) throws -> [Block] {
        BlockSegmenter().segment(try HTMLTestSupport.parse(html))
    }

    @Test func blocksAtBlockBoundariesAndBreaks() throws {
        let result = try blocks("""
            <html><head><title>Not a block</title></head><body>
            <p>One <b>bold</b> paragraph</p>
            <div>Two<br>Three<span> inline</span></div>
            <ul><li>Four</li><li>Five</li></ul>
            <h1>Head</h1><h2>Sub</h2><blockquote>Quote</blockquote><table><tr><td>Cell</td></tr></table>
            loose text
            </body></html>
            """)
        #expect(result.map(\.text.utf8String) == ["One bold paragraph", "Two", "Three inline", "Four", "Five", "Head", "Sub", "Quote", "Cell", "loose text"])
        #expect(result.map(\.kind) == [.paragraph, .other, .other, .listItem, .listItem, .heading1, .heading, .quote, .cell, .other])
        #expect(result[0].chars == 18)
    }

    @Test func wordsJoinedAcrossInlineElementsGetASpace() throws {
        let result = try blocks("""
            <body><p><span>Acme</span><span>Trail Shoes</span></p><p>Type:<b>Neutral</b></p>
            <p>W<b>ord</b> split by markup, <i>iPhone</i>Case and plainText</p>
            <p><span class=dropcap>T</span>he rating <b>4.5</b><span>Stars</span> from <i>NIKE</i>AIR, CO<sub>2</sub> and x<sup>2</sup></p>
            <p><span class=dropcap>T</span>HE city, a note<sup><a href="#n1">1</a></sup>, Super<wbr>Cali and <code>get<mark>Element</mark>ById</code></p></body>
            """)
        // A letter or digit before an upper-case letter or a digit across an element boundary is two
        // words; inside one text node, continuing in lower case, after a drop cap, at sub/sup and <wbr>,
        // and inside code, nothing is added (`WordJoin`).
        #expect(result.map(\.text.utf8String) == ["Acme Trail Shoes", "Type:Neutral", "Word split by markup, iPhone Case and plainText",
                                                  "The rating 4.5 Stars from NIKE AIR, CO2 and x2",
                                                  "THE city, a note1, SuperCali and getElementById"])
    }

    @Test func linkDensity() throws {
        let result = try blocks("""
            <body><p><a href="/1">all of this is a link</a></p><p>Half <a href="/2">link</a></p><p>No links at all here</p></body>
            """)
        #expect(result.count == 3)
        #expect(result[0].linkDensity == 1.0)
        #expect(result[1].linkDensity > 0.4 && result[1].linkDensity < 0.6)
        #expect(result[2].linkDensity == 0)
        #expect(result[2].linkChars == 0)
    }

    @Test func removedNodesAreSkipped() throws {
        var tree = try HTMLTestSupport.parse("<body><p>Kept text</p><div id=gone><p>Removed text</p></div><p>Also kept</p></body>")
        let gone = try #require(HTMLTestSupport.element(id: "gone", in: tree))
        tree.remove(gone, reason: tree.reasonIndex("test"))
        #expect(BlockSegmenter().segment(tree).map(\.text.utf8String) == ["Kept text", "Also kept"])
    }

    @Test func ownerIsTheInnermostBlockElement() throws {
        let tree = try HTMLTestSupport.parse("<body><div id=d><p id=p>In p <span>span</span></p>after p</div></body>")
        let result = BlockSegmenter().segment(tree)
        #expect(result.map(\.text.utf8String) == ["In p span", "after p"])
        #expect(result[0].owner == HTMLTestSupport.element(id: "p", in: tree))
        #expect(result[1].owner == HTMLTestSupport.element(id: "d", in: tree))
    }

    @Test func deepPagesDoNotOverflow() throws {
        let html = "<body>" + String(repeating: "<div>", count: 20_000) + "deep" + "</body>"
        let tree = try HTMLTestSupport.parse(html, maxDepth: 50_000)
        #expect(BlockSegmenter().segment(tree).map(\.text.utf8String) == ["deep"])
    }
}

/// The segmenter normalises whitespace while appending text nodes; it must leave exactly what
/// normalising the whole block afterwards would, with the same counts.
@Suite struct AppendNormalizedTests {
    @Test func equalsNormalizingTheWholeBlock() {
        let pieces: [[UInt8]] = [Array("word".utf8), [0x20], [0x20, 0x20], [0x0A], [0x09, 0x20], [0xC2, 0xA0], Array("日本".utf8),
                                 Array("a,b".utf8), Array("é".utf8), [0x0D, 0x0A], Array("x y".utf8)]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            // A block of 1–5 text nodes, each a few random pieces.
            let nodes: [[UInt8]] = (0..<Int.random(in: 1...5, using: &generator)).map { _ in
                (0..<Int.random(in: 0...6, using: &generator)).flatMap { _ in pieces.randomElement(using: &generator) ?? [] }
            }
            var buffer: [UInt8] = []
            var pending = false
            var nonSpace = 0
            var chars = 0
            for node in nodes {
                let counts = node.withUnsafeBufferPointer { BlockSegmenter.appendNormalized($0, to: &buffer, pendingSpace: &pending) }
                nonSpace += counts.nonSpace
                chars += counts.chars
            }
            let whole = nodes.flatMap { $0 }
            let expected = ByteText.normalizeWhitespace(whole)
            #expect(buffer == expected, "\(nodes)")
            #expect(chars == ByteText.weightedLength(expected))
            #expect(nonSpace == whole.filter { !ByteText.isSpace($0) }.count)
        }
    }
}

/// The segmenter counts each text node's characters and commas for `ElementStats`, which otherwise
/// scans the text itself: both ways must give the same statistics on every element.
@Suite struct SegmenterTextCountsTests {
    @Test func statsFromSegmenterCountsEqualStatsFromScanning() throws {
        let golden = Fixtures.directory.appendingPathComponent("golden")
        var pages = 0
        let cleaner = CleanStage(rules: try ConfigLoader.loadDefault().rules, html: try ConfigLoader.loadDefault().config.html).cleaner
        for name in try FileManager.default.contentsOfDirectory(atPath: golden.path).sorted() {
            guard let html = try? Fixtures.string("golden/\(name)/source.html") else { continue }
            var tree = try HTMLTestSupport.parse(html + "<p>a,b、c，d\u{00A0} e\tf</p>")
            _ = cleaner.clean(&tree)
            let counts = BlockSegmenter().segmentCounting(tree).counts
            let fromCounts = ElementStats(tree, textCounts: counts).counts
            let scanned = ElementStats(tree).counts
            #expect(fromCounts.map(\.chars) == scanned.map(\.chars), "\(name)")
            #expect(fromCounts.map(\.commas) == scanned.map(\.commas), "\(name)")
            #expect(fromCounts.map(\.linkChars) == scanned.map(\.linkChars), "\(name)")
            pages += 1
        }
        #expect(pages > 10)
    }
}
