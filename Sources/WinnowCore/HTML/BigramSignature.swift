/// A 64-bit set of the byte pairs in a string, for a cheap "cannot contain" test: if a needle has a
/// pair the haystack lacks, the haystack does not contain the needle. Computed on lowercased bytes, so
/// it holds for case-insensitive and (lowercasing both sides) case-sensitive searches alike.
enum BigramSignature {
    @inline(__always)
    static func of<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var signature: UInt64 = 0
        var previous: UInt8?
        for byte in bytes {
            let lower = ByteText.lower(byte)
            if let previous { signature |= 1 << UInt64((UInt32(previous) &* 31 &+ UInt32(lower)) & 63) }
            previous = lower
        }
        return signature
    }

    /// True when `haystack` may contain `needle` (false means it certainly does not).
    @inline(__always)
    static func mayContain(_ haystack: UInt64, _ needle: UInt64) -> Bool { needle & ~haystack == 0 }
}
