import CSQLite

/// A small wrapper over the SQLite C API (Debian libsqlite3): open, exec, prepared statements. One
/// connection is used by one thread at a time (the ordered writer, or the run's set-up code), unless
/// it is opened `serialized` (SQLite's own mutex then serializes every call on it).
final class SQLiteDatabase {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private var handle: OpaquePointer?
    /// The file, as named in error messages.
    let path: String

    /// `path` "" opens a private temporary database: SQLite keeps it in its page cache and spills
    /// pages beyond `cache_size` to an anonymous file (already unlinked, so nothing is left behind).
    /// `name` replaces the path in error messages.
    init(path: String, readOnly: Bool = false, serialized: Bool = false, name: String? = nil) throws {
        self.path = name ?? path
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        var db: OpaquePointer?
        let status = sqlite3_open_v2(path, &db, flags | (serialized ? SQLITE_OPEN_FULLMUTEX : SQLITE_OPEN_NOMUTEX), nil)
        guard status == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "error \(status)"
            if let db { sqlite3_close(db) }
            throw Failure(description: "cannot open \(self.path): \(message)")
        }
        handle = db
        sqlite3_busy_timeout(db, 5000)
    }

    deinit { close() }

    func close() {
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    var lastError: String { handle.map { String(cString: sqlite3_errmsg($0)) } ?? "closed" }

    func exec(_ sql: String) throws {
        guard let handle else { throw Failure(description: "\(path): database is closed") }
        var error: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &error) != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? lastError
            sqlite3_free(error)
            throw Failure(description: "\(path): \(message) (in: \(sql.prefix(60)))")
        }
    }

    func prepare(_ sql: String) throws -> SQLiteStatement {
        guard let handle else { throw Failure(description: "\(path): database is closed") }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw Failure(description: "\(path): \(lastError) (in: \(sql.prefix(60)))")
        }
        return SQLiteStatement(statement, database: self)
    }
}

/// A prepared statement: bind by 1-based index, step, read columns by 0-based index, reset.
final class SQLiteStatement {
    private let statement: OpaquePointer
    private unowned let database: SQLiteDatabase

    init(_ statement: OpaquePointer, database: SQLiteDatabase) {
        self.statement = statement
        self.database = database
    }

    deinit { sqlite3_finalize(statement) }

    func bind(_ index: Int32, _ value: Int) { sqlite3_bind_int64(statement, index, Int64(value)) }
    func bind(_ index: Int32, _ value: String?) {
        if let value {
            sqlite3_bind_text(statement, index, value, -1, winnow_sqlite_transient())
        } else {
            sqlite3_bind_null(statement, index)
        }
    }

    /// True while there is a row to read; false when done. Throws on errors.
    @discardableResult
    func step() throws -> Bool {
        let status = sqlite3_step(statement)
        if status == SQLITE_ROW { return true }
        if status == SQLITE_DONE { return false }
        throw SQLiteDatabase.Failure(description: "\(database.path): \(database.lastError)")
    }

    func reset() {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }

    /// Runs an insert/update once with the bindings already set, then resets.
    func run() throws {
        defer { reset() }
        try step()
    }

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(statement, column)) }
    func string(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: text)
    }
}
