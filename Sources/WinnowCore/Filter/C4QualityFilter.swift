import Foundation

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
    /// Why a line goes: the rule hit `filter.c4.line.<why>`.
    enum Removal: Int, CaseIterable {
        case tooLongWord, noTerminalPunct, tooFewWords, javascript, policy
        var name: String {
            switch self {
            case .tooLongWord: "too_long_word"
            case .noTerminalPunct: "no_terminal_punct"
            case .tooFewWords: "too_few_words"
            case .javascript: "javascript"
            case .policy: "policy"
            }
        }
    }
    /// Rule hits for the lines it removes, `filter.c4.line.<why>`.
    public static let lineHits = Removal.allCases.map(\.name)

    let removeCitations, noTerminalPunct, loremIpsum, javascript, curlyBracket, policy: Bool
    let minSentences, minWordsPerLine, maxWordLength: Int

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
        // The document's tokens, made once: a line's tokens are the text's tokens inside it, unless a
        // citation was cut out of the line (then the line is tokenised on its own).
        let tokens = minSentences != -1 ? document.tokens() : []
        let words = document.words()
        let lines = document.lines()
        var kept: [UInt8] = []
        kept.reserveCapacity(document.text.count)
        var keptWords: [Range<Int>] = []
        keptWords.reserveCapacity(words.count)
        var sentences = 0
        var keptAny = false
        // Removed lines by reason (Removal), counted without hashing a name per line.
        var hits = [Int](repeating: 0, count: Removal.allCases.count)
        var dropped: String?
        var tokenCursor = 0, wordCursor = 0
        document.text.withUnsafeBufferPointer { b in
            for raw in lines {
                let range = PythonText.strip(b, raw)
                // Only two things about the words matter: a word longer than max_word_length, which a
                // line of no more bytes cannot have, and at least min_words_per_line of them.
                let needsLongest = maxWordLength != -1 && range.count > maxWordLength
                let (wordCount, longest) = Self.splitWords(b, range, upTo: needsLongest ? .max : minWordsPerLine)
                if maxWordLength != -1 && longest > maxWordLength { hits[Removal.tooLongWord.rawValue] += 1; continue }
                let edited = removeCitations ? Self.withoutCitations(b, range) : nil
                let verdict = edited.map { line in line.withUnsafeBufferPointer { judge($0, wordCount) } } ?? judge(UnsafeBufferPointer(rebasing: b[range]), wordCount)
                switch verdict {
                case .drop(let why): dropped = why; return
                case .remove(let why): hits[why.rawValue] += 1; continue
                case .keep: break
                }
                if keptAny { kept.append(0x0A) }
                keptAny = true
                let offset = kept.count
                if let edited {
                    kept.append(contentsOf: edited)
                    let lineTokens = edited.withUnsafeBufferPointer { line in
                        var tokens: [EnglishTokenizer.Token] = []
                        EnglishTokenizer.shared.tokenize(line) { tokens.append($0) }
                        if minSentences != -1 { sentences += EnglishTokenizer.shared.sentenceCount(line, tokens[...]) }
                        return tokens
                    }
                    for t in lineTokens where !t.isSpace { keptWords.append((t.start + offset)..<(t.end + offset)) }
                } else {
                    kept.append(contentsOf: b[range])
                    if minSentences != -1 {
                        let first = Self.advance(&tokenCursor, tokens, to: range.lowerBound)
                        let end = Self.advance(&tokenCursor, tokens, to: range.upperBound)
                        sentences += EnglishTokenizer.shared.sentenceCount(b, tokens[first..<end])
                    }
                    let first = Self.advance(&wordCursor, words, to: range.lowerBound)
                    let end = Self.advance(&wordCursor, words, to: range.upperBound)
                    let shift = offset - range.lowerBound
                    for w in words[first..<end] { keptWords.append((w.lowerBound + shift)..<(w.upperBound + shift)) }
                }
            }
        }
        for why in Removal.allCases where hits[why.rawValue] > 0 { document.lineHits["filter.c4.line.\(why.name)", default: 0] += hits[why.rawValue] }
        if let dropped {
            checks.check(dropped, 1, drop: .present, 0)
            if !checks.all { return }
        }
        if checks.check("too_few_sentences", Double(sentences), drop: .below, Double(minSentences)) { return }
        // "\n".join(kept).strip(): the kept lines are stripped already, but a line can end in spaces
        // once its citation is removed. Words lie inside the lines, so stripping only moves them.
        let trimmed = kept.withUnsafeBufferPointer { PythonText.strip($0, 0..<$0.count) }
        if !checks.all {
            let shift = trimmed.lowerBound
            document.replaceText(Array(kept[trimmed]), words: shift == 0 ? keptWords : keptWords.map { ($0.lowerBound - shift)..<($0.upperBound - shift) })
        }
    }

    enum Verdict { case keep, remove(Removal), drop(String) }

    /// One line's fate, in datatrove's order of checks.
    func judge(_ line: UnsafeBufferPointer<UInt8>, _ wordCount: Int) -> Verdict {
        if noTerminalPunct && (line.last.map { !Self.endsSentence($0) } ?? true || Self.endsInDots(line)) {
            return .remove(.noTerminalPunct)
        }
        if wordCount < minWordsPerLine { return .remove(.tooFewWords) }
        let found = PhraseScan(line)
        if loremIpsum && found.lorem { return .drop("lorem_ipsum") }
        if javascript && found.javascript { return .remove(.javascript) }
        if curlyBracket && found.curlyBracket { return .drop("curly_bracket") }
        if policy && found.policy { return .remove(.policy) }
        return .keep
    }

    /// The line ends in "...".
    @inline(__always)
    static func endsInDots(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = line.count
        return n >= 3 && line[n - 1] == 0x2E && line[n - 2] == 0x2E && line[n - 3] == 0x2E
    }

    /// . ? ! " '
    @inline(__always)
    static func endsSentence(_ c: UInt8) -> Bool { c == 0x2E || c == 0x3F || c == 0x21 || c == 0x22 || c == 0x27 }

    /// The first index of `items` (sorted, not overlapping, from `cursor` on) that ends after `offset`.
    static func advance(_ cursor: inout Int, _ items: [Range<Int>], to offset: Int) -> Int {
        while cursor < items.count && items[cursor].lowerBound < offset { cursor += 1 }
        return cursor
    }

    static func advance(_ cursor: inout Int, _ tokens: [EnglishTokenizer.Token], to offset: Int) -> Int {
        while cursor < tokens.count && tokens[cursor].start < offset { cursor += 1 }
        return cursor
    }

    /// `len(line.split())` and the longest word's length in characters; the count stops at `limit`
    /// words (the longest is then of the words so far).
    static func splitWords(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, upTo limit: Int = .max) -> (count: Int, longest: Int) {
        if limit <= 0 { return (0, 0) }
        var count = 0, longest = 0, current = 0, i = range.lowerBound
        while i < range.upperBound {
            let (c, length) = b[i] < 0x80 ? (UInt32(b[i]), 1) : PythonText.decode(b, i)
            if PythonText.isSpace(c) {
                if current > 0 { longest = max(longest, current); current = 0 }
            } else {
                if current == 0 {
                    count += 1
                    if count >= limit && limit != .max { return (count, longest) }
                }
                current += 1
            }
            i += length
        }
        return (count, max(longest, current))
    }

    /// The line without `\[\d*]|\[edit]|\[citation needed]` (ASCII digits); nil when it has none.
    static func withoutCitations(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8]? {
        guard let base = b.baseAddress, !range.isEmpty, memchr(base + range.lowerBound, 0x5B, range.count) != nil else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        var cut = false
        while i < range.upperBound {
            if b[i] == 0x5B {
                var j = i + 1
                while j < range.upperBound && b[j] >= 0x30 && b[j] <= 0x39 { j += 1 }
                if j < range.upperBound && b[j] == 0x5D { i = j + 1; cut = true; continue }
                let rest = (i + 1)..<range.upperBound
                if PythonText.hasPrefix(b, rest, edit) { i += 1 + edit.count; cut = true; continue }
                if PythonText.hasPrefix(b, rest, needed) { i += 1 + needed.count; cut = true; continue }
            }
            out.append(b[i])
            i += 1
        }
        return cut ? out : nil
    }
    static let edit = Array("edit]".utf8), needed = Array("citation needed]".utf8)
}
