import Foundation

/// The copy path of `--incremental`: gives an unchanged document's previous line back as it was,
/// byte for byte, without parsing anything. Record lines are read with pread(2) from the previous
/// generation's shards (still in OUTPUT: the new generation is only renamed over them at commit);
/// a compressed shard is decompressed once, whole, and kept while its lines are copied. Reject lines
/// are rebuilt from the stage, reason and detail kept in the state database (the same bytes).
/// Called from the workers: thread-safe.
final class CarryReader: Sendable {
    private let directory: String
    // Locked, not Mutex: ThreadSanitizer cannot see a contended Mutex's hand-over (see Locked).
    private let files = Locked<[String: Int32]>([:])
    private let decompressed = Locked<(name: String, bytes: [UInt8])?>(nil)
    private let failureText = Locked<String?>(nil)
    let stageCount: Int
    /// With `dedup:` on, carried records take part in dedup like processed ones: signed from their line.
    let signer: DedupSigner?

    init(directory: String, stageCount: Int, signer: DedupSigner? = nil) {
        self.directory = directory
        self.stageCount = stageCount
        self.signer = signer
    }

    var failure: String? { failureText.withLock { $0 } }

    func result(_ item: InputItem, _ carried: CarriedDocument, sequence: Int) -> DocumentResult {
        result(entry: item.entryIndex, carried, sequence: sequence)
    }

    /// The document's previous line as a result of input `entry` (also `winnow dedup apply`'s copy path).
    func result(entry: Int, _ carried: CarriedDocument, sequence: Int) -> DocumentResult {
        let outcome: DocumentResult.Outcome
        if carried.isRecord {
            if let line = line(carried) {
                outcome = .record(line)
            } else {
                outcome = .reject(stage: "load", reason: "input.unreadable", detail: "the previous record could not be copied")
            }
        } else {
            outcome = .reject(stage: carried.stage ?? "load", reason: carried.reason ?? "input.unreadable", detail: carried.detail ?? "")
        }
        var result = DocumentResult(sequence: sequence, source: carried.source, outcome: outcome, bytesIn: carried.bytesIn,
                                    stageSeconds: Array(repeating: 0, count: stageCount), ruleHits: RuleHitsText.parse(carried.ruleHitsText), encoding: carried.encoding)
        result.entry = entry
        result.carried = true
        result.resumed = carried.resumed
        result.ruleHitsText = carried.ruleHitsText
        if let signer, case .record(let line) = outcome, let (id, text) = RecordLine.idAndText(line) {
            result.dedup = signer.sign(text: text, id: id, source: carried.source)
        }
        return result
    }

    private func line(_ carried: CarriedDocument) -> [UInt8]? {
        guard let shard = carried.shard, carried.length > 0 else { return fail("no location for \(carried.source)") }
        if shard.hasSuffix(".jsonl") {
            guard let fd = descriptor(shard) else { return fail("cannot open \(directory)/\(shard)") }
            var bytes = [UInt8](repeating: 0, count: carried.length)
            var done = 0
            while done < carried.length {
                let n = bytes.withUnsafeMutableBytes { raw -> Int in
                    guard let base = raw.baseAddress else { return -1 }
                    return pread(fd, base + done, carried.length - done, off_t(carried.offset + done))
                }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return fail("cannot read \(directory)/\(shard) at \(carried.offset)") }
                done += n
            }
            guard bytes.last == 0x0A else { return fail("\(directory)/\(shard) does not hold a line at \(carried.offset)") }
            return bytes
        }
        return decompressed.withLock { cache -> [UInt8]? in
            if cache?.name != shard {
                guard let bytes = Self.decompress(directory + "/" + shard) else { return nil }
                cache = (shard, bytes)
            }
            guard let bytes = cache?.bytes, carried.offset + carried.length <= bytes.count else { return nil }
            return Array(bytes[carried.offset..<carried.offset + carried.length])
        } ?? fail("cannot decompress \(directory)/\(shard)")
    }

    private func fail(_ text: String) -> [UInt8]? {
        failureText.withLock { if $0 == nil { $0 = "incremental copy: " + text } }
        return nil
    }

    private func descriptor(_ shard: String) -> Int32? {
        files.withLock { files in
            if let fd = files[shard] { return fd }
            let fd = open(directory + "/" + shard, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            files[shard] = fd
            return fd
        }
    }

    static func decompress(_ path: String) -> [UInt8]? {
        guard let input = try? FileInput(path: path, progress: nil) else { return nil }
        let producer: any ByteProducer
        if path.hasSuffix(".zst") {
            guard let zstd = try? ZstdProducer(input: input) else { return nil }
            producer = zstd
        } else {
            producer = GzipProducer(input: input)
        }
        let stream = DecodedStream(producer: producer)
        var out: [UInt8] = []
        while stream.read(1 << 20, into: &out, within: nil) > 0 {}
        return stream.failure == nil ? out : nil
    }

    func close() {
        files.withLock { files in
            for fd in files.values { Foundation.close(fd) }
            files.removeAll()
        }
    }
}
