/// Writes records into `part-00000.jsonl`, `part-00001.jsonl`, … rolling over by size or record count.
/// Each shard is an `AtomicFile`: it appears under its final name only once complete.
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
    private var current: AtomicFile?
    private var recordsInCurrent = 0
    public private(set) var shardNames: [String] = []
    public private(set) var records = 0

    public init(directory: String, limits: Limits) {
        self.directory = directory
        self.limits = limits
    }

    public static func name(index: Int) -> String {
        "part-" + String(repeating: "0", count: max(0, 5 - String(index).count)) + String(index) + ".jsonl"
    }

    public func write(_ line: [UInt8]) throws {
        if let file = current {
            let full = (limits.maxRecords.map { recordsInCurrent >= $0 } ?? false)
                || (limits.maxBytes.map { file.bytesWritten > 0 && file.bytesWritten + line.count > $0 } ?? false)
            if full { try commitCurrent() }
        }
        if current == nil {
            let name = ShardWriter.name(index: shardNames.count)
            current = try AtomicFile(directory: directory, name: name)
            shardNames.append(name)
            recordsInCurrent = 0
        }
        try current?.write(line)
        recordsInCurrent += 1
        records += 1
    }

    public func finish() throws { try commitCurrent() }

    public func discard() { current?.discard(); current = nil }

    private func commitCurrent() throws {
        guard let file = current else { return }
        current = nil
        try file.commit()
    }
}
