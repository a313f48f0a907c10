import Foundation

/// How a run ended, as its report states it.
enum RunEnd: Equatable {
    case complete
    /// By SIGINT (2) or SIGTERM (15).
    case stopped(signal: Int32)
    /// A read or write error (the first of the source, the copy path and the writer).
    case failed(String)

    init(writeError: String?, stopCode: Int32) {
        if let writeError {
            self = .failed(writeError)
        } else if stopCode == 2 || stopCode == 15 {
            self = .stopped(signal: stopCode)
        } else {
            self = .complete
        }
    }

    var status: String {
        switch self {
        case .complete: return "complete"
        case .stopped: return "interrupted"
        case .failed: return "failed"
        }
    }

    var exitCode: ExitCode {
        switch self {
        case .complete: return .success
        case .stopped(let signal): return signal == 2 ? .interrupted : .terminated
        case .failed: return .ioError
        }
    }

    /// For the operator; `finished` of `total` inputs were done when it ended.
    func message(finished: Int, total: Int, output: String, layout: TaskLayout) -> String? {
        switch self {
        case .complete: return nil
        case .failed(let error): return error + "; the previous output was left as it was"
        case .stopped(let signal):
            return "stopped by signal \(signal) after \(finished) of \(total) inputs; readers keep the last complete generation, "
                + "and the \(finished) finished are kept in \(output)/\(layout.resumePath) for the next run to continue from"
        }
    }
}

/// The last step of a run: its staged generation is committed (complete), parked for the next run
/// (stopped by a signal: a shorter generation would shrink the published corpus, see ResumePoint) or
/// discarded (failed). In the last two cases, and when the commit itself fails, the previous
/// generation is left as it was and the report goes to `.winnow/failed[-RRRRR].json` on failure.
struct RunCommit {
    let staged: StagedOutput

    /// Ends the run as `end` says and returns its report (marked failed if that step failed).
    /// `manifest` is made only for a commit (its shard sizes are read from staging).
    func finish(_ report: RunReport, end: RunEnd, dedup: DedupSession?, manifest: () -> Manifest) -> RunReport {
        let output = staged.output, layout = staged.layout, staging = staged.staging
        var report = report
        switch end {
        case .failed:
            dedup?.abandon()
            try? FileManager.default.removeItem(atPath: staging)
            report.shards = []
            Self.writeFailure(report, output: output, layout: layout)
        case .stopped(let signal):
            dedup?.abandon()
            do {
                try Manifest.writeReport(report.json(), staging: staging, layout: layout)
                try ResumePoint.park(staging: staging, output: output, layout: layout)
                unlink(output + "/" + layout.failurePath)
            } catch {
                try? FileManager.default.removeItem(atPath: staging)
                Self.fail(&report, "stopped by signal \(signal), and cannot keep its finished work: \(error); the previous output was left as it was",
                          output: output, layout: layout)
            }
        case .complete:
            do {
                try Manifest.writeReport(report.json(), staging: staging, layout: layout)
                let manifest = manifest()
                // The index rows are durable before the commit point; the manifest names their generation.
                try dedup?.finishRun()
                try Generation.commit(output: output, layout: layout, manifest: manifest.bytes)
                dedup?.committed()
                unlink(output + "/" + layout.failurePath)
            } catch {
                dedup?.abandon()
                Self.fail(&report, "cannot commit the output: \(error); the previous output was left as it was", output: output, layout: layout)
            }
        }
        return report
    }

    /// Marks `report` failed on an I/O error (no shard of it published) and writes it with `writeFailure`.
    static func fail(_ report: inout RunReport, _ message: String, output: String, layout: TaskLayout) {
        report.status = "failed"
        report.exitCode = .ioError
        report.message = message
        report.shards = []
        writeFailure(report, output: output, layout: layout)
    }

    /// A failed run leaves the previous generation alone; its report goes to `.winnow/failed[-RRRRR].json`.
    static func writeFailure(_ report: RunReport, output: String, layout: TaskLayout) {
        guard let file = try? AtomicFile(directory: output + "/.winnow", name: (layout.failurePath as NSString).lastPathComponent) else { return }
        try? file.write(report.json())
        try? file.commit()
    }
}
