/// Set from a signal handler or after a write error: workers start no new documents once it is set.
public final class StopRequest: Sendable {
    private let state = Locked<Int32>(0)
    public init() {}

    /// Records the first reason to stop: a signal number, or -1 for an I/O failure.
    public func request(_ code: Int32) { state.withLock { if $0 == 0 { $0 = code } } }
    public var isRequested: Bool { state.withLock { $0 != 0 } }
    public var code: Int32 { state.withLock { $0 } }
}
