import Foundation

/// Prepares the output directory: creates it and `.winnow/` inside it, and proves it writable. It does
/// not delete anything: the previous generation stays until the new one is committed (`Generation`).
/// Failures say what is wrong in the operator's words (a file in the way, permission denied), not a
/// Foundation error number.
enum OutputDirectory {
    static func prepare(_ path: String) throws(RunError) {
        var info = stat()
        if stat(path, &info) == 0 && info.st_mode & S_IFMT != S_IFDIR {
            throw RunError(.cannotCreateOutput, "the output \(path) exists and is not a directory; give a directory (it is created if missing)")
        }
        for directory in [path, path + "/.winnow"] where mkdir(directory, 0o755) != 0 && errno != EEXIST {
            // mkdir -p: a missing parent is made first.
            if errno == ENOENT, (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)) != nil { continue }
            let reason = String(cString: strerror(errno))
            if directory != path && (errno == EACCES || errno == EROFS || errno == EPERM) {
                throw RunError(.cannotCreateOutput, "the output directory \(path) exists but is not writable: \(reason)")
            }
            throw RunError(.cannotCreateOutput, "cannot create the output directory \(directory): \(reason)")
        }
        let probe = path + "/.winnow/write-test-\(getpid())"
        let fd = open(probe, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw RunError(.cannotCreateOutput, "the output directory \(path) exists but is not writable: \(String(cString: strerror(errno)))")
        }
        close(fd)
        unlink(probe)
    }
}
