/// What the ordered writer needs to deduplicate one record, computed by the worker that made it.
public struct DedupSignature: Sendable, Equatable {
    /// The document's identity in the index: a hash of its `source` (unique per input document).
    public var document: Int64
    /// The record's `id`, named in the `detail` of the copies it makes redundant.
    public var id: String
    /// Index key of the normalised text (nil when exact dedup is off).
    public var exact: Int64?
    /// Index key of each MinHash band (empty when near dedup is off or the text has no words).
    public var bands: [Int64]
}
