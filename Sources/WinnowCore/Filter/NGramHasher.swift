/// Hashes of word n-grams as datatrove builds them: `" ".join(words[i:i+n])` (top n-grams) or
/// `"".join(...)` (duplicate n-grams, where "ab"+"c" equals "a"+"bc"). A polynomial hash modulo
/// 2^61−1 over the joined bytes, from prefix sums, makes each n-gram O(1); with the byte length in the
/// key, a collision that changes a decision is ~2^-50 per document.
struct NGramHasher {
    private static let modulus: UInt64 = (1 << 61) - 1
    private static let base: UInt64 = 1_000_003

    private var prefix: [UInt64] = [0]
    private var powers: [UInt64] = [1]
    /// Byte offset in the joined stream where word i starts (count + 1 entries).
    private var wordStart: [Int] = []
    /// Scalars before word i in the joined stream.
    private var charStart: [Int] = []
    let separated: Bool

    /// `separated`: words joined by one space (`" ".join`), else concatenated.
    init(_ bytes: UnsafeBufferPointer<UInt8>, words: [Range<Int>], separated: Bool) {
        self.separated = separated
        var total = 0
        for w in words { total += w.count + 1 }
        prefix.reserveCapacity(total + 1)
        powers.reserveCapacity(total + 1)
        wordStart.reserveCapacity(words.count + 1)
        charStart.reserveCapacity(words.count + 1)
        var h: UInt64 = 0, p: UInt64 = 1, chars = 0
        func push(_ b: UInt8) {
            h = Self.mulmod(h, Self.base) &+ UInt64(b) &+ 1
            if h >= Self.modulus { h -= Self.modulus }
            p = Self.mulmod(p, Self.base)
            prefix.append(h)
            powers.append(p)
        }
        for w in words {
            wordStart.append(prefix.count - 1)
            charStart.append(chars)
            for i in w {
                push(bytes[i])
                if bytes[i] & 0xC0 != 0x80 { chars += 1 }
            }
            if separated { push(0x20); chars += 1 }
        }
        wordStart.append(prefix.count - 1)
        charStart.append(chars)
    }

    @inline(__always)
    static func mulmod(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        // 2^64 ≡ 2^3 (mod 2^61−1)
        let folded = (low & modulus) &+ (low >> 61) &+ (high << 3)
        var r = folded % modulus
        if r >= modulus { r -= modulus }
        return r
    }

    struct Key: Hashable {
        let hash: UInt64
        let bytes: Int
    }

    /// The n-gram of `n` words from word `i`: its key and its length in characters.
    @inline(__always)
    func gram(_ i: Int, _ n: Int) -> (key: Key, chars: Int) {
        let start = wordStart[i]
        var end = wordStart[i + n]
        var chars = charStart[i + n] - charStart[i]
        if separated { end -= 1; chars -= 1 }  // no space after the last word
        let length = end - start
        var h = prefix[end] &+ Self.modulus &- Self.mulmod(prefix[start], powers[length])
        if h >= Self.modulus { h -= Self.modulus }
        return (Key(hash: h, bytes: length), chars)
    }
}
