/// Hashes of word n-grams as datatrove builds them: `" ".join(words[i:i+n])` (top n-grams) or
/// `"".join(...)` (duplicate n-grams, where "ab"+"c" equals "a"+"bc"). Polynomial hashes modulo
/// 2^61−1 from prefix sums make each n-gram O(1): over the words' bytes for the concatenated n-grams,
/// and over the words themselves (each word's hash and length) for the space-joined ones — words hold
/// no space, so two space-joined n-grams are equal exactly when their words are. With the byte length
/// in the key, a collision that changes a decision is ~2^-50 per document. Flat buffers, freed with the
/// hasher: one document's n-gram checks read them millions of times. Local to one filter call.
final class NGramHasher {
    static let modulus: UInt64 = (1 << 61) - 1
    private static let base: UInt64 = 1_000_003
    private static let wordBase: UInt64 = 0x1F_3A5B_9C4D_2E61 % modulus

    let wordCount: Int
    /// Hash of the words' bytes before byte k of their concatenation (bytes + 1 entries, below 2^62,
    /// not reduced), and base^k up to the longest span asked for.
    private let prefix: UnsafeMutablePointer<UInt64>
    private let powers: UnsafeMutablePointer<UInt64>
    /// Byte offset in the concatenation where word i starts, and characters before it (words + 1 entries).
    private let wordStart: UnsafeMutablePointer<Int>
    private let charStart: UnsafeMutablePointer<Int>
    /// Space-joined n-grams: hash of the words before word i, and wordBase^n (words + 1 entries).
    private let wordPrefix: UnsafeMutablePointer<UInt64>
    private let wordPowers: UnsafeMutablePointer<UInt64>

    /// `longest`: the most words of an n-gram asked for (concatenated or joined); `separated`: the
    /// space-joined n-grams are asked for too.
    init(_ bytes: UnsafeBufferPointer<UInt8>, words: [Range<Int>], longest: Int, separated: Bool) {
        var total = 0
        for w in words { total += w.count }
        wordCount = words.count
        prefix = .allocate(capacity: total + 1)
        wordStart = .allocate(capacity: words.count + 1)
        charStart = .allocate(capacity: words.count + 1)
        let wordEntries = separated ? words.count + 1 : 0
        wordPrefix = .allocate(capacity: wordEntries)
        wordPowers = .allocate(capacity: wordEntries)
        // Horner's rule with one fold per byte: the prefix stays below 2^62 and congruent mod 2^61−1;
        // `span` reduces fully, so keys are the canonical hashes.
        var h: UInt64 = 0, k = 0, chars = 0
        prefix[0] = 0
        for (index, w) in words.enumerated() {
            wordStart[index] = k
            charStart[index] = chars
            for i in w {
                let b = bytes[i]
                let (high, low) = h.multipliedFullWidth(by: Self.base)
                h = (low & Self.modulus) &+ (low >> 61) &+ (high << 3) &+ UInt64(b) &+ 1
                k += 1
                prefix[k] = h
                if b & 0xC0 != 0x80 { chars += 1 }
            }
        }
        wordStart[words.count] = k
        charStart[words.count] = chars
        // base^length for every length a span can have: at most `longest` words (at least one)
        var longestSpan = 0
        let n = max(1, longest)
        for i in 0..<words.count { longestSpan = max(longestSpan, wordStart[min(i + n, words.count)] - wordStart[i]) }
        powers = .allocate(capacity: longestSpan + 1)
        powers[0] = 1
        for length in stride(from: 1, through: longestSpan, by: 1) { powers[length] = Self.mulmod(powers[length - 1], Self.base) }
        if separated { hashWords() }
    }

    deinit {
        for pointer in [prefix, powers, wordPrefix, wordPowers] { pointer.deallocate() }
        wordStart.deallocate()
        charStart.deallocate()
    }

    /// The prefix over words for the space-joined n-grams: each word counts as its bytes' hash and length.
    private func hashWords() {
        var h: UInt64 = 0, p: UInt64 = 1
        wordPrefix[0] = 0
        wordPowers[0] = 1
        for i in 0..<wordCount {
            let (hash, length) = span(wordStart[i], wordStart[i + 1])
            let value = (Self.mulmod(hash, 0x1000_0001) &+ UInt64(length) &+ 1) % Self.modulus
            h = Self.mulmod(h, Self.wordBase) &+ value
            if h >= Self.modulus { h -= Self.modulus }
            p = Self.mulmod(p, Self.wordBase)
            wordPrefix[i + 1] = h
            wordPowers[i + 1] = p
        }
    }

    /// x mod 2^61−1 for any x.
    @inline(__always)
    static func reduce(_ x: UInt64) -> UInt64 {
        var r = (x & modulus) &+ (x >> 61)
        if r >= modulus { r -= modulus }
        return r
    }

    /// (a · b) mod 2^61−1 for a < 2^62, b < 2^61, by folding instead of dividing.
    @inline(__always)
    static func mulmod(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        // 2^64 ≡ 2^3 (mod 2^61−1); high < 2^59, so the sum fits
        return reduce((low & modulus) &+ (low >> 61) &+ (high << 3))
    }

    struct Key: Hashable {
        let hash: UInt64
        let bytes: Int
    }

    /// Hash and byte length of the concatenation's bytes start..<end.
    @inline(__always)
    private func span(_ start: Int, _ end: Int) -> (UInt64, Int) {
        let length = end - start
        // prefix[end] < 2^62 and the product is reduced: the sum stays below 2^63
        return (Self.reduce(prefix[end] &+ Self.modulus &- Self.mulmod(prefix[start], powers[length])), length)
    }

    /// The concatenated n-gram of `n` words from word `i` (i + n ≤ wordCount): its key and characters.
    @inline(__always)
    func concatenated(_ i: Int, _ n: Int) -> (key: Key, chars: Int) {
        let (h, length) = span(wordStart[i], wordStart[i + n])
        return (Key(hash: h, bytes: length), charStart[i + n] - charStart[i])
    }

    /// The space-joined n-gram of `n` words from word `i` (a `separated` hasher).
    @inline(__always)
    func joined(_ i: Int, _ n: Int) -> (key: Key, chars: Int) {
        var h = wordPrefix[i + n] &+ Self.modulus &- Self.mulmod(wordPrefix[i], wordPowers[n])
        if h >= Self.modulus { h -= Self.modulus }
        let length = wordStart[i + n] - wordStart[i] + n - 1
        return (Key(hash: h, bytes: length), charStart[i + n] - charStart[i] + n - 1)
    }
}
