/// Keys of word n-grams as datatrove builds them: `" ".join(words[i:i+n])` (top n-grams) or
/// `"".join(...)` (duplicate n-grams, where "ab"+"c" equals "a"+"bc"). The words' bytes are copied once
/// into one run, their concatenation, so a concatenated n-gram is a slice of it, hashed 8 bytes at a
/// time when it is asked for (the duplicate scan asks only where `RepeatedPrefixes` says an n-gram may
/// repeat). A space-joined n-gram is a polynomial modulo 2^61−1 over its words' hashes, O(1) from
/// prefix sums: words hold no space, so two space-joined n-grams are equal exactly when their words
/// are. Keys carry the byte length; a collision that changes a decision is ~2^-50 per document. Flat
/// buffers, freed with the hasher. Local to one filter call.
final class NGramHasher {
    static let modulus: UInt64 = (1 << 61) - 1
    private static let wordBase: UInt64 = 0x1F_3A5B_9C4D_2E61 % modulus

    let wordCount: Int
    /// The words' bytes back to back, then 8 zero bytes so an 8-byte load never runs past the end.
    private let run: UnsafeMutablePointer<UInt8>
    /// Offset in `run` where word i starts, and characters before it (words + 1 entries).
    private let wordStart: UnsafeMutablePointer<Int>
    /// Characters before word i (words + 1 entries): the document's `wordCharStarts`.
    private let charStart: [Int]
    /// Space-joined n-grams: hash of the words before word i (words + 1 entries), and wordBase^n for
    /// n up to the longest n-gram asked for.
    private let wordPrefix: UnsafeMutablePointer<UInt64>
    private let wordPowers: UnsafeMutablePointer<UInt64>
    private let longestJoined: Int

    /// `joinedUpTo`: the space-joined n-grams of up to that many words are asked for too (0: none).
    init(_ bytes: UnsafeBufferPointer<UInt8>, words: [Range<Int>], charStarts: [Int], joinedUpTo longest: Int) {
        var total = 0
        for w in words { total += w.count }
        wordCount = words.count
        run = .allocate(capacity: total + 8)
        wordStart = .allocate(capacity: words.count + 1)
        charStart = charStarts
        longestJoined = max(longest, 0)
        wordPrefix = .allocate(capacity: longestJoined > 0 ? words.count + 1 : 0)
        wordPowers = .allocate(capacity: longestJoined + 1)
        var k = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base), end = bytes.count
            for (index, w) in words.enumerated() {
                wordStart[index] = k
                let count = w.count
                if count <= 8 && w.lowerBound + 8 <= end {
                    // A short word (most): copied as one 8-byte word; the bytes after it are
                    // overwritten by the next word or the padding.
                    let v = raw.loadUnaligned(fromByteOffset: w.lowerBound, as: UInt64.self)
                    UnsafeMutableRawPointer(run + k).storeBytes(of: v, as: UInt64.self)
                } else {
                    (run + k).initialize(from: base + w.lowerBound, count: count)
                }
                k += count
            }
        }
        wordStart[words.count] = k
        (run + k).initialize(repeating: 0, count: 8)
        if longestJoined > 0 { hashWords() }
    }

    deinit {
        run.deallocate()
        wordStart.deallocate()
        wordPrefix.deallocate()
        wordPowers.deallocate()
    }

    /// The prefix over words for the space-joined n-grams: each word counts as its bytes' hash.
    private func hashWords() {
        var p: UInt64 = 1
        wordPowers[0] = 1
        for n in 0..<longestJoined {
            p = Self.mulmod(p, Self.wordBase)
            wordPowers[n + 1] = p
        }
        var h: UInt64 = 0
        wordPrefix[0] = 0
        for i in 0..<wordCount {
            var value = Self.reduce(slice(wordStart[i], wordStart[i + 1])) &+ 1
            if value >= Self.modulus { value -= Self.modulus }
            h = Self.mulmod(h, Self.wordBase) &+ value
            if h >= Self.modulus { h -= Self.modulus }
            wordPrefix[i + 1] = h
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

    /// A 64-bit hash of `run[start..<end]`, eight bytes at a time (the last load masked to the slice).
    @inline(__always)
    private func slice(_ start: Int, _ end: Int) -> UInt64 {
        let raw = UnsafeRawPointer(run)
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: end - start)
        var i = start
        while i + 8 <= end {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xff51_afd7_ed55_8ccd
            h ^= h >> 29
            i += 8
        }
        if i < end {
            let tail = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & (UInt64.max &>> UInt64(truncatingIfNeeded: 64 - 8 * (end - i)))
            h = (h ^ tail) &* 0xff51_afd7_ed55_8ccd
        }
        return mixHash(h)
    }

    /// The concatenated n-gram of `n` words from word `i` (i + n ≤ wordCount): its key and characters.
    @inline(__always)
    func concatenated(_ i: Int, _ n: Int) -> (key: Key, chars: Int) {
        let start = wordStart[i], end = wordStart[i + n]
        return (Key(hash: slice(start, end), bytes: end - start), charStart[i + n] - charStart[i])
    }

    /// Bytes of the concatenated n-gram of `n` words from word `i`.
    @inline(__always)
    func concatenatedBytes(_ i: Int, _ n: Int) -> Int { wordStart[i + n] - wordStart[i] }

    /// Bytes of the concatenation a `prefix` key covers: two 8-byte loads. Longer prefixes rule out
    /// more positions, but more n-grams are shorter than the prefix (and may repeat, unhashed);
    /// on wcxb-dev and extraction-dev, 16 bytes leaves 8 % of the positions for 5-grams, 12 left 12 %.
    static let prefixBytes = 16

    /// The concatenation's `prefixBytes` bytes from where word `i` starts, as a key (equal bytes, equal
    /// key); nil when fewer remain.
    @inline(__always)
    func prefix(_ i: Int) -> Key? {
        let start = wordStart[i]
        guard wordStart[wordCount] - start >= Self.prefixBytes else { return nil }
        let raw = UnsafeRawPointer(run)
        let head = raw.loadUnaligned(fromByteOffset: start, as: UInt64.self)
        let rest = raw.loadUnaligned(fromByteOffset: start + 8, as: UInt64.self)
        return Key(hash: mixHash((head &* 0x9E37_79B9_7F4A_7C15) ^ rest), bytes: Self.prefixBytes)
    }

    /// Characters of the space-joined n-gram of `n` words from word `i`, without its key.
    @inline(__always)
    func joinedChars(_ i: Int, _ n: Int) -> Int { charStart[i + n] - charStart[i] + n - 1 }

    /// The space-joined n-gram of `n` words from word `i` (n ≤ the hasher's `joinedUpTo`).
    @inline(__always)
    func joined(_ i: Int, _ n: Int) -> (key: Key, chars: Int) {
        var h = wordPrefix[i + n] &+ Self.modulus &- Self.mulmod(wordPrefix[i], wordPowers[n])
        if h >= Self.modulus { h -= Self.modulus }
        let length = wordStart[i + n] - wordStart[i] + n - 1
        return (Key(hash: h, bytes: length), joinedChars(i, n))
    }
}
