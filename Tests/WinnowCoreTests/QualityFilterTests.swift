import Testing
@testable import WinnowCore

/// Each filter's every check, with the threshold just on each side of the value the check measures:
/// the boundary decides as datatrove's comparison does (strict `<` / `>`; language `<=`).
@Suite struct QualityFilterTests {
    /// Settings under which no check of the filter drops, so one check can be tested alone.
    static let neutral: [String: [String: FilterValue]] = [
        "gopher_repetition": ["dup_para_frac": .number(1), "dup_para_char_frac": .number(1), "dup_line_frac": .number(1),
                              "dup_line_char_frac": .number(1), "top_n_grams": .ngrams([]), "dup_n_grams": .ngrams([])],
        "gopher_quality": ["min_doc_words": .number(0), "max_doc_words": .number(0), "min_avg_word_length": .number(0),
                           "max_avg_word_length": .number(0), "max_symbol_word_ratio": .number(0), "max_bullet_lines_ratio": .number(0),
                           "max_ellipsis_lines_ratio": .number(0), "max_non_alpha_words_ratio": .number(0), "min_stop_words": .number(0)],
        "c4": ["min_num_sentences": .number(-1), "filter_lorem_ipsum": .flag(false), "filter_curly_bracket": .flag(false),
               "filter_no_terminal_punct": .flag(false), "min_words_per_line": .number(-1), "max_word_length": .number(-1),
               "filter_javascript": .flag(false), "filter_policy": .flag(false)],
        "fineweb_quality": ["line_punct_thr": .number(0), "short_line_thr": .number(1), "char_duplicates_ratio": .number(1), "new_line_ratio": .number(1e9)],
        "language": [:],
    ]

    static func spec(_ filter: String, _ overrides: [String: FilterValue], neutral: Bool) throws -> FilterSpec {
        let type = try #require(FilterRegistry.named(filter))
        var settings = Dictionary(uniqueKeysWithValues: type.keys.map { ($0.key, $0.defaultValue) })
        if neutral { settings.merge(Self.neutral[filter] ?? [:]) { $1 } }
        settings.merge(overrides) { $1 }
        return FilterSpec(name: filter, settings: settings)
    }

    /// The reason the filter drops `text` for, or nil when it keeps it.
    static func reason(_ filter: String, _ text: String, _ overrides: [String: FilterValue] = [:], neutral: Bool = false,
                       language: String? = "en", confidence: Double? = 0.9) throws -> String? {
        var document = FilterDocument(text: Array(text.utf8), language: language, languageConfidence: confidence)
        return FilterChain([try spec(filter, overrides, neutral: neutral)]).run(&document)?.reason
    }

    static func measured(_ filter: String, _ text: String, _ check: String, _ overrides: [String: FilterValue],
                         language: String? = "en", confidence: Double? = 0.9) throws -> Double {
        var document = FilterDocument(text: Array(text.utf8), language: language, languageConfidence: confidence)
        let results = FilterChain([try spec(filter, overrides, neutral: true)]).measure(&document)
        return try #require(results.first?.checks.measured.first { $0.check == check }?.value, "\(filter) measured no \(check)")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var filter: String
        var key: String
        var check: String
        var text: String
        /// How the check fails: .below (value < threshold), .above, .atMost.
        var drop: FilterChecks.Drop
        /// n for the n-gram keys.
        var n = 0
        var testDescription: String { "\(filter).\(check)" }
    }

    static let prose = "The cat sat on the mat with a hat. It was a very fine hat, and the cat was proud of it. "
    static let lines = (0..<12).map { "Line \($0) of the list has words in it" }.joined(separator: "\n")
    static let cases: [Case] = [
        Case(filter: "gopher_repetition", key: "dup_para_frac", check: "dup_para_frac", text: "one two three\n\nfour five\n\none two three\n\nsix", drop: .above),
        Case(filter: "gopher_repetition", key: "dup_para_char_frac", check: "dup_para_char_frac", text: "one two three\n\nfour five\n\none two three\n\nsix", drop: .above),
        Case(filter: "gopher_repetition", key: "dup_line_frac", check: "dup_line_frac", text: "alpha beta\nalpha beta\ngamma\ndelta epsilon", drop: .above),
        Case(filter: "gopher_repetition", key: "dup_line_char_frac", check: "dup_line_char_frac", text: "alpha beta\nalpha beta\ngamma\ndelta epsilon", drop: .above),
        Case(filter: "gopher_repetition", key: "top_n_grams", check: "top_2_gram", text: "the cat the cat the dog sat on a mat", drop: .above, n: 2),
        Case(filter: "gopher_repetition", key: "dup_n_grams", check: "dup_5_gram", text: "a b c d e f g h a b c d e f x y", drop: .above, n: 5),
        Case(filter: "gopher_quality", key: "min_doc_words", check: "word_count", text: prose, drop: .below),
        Case(filter: "gopher_quality", key: "max_doc_words", check: "too_many_words", text: prose, drop: .above),
        Case(filter: "gopher_quality", key: "min_avg_word_length", check: "short_words", text: prose, drop: .below),
        Case(filter: "gopher_quality", key: "max_avg_word_length", check: "long_words", text: prose, drop: .above),
        Case(filter: "gopher_quality", key: "max_symbol_word_ratio", check: "hash_ratio", text: "#tag one #tag two three four", drop: .above),
        Case(filter: "gopher_quality", key: "max_symbol_word_ratio", check: "ellipsis_ratio", text: "wait... then more… and so on", drop: .above),
        Case(filter: "gopher_quality", key: "max_bullet_lines_ratio", check: "bullet_lines", text: "• one\n- two\nthree", drop: .above),
        Case(filter: "gopher_quality", key: "max_ellipsis_lines_ratio", check: "ellipsis_lines", text: "one...\ntwo…\nthree", drop: .above),
        Case(filter: "gopher_quality", key: "max_non_alpha_words_ratio", check: "alpha_words", text: "one 2 3 four 5", drop: .below),
        Case(filter: "gopher_quality", key: "min_stop_words", check: "stop_words", text: prose, drop: .below),
        Case(filter: "c4", key: "min_num_sentences", check: "too_few_sentences", text: "One here. Two here! Three here?\nFour is here.", drop: .below),
        Case(filter: "fineweb_quality", key: "line_punct_thr", check: "line_punct_ratio", text: "Ends well.\nno end\nno end either", drop: .below),
        Case(filter: "fineweb_quality", key: "short_line_thr", check: "short_line_ratio", text: "short\nanother short one\n" + String(repeating: "long words ", count: 5), drop: .above),
        Case(filter: "fineweb_quality", key: "char_duplicates_ratio", check: "char_dup_ratio", text: "same line\nsame line\nother text here", drop: .above),
        Case(filter: "fineweb_quality", key: "new_line_ratio", check: "list_ratio", text: lines, drop: .above),
        Case(filter: "language", key: "min_confidence", check: "low_confidence", text: prose, drop: .atMost),
    ]

    @Test(arguments: cases) func thresholdDecidesAtTheBoundary(_ c: Case) throws {
        // Measured with this check on but at a threshold it cannot fail (the neutral settings turn it off).
        let never: Double = c.drop == .above ? 1e12 : 1e-9
        let value = try Self.measured(c.filter, c.text, c.check, [c.key: c.n > 0 ? .ngrams([NGramThreshold(c.n, never)]) : .number(never)])
        #expect(value > 0, "the fixture must measure something for \(c.check)")
        // Integer thresholds (word and sentence counts) step by one; fractions by a little.
        let step = value == value.rounded() && value >= 1 ? 1.0 : 0.001
        let (dropAt, keepAt): (Double, Double)
        switch c.drop {
        case .below: (dropAt, keepAt) = (value + step, value)
        case .above: (dropAt, keepAt) = (value - step, value)
        case .atMost, .present: (dropAt, keepAt) = (value, value - step)
        }
        func setting(_ t: Double) -> FilterValue { c.n > 0 ? .ngrams([NGramThreshold(c.n, t)]) : .number(t) }
        let reason = "filter.\(FilterRegistry.named(c.filter)?.reasonName ?? "").\(c.check)"
        #expect(try Self.reason(c.filter, c.text, [c.key: setting(dropAt)], neutral: true) == reason, "threshold \(dropAt) for value \(value)")
        #expect(try Self.reason(c.filter, c.text, [c.key: setting(keepAt)], neutral: true) == nil, "threshold \(keepAt) for value \(value)")
    }

    @Test func measuredValuesAreDatatrovesDefinitions() throws {
        // 1 of 4 paragraphs repeats; its 13 characters of 44 (datatrove: find_duplicates → (1, 13))
        #expect(try Self.measured("gopher_repetition", "one two three\n\nfour five\n\none two three\n\nsix", "dup_para_frac", ["dup_para_frac": .number(1)]) == 0.25)
        #expect(try Self.measured("gopher_repetition", "one two three\n\nfour five\n\none two three\n\nsix", "dup_para_char_frac", ["dup_para_char_frac": .number(1)]) == 13.0 / 44.0)
        // "the cat" ×2 (7 chars): 14 / 36
        #expect(try Self.measured("gopher_repetition", "the cat the cat the dog sat on a mat", "top_2_gram", ["top_n_grams": .ngrams([.init(2, 1)])]) == 14.0 / 36.0)
        // "abcde" seen again at word 8: its 5 characters, then datatrove skips past it
        #expect(try Self.measured("gopher_repetition", "a b c d e f g h a b c d e f x y", "dup_5_gram", ["dup_n_grams": .ngrams([.init(5, 1)])]) == 5.0 / 31.0)
        // stop words are counted once each, case-sensitively: "the", "with", "and", "of"
        #expect(try Self.measured("gopher_quality", Self.prose, "stop_words", ["min_stop_words": .number(1e-9)]) == 4)
        #expect(try Self.measured("gopher_quality", "The cat. The dog.", "stop_words", ["min_stop_words": .number(1e-9)]) == 0)
        // 25 words, of which "." "," "." are punctuation only
        #expect(try Self.measured("gopher_quality", Self.prose, "word_count", ["min_doc_words": .number(1e-9)]) == 22)
        #expect(try Self.measured("c4", "One here. Two here! Three here?\nFour is here.", "too_few_sentences", ["min_num_sentences": .number(5)]) == 4)
    }

    @Test func defaultThresholds() throws {
        let words49 = (0..<47).map { "word\($0)" }.joined(separator: " ") + " the and"
        #expect(try Self.reason("gopher_quality", words49) == "filter.gopher_quality.word_count")
        #expect(try Self.reason("gopher_quality", words49 + " cat") == nil)
        let oneStopWord = (0..<60).map { "word\($0)" }.joined(separator: " ") + " the"
        #expect(try Self.reason("gopher_quality", oneStopWord) == "filter.gopher_quality.stop_words")
        #expect(try Self.reason("gopher_quality", oneStopWord + " of") == nil)
        let four = "One sentence is here. Two sentences are here. Three are here now. Four are here too."
        #expect(try Self.reason("c4", four) == "filter.c4.too_few_sentences")
        #expect(try Self.reason("c4", four + " Five makes it.") == nil)
    }

    @Test func c4DropsAndRemovesLines() throws {
        let body = "This is a sentence that ends well. Another one is here. And a third one. A fourth one too. Fifth."
        #expect(try Self.reason("c4", body + "\nLorem ipsum dolor sit amet.") == "filter.c4.lorem_ipsum")
        #expect(try Self.reason("c4", body + "\nLorem ipsum dolor sit amet.", ["filter_lorem_ipsum": .flag(false)]) == nil)
        #expect(try Self.reason("c4", body + "\nvar x = { a: 1 };") == nil)  // no terminal punctuation: removed first
        #expect(try Self.reason("c4", body + "\nThe set {a, b} has two members.") == "filter.c4.curly_bracket")
        #expect(try Self.reason("c4", body + "\nThe set {a, b} has two members.", ["filter_curly_bracket": .flag(false)]) == nil)

        let text = [body, "Menu", "Enable JavaScript to see this page.", "Read our privacy policy here.", "Two words.",
                    "A word " + String(repeating: "x", count: 1001) + " here.", "No end punctuation here", "Cited fact here.[1]"].joined(separator: "\n")
        var document = FilterDocument(text: Array(text.utf8))
        #expect(FilterChain([try Self.spec("c4", [:], neutral: false)]).run(&document) == nil)
        #expect(String(decoding: document.text, as: UTF8.self) == body + "\nCited fact here.")
        #expect(document.lineHits == ["filter.c4.line.no_terminal_punct": 2, "filter.c4.line.javascript": 1, "filter.c4.line.policy": 1,
                                      "filter.c4.line.too_few_words": 1, "filter.c4.line.too_long_word": 1])
        // FineWeb's setting keeps lines without terminal punctuation
        var fineweb = FilterDocument(text: Array(text.utf8))
        _ = FilterChain([try Self.spec("c4", ["filter_no_terminal_punct": .flag(false)], neutral: false)]).run(&fineweb)
        #expect(String(decoding: fineweb.text, as: UTF8.self).contains("No end punctuation here"))
    }

    @Test func languageFilter() throws {
        #expect(try Self.reason("language", Self.prose, ["languages": .words(["en"])], language: "de", confidence: 0.99) == "filter.language.not_allowed")
        #expect(try Self.reason("language", Self.prose, ["languages": .words(["en", "de"])], language: "de", confidence: 0.99) == nil)
        #expect(try Self.reason("language", Self.prose, ["languages": .words(["en"])], language: "en-GB", confidence: 0.99) == nil)
        #expect(try Self.reason("language", Self.prose, [:], language: "de", confidence: 0.99) == nil)  // all languages
        #expect(try Self.reason("language", Self.prose, [:], language: "en", confidence: 0.65) == "filter.language.low_confidence")
        #expect(try Self.reason("language", Self.prose, [:], language: "en", confidence: nil) == "filter.language.low_confidence")
    }

    @Test func fineWebEmptyAndExcludeZero() throws {
        #expect(try Self.reason("fineweb_quality", "\n \n") == "filter.fineweb.empty")
        let noPunct = (0..<5).map { "a line that is long enough to count as long \($0)" }.joined(separator: "\n")
        #expect(try Self.reason("fineweb_quality", noPunct) == "filter.fineweb.line_punct_ratio")
        #expect(try Self.reason("fineweb_quality", noPunct, ["line_punct_exclude_zero": .flag(true)]) != "filter.fineweb.line_punct_ratio")
    }

    @Test func rejectDetailNamesValueAndThreshold() throws {
        var document = FilterDocument(text: Array("too short".utf8))
        let drop = try #require(FilterChain([try Self.spec("gopher_quality", [:], neutral: false)]).run(&document))
        #expect(drop.reason == "filter.gopher_quality.word_count")
        #expect(drop.detail == "word_count 2 < 50 (filters.gopher_quality)")
    }
}
