/// The n-grams of one document counted by key (`NGramHasher.Key`, already a uniform 61-bit hash and a
/// byte length): open addressing over flat buffers allocated once per document, instead of a Swift Set
/// or Dictionary that SipHashes every key and allocates per n-gram size. A slot holds a generation
/// with its entry, so emptying the table between sizes is one increment. Local to one filter call.
final class GramTable {
    struct Entry {
        var hash: UInt64
        var bytes: Int
        /// How often the key came, and its length in characters.
        var count: Int
        var chars: Int
    }

    /// generation << 32 | entry index; a slot of an older generation is empty.
    private let slots: UnsafeMutablePointer<UInt64>
    private let entries: UnsafeMutablePointer<Entry>
    private let mask: Int
    private let capacity: Int
    private var generation: UInt64 = 1
    private(set) var count = 0

    /// A table for up to `capacity` distinct keys.
    init(capacity: Int) {
        self.capacity = max(1, capacity)
        var size = 16
        while size < self.capacity * 2 { size <<= 1 }
        mask = size - 1
        slots = .allocate(capacity: size)
        slots.initialize(repeating: 0, count: size)
        entries = .allocate(capacity: self.capacity)
    }

    deinit {
        slots.deallocate()
        entries.deallocate()
    }

    func reset() {
        generation += 1
        count = 0
    }

    /// The keys in the order first seen.
    var inOrder: UnsafeBufferPointer<Entry> { UnsafeBufferPointer(start: entries, count: count) }

    /// Counts one occurrence of `key`; true when it was not there before.
    @inline(__always)
    @discardableResult
    func add(_ key: NGramHasher.Key, chars length: Int) -> Bool { count(key, chars: length).new }

    /// Counts one occurrence of `key`: the index of its entry (`inOrder`), and whether it is new.
    @inline(__always)
    func count(_ key: NGramHasher.Key, chars length: Int) -> (index: Int, new: Bool) {
        var slot = Int(truncatingIfNeeded: (key.hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while true {
            let stored = slots[slot]
            if stored >> 32 != generation {
                precondition(count < capacity, "GramTable: more keys than its capacity")
                slots[slot] = generation << 32 | UInt64(count)
                entries[count] = Entry(hash: key.hash, bytes: key.bytes, count: 1, chars: length)
                count += 1
                return (count - 1, true)
            }
            let index = Int(truncatingIfNeeded: stored & 0xFFFF_FFFF)
            if entries[index].hash == key.hash && entries[index].bytes == key.bytes {
                entries[index].count += 1
                return (index, false)
            }
            slot = (slot + 1) & mask
        }
    }

    /// How often the key of entry `index` came so far.
    @inline(__always)
    func occurrences(_ index: Int) -> Int { entries[index].count }

    /// For each position, whether the key counted there (`indices`, -1: none) came more than once.
    func repeated(_ indices: [Int32]) -> [Bool] {
        indices.map { $0 >= 0 && entries[Int($0)].count > 1 }
    }
}
