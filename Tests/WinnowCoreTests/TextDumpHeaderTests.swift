import Testing
@testable import WinnowCore

@Suite struct TextDumpHeaderTests {
    private func lines(_ text: String) -> [[UInt8]] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { ByteText.normalizeWhitespace(Array($0.utf8)) }
    }

    // Two different paragraphs: text repeated on a page counts as page furniture.
    private let body = String(repeating: "A long paragraph of article prose with enough words to read as body text, and then some more words. ", count: 3)
        + "\n\n" + String(repeating: "Another paragraph follows with different words, so that the body is not one repeated block. ", count: 3)

    @Test func headlineAboveStandfirstAndByline() {
        let dump = """
            Skip to content
            Menu
            News
            Sport

            Energy
            Battery recycler opens plant that can recover 95% of lithium

            The plant in Northbridge will process 10,000 tonnes of spent batteries a year, enough for about 20,000 electric cars

            By Priya Nandakumar
            Published 14 March 2024, 10:05am

            \(body)
            """
        let (header, _) = TextDumpExtractor(titleMaxChars: 200).extractWithHeader(lines(dump))
        #expect(header.title == "Battery recycler opens plant that can recover 95% of lithium")
        #expect(header.authors == ["Priya Nandakumar"])
        #expect(header.published == "2024-03-14")
    }

    @Test func aTimestampLineIsNoHeadline() {
        let dump = "Menu\n\nUpdated Nov 19, 6:55 AM; Posted Nov 19, 6:51 AM\nBy Troy Smith\n\n\(body)"
        let (header, _) = TextDumpExtractor(titleMaxChars: 200).extractWithHeader(lines(dump))
        #expect(header.title == nil)
        #expect(header.authors == ["Troy Smith"])
    }
}
