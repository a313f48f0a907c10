import Foundation

/// Turns the command line's INPUT arguments and `--input-list` into a sorted, de-duplicated list of
/// entries: document files (`InputItem`) and containers (`.warc`, `.warc.gz`, `.jsonl`, `.jsonl.gz`,
/// `.jsonl.zst`) whose documents are read later, as a stream. Directories are walked recursively in
/// byte order of names; hidden entries (".x") are not entered. Files with other extensions are
/// skipped and counted by extension. The list is kept in an `InputTable` (on disk, not in memory).
public struct InputDiscovery {
    public enum Failure: Error, CustomStringConvertible, Sendable {
        case missing(String)
        case unreadableList(String)
        case sourceCollision(String, String, source: String)
        /// The temporary table of discovered inputs could not be written or read.
        case storage(String)

        public var description: String {
            switch self {
            case .missing(let path): return "input not found: \(path)"
            case .unreadableList(let path): return "cannot read the input list \(path)"
            case .sourceCollision(let a, let b, let source):
                return "two inputs would share the source name '\(source)': \(a) and \(b); give their parent directory instead"
            case .storage(let message): return "cannot keep the list of inputs: \(message)"
            }
        }
    }

    public struct Result: Sendable {
        /// Everything to read, in input order: document files and containers (WARC, JSONL).
        public var entries: [InputEntry] = []
        /// The document files among `entries` (containers left out).
        public var items: [InputItem] {
            entries.compactMap { entry in
                if case .document(let item) = entry { return item }
                return nil
            }
        }
        /// The container files among `entries`.
        public var containers: [ContainerFile] {
            entries.compactMap { entry in
                if case .container(let file) = entry { return file }
                return nil
            }
        }
        /// Files not read, by extension ("(none)" for names without one).
        public var skipped: [String: Int] = [:]
        /// The same file reached twice (listed and inside a listed directory, say), read once.
        public var duplicates = 0
        /// Directories that could not be listed.
        public var unreadableDirectories = UnreadableDirectories()
        /// Winnow output directories found below an input directory, not read.
        public var outputDirectories = 0
    }

    public init() {}

    /// `roots`: files or directories from the command line. `listPath`: a file of paths, one a line,
    /// or "-" for standard input; its paths are their own roots (source = the path as written).
    /// The whole list in memory (for `winnow bench`, `rules diff` and tests); `winnow run` reads
    /// `discoverTable` instead, whose entries stay on disk.
    public func discover(roots: [String], listPath: String? = nil) throws -> Result {
        let table = try discoverTable(roots: roots, listPath: listPath)
        var result = Result()
        result.skipped = table.skipped
        result.duplicates = table.duplicates
        result.unreadableDirectories = table.unreadableDirectories
        result.outputDirectories = table.outputDirectories
        let cursor: InputTable.Cursor
        do { cursor = try table.cursor() } catch { throw Failure.storage("\(error)") }
        while let entry = cursor.next() { result.entries.append(entry) }
        if let failure = cursor.failure { throw Failure.storage(failure) }
        return result
    }

    /// The same discovery, into an `InputTable`: entries are written to a temporary database as they
    /// are found and directories are listed one at a time, so memory does not grow with the number of
    /// inputs (only with the number of names in the largest directory).
    public func discoverTable(roots: [String], listPath: String? = nil) throws -> InputTable {
        let table: InputTable
        do { table = try InputTable() } catch { throw Failure.storage("\(error)") }

        func add(path: String, source: String, name: String) throws {
            let container = ContainerFormat.classify(name)
            let document = container == nil ? InputItem.classify(name) : nil
            guard container != nil || document != nil else {
                let ext = (name as NSString).pathExtension.lowercased()
                table.skipped[ext.isEmpty ? "(none)" : ext, default: 0] += 1
                return
            }
            // The same file reached twice: same device and inode (stat follows symlinks); one stat per file.
            var info = stat()
            let found = stat(path, &info) == 0
            let identity = found ? "\(info.st_dev):\(info.st_ino)" : URL(fileURLWithPath: path).standardizedFileURL.path
            let size = found ? Int(info.st_size) : 0
            let mtime = found ? Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec) : 0
            let entry: InputEntry
            if let container {
                var file = ContainerFile(path: path, source: source, format: container, size: size)
                file.mtimeNanoseconds = mtime
                entry = .container(file)
            } else if let (kind, gzipped) = document {
                var item = InputItem(path: path, source: source, kind: kind, gzipped: gzipped, size: size)
                item.mtimeNanoseconds = mtime
                entry = .document(item)
            } else {
                return
            }
            let added: InputTable.Added
            do { added = try table.add(entry, identity: identity) } catch { throw Failure.storage("\(error)") }
            switch added {
            case .added: break
            case .duplicate: table.duplicates += 1
            case .collision(let other): throw Failure.sourceCollision(other, path, source: source)
            }
        }

        /// A name that is not valid UTF-8 cannot be opened through a `String` path: it becomes a reject
        /// (`input.name_not_utf8`) under its escaped name instead of vanishing.
        func addBadName(source: String, isDirectory: Bool) throws {
            let name = (source as NSString).lastPathComponent
            if !isDirectory && ContainerFormat.classify(name) == nil && InputItem.classify(name) == nil {
                let ext = (name as NSString).pathExtension.lowercased()
                table.skipped[ext.isEmpty ? "(none)" : ext, default: 0] += 1
                return
            }
            var item = InputItem(path: "", source: source, kind: .html, gzipped: false, size: 0)
            item.preRejected = NameNotUTF8.reject(isDirectory: isDirectory)
            let added: InputTable.Added
            do { added = try table.add(.document(item), identity: "badname:" + source) } catch { throw Failure.storage("\(error)") }
            if case .collision(let other) = added { throw Failure.sourceCollision(other, source, source: source) }
        }

        /// A directory's files, as `sourcePrefix` + their path relative to it.
        func walk(_ root: String, sourcePrefix: String) throws {
            var walker = DirectoryWalker(root: root)
            while let found = walker.next() {
                switch found {
                case .file(let relative):
                    try add(path: root.hasSuffix("/") ? root + relative : root + "/" + relative, source: sourcePrefix + relative,
                            name: (relative as NSString).lastPathComponent)
                case .badName(let escaped, let isDirectory):
                    try addBadName(source: sourcePrefix + escaped + (isDirectory ? "/" : ""), isDirectory: isDirectory)
                case .outputDirectory:
                    table.outputDirectories += 1
                case .unreadableDirectory(let relative, let code):
                    table.unreadableDirectories.note(relative.isEmpty ? root : (root as NSString).appendingPathComponent(relative), errno: code)
                }
            }
        }

        for root in roots {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
                // Named on the command line with bytes that are not UTF-8: the String we were given
                // has U+FFFD in their place, so it is "missing"; the bytes themselves exist.
                if let raw = RawArgument.existing(matching: root) {
                    try addBadName(source: FileName.escape(raw.lastComponent), isDirectory: raw.isDirectory)
                    continue
                }
                throw Failure.missing(root)
            }
            if isDirectory.boolValue {
                try walk(root, sourcePrefix: "")
            } else {
                let name = (root as NSString).lastPathComponent
                try add(path: root, source: name, name: name)
            }
        }
        if let listPath {
            try forEachListedPath(listPath) { line in
                let source = line.hasPrefix("./") ? String(line.dropFirst(2)) : line
                var isDirectory: ObjCBool = false
                // A list made earlier names files that may be gone by now: one reject each, as for
                // a file that vanishes during the run, not the end of the run.
                guard FileManager.default.fileExists(atPath: line, isDirectory: &isDirectory) else {
                    var item = InputItem(path: line, source: source, kind: .html, gzipped: false, size: 0)
                    item.preRejected = ListedPathMissing.reject
                    do { _ = try table.add(.document(item), identity: "missing:" + source) } catch { throw Failure.storage("\(error)") }
                    return
                }
                if isDirectory.boolValue {
                    try walk(line, sourcePrefix: source.hasSuffix("/") ? source : source + "/")
                } else {
                    try add(path: line, source: source, name: (line as NSString).lastPathComponent)
                }
            }
        }
        do { try table.finish() } catch { throw Failure.storage("\(error)") }
        return table
    }

    /// The paths of an input list, one a line (LF or CRLF), trimmed of spaces and tabs; blank lines and
    /// `#` comments left out. Read a line at a time.
    private func forEachListedPath(_ path: String, _ body: (String) throws -> Void) throws {
        // Standard input through a duplicate descriptor: closing the FILE leaves descriptor 0 open.
        guard let file = path == "-" ? fdopen(dup(STDIN_FILENO), "r") : fopen(path, "r") else { throw Failure.unreadableList(path) }
        defer { fclose(file) }
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        while true {
            let count = getline(&buffer, &capacity, file)
            guard count >= 0, let buffer else { break }
            var length = count
            if length > 0 && buffer[length - 1] == 0x0A {
                length -= 1
                if length > 0 && buffer[length - 1] == 0x0D { length -= 1 }
            }
            let line = buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
                String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
            }.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            try body(line)
        }
        if ferror(file) != 0 { throw Failure.unreadableList(path) }
    }
}
