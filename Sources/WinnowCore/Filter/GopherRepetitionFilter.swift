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

    /// datatrove's `find_duplicates`: elements seen before, and their characters (`ascii`: the bytes
    /// are ASCII, characters are bytes).
    static func duplicates(_ bytes: UnsafeBufferPointer<UInt8>, _ pieces: [Range<Int>], ascii: Bool) -> (count: Int, chars: Int) {
        var seen = PieceSet(capacity: pieces.count)
        var count = 0, chars = 0
        for piece in pieces where !seen.insert(bytes, piece) {
            count += 1
            chars += ascii ? piece.count : PythonText.length(bytes, piece)
        }
        return (count, chars)
    }

    public func apply(_ document: inout FilterDocument, _ checks: inout FilterChecks) {
        let text = document.text
        if checks.check("empty", text.isEmpty ? 1 : 0, drop: .present, 0) || text.isEmpty { return }
        let length = Double(document.length())
        let ascii = document.isASCII()
        let stop = text.withUnsafeBufferPointer { b -> Bool in
            let paragraphs = PythonText.split(b, PythonText.strip(b, 0..<b.count), newlineRunsOf: 2)
            let para = Self.duplicates(b, paragraphs, ascii: ascii)
            if dupParaFrac > 0 && checks.check("dup_para_frac", Double(para.count) / Double(paragraphs.count), drop: .above, dupParaFrac) { return true }
            if dupParaCharFrac > 0 && checks.check("dup_para_char_frac", Double(para.chars) / length, drop: .above, dupParaCharFrac) { return true }
            let lines = PythonText.split(b, 0..<b.count, newlineRunsOf: 1)
            let line = Self.duplicates(b, lines, ascii: ascii)
            if dupLineFrac > 0 && checks.check("dup_line_frac", Double(line.count) / Double(lines.count), drop: .above, dupLineFrac) { return true }
            if dupLineCharFrac > 0 && checks.check("dup_line_char_frac", Double(line.chars) / length, drop: .above, dupLineCharFrac) { return true }
            return false
        }
        if stop || (topNGrams.isEmpty && dupNGrams.isEmpty) { return }
        let words = document.words()
        let charStarts = document.wordCharStarts()
        text.withUnsafeBufferPointer { b in
            let hasher = NGramHasher(b, words: words, charStarts: charStarts, joinedUpTo: topNGrams.map(\.n).max() ?? 0)
            let table = GramTable(capacity: words.count)
            // An n-gram repeats only where a shorter one from the same word does: each size counts
            // only where the one before repeated.
            var repeats: Repeats?
            for t in topNGrams where words.count >= t.n && t.n > 0 {
                let earlier = repeats.flatMap { $0.n < t.n ? $0 : nil }
                // A size that cannot fail is not counted (its value shows only in inspect, which
                // measures every check); the next size then starts from the shorter size's repeats.
                if !checks.all, let earlier, Double(Self.topGramBound(hasher, earlier, t.n)) / length <= t.fraction { continue }
                let (chars, found) = Self.topGramChars(hasher, table, words.count, t.n, at: earlier?.at)
                repeats = found
                if checks.check("top_\(t.n)_gram", Double(chars) / length, drop: .above, t.fraction) { return }
            }
            let sizes = dupNGrams.filter { $0.n > 0 }
            guard let shortest = sizes.map(\.n).min() else { return }
            let prefixes = RepeatedPrefixes(hasher, table, words.count, shortest: shortest)
            for t in sizes {
                if checks.check("dup_\(t.n)_gram", Double(Self.repeatedChars(hasher, table, words.count, t.n, prefixes)) / length, drop: .above, t.fraction) { return }
            }
        }
    }

    /// The positions whose n-gram occurs more than once, in order, and how often it occurs there.
    struct Repeats {
        var n: Int
        var at: [Int]
        var counts: [Int]
    }

    /// `find_top_duplicate`: characters of the most frequent n-gram times its count; among equally
    /// frequent ones the first seen (Counter.most_common keeps insertion order). Counts only at the
    /// positions `earlier` lists in order (nil: all), which hold every n-gram that occurs more than
    /// once; the others occur once. Also returns where the n-gram occurs more than once.
    static func topGramChars(_ hasher: NGramHasher, _ table: GramTable, _ wordCount: Int, _ n: Int, at earlier: [Int]?) -> (chars: Int, repeats: Repeats) {
        table.reset()
        let positions = wordCount - n + 1
        // The entry each counted position's n-gram went to (in the order counted).
        let entries = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(earlier?.count ?? positions, 1))
        defer { entries.deallocate() }
        var counted = 0
        if let earlier {
            for i in earlier where i < positions {
                let (key, chars) = hasher.joined(i, n)
                entries[counted] = Int32(truncatingIfNeeded: table.count(key, chars: chars).index)
                counted += 1
            }
        } else {
            for i in 0..<positions {
                let (key, chars) = hasher.joined(i, n)
                entries[i] = Int32(truncatingIfNeeded: table.count(key, chars: chars).index)
            }
            counted = positions
        }
        var bestCount = 0, bestChars = 0
        for entry in table.inOrder where entry.count > bestCount { (bestCount, bestChars) = (entry.count, entry.chars) }
        // Every n-gram once: the first one is the most common.
        if bestCount < 2 { (bestCount, bestChars) = (1, hasher.joined(0, n).chars) }
        var repeats = Repeats(n: n, at: [], counts: [])
        if bestCount >= 2 {
            for k in 0..<counted {
                let occurrences = table.occurrences(Int(entries[k]))
                if occurrences > 1 {
                    repeats.at.append(earlier?[k] ?? k)
                    repeats.counts.append(occurrences)
                }
            }
        }
        return (bestChars * bestCount, repeats)
    }

    /// At least `topGramChars` for `n`, from the repeats of a shorter size, without counting: an
    /// n-gram that occurs c > 1 times starts at positions of `shorter` (its first words repeat
    /// there), each with a count of at least c, so c × its characters is at most some position's
    /// count × the characters of the n-gram there; an n-gram that occurs once is at most the first
    /// one (which is taken when none repeats).
    static func topGramBound(_ hasher: NGramHasher, _ shorter: Repeats, _ n: Int) -> Int {
        let positions = hasher.wordCount - n + 1
        var bound = hasher.joinedChars(0, n)
        for (i, count) in zip(shorter.at, shorter.counts) where i < positions {
            bound = max(bound, count * hasher.joinedChars(i, n))
        }
        return bound
    }

    /// `find_all_duplicate`: characters in n-grams seen before, skipping past each repeat. Only the
    /// n-grams that `prefixes` says may repeat are looked at (in order); the others are neither seen
    /// before nor seen again, so the scan steps over them.
    static func repeatedChars(_ hasher: NGramHasher, _ table: GramTable, _ wordCount: Int, _ n: Int, _ prefixes: RepeatedPrefixes) -> Int {
        table.reset()
        var repeated = 0
        // Where datatrove's scan stands: positions before it were stepped over or skipped.
        var next = 0
        let last = wordCount - n
        for i in prefixes.positions {
            if i > last { break }
            guard i >= next, prefixes.mayRepeat(hasher, i, n) else { continue }
            let (key, chars) = hasher.concatenated(i, n)
            if table.add(key, chars: chars) {
                next = i + 1
            } else {
                repeated += chars
                next = i + n
            }
        }
        return repeated
    }
}

/// Where a concatenated n-gram ("".join of n words) can equal another: two equal ones of at least
/// `NGramHasher.prefixBytes` bytes start with the same that many bytes, so an n-gram whose first
/// bytes start no other word's run of bytes occurs once, whatever n. One counting pass serves every n.
struct RepeatedPrefixes {
    /// By word: its `prefixBytes` bytes of the concatenation start another word's too.
    let repeated: [Bool]
    /// In order, the words where an n-gram of at least `shortest` words may repeat: a repeated prefix,
    /// or an n-gram of `shortest` words shorter than the prefix (longer n-grams from there may be too).
    let positions: [Int]

    init(_ hasher: NGramHasher, _ table: GramTable, _ wordCount: Int, shortest: Int) {
        table.reset()
        var indices = [Int32](repeating: -1, count: wordCount)
        for i in 0..<wordCount {
            if let key = hasher.prefix(i) { indices[i] = Int32(truncatingIfNeeded: table.count(key, chars: 0).index) }
        }
        repeated = table.repeated(indices)
        var positions: [Int] = []
        for i in 0..<wordCount where repeated[i] || (i + shortest <= wordCount && hasher.concatenatedBytes(i, shortest) < NGramHasher.prefixBytes) {
            positions.append(i)
        }
        self.positions = positions
    }

    /// Whether the n-gram from word `i` may occur elsewhere (shorter than the prefix: it may).
    @inline(__always)
    func mayRepeat(_ hasher: NGramHasher, _ i: Int, _ n: Int) -> Bool {
        repeated[i] || hasher.concatenatedBytes(i, n) < NGramHasher.prefixBytes
    }
}
