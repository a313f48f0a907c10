import Testing
@testable import WinnowCore

/// The shared token index: the words C4 hands on after removing lines (and cutting citations) are the
/// words a fresh tokenisation of its new text gives, and a line's sentences counted from the text's
/// tokens equal those of the line tokenised alone.
@Suite struct FilterTokenIndexTests {
    static let texts = [
        "  [1] Starts with a citation, then prose. Another sentence here! And one more?\nMenu\nA line that ends well.[edit]  ",
        "Don't stop; U.S. rules (e.g. these) apply.\n\n\tTabbed line with words, commas: colons.\nshort\nThe end... really.",
        "Ünïcödé words — dashes – and “quotes”. 日本語の文。\u{2028}Next line, with 10km and $5 and 3+4.\u{85}Last one here.",
        "no punctuation line here\nanother no punct line\nOne proper line here.",
    ]

    @Test(arguments: texts)
    func wordsHandedOnEqualAFreshTokenisation(_ text: String) throws {
        for noTerminal in [false, true] {
            let spec = try QualityFilterTests.spec("c4", ["filter_no_terminal_punct": .flag(noTerminal), "min_num_sentences": .number(0)], neutral: false)
            var document = FilterDocument(text: Array(text.utf8))
            _ = document.words()
            _ = FilterChain([spec]).run(&document)
            var fresh = FilterDocument(text: document.text)
            #expect(document.words() == fresh.words(), "\(text) (filter_no_terminal_punct \(noTerminal))")
        }
    }

    @Test(arguments: texts)
    func lineSentencesFromTheTextsTokensEqualTheLineAlone(_ text: String) {
        let bytes = Array(text.utf8)
        var document = FilterDocument(text: bytes)
        let tokens = document.tokens()
        bytes.withUnsafeBufferPointer { b in
            for raw in PythonText.splitLines(b) {
                let range = PythonText.strip(b, raw)
                let inLine = tokens[...].filter { $0.start >= range.lowerBound && $0.end <= range.upperBound }
                let fromText = EnglishTokenizer.shared.sentenceCount(b, ArraySlice(inLine))
                let alone = Array(bytes[range]).withUnsafeBufferPointer { EnglishTokenizer.shared.sentenceCount($0) }
                #expect(fromText == alone, "line \(String(decoding: bytes[range], as: UTF8.self))")
            }
        }
    }
}
