import Foundation

/// The files of the distributed dedup stages, all under `OUTPUT/.winnow/dedup/`. Each is written with
/// `AtomicFile` (temporary name, fsync, rename), so a name that exists is complete. Layout: one JSON
/// header line (what the file is, the settings, and the *input token* that ties it to the generations
/// it was made from), then little-endian binary records.
enum DedupStageFile {
    static let directory = ".winnow/dedup"
    static func signatures(rank: Int) -> String { directory + "/signatures-\(TaskLayout.pad(rank)).bin" }
    static func band(_ band: Int) -> String { directory + "/band-\(TaskLayout.pad(band)).bin" }
    static func removed(rank: Int) -> String { directory + "/removed-\(TaskLayout.pad(rank)).bin" }
    /// Written last by `winnow dedup clusters`: the stage's commit point.
    static let clusters = directory + "/clusters.json"
    /// The name a ranked run gives its signatures inside its staging directory (renamed at commit).
    static let stagedSignatures = "signatures.bin"

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }
}

/// Buffered little-endian writer into an `AtomicFile`.
final class DedupFileWriter {
    private let file: AtomicFile
    private var buffer: [UInt8] = []

    init(directory: String, name: String, header: [UInt8]) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        file = try AtomicFile(directory: directory, name: name)
        buffer.reserveCapacity(1 << 16)
        buffer.append(contentsOf: header)
        if header.last != 0x0A { buffer.append(0x0A) }
    }

    func int64(_ value: Int64) throws {
        withUnsafeBytes(of: UInt64(bitPattern: value).littleEndian) { buffer.append(contentsOf: $0) }
        if buffer.count >= 1 << 16 { try flush() }
    }

    func byte(_ value: UInt8) throws { buffer.append(value) }

    func string(_ value: String) throws {
        let bytes = Array(value.utf8)
        try int64(Int64(bytes.count))
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        try file.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func commit() throws {
        try flush()
        try file.commit()
    }

    func discard() { file.discard() }
}

/// Streaming reader of a stage file: the header line, then records until the end.
final class DedupFileReader {
    let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var position = 0
    private var ended = false
    /// The header line, parsed.
    private(set) var header: [String: Any] = [:]

    init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw DedupStageFile.Failure(description: "cannot open \(path): \(String(cString: strerror(errno)))") }
        var line: [UInt8] = []
        while true {
            guard let byte = try next() else { throw DedupStageFile.Failure(description: "\(path) has no header line") }
            if byte == 0x0A { break }
            line.append(byte)
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            throw DedupStageFile.Failure(description: "\(path): the header line is not a JSON object")
        }
        header = object
    }

    deinit { close(fd) }

    private var chunk = [UInt8](repeating: 0, count: 1 << 20)

    private func fill() throws {
        guard !ended else { return }
        // Keep the unread tail only: the buffer stays about one chunk long.
        if position > 0 { buffer.removeSubrange(0..<position); position = 0 }
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw DedupStageFile.Failure(description: "cannot read \(path): \(String(cString: strerror(errno)))") }
            if n == 0 { ended = true } else { buffer.append(contentsOf: chunk[0..<n]) }
            return
        }
    }

    private func next() throws -> UInt8? {
        if position >= buffer.count { try fill() }
        guard position < buffer.count else { return nil }
        position += 1
        return buffer[position - 1]
    }

    /// True when every record has been read.
    func atEnd() throws -> Bool {
        if position >= buffer.count { try fill() }
        return position >= buffer.count
    }

    private func need(_ count: Int) throws {
        while buffer.count - position < count && !ended { try fill() }
        guard buffer.count - position >= count else {
            throw DedupStageFile.Failure(description: "\(path) ends inside a record (damaged; run the stage that writes it again)")
        }
    }

    func int64() throws -> Int64 {
        if buffer.count - position < 8 { try need(8) }
        let v = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: UInt64.self) }
        position += 8
        return Int64(bitPattern: UInt64(littleEndian: v))
    }

    func byte() throws -> UInt8 {
        try need(1)
        position += 1
        return buffer[position - 1]
    }

    /// Past a string without building it.
    func skipString() throws {
        let count = try int64()
        guard count >= 0 && count < 1 << 24 else { throw DedupStageFile.Failure(description: "\(path): a string of \(count) bytes (damaged file)") }
        try need(Int(count))
        position += Int(count)
    }

    func string() throws -> String {
        let count = try int64()
        guard count >= 0 && count < 1 << 24 else { throw DedupStageFile.Failure(description: "\(path): a string of \(count) bytes (damaged file)") }
        try need(Int(count))
        let text = String(decoding: buffer[position..<position + Int(count)], as: UTF8.self)
        position += Int(count)
        return text
    }
}
