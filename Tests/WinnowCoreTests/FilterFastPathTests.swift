import Testing
@testable import WinnowCore

/// The filters' byte-level shortcuts against the plain definitions they stand for: UTF-8 lengths
/// eight bytes at a time, `splitlines()` skipping ASCII blocks, the tokenizer's letter runs and
/// special-case shapes, C4's word count that stops early, FineWeb's short lines by byte count, the
/// shared per-document word character offsets (from the text's continuation bytes), duplicate
/// characters as bytes in ASCII documents, and gopher_quality's stop-word search that stops early.
@Suite struct FilterFastPathTests {
    static let texts = [
        "",
        "a",
        "plain ascii words and more words in a longer line of text",
        "Ünïcödé words — dashes – and “quotes” in a line 日本語の文。 and 🙂 emoji 🙂🙂",
        "line one\nline two\r\nline three\rfour\u{0B}five\u{0C}six\u{1C}seven\u{85}eight\u{2028}nine\u{2029}ten\n\n",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz@[`{ 0123456789 cannot Cannot gonna don't U.S. e.g. Jan. Minn.",
        String(repeating: "é", count: 300) + String(repeating: "x", count: 700) + String(repeating: "日", count: 40),
        "tabs\tand\u{A0}no-break\u{2003}em spaces\u{3000}ideographic   runs",
    ]

    static func plainLength(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int {
        var n = 0
        for i in r where b[i] & 0xC0 != 0x80 { n += 1 }
        return n
    }

    @Test(arguments: texts)
    func lengthCountsScalarsOfEveryRange(_ text: String) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBufferPointer { PythonText.length($0, 0..<$0.count) } == text.unicodeScalars.count)
        bytes.withUnsafeBufferPointer { b in
            // every range at scalar boundaries (and a few inside scalars), short and long
            for lo in stride(from: 0, through: b.count, by: max(1, b.count / 37)) {
                for hi in [lo, lo + 1, lo + 5, lo + 8, lo + 9, lo + 17, lo + 300, b.count] where hi <= b.count && hi >= lo {
                    #expect(PythonText.length(b, lo..<hi) == Self.plainLength(b, lo..<hi), "\(lo)..<\(hi) of \(text.prefix(20))")
                }
            }
        }
    }

    @Test(arguments: texts)
    func splitLinesIsPythonsSplitlines(_ text: String) {
        let bytes = Array(text.utf8)
        let breaks: Set<Unicode.Scalar> = ["\n", "\r", "\u{0B}", "\u{0C}", "\u{1C}", "\u{1D}", "\u{1E}", "\u{85}", "\u{2028}", "\u{2029}"]
        var expected: [String] = [], current = "", pendingCR = false
        for scalar in text.unicodeScalars {
            if pendingCR {
                pendingCR = false
                if scalar == "\n" { continue }
            }
            if breaks.contains(scalar) {
                expected.append(current)
                current = ""
                pendingCR = scalar == "\r"
            } else {
                current.unicodeScalars.append(scalar)
            }
        }
        if !current.isEmpty { expected.append(current) }
        let got = bytes.withUnsafeBufferPointer { b in PythonText.splitLines(b).map { String(decoding: b[$0], as: UTF8.self) } }
        #expect(got == expected)
    }

    @Test func leadingLettersStopsAtTheFirstOtherByte() {
        let samples = ["abcdefgh", "abcDEFgh", "abc defg", "a1bcdefg", "@abcdefg", "abcdefg[", "abcdefg`", "abcdefg{",
                       "abcdé fg", "éabcdefg", "ABCZzaz~", "zZaA\u{7F}bcd"]
        for sample in samples {
            let bytes = Array(sample.utf8.prefix(8))
            let expected = bytes.prefix { $0 < 0x80 && (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) }.count
            let got = bytes.withUnsafeBytes { EnglishTokenizer.leadingLetters($0.baseAddress!, 0) }
            #expect(got == expected, "\(sample)")
        }
    }

    /// Each special case that starts with an ASCII letter and is all ASCII is still found through the
    /// shape table (and a word of the same shape that is none is not).
    @Test func specialCasesPassTheShapeTest() {
        let tokenizer = EnglishTokenizer.shared
        for word in ["cannot", "Cannot", "gonna", "Jan.", "Minn.", "e.g.", "D.C.", "doin'", "ll", "em", "nuff", "y'all", "and/or", "w/o", "vs."] {
            let bytes = Array(word.utf8)
            #expect(bytes.withUnsafeBufferPointer { tokenizer.isSpecial($0, 0, $0.count) }, "\(word)")
        }
        for word in ["cannon", "gonne", "the", "words", "Jab.", "CANNOT"] {
            let bytes = Array(word.utf8)
            #expect(!bytes.withUnsafeBufferPointer { tokenizer.isSpecial($0, 0, $0.count) }, "\(word)")
        }
    }

    @Test(arguments: texts)
    func c4WordCountStopsAtItsLimitAndAgreesBelowIt(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { b in
            let full = C4QualityFilter.splitWords(b, 0..<b.count)
            // `len(text.split())`: runs of scalars that are not Python whitespace
            var python = 0, inWord = false
            for scalar in text.unicodeScalars {
                let space = PythonText.isSpace(scalar.value)
                if !space && !inWord { python += 1 }
                inWord = !space
            }
            #expect(full.count == python)
            for limit in [-1, 0, 1, 2, 3, 5, 1000] {
                let capped = C4QualityFilter.splitWords(b, 0..<b.count, upTo: limit)
                #expect(capped.count == max(0, min(full.count, limit)), "limit \(limit)")
                // the only use: fewer than `limit` words
                #expect((capped.count < limit) == (full.count < limit), "limit \(limit)")
            }
        }
    }

    @Test(arguments: texts)
    func shortLinesByByteCountAgreeWithCharacters(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { b in
            for limit in [-1.0, 0, 1, 5, 30, 100, 1000] {
                for hi in stride(from: 0, through: b.count, by: max(1, b.count / 11)) {
                    let expected = Double(Self.plainLength(b, 0..<hi)) <= limit
                    #expect(FineWebQualityFilter.isShort(b, 0..<hi, limit) == expected, "limit \(limit), 0..<\(hi)")
                }
            }
        }
    }

    @Test(arguments: texts)
    func wordCharStartsAreTheWordsLengths(_ text: String) {
        var document = FilterDocument(text: Array(text.utf8))
        let words = document.words()
        let starts = document.wordCharStarts()
        #expect(starts.count == words.count + 1)
        var chars = 0
        document.text.withUnsafeBufferPointer { b in
            for (k, w) in words.enumerated() {
                #expect(starts[k] == chars)
                chars += Self.plainLength(b, w)
            }
        }
        #expect(starts.last == chars)
        #expect(document.length() == text.unicodeScalars.count)
    }

    @Test(arguments: texts)
    func continuationBytesAreTheTenBytes(_ text: String) {
        let bytes = Array(text.utf8)
        let expected = bytes.indices.filter { bytes[$0] & 0xC0 == 0x80 }
        #expect(bytes.withUnsafeBufferPointer { PythonText.continuationBytes($0) } == expected)
    }

    /// gopher_quality's stop words: counted at the text's end, at 8 bytes and longer, case-sensitively
    /// (inspect measures all); a run stops looking once min_stop_words are found, which keeps the
    /// decision, and a drop still reports the full count.
    @Test func stopWordsCountAndStopEarly() throws {
        let stops = ["the", "of", "eightbyt", "ninebytes", "a"]
        func settings(_ minimum: Double) throws -> FilterSpec {
            let type = try #require(FilterRegistry.named("gopher_quality"))
            var settings = Dictionary(uniqueKeysWithValues: type.keys.map { ($0.key, $0.defaultValue) })
            settings.merge(["min_doc_words": .number(0), "max_doc_words": .number(0), "min_avg_word_length": .number(0),
                            "max_avg_word_length": .number(0), "max_symbol_word_ratio": .number(0), "max_bullet_lines_ratio": .number(0),
                            "max_ellipsis_lines_ratio": .number(0), "max_non_alpha_words_ratio": .number(0)]) { $1 }
            settings["stop_words"] = .words(stops)
            settings["min_stop_words"] = .number(minimum)
            return FilterSpec(name: "gopher_quality", settings: settings)
        }
        func count(_ text: String) throws -> Double {
            var document = FilterDocument(text: Array(text.utf8))
            let results = FilterChain([try settings(1e-9)]).measure(&document)
            return try #require(results.first?.checks.measured.first { $0.check == "stop_words" }?.value)
        }
        #expect(try count("x the") == 1)
        #expect(try count("the") == 1)
        #expect(try count("of the of the") == 2)
        #expect(try count("eightbyt ninebytes") == 2)
        #expect(try count("some words then eightbyt and ninebytes here") == 2)
        #expect(try count("tha og eightbyx ninebytez eightbytes ninebyte") == 0)
        #expect(try count("The OF A") == 0)
        #expect(try count("a") == 1)
        let text = "the cat of the hat and a mat"  // three distinct: the, of, a
        for (minimum, drops) in [(1.0, false), (2.0, false), (2.5, false), (3.0, false), (3.5, true), (4.0, true), (0.0, false)] {
            var document = FilterDocument(text: Array(text.utf8))
            let result = FilterChain([try settings(minimum)]).run(&document)
            #expect((result != nil) == drops, "min_stop_words \(minimum)")
            if drops { #expect(result?.detail.hasPrefix("stop_words 3 < ") == true, "\(result?.detail ?? "")") }
        }
    }

    /// ASCII documents count duplicate lines' characters as bytes: the same as counting scalars.
    @Test(arguments: texts + ["same line\nsame line\nother\nsame line\n\nother", "é\né\nab\nab"])
    func asciiDuplicateCharactersAreScalars(_ text: String) {
        var document = FilterDocument(text: Array(text.utf8))
        let ascii = text.utf8.allSatisfy { $0 < 0x80 }
        #expect(document.isASCII() == ascii)
        document.text.withUnsafeBufferPointer { b in
            let lines = PythonText.split(b, 0..<b.count, newlineRunsOf: 1)
            let counted = GopherRepetitionFilter.duplicates(b, lines, ascii: false)
            var expected = 0, seen = Set<[UInt8]>()
            for line in lines where !seen.insert(Array(b[line])).inserted { expected += Self.plainLength(b, line) }
            #expect(counted.chars == expected)
            if ascii { #expect(GopherRepetitionFilter.duplicates(b, lines, ascii: true) == counted) }
        }
    }
}
