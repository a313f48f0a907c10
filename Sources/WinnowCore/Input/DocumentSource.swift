/// Yields input documents in order. The scheduler calls `next()` under its lock, one call at a time,
/// so a sequential reader (a WARC or JSONL file) needs no locking of its own.
public protocol DocumentSource: AnyObject {
    /// The next document, or nil when the input is exhausted.
    func next() -> InputItem?
    /// How many documents there will be, when known in advance (for progress and the report).
    var knownTotal: Int? { get }
}

/// Documents discovered up front (files on disk): one per item.
public final class ListSource: DocumentSource {
    private let items: [InputItem]
    private var position = 0

    public init(_ items: [InputItem]) { self.items = items }

    public func next() -> InputItem? {
        guard position < items.count else { return nil }
        position += 1
        return items[position - 1]
    }

    public var knownTotal: Int? { items.count }
}
