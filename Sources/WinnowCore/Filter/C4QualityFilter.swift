/// datatrove's C4QualityFilter (C4's rules, split_paragraph=True): removes lines (too long a word,
/// no terminal punctuation, fewer than 3 words, "javascript", policy and cookie notices) and drops the
/// document for "lorem ipsum", a curly bracket or fewer than 5 sentences in the kept lines. Lines are
/// `text.splitlines()`, stripped; words of a line `line.split()`; sentences spaCy's sentencizer's.
public struct C4QualityFilter: QualityFilter {
    public static let name = "c4"
    public static let summary = "removes lines (long word, no end punctuation, few words, javascript, policy); drops lorem ipsum, `{`, few sentences"
    public static let keys = [
        FilterKey("remove_citations", .flag(true), "remove Wikipedia citations `[1]`, `[edit]`, `[citation needed]` from lines"),
        FilterKey("filter_no_terminal_punct", .flag(true), "remove lines not ending in . ? ! \" ' (or ending in ...); FineWeb sets false"),
        FilterKey("min_num_sentences", .number(5), "drop documents with fewer sentences in the kept lines (-1: off)"),
        FilterKey("min_words_per_line", .number(3), "remove lines with fewer words (-1: off)"),
        FilterKey("max_word_length", .number(1000), "remove lines with a longer word, characters (-1: off)"),
        FilterKey("filter_lorem_ipsum", .flag(true), "drop documents with a kept line containing \"lorem ipsum\""),
        FilterKey("filter_javascript", .flag(true), "remove lines containing \"javascript\""),
        FilterKey("filter_curly_bracket", .flag(true), "drop documents with a kept line containing `{`"),
        FilterKey("filter_policy", .flag(true), "remove lines containing terms of use, privacy policy, cookie policy, uses cookies, use of cookies, use cookies"),
    ]
    public static let checks = ["lorem_ipsum", "curly_bracket", "too_few_sentences"]
    /// Rule hits for the lines it removes, `filter.c4.line.<why>`.
    public static let lineHits = ["too_long_word", "no_terminal_punct", "too_few_words", "javascript", "policy"]

    let removeCitations, noTerminalPunct, loremIpsum, javascript, curlyBracket, policy: Bool
    let minSentences, minWordsPerLine, maxWordLength: Int
    static let policies = ["terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"].map { Array($0.utf8) }
    static let endPunctuation: Set<UInt8> = [0x2E, 0x3F, 0x21, 0x22, 0x27]
    static let lorem = Array("lorem ipsum".utf8), js = Array("javascript".utf8)

    public init(_ settings: FilterSettings) {
        removeCitations = settings.flag("remove_citations")
        noTerminalPunct = settings.flag("filter_no_terminal_punct")
        loremIpsum = settings.flag("filter_lorem_ipsum")
        javascript = settings.flag("filter_javascript")
        curlyBracket = settings.flag("filter_curly_bracket")
        policy = settings.flag("filter_policy")
        minSentences = Int(settings.number("min_num_sentences"))
        minWordsPerLine = Int(settings.number("min_words_per_line"))
        maxWordLength = Int(settings.number("max_word_length"))
    }

    public func apply(_ document: inout FilterDocument, _ checks: inout FilterChecks) {
        var kept: [UInt8] = []
        var sentences = 0
        var keptAny = false
        var hits: [String: Int] = [:]
        var dropped: String?
        document.text.withUnsafeBufferPointer { b in
            for raw in PythonText.splitLines(b) {
                let range = PythonText.strip(b, raw)
                let (wordCount, longest) = Self.splitWords(b, range)
                if maxWordLength != -1 && longest > maxWordLength { hits["too_long_word", default: 0] += 1; continue }
                let line = removeCitations ? Self.withoutCitations(b, range) : Array(b[range])
                if noTerminalPunct && (line.last.map { !Self.endPunctuation.contains($0) } ?? true || line.suffix(3).elementsEqual([0x2E, 0x2E, 0x2E])) {
                    hits["no_terminal_punct", default: 0] += 1; continue
                }
                if wordCount < minWordsPerLine { hits["too_few_words", default: 0] += 1; continue }
                if loremIpsum && ByteText.containsIgnoringASCIICase(line, Self.lorem) { dropped = "lorem_ipsum"; return }
                if javascript && ByteText.containsIgnoringASCIICase(line, Self.js) { hits["javascript", default: 0] += 1; continue }
                if curlyBracket && line.contains(0x7B) { dropped = "curly_bracket"; return }
                if policy && Self.policies.contains(where: { ByteText.containsIgnoringASCIICase(line, $0) }) { hits["policy", default: 0] += 1; continue }
                if minSentences != -1 { sentences += line.withUnsafeBufferPointer { EnglishTokenizer.shared.sentenceCount($0) } }
                if keptAny { kept.append(0x0A) }
                kept.append(contentsOf: line)
                keptAny = true
            }
        }
        for (why, count) in hits { document.lineHits["filter.c4.line.\(why)", default: 0] += count }
        if let dropped {
            checks.check(dropped, 1, drop: .present, 0)
            if !checks.all { return }
        }
        if checks.check("too_few_sentences", Double(sentences), drop: .below, Double(minSentences)) { return }
        // "\n".join(kept).strip(): the kept lines are stripped already, but a line can end in spaces
        // once its citation is removed.
        let trimmed = kept.withUnsafeBufferPointer { PythonText.strip($0, 0..<$0.count) }
        if !checks.all { document.replaceText(Array(kept[trimmed])) }
    }

    /// `len(line.split())` and the longest word's length in characters.
    static func splitWords(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (count: Int, longest: Int) {
        var count = 0, longest = 0, current = 0, i = range.lowerBound
        while i < range.upperBound {
            let (c, length) = PythonText.decode(b, i)
            if PythonText.isSpace(c) {
                if current > 0 { count += 1; longest = max(longest, current); current = 0 }
            } else {
                current += 1
            }
            i += length
        }
        if current > 0 { count += 1; longest = max(longest, current) }
        return (count, longest)
    }

    /// The line without `\[\d*]|\[edit]|\[citation needed]` (ASCII digits).
    static func withoutCitations(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        let edit = Array("edit]".utf8), needed = Array("citation needed]".utf8)
        while i < range.upperBound {
            if b[i] == 0x5B {
                var j = i + 1
                while j < range.upperBound && b[j] >= 0x30 && b[j] <= 0x39 { j += 1 }
                if j < range.upperBound && b[j] == 0x5D { i = j + 1; continue }
                let rest = (i + 1)..<range.upperBound
                if PythonText.hasPrefix(b, rest, edit) { i += 1 + edit.count; continue }
                if PythonText.hasPrefix(b, rest, needed) { i += 1 + needed.count; continue }
            }
            out.append(b[i])
            i += 1
        }
        return out
    }
}
