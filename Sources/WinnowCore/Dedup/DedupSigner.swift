/// Computes `DedupSignature`s: a hash of the whole normalised text, and MinHash over word shingles
/// cut into LSH bands. Pure and Sendable: run on the workers, in parallel.
///
/// MinHash as datatrove computes it, value for value: each shingle (its words joined by a space) is
/// hashed with xxHash64; hash function k maps a shingle hash h to (h·a_k + b_k) mod (2^61 − 1)
/// (64-bit wrapping product, as numpy's), with a_k, b_k drawn by numpy's `RandomState(seed)`; the
/// signature is each function's minimum over the document's shingles. Two documents agree on one value
/// with probability equal to their shingle sets' Jaccard similarity J, so they share at least one band
/// (all `rows` values of it) with probability 1 − (1 − J^rows)^bands.
public struct DedupSigner: Sendable {
    public let settings: DedupSettings
    private let normalizer: TextNormalizer
    private let multipliers: [UInt64]
    private let increments: [UInt64]
    static let mersenne: UInt64 = (1 << 61) - 1

    public init(settings: DedupSettings) {
        self.settings = settings
        normalizer = TextNormalizer(settings: settings.normalize)
        let count = settings.bands * settings.rows
        var random = NumpyRandomState(seed: UInt32(truncatingIfNeeded: settings.seed))
        multipliers = (0..<count).map { _ in random.randint(1, Self.mersenne) }
        increments = (0..<count).map { _ in random.randint(0, Self.mersenne) }
    }

    /// nil when the normalised text has no words (nothing to compare).
    public func sign(text: UnsafeBufferPointer<UInt8>, id: String, source: String) -> DedupSignature? {
        let (joined, starts) = words(text)
        guard !starts.isEmpty else { return nil }
        let exact = settings.exact ? Hash64.key(XXHash64.hash(joined), tag: 0xE) : nil
        return DedupSignature(document: Hash64.key(XXHash64.hash(Array(source.utf8)), tag: 0xD), id: id, exact: exact,
                              bands: settings.near ? bands(joined, starts) : [])
    }

    /// The normalised words, space-separated (datatrove's simplified text), and where each starts.
    func words(_ text: UnsafeBufferPointer<UInt8>) -> (joined: [UInt8], starts: [Int]) {
        var joined: [UInt8] = []
        joined.reserveCapacity(text.count)
        var starts: [Int] = []
        normalizer.forEachWord(text) { word in
            if !starts.isEmpty { joined.append(0x20) }
            starts.append(joined.count)
            joined.append(contentsOf: word)
        }
        return (joined, starts)
    }

    public func sign(text: [UInt8], id: String, source: String) -> DedupSignature? {
        text.withUnsafeBufferPointer { sign(text: $0, id: id, source: source) }
    }

    /// The MinHash values (bands × rows), for the comparison with datatrove's.
    func minima(_ joined: [UInt8], _ starts: [Int]) -> [UInt64] {
        let n = min(settings.shingleWords, starts.count)
        var minima = [UInt64](repeating: .max, count: multipliers.count)
        joined.withUnsafeBufferPointer { bytes in
            multipliers.withUnsafeBufferPointer { a in
                increments.withUnsafeBufferPointer { b in
                    minima.withUnsafeMutableBufferPointer { m in
                        for first in 0...(starts.count - n) {
                            let end = first + n < starts.count ? starts[first + n] - 1 : bytes.count
                            let shingle = XXHash64.hash(UnsafeBufferPointer(rebasing: bytes[starts[first]..<end]))
                            for k in 0..<a.count {
                                let value = Self.modMersenne(shingle &* a[k] &+ b[k])
                                if value < m[k] { m[k] = value }
                            }
                        }
                    }
                }
            }
        }
        return minima
    }

    private func bands(_ joined: [UInt8], _ starts: [Int]) -> [Int64] {
        let minima = minima(joined, starts)
        return (0..<settings.bands).map { band in
            var key = Hash64.mix(UInt64(band) &+ 0x4241_4E44)
            for row in 0..<settings.rows { key = Hash64.mix(key ^ minima[band * settings.rows + row]) }
            return Hash64.key(key, tag: UInt64(band))
        }
    }

    /// x mod (2^61 − 1) without a division.
    @inline(__always) static func modMersenne(_ x: UInt64) -> UInt64 {
        let folded = (x & mersenne) &+ (x >> 61)
        return folded >= mersenne ? folded - mersenne : folded
    }
}

/// 64-bit mixing for the index keys (SplitMix64's finaliser).
enum Hash64 {
    @inline(__always) static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 1
        return mix(state)
    }

    /// An index key: `value` in the key space `tag` (exact texts, documents and each band apart), as
    /// SQLite's signed 64-bit integer.
    static func key(_ value: UInt64, tag: UInt64) -> Int64 { Int64(bitPattern: mix(value ^ (tag &* 0xA24B_AED4_963E_E407))) }
}
