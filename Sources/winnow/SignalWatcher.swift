import Dispatch
import Foundation
import WinnowCore

/// SIGINT/SIGTERM ask the run to stop taking new documents; in-flight ones finish and are committed.
/// Whatever a worker is stuck in (a hung network file system, say), a second signal, or the first
/// once `grace` seconds have passed, ends the process at once with 130/143: nothing is committed then,
/// so readers keep the previous generation, and the next run recovers the staging directory as after
/// a crash. The kernel releases the output lock with the process.
final class SignalWatcher {
    private let sources: [DispatchSourceSignal]

    init(stop: StopRequest, grace: Double) {
        var sources: [DispatchSourceSignal] = []
        let queue = DispatchQueue(label: "winnow.signals")
        // The first signal received (0 = none yet): a write error's stop request is not one.
        let first = Locked<Int32>(0)
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            // @Sendable: a handler inferred @MainActor would trap when the signal arrives (DESIGN.md).
            source.setEventHandler { @Sendable in
                let earlier = first.withLock { value -> Int32 in
                    defer { if value == 0 { value = signalNumber } }
                    return value
                }
                guard earlier != 0 else {
                    stop.request(signalNumber)
                    queue.asyncAfter(deadline: .now() + grace) { @Sendable in
                        SignalWatcher.exitNow(signalNumber, why: "still running \(grace) s after signal \(signalNumber) (--stop-grace)")
                    }
                    return
                }
                SignalWatcher.exitNow(earlier, why: "second signal (\(signalNumber))")
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    func cancel() { for source in sources { source.cancel() } }

    /// Ends the process without committing: the documented exit code of the first signal.
    private static func exitNow(_ signalNumber: Int32, why: String) -> Never {
        let code = signalNumber == SIGINT ? WinnowCore.ExitCode.interrupted : .terminated
        StandardStream.error("winnow: \(why): stopping now without committing; the previous output is unchanged\n")
        _exit(code.rawValue)
    }
}
