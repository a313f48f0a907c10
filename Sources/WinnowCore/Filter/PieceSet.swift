import Foundation

/// Pieces of a text (lines, paragraphs) seen so far, compared by their bytes: a hash of eight bytes at a
/// time picks the slot, and equal hashes are confirmed with memcmp, so the answer is exact (Python's
/// `set` of strings) without SipHashing every byte as `Set<ArraySlice<UInt8>>` does.
struct PieceSet {
    private var slots: [Int32]
    private let mask: Int
    private var hashes: [UInt64] = []
    private var ranges: [Range<Int>] = []

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        hashes.reserveCapacity(capacity)
        ranges.reserveCapacity(capacity)
    }

    /// Adds the piece `range` of `bytes`; false when an equal piece was added before.
    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let hash = Self.hash(bytes, range)
        var slot = Int(truncatingIfNeeded: hash >> 32) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 {
                slots[slot] = Int32(ranges.count)
                hashes.append(hash)
                ranges.append(range)
                return true
            }
            let other = ranges[index]
            if hashes[index] == hash && other.count == range.count,
               let base = bytes.baseAddress, memcmp(base + other.lowerBound, base + range.lowerBound, range.count) == 0 {
                return false
            }
            slot = (slot + 1) & mask
        }
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(range.count)
        guard let base = bytes.baseAddress else { return mixHash(h) }
        let raw = UnsafeRawPointer(base)
        var i = range.lowerBound
        while i + 8 <= range.upperBound {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xff51_afd7_ed55_8ccd
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < range.upperBound {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0xff51_afd7_ed55_8ccd
        return mixHash(h)
    }
}
