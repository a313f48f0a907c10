import Foundation

/// A value shared between threads behind a lock: `withLock` gives exclusive access to it.
///
/// Used instead of `Synchronization.Mutex` for state that worker threads share (the scheduler's input
/// lock, progress counters, the stop request). On Linux a contended `Mutex` is handed from one thread
/// to the next by a priority-inheritance futex inside libswiftSynchronization, which ThreadSanitizer
/// does not see: every contended hand-over is then reported as a data race on whatever the lock
/// protects (a two-thread counter under `Mutex` gets reports; the same under `NSLock` none), and
/// `Scripts/tsan.sh` could not tell real races from these. `NSLock` is a pthread mutex, which
/// ThreadSanitizer intercepts; uncontended it costs a few tens of nanoseconds, taken a few times per
/// document.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
