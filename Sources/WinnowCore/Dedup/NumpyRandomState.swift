/// numpy's legacy `RandomState(seed).randint(low, high, dtype=uint64)` (MT19937, masked rejection
/// sampling on 64-bit draws): datatrove draws its MinHash parameters so, and the same seed must give
/// Winnow the same hash functions.
struct NumpyRandomState {
    private var state = [UInt32](repeating: 0, count: 624)
    private var position = 624

    init(seed: UInt32) {
        state[0] = seed
        for i in 1..<624 { state[i] = 1_812_433_253 &* (state[i - 1] ^ (state[i - 1] >> 30)) &+ UInt32(i) }
    }

    private mutating func next32() -> UInt32 {
        if position >= 624 {
            for i in 0..<624 {
                let y = (state[i] & 0x8000_0000) | (state[(i + 1) % 624] & 0x7FFF_FFFF)
                state[i] = state[(i + 397) % 624] ^ (y >> 1) ^ (y & 1 == 0 ? 0 : 0x9908_B0DF)
            }
            position = 0
        }
        var y = state[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// `randint(low, high)`: low ≤ value < high, for ranges wider than 32 bits (the only ones needed).
    mutating func randint(_ low: UInt64, _ high: UInt64) -> UInt64 {
        let range = high - 1 - low
        var mask = range
        for shift in [1, 2, 4, 8, 16, 32] as [UInt64] { mask |= mask >> shift }
        while true {
            let draw = UInt64(next32()) << 32 | UInt64(next32())
            let value = draw & mask
            if value <= range { return low + value }
        }
    }
}
