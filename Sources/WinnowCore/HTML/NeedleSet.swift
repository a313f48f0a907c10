#if canImport(Glibc)
import Glibc
#endif

/// The class and id substrings that the config's selector rules look for ("share", "cookie", "ad-"…),
/// found in one pass over an element's lowercased `class` or `id` value. The cleaner scans each
/// element it visits once and hands every rule the resulting bit masks, so a rule's substring tests
/// become bit tests instead of one search per test per element. At most 64 needles get a bit; tests
/// on further needles simply search as before.
public struct NeedleSet: Sendable {
    public static let capacity = 64

    private struct Tables {
        /// Needle bytes, lowercased, back to back; needle `k` is `pool[starts[k]..<starts[k] + lengths[k]]`.
        var pool: [UInt8] = []
        var starts: [Int] = []
        var lengths: [Int] = []
        /// Where in each needle its anchor pair starts: the byte pair least likely in text (`rarity`), so a
        /// scan stops to compare a needle seldom ("ki" in "cookie", not "co").
        var anchors: [Int] = []
        /// For each hash of a needle's anchor pair, the needles with such an anchor. The hash reads bytes
        /// with bit 0x20 set, which lowercases ASCII letters: one table serves exact and case-folding
        /// scans (the needle is then compared exactly or folded).
        var pairBuckets = [UInt64](repeating: 0, count: NeedleSet.bucketCount)
        /// Needles of one byte, by that byte (rare: `[class*=x]`).
        var singleBytes: [UInt64] = []
    }

    /// The tables in one immutable object: sets are copied into every scan's caller (statics, the
    /// cleaner), and a copy should cost one reference count, not one per table.
    private final class Storage: Sendable {
        let tables: Tables
        init(_ tables: Tables) { self.tables = tables }
    }

    private var storage = Storage(Tables())

    private static let bucketCount = 1024

    public init() {}

    public var count: Int { storage.tables.starts.count }

    /// The bit for `needle` (lowercased bytes), adding it if new; nil when it is empty or the set is full.
    public mutating func bit(for needle: [UInt8]) -> UInt64? {
        guard !needle.isEmpty else { return nil }
        var t = storage.tables
        for k in t.starts.indices where t.lengths[k] == needle.count && t.pool[t.starts[k]..<t.starts[k] + t.lengths[k]].elementsEqual(needle) {
            return 1 << UInt64(k)
        }
        guard t.starts.count < NeedleSet.capacity else { return nil }
        let k = t.starts.count
        t.starts.append(t.pool.count)
        t.lengths.append(needle.count)
        t.pool.append(contentsOf: needle)
        if needle.count == 1 {
            t.anchors.append(0)
            if t.singleBytes.isEmpty { t.singleBytes = [UInt64](repeating: 0, count: 256) }
            t.singleBytes[Int(needle[0])] |= 1 << UInt64(k)
        } else {
            let anchor = (0..<needle.count - 1).min { NeedleSet.rarity(needle[$0], needle[$0 + 1]) < NeedleSet.rarity(needle[$1], needle[$1 + 1]) } ?? 0
            t.anchors.append(anchor)
            t.pairBuckets[NeedleSet.bucket(needle[anchor] | 0x20, needle[anchor + 1] | 0x20)] |= 1 << UInt64(k)
        }
        storage = Storage(t)
        return 1 << UInt64(k)
    }

    /// How common a byte pair is in text, roughly: the product of English letter frequencies (per
    /// mille; space and frequent letters high, rare letters, digits and punctuation low). The first of
    /// equally rare pairs wins.
    static func rarity(_ a: UInt8, _ b: UInt8) -> Int { frequency(a) * frequency(b) }

    private static func frequency(_ byte: UInt8) -> Int {
        let lower = byte | 0x20
        guard lower >= 0x61 && lower <= 0x7A, byte >= 0x41 else { return byte == 0x20 ? 150 : 10 }
        return letterFrequency[Int(lower - 0x61)]
    }

    private static let letterFrequency = [82, 15, 28, 43, 127, 22, 20, 61, 70, 2, 8, 40, 24, 67, 75, 19, 1, 60, 63, 91, 28, 10, 24, 2, 20, 1]

    @inline(__always)
    private static func bucket(_ a: UInt8, _ b: UInt8) -> Int { Int((UInt32(a) &* 31 &+ UInt32(b)) & UInt32(bucketCount - 1)) }

    /// Bits of the needles that occur in `value`. With `foldCase`, ASCII letters in `value` count as
    /// lowercase (the needles were added lowercased); without, bytes must be equal.
    public func scan(_ value: UnsafeBufferPointer<UInt8>, foldCase: Bool = false) -> UInt64 {
        let storage = self.storage  // one reference for the whole scan
        guard !storage.tables.starts.isEmpty, let base = value.baseAddress, !value.isEmpty else { return 0 }
        var found: UInt64 = 0
        let count = value.count
        storage.tables.pool.withUnsafeBufferPointer { pool in
            storage.tables.pairBuckets.withUnsafeBufferPointer { buckets in
                guard let poolBase = pool.baseAddress else { return }
                var previous = base[0] | 0x20
                var i = 1
                while i < count {
                    let current = base[i] | 0x20
                    var candidates = buckets[NeedleSet.bucket(previous, current)]
                    previous = current
                    i += 1
                    candidates &= ~found
                    guard candidates != 0 else { continue }
                    let pair = i - 2  // where the anchor pair just read starts
                    while candidates != 0 {
                        let k = candidates.trailingZeroBitCount
                        candidates &= candidates - 1
                        let start = pair - storage.tables.anchors[k]
                        let length = storage.tables.lengths[k]
                        guard start >= 0, start + length <= count else { continue }
                        if foldCase {
                            var m = 0
                            while m < length && ByteText.lower(base[start + m]) == poolBase[storage.tables.starts[k] + m] { m += 1 }
                            if m == length { found |= 1 << UInt64(k) }
                        } else if memcmp(base + start, poolBase + storage.tables.starts[k], length) == 0 {
                            found |= 1 << UInt64(k)
                        }
                    }
                }
            }
        }
        if !storage.tables.singleBytes.isEmpty {
            for byte in value { found |= storage.tables.singleBytes[Int(foldCase ? ByteText.lower(byte) : byte)] }
        }
        return found
    }
}

/// Which needles of a `NeedleSet` an element's `class` and `id` values contain.
public struct ElementNeedles: Sendable {
    public var classBits: UInt64 = 0
    public var idBits: UInt64 = 0

    public init(classBits: UInt64 = 0, idBits: UInt64 = 0) {
        self.classBits = classBits
        self.idBits = idBits
    }

    /// Scans the first `class` and first `id` attribute of `node` (lowercased values; the ones the
    /// matcher reads too). A function, not an initializer: initializer arguments are passed owned,
    /// which copied the set (a retain per array) for every element.
    public static func scan(_ node: Int32, in context: MatchContext, set: NeedleSet) -> ElementNeedles {
        var found = ElementNeedles()
        if let value = context.attribute(AttributeNames.class, of: node, lowercased: true) { found.classBits = set.scan(value) }
        if let value = context.attribute(AttributeNames.id, of: node, lowercased: true) { found.idBits = set.scan(value) }
        return found
    }
}
