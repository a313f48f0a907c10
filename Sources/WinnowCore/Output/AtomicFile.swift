import Foundation

/// A file written under a temporary name (`.tmp-<name>`) through a 1 MiB buffer, and renamed to its
/// final name only by `commit()` after an fsync. A crash leaves only the temporary name behind,
/// never a final name with partial content.
public final class AtomicFile {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public let finalPath: String
    public let temporaryPath: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private static let bufferSize = 1 << 20
    public private(set) var bytesWritten = 0

    public init(directory: String, name: String) throws {
        finalPath = directory + "/" + name
        temporaryPath = directory + "/.tmp-" + name
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(description: "cannot create \(temporaryPath): \(String(cString: strerror(errno)))") }
        buffer.reserveCapacity(AtomicFile.bufferSize)
    }

    public func write(_ bytes: [UInt8]) throws {
        // The buffer keeps the capacity it was given (a grown array would be a new, larger allocation
        // per file, which glibc then keeps in the heap after the file is done): flush before it would
        // overflow, and write a chunk as large as the buffer directly.
        if buffer.count + bytes.count > AtomicFile.bufferSize { try flush() }
        if bytes.count >= AtomicFile.bufferSize {
            try writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
        bytesWritten += bytes.count
    }

    private func flush() throws {
        try writeAll(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Foundation.write(fd, base + offset, raw.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "cannot write \(temporaryPath): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    /// Flush, fsync, rename to the final name, and fsync the directory so the rename is durable.
    public func commit() throws {
        try flush()
        guard fsync(fd) == 0 else { throw Failure(description: "cannot fsync \(temporaryPath): \(String(cString: strerror(errno)))") }
        close(fd)
        fd = -1
        guard rename(temporaryPath, finalPath) == 0 else {
            throw Failure(description: "cannot rename \(temporaryPath) to \(finalPath): \(String(cString: strerror(errno)))")
        }
        AtomicFile.syncDirectory((finalPath as NSString).deletingLastPathComponent)
    }

    /// Give up on the file: close and delete the temporary.
    public func discard() {
        if fd >= 0 { close(fd); fd = -1 }
        unlink(temporaryPath)
    }

    deinit { if fd >= 0 { close(fd) } }

    static func syncDirectory(_ path: String) {
        let dirfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirfd >= 0 { fsync(dirfd); close(dirfd) }
    }
}
