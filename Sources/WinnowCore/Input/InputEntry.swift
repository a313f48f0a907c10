/// A file that holds many documents, read as a stream: a WARC file or a JSONL file, plain or compressed.
public struct ContainerFormat: Equatable, Sendable {
    public enum Kind: String, Sendable { case warc, jsonl }
    public enum Compression: String, Sendable { case none, gzip, zstd }

    public var kind: Kind
    public var compression: Compression

    public init(kind: Kind, compression: Compression) {
        self.kind = kind
        self.compression = compression
    }

    /// `.warc`, `.warc.gz`, `.jsonl`, `.jsonl.gz`, `.jsonl.zst` (any case); nil for other names.
    public static func classify(_ name: String) -> ContainerFormat? {
        let lower = name.lowercased()
        for (suffix, format) in [
            (".warc", ContainerFormat(kind: .warc, compression: .none)),
            (".warc.gz", ContainerFormat(kind: .warc, compression: .gzip)),
            (".jsonl", ContainerFormat(kind: .jsonl, compression: .none)),
            (".jsonl.gz", ContainerFormat(kind: .jsonl, compression: .gzip)),
            (".jsonl.zst", ContainerFormat(kind: .jsonl, compression: .zstd)),
        ] where lower.hasSuffix(suffix) {
            return format
        }
        return nil
    }
}

/// A container file found by discovery; its documents are read lazily, in order.
public struct ContainerFile: Sendable, Equatable {
    public let path: String
    /// Relative name like a document's `source`; its documents are `source#offset` / `source#line`.
    public let source: String
    public let format: ContainerFormat
    public let size: Int
    /// Modification time (ns since the epoch) seen by discovery.
    public var mtimeNanoseconds = 0

    public init(path: String, source: String, format: ContainerFormat, size: Int) {
        self.path = path
        self.source = source
        self.format = format
        self.size = size
    }
}

/// One discovered input, in input order: a single document or a container of documents.
public enum InputEntry: Sendable, Equatable {
    case document(InputItem)
    case container(ContainerFile)

    public var source: String {
        switch self {
        case .document(let item): return item.source
        case .container(let file): return file.source
        }
    }

    public var size: Int {
        switch self {
        case .document(let item): return item.size
        case .container(let file): return file.size
        }
    }

    /// Size and mtime as discovery saw them.
    public var identity: InputIdentity {
        switch self {
        case .document(let item): return InputIdentity(size: item.size, mtimeNanoseconds: item.mtimeNanoseconds)
        case .container(let file): return InputIdentity(size: file.size, mtimeNanoseconds: file.mtimeNanoseconds)
        }
    }

    public var path: String {
        switch self {
        case .document(let item): return item.path
        case .container(let file): return file.path
        }
    }
}
