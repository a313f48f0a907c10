import Foundation

/// The dedup index of one output task, `OUTPUT/.winnow/dedup[-RRRRR].sqlite`: every key (exact text,
/// MinHash band) of every document kept so far, in every generation, with the kept document that owns
/// it. It lives on disk (SQLite pages, a bounded cache) so a run's memory stays flat as the corpus
/// grows; lookups are by 64-bit integer primary key.
///
/// Crash safety without copying the index per generation: each run writes its rows tagged with its
/// generation number and records that number as `open`; the manifest of the generation it commits
/// names it (`dedup_generation`). The next run of the task compares the two: the manifest names the
/// open generation → it was committed; it does not → the run died before its commit point and its
/// rows are deleted. Readers of another output only see rows up to that output's manifest.
final class DedupIndex {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let path: String
    private let db: SQLiteDatabase
    /// The generation this run writes (writable index), or the highest visible one (read-only).
    let generation: Int
    private let readOnly: Bool
    private let selectKey: SQLiteStatement
    private let selectRoot: SQLiteStatement
    private var writes: Writes?
    /// Set when the index had been built under other dedup settings and was emptied.
    private(set) var wasReset = false

    /// Statements of a writable index.
    private struct Writes {
        let insertKey: SQLiteStatement
        let insertRoot: SQLiteStatement
        let insertMember: SQLiteStatement
        let insertRunMember: SQLiteStatement
    }

    private static let schema = """
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        -- k: an exact-text or band key; owner: the kept document (roots.doc) it leads to.
        CREATE TABLE IF NOT EXISTS keys(k INTEGER PRIMARY KEY, owner INTEGER NOT NULL, gen INTEGER NOT NULL);
        -- Kept documents (cluster roots): doc is a hash of the record's source.
        CREATE TABLE IF NOT EXISTS roots(doc INTEGER PRIMARY KEY, id TEXT NOT NULL, gen INTEGER NOT NULL);
        -- Removed documents and the root of their cluster.
        CREATE TABLE IF NOT EXISTS members(doc INTEGER PRIMARY KEY, owner INTEGER NOT NULL, reason TEXT NOT NULL, gen INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS members_owner ON members(owner);
        """

    /// Opens (or creates) the task's index for a run: settles a previous run's open generation against
    /// `committedGeneration` (the current manifest's `dedup_generation`) and opens the next one.
    static func openForRun(path: String, parameters: String, committedGeneration: Int?) throws -> DedupIndex {
        let db = try SQLiteDatabase(path: path)
        try db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16384; PRAGMA temp_store=FILE;")
        try db.exec(schema)
        try db.exec("BEGIN IMMEDIATE")
        var meta = try readMeta(db)
        var reset = false
        if let stored = meta["parameters"], stored != parameters {
            // Keys made under other settings (shingles, bands, seed, normalisation) mean nothing now.
            try db.exec("DELETE FROM keys; DELETE FROM roots; DELETE FROM members; DELETE FROM meta;")
            meta = [:]
            reset = true
        }
        var committed = Int(meta["committed"] ?? "") ?? 0
        if let open = meta["open"].flatMap({ Int($0) }) {
            if committedGeneration == open {
                committed = open
            } else {
                try db.exec("DELETE FROM keys WHERE gen = \(open); DELETE FROM roots WHERE gen = \(open); DELETE FROM members WHERE gen = \(open);")
            }
        }
        let generation = max(committed, committedGeneration ?? 0) + 1
        try writeMeta(db, ["parameters": parameters, "committed": String(committed), "open": String(generation), "format": "1"])
        try db.exec("COMMIT")
        try db.exec("CREATE TEMP TABLE run_members(doc INTEGER PRIMARY KEY, owner INTEGER NOT NULL); BEGIN")
        let index = try DedupIndex(db: db, path: path, generation: generation, readOnly: false)
        index.wasReset = reset
        return index
    }

    /// Another output's index (`--dedup-against`), read-only, rows up to `visibleGeneration`.
    static func openReadOnly(path: String, parameters: String, visibleGeneration: Int) throws -> DedupIndex {
        let db = try SQLiteDatabase(path: path, readOnly: true)
        try db.exec("PRAGMA cache_size=-8192")
        let meta = try readMeta(db)
        guard meta["parameters"] == parameters else {
            throw Failure(description: "\(path) was built with other dedup settings (\(meta["parameters"] ?? "none")); this config has \(parameters)")
        }
        return try DedupIndex(db: db, path: path, generation: visibleGeneration, readOnly: true)
    }

    private init(db: SQLiteDatabase, path: String, generation: Int, readOnly: Bool) throws {
        self.db = db
        self.path = path
        self.generation = generation
        self.readOnly = readOnly
        selectKey = try db.prepare("SELECT owner FROM keys WHERE k = ? AND gen <= ?")
        selectRoot = try db.prepare("SELECT id FROM roots WHERE doc = ?")
        if !readOnly {
            writes = Writes(
                insertKey: try db.prepare("INSERT OR IGNORE INTO keys(k, owner, gen) VALUES (?, ?, ?)"),
                insertRoot: try db.prepare("INSERT OR IGNORE INTO roots(doc, id, gen) VALUES (?, ?, ?)"),
                insertMember: try db.prepare("INSERT OR IGNORE INTO members(doc, owner, reason, gen) VALUES (?, ?, ?, ?)"),
                insertRunMember: try db.prepare("INSERT OR IGNORE INTO temp.run_members(doc, owner) VALUES (?, ?)"))
        }
    }

    private static func readMeta(_ db: SQLiteDatabase) throws -> [String: String] {
        var meta: [String: String] = [:]
        let rows = try db.prepare("SELECT key, value FROM meta")
        while try rows.step() { if let key = rows.string(0) { meta[key] = rows.string(1) ?? "" } }
        return meta
    }

    private static func writeMeta(_ db: SQLiteDatabase, _ values: [String: String]) throws {
        let statement = try db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)")
        for key in values.keys.sorted() {
            statement.bind(1, key); statement.bind(2, values[key]); try statement.run()
        }
    }

    // MARK: lookups

    func owner(of key: Int64) throws -> Int64? {
        defer { selectKey.reset() }
        selectKey.bind(1, Int(key)); selectKey.bind(2, generation)
        return try selectKey.step() ? Int64(selectKey.int(0)) : nil
    }

    func id(of root: Int64) throws -> String? {
        defer { selectRoot.reset() }
        selectRoot.bind(1, Int(root))
        return try selectRoot.step() ? selectRoot.string(0) : nil
    }

    /// How many documents were removed as copies of `root` so far (all visible generations).
    func members(of root: Int64) throws -> Int {
        let count = try db.prepare("SELECT COUNT(*) FROM members WHERE owner = ? AND gen <= ?")
        count.bind(1, Int(root)); count.bind(2, generation)
        _ = try count.step()
        return count.int(0)
    }

    // MARK: writes (this run's generation)

    func insert(key: Int64, owner: Int64) throws {
        guard let writes else { return }
        writes.insertKey.bind(1, Int(key)); writes.insertKey.bind(2, Int(owner)); writes.insertKey.bind(3, generation)
        try writes.insertKey.run()
    }

    func addRoot(_ doc: Int64, id: String) throws {
        guard let writes else { return }
        writes.insertRoot.bind(1, Int(doc)); writes.insertRoot.bind(2, id); writes.insertRoot.bind(3, generation)
        try writes.insertRoot.run()
    }

    func addMember(_ doc: Int64, owner: Int64, reason: String) throws {
        guard let writes else { return }
        let s = writes.insertMember
        s.bind(1, Int(doc)); s.bind(2, Int(owner)); s.bind(3, reason); s.bind(4, generation)
        try s.run()
        writes.insertRunMember.bind(1, Int(doc)); writes.insertRunMember.bind(2, Int(owner))
        try writes.insertRunMember.run()
    }

    /// Ends the current transaction and starts the next: keeps the WAL short during long runs.
    func checkpoint() throws {
        guard writes != nil else { return }
        try db.exec("COMMIT; BEGIN")
    }

    /// This run's clusters: size (the kept document plus the copies this run removed) → count.
    func runClusterSizes() throws -> [Int: Int] {
        let rows = try db.prepare("SELECT size, COUNT(*) FROM (SELECT COUNT(*) + 1 AS size FROM temp.run_members GROUP BY owner) GROUP BY size")
        var sizes: [Int: Int] = [:]
        while try rows.step() { sizes[rows.int(0)] = rows.int(1) }
        return sizes
    }

    /// Documents kept in the index (all generations up to this one).
    func rootCount() throws -> Int {
        let rows = try db.prepare("SELECT COUNT(*) FROM roots WHERE gen <= ?")
        rows.bind(1, generation)
        _ = try rows.step()
        return rows.int(0)
    }

    /// Makes this run's rows durable; call before the generation's commit point.
    func finishRun() throws {
        guard writes != nil else { return }
        try db.exec("COMMIT")
        // Every commit so far went to the WAL unsynced (synchronous=NORMAL): a full checkpoint
        // syncs them into the database file.
        try db.exec("PRAGMA synchronous=FULL; PRAGMA wal_checkpoint(FULL);")
    }

    /// After the generation was committed: its rows become the committed state.
    func markCommitted() throws {
        guard writes != nil else { return }
        try db.exec("BEGIN; UPDATE meta SET value = '\(generation)' WHERE key = 'committed'; DELETE FROM meta WHERE key = 'open'; COMMIT;")
        close()
    }

    /// The run failed: the open transaction is dropped. Rows already checkpointed stay tagged with the
    /// open generation; the next run keeps them only if the manifest names it (a commit that failed
    /// after its commit point is rolled forward), else deletes them.
    func abandon() {
        if writes != nil { try? db.exec("ROLLBACK") }
        close()
    }

    /// Closes the connection; a writable index goes back to a plain file (no -wal, -shm) so that it can
    /// be read from a read-only mount by `--dedup-against`.
    func close() {
        if writes != nil {
            try? db.exec("PRAGMA journal_mode=DELETE")
            writes = nil
        }
        db.close()
    }
}

extension TaskLayout {
    /// Relative to the output directory.
    public var dedupIndexPath: String { ".winnow/dedup\(suffix).sqlite" }
}
