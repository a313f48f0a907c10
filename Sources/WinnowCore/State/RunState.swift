import Foundation

/// The identity of one discovered input (a document file or a container): size and modification time
/// from stat(2). Winnow treats an input whose size and mtime are unchanged as unchanged (no content
/// hash: hashing every byte would cost as much as reading it).
public struct InputIdentity: Sendable, Equatable {
    public var size: Int
    public var mtimeNanoseconds: Int

    public static func of(path: String) -> InputIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return InputIdentity(size: Int(info.st_size), mtimeNanoseconds: Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec))
    }
}

/// What the previous generation says about one document: its outcome and where its line lives.
public struct CarriedDocument: Sendable {
    public var source: String
    public var isRecord: Bool
    /// Record line: shard file, byte offset and length (uncompressed shards).
    public var shard: String?
    public var offset: Int
    public var length: Int
    /// Reject: its stage, reason and detail (the reject line is rebuilt byte-identically from them).
    public var stage: String?
    public var reason: String?
    public var detail: String?
    public var bytesIn: Int
    public var encoding: String?
    /// `rule_hits` as stored ("name=count" lines); parsed by the worker that copies the document.
    public var ruleHitsText: String
    /// Copied from the parked work of a stopped run (ResumePoint), not from the last generation.
    public var resumed = false
}

/// The previous generation's state, read from `OUTPUT/.winnow/state[-RRRRR].sqlite`.
public struct PreviousState: Sendable {
    public struct Input: Sendable {
        public var identity: InputIdentity
        public var complete: Bool
        public var documents: [CarriedDocument] = []
    }

    public var configHash: String
    public var winnowVersion: String
    public var inputs: [String: Input]

    public static func load(path: String) throws -> PreviousState? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let db = try SQLiteDatabase(path: path, readOnly: true)
        defer { db.close() }
        var meta: [String: String] = [:]
        let metaRows = try db.prepare("SELECT key, value FROM meta")
        while try metaRows.step() { if let key = metaRows.string(0) { meta[key] = metaRows.string(1) ?? "" } }
        var inputs: [String: Input] = [:]
        var sourceByEntry: [Int: String] = [:]
        let inputRows = try db.prepare("SELECT entry, source, size, mtime_ns, complete FROM inputs")
        while try inputRows.step() {
            guard let source = inputRows.string(1) else { continue }
            sourceByEntry[inputRows.int(0)] = source
            inputs[source] = Input(identity: InputIdentity(size: inputRows.int(2), mtimeNanoseconds: inputRows.int(3)), complete: inputRows.int(4) != 0)
        }
        let rows = try db.prepare("""
            SELECT entry, source, outcome, shard, offset, length, stage, reason, detail, bytes_in, encoding, rule_hits
            FROM documents ORDER BY seq
            """)
        while try rows.step() {
            guard let entrySource = sourceByEntry[rows.int(0)], let source = rows.string(1) else { continue }
            let document = CarriedDocument(
                source: source, isRecord: rows.string(2) == "record", shard: rows.string(3), offset: rows.int(4), length: rows.int(5),
                stage: rows.string(6), reason: rows.string(7), detail: rows.string(8), bytesIn: rows.int(9), encoding: rows.string(10),
                ruleHitsText: rows.string(11) ?? "")
            inputs[entrySource]?.documents.append(document)
        }
        return PreviousState(configHash: meta["config_hash"] ?? "", winnowVersion: meta["winnow_version"] ?? "", inputs: inputs)
    }
}

/// `rule_hits` column: "name=count" lines, sorted.
enum RuleHitsText {
    static func format(_ hits: [String: Int]) -> String {
        hits.keys.sorted().map { "\($0)=\(hits[$0] ?? 0)" }.joined(separator: "\n")
    }

    static func parse(_ text: String) -> [String: Int] {
        var hits: [String: Int] = [:]
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                var end = start
                var equals = -1
                while end < bytes.count && bytes[end] != 0x0A {
                    if bytes[end] == 0x3D { equals = end }
                    end += 1
                }
                if equals > start {
                    var count = 0
                    var valid = equals + 1 < end
                    for i in (equals + 1)..<end {
                        guard bytes[i] >= 0x30 && bytes[i] <= 0x39 else { valid = false; break }
                        count = count &* 10 &+ Int(bytes[i] - 0x30)
                    }
                    if valid { hits[String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<equals]), as: UTF8.self)] = count }
                }
                start = end + 1
            }
        }
        return hits
    }
}

/// Writes the new generation's state database in the staging directory, from the ordered writer (one
/// thread): one row per input (identity, complete) and one per document (outcome, where its line is),
/// in a transaction per shard commit. The file is renamed into `.winnow/` with the rest of the
/// generation, so the state always describes the files in OUTPUT.
final class StateWriter {
    private let db: SQLiteDatabase
    private let insertInput: SQLiteStatement
    private let insertDocument: SQLiteStatement
    let configHash: String
    private var sequence = 0
    private let path: String

    init(path: String, configHash: String, layout: TaskLayout) throws {
        self.path = path
        self.configHash = configHash
        unlink(path)
        db = try SQLiteDatabase(path: path)
        // The file lives in staging: a crash discards it whole, so no journal is needed.
        try db.exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
        try db.exec("""
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE inputs(
              entry INTEGER PRIMARY KEY,      -- position in the task's sorted input list
              source TEXT NOT NULL UNIQUE,    -- the input's name (a file, or a WARC/JSONL container)
              path TEXT NOT NULL,
              size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,   -- identity
              complete INTEGER NOT NULL       -- 0: the run stopped inside this input
            );
            CREATE TABLE documents(
              seq INTEGER PRIMARY KEY,        -- output order
              entry INTEGER NOT NULL,         -- the input it came from
              source TEXT NOT NULL,           -- the record's source (FILE or FILE#offset)
              config_hash TEXT NOT NULL, winnow_version TEXT NOT NULL,
              outcome TEXT NOT NULL,          -- record | reject
              shard TEXT, offset INTEGER NOT NULL, length INTEGER NOT NULL,  -- record line location
              stage TEXT, reason TEXT, detail TEXT,                          -- reject
              bytes_in INTEGER NOT NULL, encoding TEXT, rule_hits TEXT NOT NULL
            );
            """)
        let meta = try db.prepare("INSERT INTO meta(key, value) VALUES (?, ?)")
        for (key, value) in [("config_hash", configHash), ("winnow_version", WinnowVersion.current), ("format", "1"),
                             ("tasks", layout.tasks.map(String.init) ?? ""), ("rank", String(layout.rank))] {
            meta.bind(1, key); meta.bind(2, value); try meta.run()
        }
        insertInput = try db.prepare("INSERT INTO inputs(entry, source, path, size, mtime_ns, complete) VALUES (?, ?, ?, ?, ?, ?)")
        insertDocument = try db.prepare("""
            INSERT INTO documents(seq, entry, source, config_hash, winnow_version, outcome, shard, offset, length, stage, reason, detail, bytes_in, encoding, rule_hits)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try db.exec("BEGIN")
    }

    func addInput(entry: Int, source: String, path: String, identity: InputIdentity, complete: Bool) throws {
        insertInput.bind(1, entry); insertInput.bind(2, source); insertInput.bind(3, path)
        insertInput.bind(4, identity.size); insertInput.bind(5, identity.mtimeNanoseconds); insertInput.bind(6, complete ? 1 : 0)
        try insertInput.run()
    }

    func addDocument(_ result: DocumentResult, location: (shard: String, offset: Int, length: Int)?) throws {
        let s = insertDocument
        s.bind(1, sequence); s.bind(2, result.entry); s.bind(3, result.source); s.bind(4, configHash); s.bind(5, WinnowVersion.current)
        switch result.outcome {
        case .record:
            s.bind(6, "record"); s.bind(7, location?.shard); s.bind(8, location?.offset ?? 0); s.bind(9, location?.length ?? 0)
        case .reject(let stage, let reason, let detail):
            s.bind(6, "reject"); s.bind(7, nil as String?); s.bind(8, 0); s.bind(9, 0)
            s.bind(10, stage); s.bind(11, reason); s.bind(12, detail)
        }
        s.bind(13, result.bytesIn); s.bind(14, result.encoding); s.bind(15, result.ruleHitsText ?? RuleHitsText.format(result.ruleHits))
        try s.run()
        sequence += 1
    }

    /// Ends the current transaction and starts the next (called when a shard is committed).
    func checkpoint() throws {
        try db.exec("COMMIT; BEGIN")
    }

    /// Commits, closes and fsyncs the file.
    func finish() throws {
        try db.exec("COMMIT")
        db.close()
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    func discard() {
        db.close()
        unlink(path)
    }
}
