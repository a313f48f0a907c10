import Foundation

/// Writes to stderr/stdout that can never end the run: `FileHandle.write` traps (SIGILL) when the
/// descriptor is closed or full (`2>/dev/full`, `2>&-`), and a write to a pipe whose reader is gone
/// raises SIGPIPE (the CLI ignores it, so it comes back as EPIPE here). Progress and summary lines
/// are for people; losing one must not cost the run, so errors are dropped.
public enum StandardStream {
    public static func error(_ text: String) { write(Array(text.utf8), to: STDERR_FILENO) }
    public static func output(_ text: String) { write(Array(text.utf8), to: STDOUT_FILENO) }

    public static func write(_ bytes: [UInt8], to fd: Int32) {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var done = 0
            while done < raw.count {
                let n = Foundation.write(fd, base + done, raw.count - done)
                if n > 0 {
                    done += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}
