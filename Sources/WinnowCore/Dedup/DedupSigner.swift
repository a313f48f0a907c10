/// Computes `DedupSignature`s: the normalised words' hashes, a hash of the whole normalised text, and
/// MinHash over word shingles cut into LSH bands. Pure and Sendable: run on the workers, in parallel.
///
/// MinHash: each of `bands × rows` hash functions is a fixed random bijection of 64-bit shingle
/// hashes (xor with a seeded constant, then the SplitMix64 finaliser); a document's signature is
/// each function's minimum over its shingles. Two documents agree on one row with probability equal
/// to their shingle sets' Jaccard similarity J, so they share at least one band with probability
/// 1 − (1 − J^rows)^bands.
public struct DedupSigner: Sendable {
    public let settings: DedupSettings
    private let normalizer: TextNormalizer
    private let constants: [UInt64]

    public init(settings: DedupSettings) {
        self.settings = settings
        normalizer = TextNormalizer(settings: settings.normalize)
        // Mixed first: neighbouring seeds must not give shifted copies of the same constants.
        var state = Hash64.mix(settings.seed)
        constants = (0..<(settings.bands * settings.rows)).map { _ in Hash64.splitMix(&state) }
    }

    /// nil when the normalised text has no words (nothing to compare).
    public func sign(text: UnsafeBufferPointer<UInt8>, id: String, source: String) -> DedupSignature? {
        var words: [UInt64] = []
        var whole = Hash64.fnvOffset
        normalizer.forEachWord(text) { word in
            if !words.isEmpty { whole = Hash64.fnv(whole, 0x20) }
            for byte in word { whole = Hash64.fnv(whole, byte) }
            words.append(Hash64.mix(Hash64.fnv(word)))
        }
        guard !words.isEmpty else { return nil }
        let exact = settings.exact ? Hash64.key(Hash64.mix(whole), tag: 0xE) : nil
        return DedupSignature(document: Hash64.key(Hash64.fnv(Array(source.utf8)), tag: 0xD), id: id, exact: exact,
                              bands: settings.near ? bands(of: words) : [])
    }

    public func sign(text: [UInt8], id: String, source: String) -> DedupSignature? {
        text.withUnsafeBufferPointer { sign(text: $0, id: id, source: source) }
    }

    private func bands(of words: [UInt64]) -> [Int64] {
        let n = min(settings.shingleWords, words.count)
        var minima = [UInt64](repeating: .max, count: constants.count)
        constants.withUnsafeBufferPointer { c in
            minima.withUnsafeMutableBufferPointer { m in
                for start in 0...(words.count - n) {
                    // A shingle: its n word hashes folded in order.
                    var shingle: UInt64 = 0x5348_494E_474C_4521
                    for k in start..<(start + n) { shingle = Hash64.mix(shingle ^ words[k]) }
                    for k in 0..<c.count {
                        let value = Hash64.mix(shingle ^ c[k])
                        if value < m[k] { m[k] = value }
                    }
                }
            }
        }
        return (0..<settings.bands).map { band in
            var key = Hash64.mix(UInt64(band) &+ 0x4241_4E44)
            for row in 0..<settings.rows { key = Hash64.mix(key ^ minima[band * settings.rows + row]) }
            return Hash64.key(key, tag: UInt64(band))
        }
    }
}

/// The 64-bit hashing the signer uses (FNV-1a for bytes, SplitMix64's finaliser to mix).
enum Hash64 {
    static let fnvOffset: UInt64 = 0xCBF2_9CE4_8422_2325

    @inline(__always) static func fnv(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }

    static func fnv<C: Sequence>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var hash = fnvOffset
        for byte in bytes { hash = fnv(hash, byte) }
        return hash
    }

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
