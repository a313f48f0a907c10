/// One input document: where its bytes come from, how to name it in the output, and what its
/// container (a WARC record, a JSONL line) already said about it.
public struct InputItem: Sendable {
    public enum Kind: String, Sendable { case html, text }

    /// Path to open (for documents read from a container: the container's path).
    public let path: String
    /// The record's `source`: the path relative to the input root given on the command line, or
    /// `FILE#offset` / `FILE#line` for documents inside a container.
    public let source: String
    /// Kind by extension or by the container's content type; the load stage may correct it by sniffing.
    public let kind: Kind
    public let gzipped: Bool
    /// Size in bytes (on disk, compressed for .gz; for container documents the payload size).
    public let size: Int
    /// The document's bytes when a container reader already has them in memory; nil = read `path`.
    public var payload: [UInt8]?
    /// Charset named by the transport (HTTP `Content-Type` in a WARC record), used before `<meta>`.
    public var declaredCharset: String?
    /// URL the container gives (WARC-Target-URI, a JSONL url field); markup may give a canonical one.
    public var url: String?
    /// Extra `metadata` fields from the container, written in this order (e.g. warc_date, warc_record_id).
    public var containerMetadata: [(key: String, value: String)] = []
    /// An id the container assigns (JSONL `id`), used instead of hashing `source`.
    public var idOverride: String?
    /// Set when the container could not deliver the document (a corrupt WARC record): it becomes a
    /// reject line with this stage, reason and detail, without running the pipeline.
    public var preRejected: (stage: String, reason: String, detail: String)?
    /// Position of the discovered input (file or container) this document comes from, set by the source.
    public var entryIndex = -1
    /// `--incremental`: the unchanged document's previous outcome, copied instead of processed.
    public var carried: CarriedDocument?
    /// Modification time (ns since the epoch) seen by discovery: with `size`, the input's identity.
    public var mtimeNanoseconds = 0

    public init(path: String, source: String, kind: Kind, gzipped: Bool, size: Int) {
        self.path = path
        self.source = source
        self.kind = kind
        self.gzipped = gzipped
        self.size = size
    }

    /// Kind and compression from a file name, or nil for files Winnow does not read as one document.
    public static func classify(_ name: String) -> (Kind, gzipped: Bool)? {
        var lower = name.lowercased()
        var gzipped = false
        if lower.hasSuffix(".gz") {
            gzipped = true
            lower.removeLast(3)
        }
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".xhtml") { return (.html, gzipped) }
        if lower.hasSuffix(".txt") { return (.text, gzipped) }
        return nil
    }
}

extension InputItem: Equatable {
    public static func == (a: InputItem, b: InputItem) -> Bool {
        a.path == b.path && a.source == b.source && a.kind == b.kind && a.gzipped == b.gzipped && a.size == b.size
            && a.payload == b.payload && a.url == b.url && a.idOverride == b.idOverride
    }
}
