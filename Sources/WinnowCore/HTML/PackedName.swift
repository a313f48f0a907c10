/// An element or attribute name of up to 16 bytes packed into two integers: a dictionary key that
/// needs no allocation, so the parser can look names up for every tag and attribute it meets.
struct PackedName: Hashable, Sendable {
    let low: UInt64
    let high: UInt64

    /// nil when the name is longer than 16 bytes (callers fall back to a String lookup).
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= 16 else { return nil }
        var low: UInt64 = 0, high: UInt64 = 0
        for (i, byte) in bytes.enumerated() {
            if i < 8 { low |= UInt64(byte) << UInt64(i * 8) } else { high |= UInt64(byte) << UInt64((i - 8) * 8) }
        }
        self.low = low
        self.high = high
    }

    /// As `init?(_:)`, with ASCII letters lowercased on the way.
    init?(lowercasing bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= 16 else { return nil }
        var low: UInt64 = 0, high: UInt64 = 0
        for (i, byte) in bytes.enumerated() {
            let lower = UInt64(ByteText.lower(byte))
            if i < 8 { low |= lower << UInt64(i * 8) } else { high |= lower << UInt64((i - 8) * 8) }
        }
        self.low = low
        self.high = high
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
