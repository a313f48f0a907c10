/// An element or attribute name of up to 16 bytes packed into two integers: a dictionary key that
/// needs no allocation, so the parser can look names up for every tag and attribute it meets.
struct PackedName: Hashable, Sendable {
    let low: UInt64
    let high: UInt64

    /// nil when the name is longer than 16 bytes (callers fall back to a String lookup).
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= 16 else { return nil }
        (low, high) = PackedName.words(bytes)
    }

    /// As `init?(_:)`, with ASCII letters lowercased on the way.
    init?(lowercasing bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= 16 else { return nil }
        let (low, high) = PackedName.words(bytes)
        self.low = PackedName.lowercased(low)
        self.high = PackedName.lowercased(high)
    }

    /// Bytes 0–7 and 8–15 of at most 16 bytes as little-endian words, zero-filled: byte i at bits
    /// 8·i of its word. One copy per word instead of a shift per byte (every tag and attribute name).
    @inline(__always)
    private static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var low: UInt64 = 0, high: UInt64 = 0
        guard let base = bytes.baseAddress else { return (0, 0) }
        let count = bytes.count
        withUnsafeMutableBytes(of: &low) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base, count: min(count, 8))) }
        if count > 8 { withUnsafeMutableBytes(of: &high) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base + 8, count: count - 8)) } }
        return (UInt64(littleEndian: low), UInt64(littleEndian: high))
    }

    /// Every byte A–Z of `word` made a–z, all others unchanged, eight at a time.
    @inline(__always)
    static func lowercased(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let heptets = word & (0x7F * ones)
        // The high bit of each byte: set from "A" up, and from "[" up (no carries: heptets ≤ 0x7F).
        let fromA = heptets &+ (0x80 - 0x41) &* ones
        let fromBracket = heptets &+ (0x80 - 0x5B) &* ones
        let upper = (fromA ^ fromBracket) & ~word & (0x80 * ones)
        return word | (upper >> 2)
    }

    init?(_ name: String) {
        var copy = name
        guard let packed = copy.withUTF8({ PackedName($0) }) else { return nil }
        self = packed
    }
}

/// A small open-addressing table from `PackedName` to an id, with a multiplicative hash: lookups for
/// every tag and attribute the parser meets cost a few instructions (no SipHash, no allocation).
struct PackedNameTable: Sendable {
    private var keys: [PackedName?]
    private var values: [UInt16]
    private let mask: Int

    init(_ entries: [(PackedName, UInt16)]) {
        var size = 16
        while size < entries.count * 4 { size *= 2 }
        keys = Array(repeating: nil, count: size)
        values = Array(repeating: 0, count: size)
        mask = size - 1
        for (key, value) in entries {
            var slot = PackedNameTable.slot(key, mask)
            while let existing = keys[slot], existing != key { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
        }
    }

    @inline(__always)
    private static func slot(_ key: PackedName, _ mask: Int) -> Int {
        let mixed = (key.low ^ (key.high &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: mixed >> 40) & mask
    }

    @inline(__always)
    func value(_ key: PackedName) -> UInt16? {
        var slot = PackedNameTable.slot(key, mask)
        while let existing = keys[slot] {
            if existing == key { return values[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }
}
