/// `dedup:` in the config: which copies `winnow run` removes and how near-duplicates are found.
/// Off by default; every field is part of `rules_version` once either method is on.
public struct DedupSettings: Sendable, Equatable {
    /// Remove documents whose normalised text equals an earlier document's (`dedup.exact`).
    public var exact = false
    /// Remove MinHash near-duplicates of earlier documents (`dedup.near`).
    public var near = false
    /// Words per shingle.
    public var shingleWords = 5
    /// LSH bands ("buckets") and rows (hashes) per band: two documents are candidates when all rows of
    /// one band agree. 14 × 8 is FineWeb's setting (S-curve: 50 % at Jaccard ≈ 0.68, 92 % at 0.8).
    public var bands = 14
    public var rows = 8
    /// Seeds the hash functions: documents are comparable only under the same seed.
    public var seed: UInt64 = 1
    public var normalize = Normalization()

    public init() {}

    public var enabled: Bool { exact || near }

    /// datatrove's `simplify_text` (TextNormConfig defaults), step by step.
    public struct Normalization: Sendable, Equatable {
        public var lowercase = true
        /// Punctuation (datatrove's list: ASCII punctuation, common CJK and typographic marks,
        /// control characters) becomes a space.
        public var punctuation = true
        /// Runs of digits (with one decimal part, "3.14", "1,5") become "0".
        public var numbers = true
        /// Combining marks are dropped after canonical decomposition ("é" → "e").
        public var diacritics = true

        public init() {}
    }

    /// The canonical text hashed into `rules_version` (and stored in the index: an index built under
    /// other settings cannot answer for these).
    /// The line comes from the keys' declarations (`ConfigKeys`).
    public var canonical: String { ConfigKeys.dedupLine(self) }
}
