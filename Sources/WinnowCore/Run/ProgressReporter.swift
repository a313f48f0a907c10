import Dispatch
import Foundation

/// Live progress on stderr: on a terminal one line redrawn at most ten times a second; otherwise (cron,
/// pipes) a plain log line every few seconds; nothing when quiet. When the number of documents is not
/// known in advance (WARC/JSONL containers), the share of input bytes read stands in for it.
/// @unchecked: `timer` is set up in init and cancelled in `finish`; the counters are behind a lock.
public final class ProgressReporter: @unchecked Sendable {
    public enum Mode: Sendable { case terminal, log, quiet }

    private struct Counters {
        var done = 0
        var rejects = 0
        var bytes = 0
    }

    private let total: Int
    private let mode: Mode
    private let inputProgress: InputProgress?
    private let counters = Locked(Counters())
    private let start = DispatchTime.now()
    /// nil when quiet: a dispatch source released without ever being resumed traps.
    private let timer: DispatchSourceTimer?
    private let queue = DispatchQueue(label: "winnow.progress")

    public static func defaultMode(quiet: Bool) -> Mode {
        if quiet { return .quiet }
        return isatty(STDERR_FILENO) != 0 ? .terminal : .log
    }

    /// `total`: documents, when known. `inputProgress`: bytes of input read, used when `total` is nil.
    public init(total: Int?, mode: Mode, logInterval: Double = 5, inputProgress: InputProgress? = nil) {
        self.total = total ?? -1
        self.mode = mode
        self.inputProgress = total == nil ? inputProgress : nil
        timer = mode == .quiet ? nil : DispatchSource.makeTimerSource(queue: queue)
        guard let timer else { return }
        let interval = mode == .terminal ? 0.1 : logInterval
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
    }

    public func record(_ result: DocumentResult) {
        counters.withLock {
            $0.done += 1
            $0.bytes += result.bytesIn
            if case .reject = result.outcome { $0.rejects += 1 }
        }
    }

    /// Stops the timer and clears the terminal line so the summary starts clean.
    public func finish() {
        guard let timer else { return }
        timer.cancel()
        queue.sync {}
        if mode == .terminal { StandardStream.error(finalTerminalLine()) }
    }

    private func draw() {
        switch mode {
        case .terminal: StandardStream.error(("\r\u{1B}[K" + line()))
        case .log: StandardStream.error(("winnow: " + line() + "\n"))
        case .quiet: break
        }
    }

    /// Over the last redrawn line, cleared first, so the summary starts on a clean line.
    func finalTerminalLine() -> String { "\r\u{1B}[K" + line() + "\n" }

    func line() -> String {
        let snapshot = counters.withLock { $0 }
        let elapsed = max(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9, 0.001)
        let rate = Double(snapshot.done) / elapsed
        let mbRate = Double(snapshot.bytes) / 1_048_576 / elapsed
        if total < 0 {
            // Containers: the document count is unknown; progress is by input bytes read.
            let read = Double(inputProgress?.bytesRead ?? 0)
            let all = Double(max(1, inputProgress?.totalBytes ?? 1))
            let fraction = min(1, read / all)
            let eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
            return String(format: "%d docs  %.0f/%.0f MB input (%.1f%%)  %.0f docs/s  %.1f MB/s  ETA %@  rejects %d",
                          snapshot.done, read / 1_048_576, all / 1_048_576, fraction * 100, rate, mbRate, Self.duration(eta), snapshot.rejects)
        }
        let percent = total == 0 ? 100 : Double(snapshot.done) * 100 / Double(total)
        let eta = rate > 0 ? Double(total - snapshot.done) / rate : 0
        return String(format: "%d/%d docs (%.1f%%)  %.0f docs/s  %.1f MB/s  ETA %@  rejects %d",
                      snapshot.done, total, percent, rate, mbRate, Self.duration(eta), snapshot.rejects)
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
