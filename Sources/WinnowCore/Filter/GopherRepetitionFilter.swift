/// datatrove's GopherRepetitionFilter (Gopher, table A1): documents that repeat their paragraphs, lines
/// or n-grams. Paragraphs are `re.split("\n{2,}", text.strip())`, lines `re.split("\n+", text)`, words
/// datatrove's English words; fractions are of `len(text)` in characters.
public struct GopherRepetitionFilter: QualityFilter {
    public static let name = "gopher_repetition"
    public static let summary = "repeated paragraphs, lines and word n-grams (Gopher table A1)"
    public static let keys = [
        FilterKey("dup_para_frac", .number(0.3), "most duplicate paragraphs / paragraphs"),
        FilterKey("dup_para_char_frac", .number(0.2), "most characters in duplicate paragraphs / characters"),
        FilterKey("dup_line_frac", .number(0.3), "most duplicate lines / lines"),
        FilterKey("dup_line_char_frac", .number(0.2), "most characters in duplicate lines / characters"),
        FilterKey("top_n_grams", .ngrams([.init(2, 0.2), .init(3, 0.18), .init(4, 0.16)]),
                  "n: most characters of the most frequent n-gram (× its count) / characters"),
        FilterKey("dup_n_grams", .ngrams([.init(5, 0.15), .init(6, 0.14), .init(7, 0.13), .init(8, 0.12), .init(9, 0.11), .init(10, 0.10)]),
                  "n: most characters in repeated n-grams / characters"),
    ]
    public static let checks = ["empty", "dup_para_frac", "dup_para_char_frac", "dup_line_frac", "dup_line_char_frac", "top_<n>_gram", "dup_<n>_gram"]

    let dupParaFrac, dupParaCharFrac, dupLineFrac, dupLineCharFrac: Double
    let topNGrams, dupNGrams: [NGramThreshold]

    public init(_ settings: FilterSettings) {
        dupParaFrac = settings.number("dup_para_frac")
        dupParaCharFrac = settings.number("dup_para_char_frac")
        dupLineFrac = settings.number("dup_line_frac")
        dupLineCharFrac = settings.number("dup_line_char_frac")
        topNGrams = settings.ngrams("top_n_grams")
        dupNGrams = settings.ngrams("dup_n_grams")
    }

    /// datatrove's `find_duplicates`: elements seen before, and their characters.
    static func duplicates(_ bytes: UnsafeBufferPointer<UInt8>, _ pieces: [Range<Int>]) -> (count: Int, chars: Int) {
        var seen = PieceSet(capacity: pieces.count)
        var count = 0, chars = 0
        for piece in pieces where !seen.insert(bytes, piece) {
            count += 1
            chars += PythonText.length(bytes, piece)
        }
        return (count, chars)
    }

    public func apply(_ document: inout FilterDocument, _ checks: inout FilterChecks) {
        let text = document.text
        if checks.check("empty", text.isEmpty ? 1 : 0, drop: .present, 0) || text.isEmpty { return }
        let length = Double(ByteText.scalarCount(text))
        let stop = text.withUnsafeBufferPointer { b -> Bool in
            let paragraphs = PythonText.split(b, PythonText.strip(b, 0..<b.count), newlineRunsOf: 2)
            let para = Self.duplicates(b, paragraphs)
            if dupParaFrac > 0 && checks.check("dup_para_frac", Double(para.count) / Double(paragraphs.count), drop: .above, dupParaFrac) { return true }
            if dupParaCharFrac > 0 && checks.check("dup_para_char_frac", Double(para.chars) / length, drop: .above, dupParaCharFrac) { return true }
            let lines = PythonText.split(b, 0..<b.count, newlineRunsOf: 1)
            let line = Self.duplicates(b, lines)
            if dupLineFrac > 0 && checks.check("dup_line_frac", Double(line.count) / Double(lines.count), drop: .above, dupLineFrac) { return true }
            if dupLineCharFrac > 0 && checks.check("dup_line_char_frac", Double(line.chars) / length, drop: .above, dupLineCharFrac) { return true }
            return false
        }
        if stop || (topNGrams.isEmpty && dupNGrams.isEmpty) { return }
        let words = document.words()
        text.withUnsafeBufferPointer { b in
            let longest = (topNGrams + dupNGrams).map(\.n).max() ?? 0
            let hasher = NGramHasher(b, words: words, longest: longest, separated: !topNGrams.isEmpty)
            let table = GramTable(capacity: words.count)
            for t in topNGrams where words.count >= t.n && t.n > 0 {
                if checks.check("top_\(t.n)_gram", Double(Self.topGramChars(hasher, table, words.count, t.n)) / length, drop: .above, t.fraction) { return }
            }
            for t in dupNGrams where t.n > 0 {
                if checks.check("dup_\(t.n)_gram", Double(Self.repeatedChars(hasher, table, words.count, t.n)) / length, drop: .above, t.fraction) { return }
            }
        }
    }

    /// `find_top_duplicate`: characters of the most frequent n-gram times its count; among equally
    /// frequent ones the first seen (Counter.most_common keeps insertion order).
    static func topGramChars(_ hasher: NGramHasher, _ table: GramTable, _ wordCount: Int, _ n: Int) -> Int {
        table.reset()
        for i in 0...(wordCount - n) {
            let (key, chars) = hasher.joined(i, n)
            table.add(key, chars: chars)
        }
        var bestCount = 0, bestChars = 0
        for entry in table.inOrder where entry.count > bestCount { (bestCount, bestChars) = (entry.count, entry.chars) }
        return bestChars * bestCount
    }

    /// `find_all_duplicate`: characters in n-grams seen before, skipping past each repeat.
    static func repeatedChars(_ hasher: NGramHasher, _ table: GramTable, _ wordCount: Int, _ n: Int) -> Int {
        table.reset()
        var repeated = 0, i = 0
        while i < wordCount - n + 1 {
            let (key, chars) = hasher.concatenated(i, n)
            if table.add(key, chars: chars) {
                i += 1
            } else {
                repeated += chars
                i += n
            }
        }
        return repeated
    }
}
