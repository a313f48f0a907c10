/// What the filters see of a document: its text, its language, and its English tokens, made once and
/// read by every filter (words for the Gopher filters and FineWeb's word count, tokens with the
/// whitespace ones for C4's sentences). A filter that edits the text hands over the new text's words
/// so the next filter does not tokenise again.
public struct FilterDocument: Sendable {
    public private(set) var text: [UInt8]
    public var language: String?
    public var languageConfidence: Double?
    /// Lines removed by filters that edit text: rule-hit reason → count.
    public var lineHits: [String: Int] = [:]
    public private(set) var changed = false
    private var cachedWords: [Range<Int>]?
    private var cachedTokens: [EnglishTokenizer.Token]?

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

    /// Every spaCy token of the text in order, whitespace tokens included (the sentencizer sees them).
    mutating func tokens() -> [EnglishTokenizer.Token] {
        if let cachedTokens { return cachedTokens }
        tokenize()
        return cachedTokens ?? []
    }

    private mutating func tokenize() {
        var tokens: [EnglishTokenizer.Token] = []
        var words: [Range<Int>] = []
        tokens.reserveCapacity(text.count / 4)
        words.reserveCapacity(text.count / 5)
        text.withUnsafeBufferPointer { b in
            EnglishTokenizer.shared.tokenize(b) { token in
                tokens.append(token)
                if !token.isSpace { words.append(token.start..<token.end) }
            }
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
        changed = true
    }
}
