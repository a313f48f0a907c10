import Dispatch

/// Fans documents out to worker threads and hands results back in input order.
///
/// - Workers take the next sequence number from a shared counter, so work is handed out one document at
///   a time (no static split that leaves a core idle).
/// - At most `window` documents are between "taken" and "written": a worker must get a permit before
///   taking a document, and the writer returns the permit once that document is written. A slow disk
///   therefore stalls the workers instead of filling memory, and the reorder buffer never holds more
///   than `window` results.
/// - Results are reordered on one serial writer queue and delivered to `consume` in sequence order, so
///   the output does not depend on the number of workers or on timing.
public final class Scheduler: Sendable {
    public let workers: Int
    public let window: Int

    public init(workers: Int, window: Int? = nil) {
        self.workers = max(1, workers)
        self.window = max(self.workers * 2, window ?? self.workers * 16)
    }

    /// Processes `count` documents with `work` and passes results to `consume` in order. `shouldStop` is
    /// polled before each new document; once it returns true no more are started, and the documents
    /// already started are finished and delivered. Returns how many documents were delivered.
    public func run(count: Int, shouldStop: @escaping @Sendable () -> Bool,
                    work: @escaping @Sendable (Int) -> DocumentResult,
                    consume: @escaping @Sendable (DocumentResult) -> Void) -> Int {
        let counter = UncheckedBox(0)
        return run(next: { () -> Int? in
            guard counter.value < count else { return nil }
            counter.value += 1
            return counter.value - 1
        }, shouldStop: shouldStop, work: { index, _ in work(index) }, consume: consume)
    }

    /// The streaming form: `next` yields the inputs in order (nil at the end). It is only ever called
    /// under the scheduler's lock, one call at a time, so a sequential reader (a WARC file) needs no
    /// locking of its own; its order numbers the documents. `work` gets the item and its sequence number.
    public func run<Item>(next: @escaping @Sendable () -> Item?, shouldStop: @escaping @Sendable () -> Bool,
                          work: @escaping @Sendable (Item, Int) -> DocumentResult,
                          consume: @escaping @Sendable (DocumentResult) -> Void) -> Int {
        let permits = DispatchSemaphore(value: window)
        // Locked (NSLock), not Mutex: ThreadSanitizer sees its hand-overs (see Locked).
        let sequenceLock = Locked(0)
        let writerQueue = DispatchQueue(label: "winnow.writer")
        let reorder = ReorderBuffer(consume: consume, permits: permits)
        let group = DispatchGroup()
        let workerQueue = DispatchQueue(label: "winnow.workers", qos: .userInitiated, attributes: .concurrent)
        for _ in 0..<workers {
            workerQueue.async(group: group) {
                while true {
                    permits.wait()
                    let taken: (UncheckedBox<Item>, Int)? = sequenceLock.withLock { sequence in
                        guard !shouldStop(), let item = next() else { return nil }
                        sequence += 1
                        return (UncheckedBox(item), sequence - 1)
                    }
                    guard let (item, sequence) = taken else { permits.signal(); return }
                    let result = work(item.value, sequence)
                    writerQueue.async { reorder.accept(result) }
                }
            }
        }
        group.wait()
        writerQueue.sync {}
        return reorder.delivered
    }
}

/// Carries a value across the scheduler's lock; only one thread touches it at a time (the lock holder,
/// then the one worker that took the item).
final class UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// Holds results that finished early until their predecessors arrive. Only touched on the writer queue.
private final class ReorderBuffer: @unchecked Sendable {
    private var pending: [Int: DocumentResult] = [:]
    private var nextSequence = 0
    private let consume: @Sendable (DocumentResult) -> Void
    private let permits: DispatchSemaphore
    private(set) var delivered = 0

    init(consume: @escaping @Sendable (DocumentResult) -> Void, permits: DispatchSemaphore) {
        self.consume = consume
        self.permits = permits
    }

    func accept(_ result: DocumentResult) {
        pending[result.sequence] = result
        while let ready = pending.removeValue(forKey: nextSequence) {
            consume(ready)
            nextSequence += 1
            delivered += 1
            permits.signal()
        }
    }
}
