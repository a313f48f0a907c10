import Foundation

/// Opens an input for reading without ever blocking: O_NONBLOCK makes `open()` return at once on a
/// FIFO with no writer (a plain open waits forever for one), and anything that is not a regular file
/// (FIFO, socket, character or block device) is refused before a byte is read. A regular file is
/// handed back in blocking mode.
enum RegularFile {
    enum Failure: Error, CustomStringConvertible {
        /// `open` or `fstat` failed (the system error).
        case unreadable(String)
        /// Not a regular file: the reject reason is `input.not_regular`.
        case notRegular(String)

        var description: String {
            switch self {
            case .unreadable(let detail), .notRegular(let detail): return detail
            }
        }

        /// The reject reason this failure becomes.
        var reason: String {
            switch self {
            case .unreadable: return "input.unreadable"
            case .notRegular: return "input.not_regular"
            }
        }
    }

    /// A descriptor for the regular file at `path` (the caller closes it), and its size.
    static func open(_ path: String) -> Result<(fd: Int32, size: Int), Failure> {
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { return .failure(.unreadable("open: \(String(cString: strerror(errno)))")) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let message = "stat: \(String(cString: strerror(errno)))"
            close(fd)
            return .failure(.unreadable(message))
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            close(fd)
            return .failure(.notRegular("not a regular file (\(kindName(type)))"))
        }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        return .success((fd, Int(info.st_size)))
    }

    /// The file type's name for messages.
    static func kindName(_ type: mode_t) -> String {
        switch type {
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFDIR: return "a directory"
        default: return "not a file"
        }
    }
}
