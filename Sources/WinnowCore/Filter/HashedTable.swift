/// A read-only open-addressing table keyed by a precomputed 64-bit hash (FNV over scalars): the
/// tokenizer looks up special cases and affixes for nearly every word, and Swift's Dictionary would
/// rehash each key with SipHash. Several entries may share a hash; `find` asks `matches` of each.
struct HashedTable<Value: Sendable>: Sendable {
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var values: [Value] = []
    private let mask: Int

    init(_ entries: [(hash: UInt64, value: Value)]) {
        var size = 16
        while size < entries.count * 2 { size <<= 1 }
        mask = size - 1
        slots = [Int32](repeating: -1, count: size)
        for (hash, value) in entries {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(values.count)
            hashes.append(hash)
            values.append(value)
        }
    }

    @inline(__always)
    func find(_ hash: UInt64, _ matches: (Value) -> Bool) -> Value? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { return nil }
            if hashes[index] == hash && matches(values[index]) { return values[index] }
            slot = (slot + 1) & mask
        }
    }
}

/// FNV-1a over scalars, then mixed so the low bits (the slot) depend on every scalar.
@inline(__always)
func scalarHash(_ s: UnsafeBufferPointer<UInt32>, _ lo: Int, _ hi: Int) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for k in lo..<hi { h = (h ^ UInt64(s[k])) &* 0x100_0000_01b3 }
    return mixHash(h)
}

@inline(__always)
func mixHash(_ x: UInt64) -> UInt64 {
    var h = x
    h ^= h >> 33
    h = h &* 0xff51_afd7_ed55_8ccd
    h ^= h >> 33
    return h
}
