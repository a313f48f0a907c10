/// The run's `DocumentSource`: walks the discovered entries in order, yielding each document file as it
/// is and streaming the documents of each container (WARC, JSONL) one at a time. `next()` is called
/// under the scheduler's lock, so the readers need no locking of their own.
public final class ContainerSource: DocumentSource {
    public struct Settings: Sendable {
        public var maxDocumentBytes: Int
        public var jsonl: JSONLOptions
        public init(maxDocumentBytes: Int, jsonl: JSONLOptions = JSONLOptions()) {
            self.maxDocumentBytes = maxDocumentBytes
            self.jsonl = jsonl
        }
    }

    private let entries: [InputEntry]
    private let settings: Settings
    private var index = 0
    private var current: (any ContainerReader)?
    private let tally = SkipTally()
    private let hasContainers: Bool
    /// `--incremental`: entries (by index) whose documents are carried from the previous generation;
    /// their files are not opened.
    private let carried: [Int: [CarriedDocument]]
    private var pendingCarried: ArraySlice<CarriedDocument> = []
    private var pendingEntry = -1
    /// Bytes of input files read so far against their total size (progress when the count is unknown).
    public let progress: InputProgress
    /// Documents handed out so far.
    public private(set) var yielded = 0

    public init(entries: [InputEntry], settings: Settings, carried: [Int: [CarriedDocument]] = [:]) {
        self.entries = entries
        self.settings = settings
        self.carried = carried
        hasContainers = entries.contains { if case .container = $0 { return true } else { return false } }
        progress = InputProgress(totalBytes: entries.reduce(0) { $0 + $1.size })
    }

    /// Records inside containers that are not documents (request, warcinfo, non-text, …), by reason.
    public var skippedRecords: [String: Int] { tally.counts }

    /// Known in advance only when there is no container.
    public var knownTotal: Int? {
        if carried.isEmpty { return hasContainers ? nil : entries.count }
        var total = 0
        for (index, entry) in entries.enumerated() {
            if let documents = carried[index] {
                total += documents.count
            } else if case .document = entry {
                total += 1
            } else {
                return nil
            }
        }
        return total
    }

    public func next() -> InputItem? {
        while true {
            if let document = pendingCarried.popFirst() {
                var item = InputItem(path: entries[pendingEntry].source, source: document.source, kind: .html, gzipped: false, size: 0)
                item.entryIndex = pendingEntry
                item.carried = document
                yielded += 1
                return item
            }
            if let reader = current {
                if var item = reader.next() {
                    item.entryIndex = index - 1
                    yielded += 1
                    return item
                }
                current = nil
            }
            guard index < entries.count else { return nil }
            let entry = entries[index]
            index += 1
            if let documents = carried[index - 1] {
                progress.add(entry.size)
                pendingCarried = documents[...]
                pendingEntry = index - 1
                continue
            }
            switch entry {
            case .document(var item):
                progress.add(item.size)
                item.entryIndex = index - 1
                yielded += 1
                return item
            case .container(let file):
                do {
                    current = try makeReader(file)
                } catch {
                    var item = InputItem(path: file.path, source: file.source, kind: .html, gzipped: false, size: 0)
                    item.preRejected = ("load", "input.unreadable", error.description)
                    item.entryIndex = index - 1
                    yielded += 1
                    return item
                }
            }
        }
    }

    private func makeReader(_ file: ContainerFile) throws(StreamFailure) -> any ContainerReader {
        let input = try FileInput(path: file.path, progress: progress)
        // The name says compressed, the bytes decide: a plain file misnamed `.gz`/`.zst` is read as it is.
        var compression = file.format.compression
        _ = input.fill(atLeast: 4)
        if input.available >= 4 {
            let head = Array(input.buffer[input.start..<input.start + 4])
            let gzip = head[0] == 0x1F && head[1] == 0x8B
            let zstd = head == [0x28, 0xB5, 0x2F, 0xFD]
            if compression != .none && !gzip && !zstd && (head == Array("WARC".utf8) || head[0] == UInt8(ascii: "{")) { compression = .none }
            if compression == .zstd && gzip { compression = .gzip }
            if compression == .gzip && zstd { compression = .zstd }
        }
        let producer: any ByteProducer
        switch compression {
        case .none: producer = PlainProducer(input: input)
        case .gzip: producer = GzipProducer(input: input)
        case .zstd: producer = try ZstdProducer(input: input)
        }
        let stream = DecodedStream(producer: producer)
        switch file.format.kind {
        case .warc:
            return WARCReader(file: file, stream: stream, maxBytes: settings.maxDocumentBytes, tally: tally, seekable: compression == .none)
        case .jsonl:
            return JSONLReader(file: file, stream: stream, options: settings.jsonl, maxBytes: settings.maxDocumentBytes, tally: tally)
        }
    }
}
