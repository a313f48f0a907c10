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
    static func duplicates(_ text: [UInt8], _ pieces: [Range<Int>]) -> (count: Int, chars: Int) {
        var seen = Set<ArraySlice<UInt8>>()
        seen.reserveCapacity(pieces.count)
        var count = 0, chars = 0
        for piece in pieces where !seen.insert(text[piece]).inserted {
            count += 1
            chars += ByteText.scalarCount(text[piece])
        }
        return (count, chars)
    }

    public func apply(_ document: inout FilterDocument, _ checks: inout FilterChecks) {
        let text = document.text
        if checks.check("empty", text.isEmpty ? 1 : 0, drop: .present, 0) || text.isEmpty { return }
        let length = Double(ByteText.scalarCount(text))
        let (paragraphs, lines) = text.withUnsafeBufferPointer { b in
            (PythonText.split(b, PythonText.strip(b, 0..<b.count), newlineRunsOf: 2), PythonText.split(b, 0..<b.count, newlineRunsOf: 1))
        }
        let para = Self.duplicates(text, paragraphs)
        if dupParaFrac > 0 && checks.check("dup_para_frac", Double(para.count) / Double(paragraphs.count), drop: .above, dupParaFrac) { return }
        if dupParaCharFrac > 0 && checks.check("dup_para_char_frac", Double(para.chars) / length, drop: .above, dupParaCharFrac) { return }
        let line = Self.duplicates(text, lines)
        if dupLineFrac > 0 && checks.check("dup_line_frac", Double(line.count) / Double(lines.count), drop: .above, dupLineFrac) { return }
        if dupLineCharFrac > 0 && checks.check("dup_line_char_frac", Double(line.chars) / length, drop: .above, dupLineCharFrac) { return }
        let words = document.words()
        text.withUnsafeBufferPointer { b in
            if !topNGrams.isEmpty {
                let joined = NGramHasher(b, words: words, separated: true)
                for t in topNGrams where words.count >= t.n && t.n > 0 {
                    if checks.check("top_\(t.n)_gram", Double(Self.topGramChars(joined, words.count, t.n)) / length, drop: .above, t.fraction) { return }
                }
            }
            if !dupNGrams.isEmpty {
                let concatenated = NGramHasher(b, words: words, separated: false)
                for t in dupNGrams where t.n > 0 {
                    if checks.check("dup_\(t.n)_gram", Double(Self.repeatedChars(concatenated, words.count, t.n)) / length, drop: .above, t.fraction) { return }
                }
            }
        }
    }

    /// `find_top_duplicate`: characters of the most frequent n-gram times its count; among equally
    /// frequent ones the first seen (Counter.most_common keeps insertion order).
    static func topGramChars(_ hasher: NGramHasher, _ wordCount: Int, _ n: Int) -> Int {
        var counts: [NGramHasher.Key: (count: Int, first: Int, chars: Int)] = [:]
        counts.reserveCapacity(wordCount)
        for i in 0...(wordCount - n) {
            let (key, chars) = hasher.gram(i, n)
            if let entry = counts[key] { counts[key] = (entry.count + 1, entry.first, entry.chars) } else { counts[key] = (1, i, chars) }
        }
        var best: (count: Int, first: Int, chars: Int) = (0, Int.max, 0)
        for entry in counts.values where entry.count > best.count || (entry.count == best.count && entry.first < best.first) { best = entry }
        return best.chars * best.count
    }

    /// `find_all_duplicate`: characters in n-grams seen before, skipping past each repeat.
    static func repeatedChars(_ hasher: NGramHasher, _ wordCount: Int, _ n: Int) -> Int {
        var seen = Set<NGramHasher.Key>()
        seen.reserveCapacity(wordCount)
        var repeated = 0, i = 0
        while i < wordCount - n + 1 {
            let (key, chars) = hasher.gram(i, n)
            if seen.contains(key) {
                repeated += chars
                i += n
            } else {
                seen.insert(key)
                i += 1
            }
        }
        return repeated
    }
}
