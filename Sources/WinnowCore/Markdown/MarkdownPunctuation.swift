/// Which characters CommonMark's emphasis rules count as punctuation (and whitespace), on UTF-8 bytes.
/// Non-ASCII: Latin-1 symbols, U+2000–U+2FFF, CJK punctuation and fullwidth forms count, conservatively.
enum MarkdownPunctuation {
    private static let ascii: [Bool] = {
        var table = [Bool](repeating: false, count: 128)
        for byte in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".utf8 { table[Int(byte)] = true }
        return table
    }()

    /// The character that starts at `i` (a lead byte).
    static func isPunctuation(_ bytes: [UInt8], at i: Int) -> Bool {
        guard i >= 0 && i < bytes.count else { return false }
        let b = bytes[i]
        if b < 0x80 { return ascii[Int(b)] }
        let next = i + 1 < bytes.count ? bytes[i + 1] : 0
        switch b {
        case 0xC2: return next >= 0xA1 && next <= 0xBF
        case 0xE2: return true
        case 0xE3: return next == 0x80
        case 0xEF: return next == 0xBC || next == 0xBD
        default: return false
        }
    }

    /// Unicode white space other than ASCII (U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000,
    /// U+1680): CommonMark's flanking rules treat it as a space, so emphasis must not end or start on it.
    static func isUnicodeSpace(_ bytes: [UInt8], at i: Int) -> Bool {
        guard i >= 0 && i + 2 < bytes.count else { return false }
        let (a, b, c) = (bytes[i], bytes[i + 1], bytes[i + 2])
        switch (a, b) {
        case (0xE2, 0x80): return c <= 0x8A || c == 0xA8 || c == 0xA9 || c == 0xAF
        case (0xE2, 0x81): return c == 0x9F
        case (0xE3, 0x80): return c == 0x80
        case (0xE1, 0x9A): return c == 0x80
        default: return false
        }
    }

    /// The lead byte of the character that ends just before `end`.
    static func start(endingAt end: Int, in bytes: [UInt8]) -> Int {
        var i = end - 1
        while i > 0 && bytes[i] & 0xC0 == 0x80 && end - i < 4 { i -= 1 }
        return i
    }

    /// The character that ends just before `end`.
    static func isPunctuation(_ bytes: [UInt8], endingAt end: Int) -> Bool {
        var i = end - 1
        while i > 0 && bytes[i] & 0xC0 == 0x80 && end - i < 4 { i -= 1 }
        return isPunctuation(bytes, at: i)
    }

}
