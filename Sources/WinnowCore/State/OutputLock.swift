import Foundation

/// `OUTPUT/.winnow/lock` (`lock-RRRRR` per rank): an flock(2) held for the whole run, with the holder's
/// PID written in the file. The kernel drops the lock when the process dies, whatever the way (kill -9
/// included), so a lock left by a dead process is simply taken over; the PID still in the file then
/// only says who held it last.
public final class OutputLock: @unchecked Sendable {
    public let path: String
    private var fd: Int32
    /// The PID found in the file when the lock was taken from a process that is gone, if any.
    public let previousHolder: Int32?

    /// Takes the lock or throws `RunError(.tempFail)` naming the PID that holds it.
    public init(path: String) throws(RunError) {
        self.path = path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw RunError(.cannotCreateOutput, "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        let previous = OutputLock.readPID(fd: fd)
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let reason = errno
            close(fd)
            if reason == EWOULDBLOCK {
                let holder = previous.map { "PID \($0)" } ?? "another process"
                throw RunError(.tempFail, "another winnow run (\(holder)) is writing this output (lock \(path)); try again when it has finished")
            }
            throw RunError(.cannotCreateOutput, "cannot lock \(path): \(String(cString: strerror(reason)))")
        }
        previousHolder = previous.flatMap { $0 != getpid() && kill($0, 0) != 0 ? $0 : nil }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    deinit { release() }

    public func release() {
        if fd >= 0 {
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }

    static func readPID(fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 31, 0) }
        guard n > 0 else { return nil }
        let text = String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text)
    }

    /// For `winnow status`: the PID of a live holder, or nil when nobody holds the lock (or no file).
    public static func holder(path: String) -> (held: Bool, pid: Int32?) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return (false, nil) }
        defer { close(fd) }
        let pid = readPID(fd: fd)
        if flock(fd, LOCK_SH | LOCK_NB) != 0 { return (true, pid) }
        flock(fd, LOCK_UN)
        return (false, pid)
    }
}
