/// datatrove's GopherQualityFilter (Gopher's quality rules): length, word lengths, symbols, bullets,
/// ellipses, alphabetic words and stop words. Words are datatrove's English words; "symbol words"
/// (made only of datatrove's PUNCTUATION_SET) do not count toward length and mean word length.
public struct GopherQualityFilter: QualityFilter {
    public static let name = "gopher_quality"
    public static let summary = "word count, mean word length, # and ellipsis per word, bullet and ellipsis lines, alphabetic words, stop words"
    public static let keys = [
        FilterKey("min_doc_words", .number(50), "fewest words (not counting words made only of punctuation)"),
        FilterKey("max_doc_words", .number(100_000), "most words (same count)"),
        FilterKey("min_avg_word_length", .number(3), "shortest mean word length, characters"),
        FilterKey("max_avg_word_length", .number(10), "longest mean word length, characters"),
        FilterKey("max_symbol_word_ratio", .number(0.1), "most `#`, and most `...`/`…`, per word"),
        FilterKey("max_bullet_lines_ratio", .number(0.9), "most lines starting with `•` or `-`, share of lines"),
        FilterKey("max_ellipsis_lines_ratio", .number(0.3), "most lines ending with `...` or `…`, share of lines"),
        FilterKey("max_non_alpha_words_ratio", .number(0.8), "fewest words with a letter, share of words (datatrove's name)"),
        FilterKey("min_stop_words", .number(2), "fewest distinct stop words present"),
        FilterKey("stop_words", .words(["the", "be", "to", "of", "and", "that", "have", "with"]), "the stop words (matched case-sensitively, as datatrove does)"),
    ]
    public static let checks = ["word_count", "too_many_words", "short_words", "long_words", "hash_ratio", "ellipsis_ratio", "bullet_lines", "ellipsis_lines", "alpha_words", "stop_words"]

    let minWords, maxWords, minAvg, maxAvg, maxSymbol, maxBullets, maxEllipsisLines, minAlpha, minStopWords: Double
    /// Distinct stop words, as bytes (few: compared in place, no allocation per word).
    let stopWords: [[UInt8]]
    /// By byte length: the stop words of that length (a word is compared only with those).
    let stopsByLength: [[Int]]
    static let punctuation = ScalarSet(scalars: EnglishTokenizerTables.punctuation)
    static let hash: [UInt8] = [0x23], dots: [UInt8] = [0x2E, 0x2E, 0x2E], ellipsis: [UInt8] = Array("…".utf8)
    static let bullet: [UInt8] = Array("•".utf8), dash: [UInt8] = [0x2D]

    public init(_ settings: FilterSettings) {
        minWords = settings.number("min_doc_words")
        maxWords = settings.number("max_doc_words")
        minAvg = settings.number("min_avg_word_length")
        maxAvg = settings.number("max_avg_word_length")
        maxSymbol = settings.number("max_symbol_word_ratio")
        maxBullets = settings.number("max_bullet_lines_ratio")
        maxEllipsisLines = settings.number("max_ellipsis_lines_ratio")
        minAlpha = settings.number("max_non_alpha_words_ratio")
        minStopWords = settings.number("min_stop_words")
        stopWords = Array(Set(settings.words("stop_words").map { Array($0.utf8) }))
        var byLength = [[Int]](repeating: [], count: (stopWords.map(\.count).max() ?? 0) + 1)
        for (k, word) in stopWords.enumerated() { byLength[word.count].append(k) }
        stopsByLength = byLength
    }

    public func apply(_ document: inout FilterDocument, _ checks: inout FilterChecks) {
        let words = document.words()
        let lines = document.lines()
        // Characters in all words: the symbol words' are taken off below.
        let wordChars = document.wordCharStarts()[words.count]
        document.text.withUnsafeBufferPointer { b in
            var nonSymbol = 0, symbolChars = 0, alphaWords = 0
            var stopSeen = [Bool](repeating: false, count: stopWords.count)
            // Distinct stop words still to find: once min_stop_words are found the check passes, so
            // the search stops there unless every value is measured (inspect).
            var stopsLeft = checks.all ? stopWords.count : Int(min(Double(stopWords.count), max(0, minStopWords.rounded(.up))))
            let punctuation = Self.punctuation, alpha = PythonText.alpha
            for w in words {
                var symbolOnly = true, hasAlpha = false
                var i = w.lowerBound
                // Characters are tested until both questions are settled (most words: at the first
                // letter, which is neither punctuation nor not alphabetic).
                if b[i] < 0x80 && (b[i] | 0x20) &- 0x61 < 26 {
                    symbolOnly = false
                    hasAlpha = true
                }
                while i < w.upperBound && (symbolOnly || !hasAlpha) {
                    let (c, length) = b[i] < 0x80 ? (UInt32(b[i]), 1) : PythonText.decode(b, i)
                    if symbolOnly && !punctuation.contains(c) { symbolOnly = false }
                    if !hasAlpha && alpha.contains(c) { hasAlpha = true }
                    i += length
                }
                if symbolOnly { symbolChars += PythonText.length(b, w) } else { nonSymbol += 1 }
                if hasAlpha { alphaWords += 1 }
                if stopsLeft > 0, w.count < stopsByLength.count {
                    for k in stopsByLength[w.count] where !stopSeen[k] && stopWords[k].elementsEqual(b[w]) {
                        stopSeen[k] = true
                        stopsLeft -= 1
                    }
                }
            }
            let nonSymbolChars = wordChars - symbolChars
            let n = Double(words.count)
            if minWords > 0 && checks.check("word_count", Double(nonSymbol), drop: .below, minWords) { return }
            if maxWords > 0 && checks.check("too_many_words", Double(nonSymbol), drop: .above, maxWords) { return }
            // numpy's mean of no words is nan, which fails no comparison
            let mean = nonSymbol > 0 ? Double(nonSymbolChars) / Double(nonSymbol) : .nan
            if minAvg > 0 && checks.check("short_words", mean, drop: .below, minAvg) { return }
            if maxAvg > 0 && checks.check("long_words", mean, drop: .above, maxAvg) { return }
            guard n > 0 else { return }  // datatrove divides by zero here; only with min_doc_words 0
            if maxSymbol > 0 && checks.check("hash_ratio", Double(PythonText.count(b, Self.hash)) / n, drop: .above, maxSymbol) { return }
            let ellipses = PythonText.count(b, Self.dots) + PythonText.count(b, Self.ellipsis)
            if maxSymbol > 0 && checks.check("ellipsis_ratio", Double(ellipses) / n, drop: .above, maxSymbol) { return }
            if !lines.isEmpty {
                var bullets = 0, trailing = 0
                for line in lines {
                    let s = PythonText.strip(b, line)
                    if PythonText.hasPrefix(b, s, Self.bullet) || PythonText.hasPrefix(b, s, Self.dash) { bullets += 1 }
                    if PythonText.hasSuffix(b, s, Self.dots) || PythonText.hasSuffix(b, s, Self.ellipsis) { trailing += 1 }
                }
                let count = Double(lines.count)
                if maxBullets > 0 && checks.check("bullet_lines", Double(bullets) / count, drop: .above, maxBullets) { return }
                if maxEllipsisLines > 0 && checks.check("ellipsis_lines", Double(trailing) / count, drop: .above, maxEllipsisLines) { return }
            }
            if minAlpha > 0 && checks.check("alpha_words", Double(alphaWords) / n, drop: .below, minAlpha) { return }
            if minStopWords > 0 { checks.check("stop_words", Double(stopSeen.filter { $0 }.count), drop: .below, minStopWords) }
        }
    }
}
