/// The discovered inputs of a run, in input order, kept in a private temporary SQLite database instead
/// of in memory, so that a run's memory does not grow with the number of inputs: SQLite holds at most
/// its page cache (`cacheKiB`) and spills the rest to an anonymous temporary file (under
/// `$SQLITE_TMPDIR`, `$TMPDIR` or `/var/tmp`; already unlinked, so a killed run leaves nothing). Held in
/// memory, 200,000 inputs took about 160 MB (an `InputEntry` is ~320 bytes, plus its path and source
/// strings and the de-duplication sets); on disk they take ~50 MB of the temporary file and no RSS.
///
/// The table also answers discovery's two questions without keeping every path: was this file (device
/// and inode) seen already (a duplicate), and does another input already have this `source` (a usage
/// error). Rows are numbered in input order (`seq`, 0-based); a rank's entries are those with
/// `seq % tasks == rank` (`TaskLayout.partition`), read back in order by a `Cursor`.
public final class InputTable: @unchecked Sendable {
    /// SQLite's page cache for the table, in KiB (SQLite's default size).
    static let cacheKiB = 2000

    private let db: SQLiteDatabase
    private var insert: SQLiteStatement?
    private var findIdentity: SQLiteStatement?
    private var findSource: SQLiteStatement?
    /// Entries added (all ranks).
    public private(set) var count = 0
    /// Files not read, by extension ("(none)" for names without one).
    public internal(set) var skipped: [String: Int] = [:]
    /// The same file reached twice (listed and inside a listed directory, say), read once.
    public internal(set) var duplicates = 0
    /// Directories that could not be listed (EACCES, a path too long), counted and reported.
    public internal(set) var unreadableDirectories = UnreadableDirectories()
    /// Winnow output directories (holding `.winnow/`) below an input directory, left out.
    public internal(set) var outputDirectories = 0

    init() throws {
        // Serialized: during a run the document source and the ordered writer each read the table
        // through their own cursor, on different threads.
        db = try SQLiteDatabase(path: "", serialized: true, name: "(discovered inputs)")
        try db.exec("""
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-\(InputTable.cacheKiB);
            CREATE TABLE entries(
              seq INTEGER PRIMARY KEY,          -- input order
              identity TEXT NOT NULL UNIQUE,    -- "device:inode", or the standardized path when stat fails
              source TEXT NOT NULL UNIQUE,
              path TEXT NOT NULL,
              kind INTEGER NOT NULL,            -- InputTable.code(_:)
              size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL
            );
            BEGIN;
            """)
        insert = try db.prepare("INSERT INTO entries(seq, identity, source, path, kind, size, mtime_ns) VALUES (?, ?, ?, ?, ?, ?, ?)")
        findIdentity = try db.prepare("SELECT 1 FROM entries WHERE identity = ?")
        findSource = try db.prepare("SELECT path FROM entries WHERE source = ?")
    }

    public enum Added: Equatable {
        case added
        /// A file with this identity is in the table already.
        case duplicate
        /// Another input (at `path`) has this source already.
        case collision(path: String)
    }

    /// Adds `entry` (file `identity`) at the end, unless its file or its source is there already.
    func add(_ entry: InputEntry, identity: String) throws -> Added {
        guard let insert, let findIdentity, let findSource else { throw SQLiteDatabase.Failure(description: "input table is closed") }
        findIdentity.bind(1, identity)
        let seen = try findIdentity.step()
        findIdentity.reset()
        if seen { return .duplicate }
        findSource.bind(1, entry.source)
        let other = try findSource.step() ? findSource.string(0) ?? "" : nil
        findSource.reset()
        if let other { return .collision(path: other) }
        let identityValue = entry.identity
        insert.bind(1, count); insert.bind(2, identity); insert.bind(3, entry.source); insert.bind(4, entry.path)
        insert.bind(5, InputTable.code(entry)); insert.bind(6, identityValue.size); insert.bind(7, identityValue.mtimeNanoseconds)
        try insert.run()
        count += 1
        return .added
    }

    /// Ends discovery: commits the rows (they are only read from now on).
    func finish() throws {
        insert = nil
        findIdentity = nil
        findSource = nil
        try db.exec("COMMIT")
    }

    /// One rank's entries: how many, how many are containers, and their total size in bytes.
    public struct Summary: Sendable, Equatable {
        public var entries = 0
        public var containers = 0
        public var bytes = 0
    }

    public func summary(layout: TaskLayout = TaskLayout()) throws -> Summary {
        let statement = try db.prepare("SELECT count(*), coalesce(sum(kind >= 8), 0), coalesce(sum(size), 0) FROM entries WHERE seq % ?1 = ?2")
        statement.bind(1, layout.tasks.map { max(1, $0) } ?? 1)
        statement.bind(2, layout.tasks.map { $0 > 1 ? layout.rank : 0 } ?? 0)
        guard try statement.step() else { return Summary() }
        return Summary(entries: statement.int(0), containers: statement.int(1), bytes: statement.int(2))
    }

    /// Reads one rank's entries in input order (all of them unranked): entry i of the rank is the
    /// table's row `i * tasks + rank`, as `TaskLayout.partition` picks them from a list.
    public func cursor(layout: TaskLayout = TaskLayout()) throws -> Cursor {
        let statement = try db.prepare("SELECT source, path, kind, size, mtime_ns FROM entries WHERE seq % ?1 = ?2 ORDER BY seq")
        statement.bind(1, layout.tasks.map { max(1, $0) } ?? 1)
        statement.bind(2, layout.tasks.map { $0 > 1 ? layout.rank : 0 } ?? 0)
        return Cursor(table: self, statement: statement)
    }

    /// Entries of one rank, in order, read from the table one at a time. Used by one thread at a time.
    public final class Cursor: InputEntryCursor, @unchecked Sendable {
        private let table: InputTable // keeps the database open
        private var statement: SQLiteStatement?
        /// Set when reading the table failed: the entries seen so far are not all of them.
        public private(set) var failure: String?

        init(table: InputTable, statement: SQLiteStatement) {
            self.table = table
            self.statement = statement
        }

        public func next() -> InputEntry? {
            guard let statement else { return nil }
            do {
                guard try statement.step() else { self.statement = nil; return nil }
                return InputTable.entry(code: statement.int(2), path: statement.string(1) ?? "", source: statement.string(0) ?? "",
                                        size: statement.int(3), mtimeNanoseconds: statement.int(4))
            } catch {
                failure = "cannot read the list of inputs: \(error)"
                self.statement = nil
                return nil
            }
        }
    }

    /// `kind` column: documents 0–3 (html, text; +2 gzipped), 4/5 a file/directory whose name is not
    /// UTF-8 (a reject), 6 a listed path that does not exist (a reject), containers 8 + 4 × kind + compression.
    static func code(_ entry: InputEntry) -> Int {
        switch entry {
        case .document(let item):
            if let rejected = item.preRejected, rejected.reason == NameNotUTF8.reason { return rejected.detail == NameNotUTF8.directoryDetail ? 5 : 4 }
            if item.preRejected?.reason == ListedPathMissing.reject.reason { return 6 }
            return (item.kind == .html ? 0 : 1) + (item.gzipped ? 2 : 0)
        case .container(let file):
            let kind = file.format.kind == .warc ? 0 : 1
            let compression = switch file.format.compression { case .none: 0; case .gzip: 1; case .zstd: 2 }
            return 8 + 4 * kind + compression
        }
    }

    static func entry(code: Int, path: String, source: String, size: Int, mtimeNanoseconds: Int) -> InputEntry {
        if code == 6 {
            var item = InputItem(path: path, source: source, kind: .html, gzipped: false, size: size)
            item.preRejected = ListedPathMissing.reject
            return .document(item)
        }
        if code == 4 || code == 5 {
            var item = InputItem(path: path, source: source, kind: .html, gzipped: false, size: size)
            item.preRejected = NameNotUTF8.reject(isDirectory: code == 5)
            return .document(item)
        }
        if code < 8 {
            var item = InputItem(path: path, source: source, kind: code & 1 == 0 ? .html : .text, gzipped: code & 2 != 0, size: size)
            item.mtimeNanoseconds = mtimeNanoseconds
            return .document(item)
        }
        let compression: ContainerFormat.Compression = switch (code - 8) % 4 { case 0: .none; case 1: .gzip; default: .zstd }
        var file = ContainerFile(path: path, source: source,
                                 format: ContainerFormat(kind: (code - 8) / 4 == 0 ? .warc : .jsonl, compression: compression), size: size)
        file.mtimeNanoseconds = mtimeNanoseconds
        return .container(file)
    }
}

/// Discovered entries read once, in order (from an `InputTable`, or from an array).
public protocol InputEntryCursor: AnyObject {
    /// The next entry; nil at the end, or when reading failed (then `failure` says why).
    func next() -> InputEntry?
    var failure: String? { get }
}

/// An array of entries as a cursor.
public final class ArrayEntryCursor: InputEntryCursor, @unchecked Sendable {
    private let entries: [InputEntry]
    private var position = 0

    public init(_ entries: [InputEntry]) { self.entries = entries }

    public var failure: String? { nil }

    public func next() -> InputEntry? {
        guard position < entries.count else { return nil }
        position += 1
        return entries[position - 1]
    }
}
