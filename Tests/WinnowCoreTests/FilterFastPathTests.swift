import Testing
@testable import WinnowCore

/// The filters' byte-level shortcuts against the plain definitions they stand for: UTF-8 lengths
/// eight bytes at a time, `splitlines()` skipping ASCII blocks, the tokenizer's letter runs and
/// special-case shapes, C4's word count that stops early, FineWeb's short lines by byte count, and the
/// shared per-document word character offsets.
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
}
