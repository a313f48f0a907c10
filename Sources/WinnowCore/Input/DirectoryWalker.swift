import Foundation

/// The relative paths of the files under a directory (regular files, symlinks and other non-directories
/// such as FIFOs, which the load stage rejects without opening them for long), in byte order of the
/// paths, without following directory symlinks (a link loop would never end); hidden entries (".x")
/// are not entered. Directories are listed one at a time, as the walk reaches them, so only the names
/// of the directories on the current path are in memory.
///
/// Names are read as bytes (readdir): a name that is not valid UTF-8 cannot be opened through a Swift
/// `String` path, so it comes back as `.badName` (escaped) for a reject rather than being lost; a
/// directory that cannot be listed (EACCES, a path too long for the kernel) comes back as
/// `.unreadableDirectory` to be counted.
///
/// Sorting each directory's names with a directory's name read as "name/" gives exactly the order of
/// sorting all the relative paths at once: the paths under a directory all start with "name/", and
/// no sibling name contains "/", so they sort as one block where "name/" sorts among the siblings.
struct DirectoryWalker {
    enum Found: Equatable {
        case file(String)
        /// A file or directory whose name is not valid UTF-8; the relative path with `FileName.escape`.
        case badName(String, isDirectory: Bool)
        /// A directory that could not be listed: its relative path ("" = the root) and the system error.
        case unreadableDirectory(String, errno: Int32)
        /// A Winnow output directory (it holds `.winnow/`) below the root: not read, or every run
        /// would read its own shards back and grow.
        case outputDirectory(String)
    }

    private enum Kind { case file, directory, badFile, badDirectory }

    private struct Level {
        let relative: String
        let children: [(name: String, kind: Kind)]
        var index = 0
    }

    /// `.winnow`: the state directory every Winnow output directory has.
    static let outputMarker = Array(".winnow".utf8)

    private let root: String
    private var stack: [Level] = []
    private var pending: Found?

    init(root: String) {
        self.root = root
        stack = [list("")]
    }

    mutating func next() -> Found? {
        if let found = pending {
            pending = nil
            return found
        }
        while let top = stack.indices.last {
            guard stack[top].index < stack[top].children.count else {
                stack.removeLast()
                continue
            }
            let child = stack[top].children[stack[top].index]
            stack[top].index += 1
            let relative = stack[top].relative.isEmpty ? child.name : stack[top].relative + "/" + child.name
            switch child.kind {
            case .directory:
                stack.append(list(relative))
                if let found = pending {
                    pending = nil
                    return found
                }
            case .file: return .file(relative)
            case .badFile: return .badName(relative, isDirectory: false)
            case .badDirectory: return .badName(relative, isDirectory: true)
            }
        }
        return nil
    }

    /// One directory's children, sorted; sets `pending` when the directory cannot be listed.
    private mutating func list(_ relative: String) -> Level {
        let directory = relative.isEmpty ? root : root + "/" + relative
        guard let handle = opendir(directory) else {
            pending = .unreadableDirectory(relative, errno: errno)
            return Level(relative: relative, children: [])
        }
        defer { closedir(handle) }
        let fd = dirfd(handle)
        var children: [(key: [UInt8], name: String, kind: Kind)] = []
        var holdsOutput = false
        while let entry = readdir(handle) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if bytes == DirectoryWalker.outputMarker { holdsOutput = true }
            guard let first = bytes.first, first != UInt8(ascii: ".") else { continue }
            // fstatat relative to the open directory: works however long the full path is.
            var info = stat()
            let type: mode_t
            if fstatat(fd, bytes.map { CChar(bitPattern: $0) } + [0], &info, AT_SYMLINK_NOFOLLOW) == 0 {
                type = info.st_mode & S_IFMT
            } else {
                type = 0
            }
            let isDirectory = type == S_IFDIR
            if let name = String(validating: bytes, as: UTF8.self) {
                children.append((isDirectory ? bytes + [UInt8(ascii: "/")] : bytes, name, isDirectory ? .directory : .file))
            } else {
                children.append((isDirectory ? bytes + [UInt8(ascii: "/")] : bytes, FileName.escape(bytes), isDirectory ? .badDirectory : .badFile))
            }
        }
        // The root was named on purpose (re-reading earlier output is allowed); below it, skip.
        if holdsOutput && !relative.isEmpty {
            pending = .outputDirectory(relative)
            return Level(relative: relative, children: [])
        }
        children.sort { $0.key.lexicographicallyPrecedes($1.key) }
        return Level(relative: relative, children: children.map { ($0.name, $0.kind) })
    }
}
