import Testing
@testable import WinnowCore

@Suite struct TextDumpExtractorTests {
    let extractor = TextDumpExtractor(titleMaxChars: 40)

    private func lines(_ text: String) -> [[UInt8]] { text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) } }

    @Test func titleAndParagraphs() {
        let (title, paragraphs) = extractor.extract(lines("\n\nStorm hits the coast\n\nFirst line\nsecond line\n\n\nThird paragraph.\n"))
        #expect(title == "Storm hits the coast")
        #expect(paragraphs.map(\.utf8String) == ["First line\nsecond line", "Third paragraph."])
    }

    @Test(arguments: [
        ("A sentence that ends with a full stop.", false),
        ("Trailing comma,", false), ("Ends with a colon:", false), ("Semi;", false),
        ("a b", true), ("ab", false), ("Headline", false), ("Question as a headline?", true),
        (String(repeating: "x ", count: 20) + "y", false), (String(repeating: "é ", count: 19) + "é", true),
    ])
    func titleLineRules(line: String, isTitle: Bool) {
        #expect(extractor.looksLikeTitle(Array(line.utf8)) == isTitle, "\(line)")
        let (title, paragraphs) = extractor.extract(lines(line + "\n\nBody."))
        #expect((title != nil) == isTitle)
        #expect(paragraphs.count == (isTitle ? 1 : 2))
    }

    @Test func titleMustStandAlone() {
        let (title, paragraphs) = extractor.extract(lines("Storm hits the coast\nand the story goes on\n\nMore."))
        #expect(title == nil)
        #expect(paragraphs.first?.utf8String == "Storm hits the coast\nand the story goes on")
    }

    @Test func menuLikeRunsAreDroppedFromLongDumps() {
        let prose = [
            "The council met on Tuesday evening to discuss the harbour, and after a long debate the members agreed that the wall had to be rebuilt before the winter storms arrive again.",
            "Engineers told the meeting that the old stones could be reused for most of the new wall, which would keep the cost down and preserve the look of the harbour for visitors.",
            "Work is expected to start in the spring, once the fishing season has ended, and the council will publish a timetable for the road closures on its website next month.",
        ]
        let text = (["Harbour news today", "", "Home\nNews\nSport\nWeather\nContact", ""] + prose.flatMap { [$0, ""] }).joined(separator: "\n")
        let (title, paragraphs) = extractor.extract(lines(text))
        #expect(title == "Harbour news today")
        #expect(paragraphs.map(\.utf8String) == prose)
    }

    @Test func shortCleanTextIsKeptWhole() {
        // Nothing in it reads like prose, so the classifier does not get to drop anything.
        let (_, paragraphs) = extractor.extract(lines("Milk\nEggs\nBread\n\nCall Sam"))
        #expect(paragraphs.map(\.utf8String) == ["Milk\nEggs\nBread", "Call Sam"])
    }

    @Test func emptyInput() {
        let (title, paragraphs) = extractor.extract([])
        #expect(title == nil)
        #expect(paragraphs.isEmpty)
        let blank = extractor.extract(lines("\n\n"))
        #expect(blank.title == nil)
        #expect(blank.paragraphs.isEmpty)
    }
}
