/// The run's `DocumentSource`: walks the discovered entries in order, yielding each document file as it
/// is and streaming the documents of each container (WARC, JSONL) one at a time. `next()` is called
/// under the scheduler's lock, so the readers need no locking of their own.
public final class ContainerSource: DocumentSource {
    public struct Settings: Sendable {
        public var maxDocumentBytes: Int
        public var jsonl: JSONLOptions
        /// `limits.max_container_rejects_per_reason`.
        public var maxRejectsPerReason: Int
        public init(maxDocumentBytes: Int, jsonl: JSONLOptions = JSONLOptions(), maxRejectsPerReason: Int = 1_000) {
            self.maxDocumentBytes = maxDocumentBytes
            self.jsonl = jsonl
            self.maxRejectsPerReason = maxRejectsPerReason
        }
    }

    private let entries: any InputEntryCursor
    private let settings: Settings
    /// Entries taken from `entries` so far.
    private var index = 0
    private var current: (any ContainerReader)?
    /// The current container's reject lines per reason, capped.
    private var cap = RejectCap(limit: 0)
    private let tally = SkipTally()
    /// `--incremental`: entries (by index) whose documents are carried from the previous generation;
    /// their files are not opened.
    private let carried: [Int: [CarriedDocument]]
    private var pendingCarried: ArraySlice<CarriedDocument> = []
    private var pendingEntry = -1
    private var pendingSource = ""
    /// Bytes of input files read so far against their total size (progress when the count is unknown).
    public let progress: InputProgress
    /// Documents handed out so far.
    public private(set) var yielded = 0
    /// Known in advance only when there is no container (or every container is carried).
    public let knownTotal: Int?

    public convenience init(entries: [InputEntry], settings: Settings, carried: [Int: [CarriedDocument]] = [:]) {
        var total = DocumentTotal()
        for (index, entry) in entries.enumerated() { total.add(entry, carried: carried[index]?.count) }
        self.init(cursor: ArrayEntryCursor(entries), settings: settings, carried: carried, knownTotal: total.value,
                  totalBytes: entries.reduce(0) { $0 + $1.size })
    }

    /// `cursor`: the entries in order; `knownTotal` and `totalBytes` as `DocumentTotal` and the sum of
    /// the entries' sizes give them (known before the entries are read).
    public init(cursor: any InputEntryCursor, settings: Settings, carried: [Int: [CarriedDocument]] = [:], knownTotal: Int?, totalBytes: Int) {
        entries = cursor
        self.settings = settings
        self.carried = carried
        self.knownTotal = knownTotal
        progress = InputProgress(totalBytes: totalBytes)
    }

    /// Records inside containers that are not documents (request, warcinfo, non-text, …), by reason.
    public var skippedRecords: [String: Int] { tally.counts }

    /// Container rejects over `limits.max_container_rejects_per_reason`, counted only, by reason.
    public var rejectsOverCap: [String: Int] { tally.overCap }

    /// Set when the list of entries could not be read to its end (the run must not look complete).
    public var failure: String? { entries.failure }

    public func next() -> InputItem? {
        while true {
            if let document = pendingCarried.popFirst() {
                var item = InputItem(path: pendingSource, source: document.source, kind: .html, gzipped: false, size: 0)
                item.entryIndex = pendingEntry
                item.carried = document
                yielded += 1
                return item
            }
            if let reader = current {
                if let next = reader.next() {
                    guard var item = cap.admit(next, tally: tally) else { continue }
                    item.entryIndex = index - 1
                    yielded += 1
                    return item
                }
                current = nil
            }
            guard let entry = entries.next() else { return nil }
            index += 1
            if let documents = carried[index - 1] {
                progress.add(entry.size)
                pendingCarried = documents[...]
                pendingEntry = index - 1
                pendingSource = entry.source
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
                    cap = RejectCap(limit: settings.maxRejectsPerReason)
                } catch {
                    var item = InputItem(path: file.path, source: file.source, kind: .html, gzipped: false, size: 0)
                    item.preRejected = ("load", (error as? RegularFile.Failure)?.reason ?? "input.unreadable", "\(error)")
                    item.entryIndex = index - 1
                    yielded += 1
                    return item
                }
            }
        }
    }

    private func makeReader(_ file: ContainerFile) throws -> any ContainerReader {
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

/// How many documents a list of entries yields, counted entry by entry: a document file is one, a
/// carried entry (`--incremental`) its carried documents, and a container that has to be read makes
/// the total unknown (nil) until it has been read.
public struct DocumentTotal: Sendable {
    public private(set) var value: Int? = 0

    public init() {}

    public mutating func add(_ entry: InputEntry, carried: Int?) {
        guard let total = value else { return }
        if let carried {
            value = total + carried
        } else if case .document = entry {
            value = total + 1
        } else {
            value = nil
        }
    }
}
