/// The keys each signature carries, in order: one per MinHash band (when `near` is on), then the
/// exact-text key (when `exact` is on). `winnow dedup buckets --band K` groups documents by key K, so
/// with FineWeb's 14 bands and exact dedup there are 15 bucket tasks, the last one the exact text.
struct DedupKeyLayout: Equatable, Sendable {
    /// MinHash bands in the signature (0 when near dedup is off).
    let bands: Int
    let exact: Bool

    init(settings: DedupSettings) {
        bands = settings.near ? settings.bands : 0
        exact = settings.exact
    }

    init(bands: Int, exact: Bool) {
        self.bands = bands
        self.exact = exact
    }

    var count: Int { bands + (exact ? 1 : 0) }
    /// The key index of the exact text, if any.
    var exactKey: Int? { exact ? bands : nil }

    func name(_ key: Int) -> String { key == exactKey ? "exact text" : "band \(key)" }

    /// The signature's keys in this order.
    func keys(_ signature: DedupSignature) -> [Int64] {
        var keys = Array(signature.bands.prefix(bands))
        if exact { keys.append(signature.exact ?? 0) }
        return keys
    }
}
