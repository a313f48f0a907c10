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

    init?(_ name: String) {
        var copy = name
        guard let packed = copy.withUTF8({ PackedName($0) }) else { return nil }
        self = packed
    }
}
