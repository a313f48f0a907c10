import Foundation

/// Turns the command line's INPUT arguments and `--input-list` into a sorted, de-duplicated list of
/// entries: document files (`InputItem`) and containers (`.warc`, `.warc.gz`, `.jsonl`, `.jsonl.gz`,
/// `.jsonl.zst`) whose documents are read later, as a stream. Directories are walked recursively in
/// byte order of names; hidden entries (".x") are not entered. Files with other extensions are
/// skipped and counted by extension.
public struct InputDiscovery {
    public enum Failure: Error, CustomStringConvertible, Sendable {
        case missing(String)
        case unreadableList(String)
        case sourceCollision(String, String, source: String)

        public var description: String {
            switch self {
            case .missing(let path): return "input not found: \(path)"
            case .unreadableList(let path): return "cannot read the input list \(path)"
            case .sourceCollision(let a, let b, let source):
                return "two inputs would share the source name '\(source)': \(a) and \(b); give their parent directory instead"
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
    }

    public init() {}

    /// `roots`: files or directories from the command line. `listPath`: a file of paths, one a line,
    /// or "-" for standard input; its paths are their own roots (source = the path as written).
    public func discover(roots: [String], listPath: String? = nil) throws -> Result {
        var result = Result()
        var seenPaths = Set<String>()
        var sources: [String: String] = [:]

        func add(path: String, source: String, name: String) throws {
            let container = ContainerFormat.classify(name)
            let document = container == nil ? InputItem.classify(name) : nil
            guard container != nil || document != nil else {
                let ext = (name as NSString).pathExtension.lowercased()
                result.skipped[ext.isEmpty ? "(none)" : ext, default: 0] += 1
                return
            }
            // The same file reached twice: same device and inode (stat follows symlinks); one stat per file.
            var info = stat()
            let found = stat(path, &info) == 0
            let identity = found ? "\(info.st_dev):\(info.st_ino)" : URL(fileURLWithPath: path).standardizedFileURL.path
            guard seenPaths.insert(identity).inserted else { result.duplicates += 1; return }
            if let other = sources[source] { throw Failure.sourceCollision(other, path, source: source) }
            sources[source] = path
            let size = found ? Int(info.st_size) : 0
            let mtime = found ? Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec) : 0
            if let container {
                var file = ContainerFile(path: path, source: source, format: container, size: size)
                file.mtimeNanoseconds = mtime
                result.entries.append(.container(file))
            } else if let (kind, gzipped) = document {
                var item = InputItem(path: path, source: source, kind: kind, gzipped: gzipped, size: size)
                item.mtimeNanoseconds = mtime
                result.entries.append(.document(item))
            }
        }

        for root in roots {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else { throw Failure.missing(root) }
            if isDirectory.boolValue {
                for relative in try walk(root) {
                    try add(path: root.hasSuffix("/") ? root + relative : root + "/" + relative, source: relative, name: (relative as NSString).lastPathComponent)
                }
            } else {
                let name = (root as NSString).lastPathComponent
                try add(path: root, source: name, name: name)
            }
        }
        if let listPath {
            for line in try readList(listPath) {
                guard FileManager.default.fileExists(atPath: line) else { throw Failure.missing(line) }
                let source = line.hasPrefix("./") ? String(line.dropFirst(2)) : line
                try add(path: line, source: source, name: (line as NSString).lastPathComponent)
            }
        }
        return result
    }

    private func readList(_ path: String) throws -> [String] {
        let data: Data?
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            data = FileManager.default.contents(atPath: path)
        }
        guard let data else { throw Failure.unreadableList(path) }
        return String(decoding: data, as: UTF8.self)
            .split(whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// Relative paths of all files under `root`, sorted by their UTF-8 bytes, without following
    /// directory symlinks (a link loop would never end).
    private func walk(_ root: String) throws -> [String] {
        var files: [String] = []
        var pending: [String] = [""]
        while let relative = pending.popLast() {
            let directory = relative.isEmpty ? root : root + "/" + relative
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for name in names where !name.hasPrefix(".") {
                let childRelative = relative.isEmpty ? name : relative + "/" + name
                let full = directory + "/" + name
                var info = stat()
                guard lstat(full, &info) == 0 else { continue }
                if (info.st_mode & S_IFMT) == S_IFDIR {
                    pending.append(childRelative)
                } else if (info.st_mode & S_IFMT) == S_IFREG || (info.st_mode & S_IFMT) == S_IFLNK {
                    files.append(childRelative)
                }
            }
        }
        return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
