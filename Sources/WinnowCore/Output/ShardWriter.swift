/// Writes records into `part-00000.jsonl`, `part-00001.jsonl`, … rolling over by size or record count.
/// Each shard is an `AtomicFile`: it appears under its final name only once complete. With
/// compression each shard is one complete gzip member or zstd frame (`.jsonl.gz`, `.jsonl.zst`), ended
/// before the shard is committed. The size limit counts uncompressed JSONL bytes, so shard boundaries
/// do not depend on the compression.
public final class ShardWriter {
    public struct Limits: Sendable {
        public var maxBytes: Int?
        public var maxRecords: Int?
        public init(maxBytes: Int? = nil, maxRecords: Int? = nil) {
            self.maxBytes = maxBytes
            self.maxRecords = maxRecords
        }
    }

    private let directory: String
    private let limits: Limits
    private let compression: ShardCompression
    private var current: AtomicFile?
    private var compressor: ShardCompressor?
    private var recordsInCurrent = 0
    private var bytesInCurrent = 0
    public private(set) var shardNames: [String] = []
    public private(set) var records = 0
    /// Records in each shard, in order.
    public private(set) var shardRecords: [Int] = []
    /// Uncompressed byte offset of the last line written, in the last shard.
    public private(set) var lastOffset = 0
    private let naming: @Sendable (Int) -> String

    public init(directory: String, limits: Limits, compression: ShardCompression = .none, naming: (@Sendable (Int) -> String)? = nil) {
        self.directory = directory
        self.limits = limits
        self.compression = compression
        self.naming = naming ?? { ShardWriter.name(index: $0, compression: compression) }
    }

    public static func name(index: Int, compression: ShardCompression = .none) -> String {
        "part-" + String(repeating: "0", count: max(0, 5 - String(index).count)) + String(index) + compression.fileExtension
    }

    public func write(_ line: [UInt8]) throws {
        if current != nil {
            let full = (limits.maxRecords.map { recordsInCurrent >= $0 } ?? false)
                || (limits.maxBytes.map { bytesInCurrent > 0 && bytesInCurrent + line.count > $0 } ?? false)
            if full { try commitCurrent() }
        }
        if current == nil {
            let name = naming(shardNames.count)
            current = try AtomicFile(directory: directory, name: name)
            compressor = try compression.makeCompressor()
            shardNames.append(name)
            shardRecords.append(0)
            recordsInCurrent = 0
            bytesInCurrent = 0
        }
        if let compressor {
            let out = try compressor.append(line)
            if !out.isEmpty { try current?.write(out) }
        } else {
            try current?.write(line)
        }
        lastOffset = bytesInCurrent
        recordsInCurrent += 1
        shardRecords[shardRecords.count - 1] += 1
        bytesInCurrent += line.count
        records += 1
    }

    public func finish() throws { try commitCurrent() }

    public func discard() {
        current?.discard()
        current = nil
        compressor = nil
    }

    private func commitCurrent() throws {
        guard let file = current else { return }
        current = nil
        if let compressor {
            self.compressor = nil
            try file.write(try compressor.finish())
        }
        try file.commit()
    }
}
