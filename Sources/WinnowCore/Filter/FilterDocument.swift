/// What the filters see of a document: its text, its language, and what they measure it by, each made
/// once and read by every filter: its English tokens (words for the Gopher filters and FineWeb's word
/// count, tokens with the whitespace ones for C4's sentences), its length in characters (Gopher
/// repetition, FineWeb) and its `splitlines()` lines (Gopher quality, C4). A filter that edits the text
/// hands over the new text's words so the next filter does not tokenise again.
public struct FilterDocument: Sendable {
    public private(set) var text: [UInt8]
    public var language: String?
    public var languageConfidence: Double?
    /// Lines removed by filters that edit text: rule-hit reason → count.
    public var lineHits: [String: Int] = [:]
    public private(set) var changed = false
    private var cachedWords: [Range<Int>]?
    private var cachedTokens: [EnglishTokenizer.Token]?
    private var cachedLength: Int?
    private var cachedLines: [Range<Int>]?
    private var cachedWordCharStarts: [Int]?

    public init(text: [UInt8], language: String? = nil, languageConfidence: Double? = nil) {
        self.text = text
        self.language = language
        self.languageConfidence = languageConfidence
    }

    /// datatrove's `split_into_words(text)` (English): byte ranges of the words.
    public mutating func words() -> [Range<Int>] {
        if let cachedWords { return cachedWords }
        tokenize()
        return cachedWords ?? []
    }

    /// `len(text)`: the text's characters (scalars).
    public mutating func length() -> Int {
        if let cachedLength { return cachedLength }
        let length = text.withUnsafeBufferPointer { PythonText.length($0, 0..<$0.count) }
        cachedLength = length
        return length
    }

    /// The text is ASCII: a range's characters are its bytes (most English documents), so they are
    /// not counted range by range.
    mutating func isASCII() -> Bool { length() == text.count }

    /// Characters (scalars) before each word, and in all words at the end (words + 1 entries): a word's
    /// characters are its bytes less the continuation bytes in it, which come from one list of the
    /// text's (few in most documents, none in ASCII ones) walked with the words instead of counted word by word.
    mutating func wordCharStarts() -> [Int] {
        if let cachedWordCharStarts { return cachedWordCharStarts }
        let words = words()
        let starts = text.withUnsafeBufferPointer { b in
            let continuation = PythonText.continuationBytes(b)
            return [Int](unsafeUninitializedCapacity: words.count + 1) { buffer, count in
                var chars = 0, next = 0
                for (k, w) in words.enumerated() {
                    buffer.initializeElement(at: k, to: chars)
                    while next < continuation.count && continuation[next] < w.lowerBound { next += 1 }
                    var inside = 0
                    while next < continuation.count && continuation[next] < w.upperBound { next += 1; inside += 1 }
                    chars += w.count - inside
                }
                buffer.initializeElement(at: words.count, to: chars)
                count = words.count + 1
            }
        }
        cachedWordCharStarts = starts
        return starts
    }

    /// `text.splitlines()`: byte ranges of the lines.
    mutating func lines() -> [Range<Int>] {
        if let cachedLines { return cachedLines }
        let lines = text.withUnsafeBufferPointer { PythonText.splitLines($0) }
        cachedLines = lines
        return lines
    }

    /// Every spaCy token of the text in order, whitespace tokens included (the sentencizer sees them).
    mutating func tokens() -> [EnglishTokenizer.Token] {
        if let cachedTokens { return cachedTokens }
        tokenize()
        return cachedTokens ?? []
    }

    private mutating func tokenize() {
        var tokens: [EnglishTokenizer.Token] = []
        tokens.reserveCapacity(text.count / 4)
        text.withUnsafeBufferPointer { b in
            EnglishTokenizer.shared.tokenize(b) { tokens.append($0) }
        }
        // The words in a second pass over the tokens: one append per token while tokenising.
        let words = [Range<Int>](unsafeUninitializedCapacity: tokens.count) { buffer, count in
            var k = 0
            for token in tokens where !token.isSpace {
                buffer.initializeElement(at: k, to: token.start..<token.end)
                k += 1
            }
            count = k
        }
        cachedTokens = tokens
        cachedWords = words
    }

    /// The text a filter made (C4's kept lines). `words`: the new text's words when the filter knows
    /// them (each kept line's words, moved to where the line now starts); else they are made again.
    public mutating func replaceText(_ bytes: [UInt8], words: [Range<Int>]? = nil) {
        guard bytes != text else { return }
        text = bytes
        cachedWords = words
        cachedTokens = nil
        cachedLength = nil
        cachedLines = nil
        cachedWordCharStarts = nil
        changed = true
    }
}
