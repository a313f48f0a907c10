import Foundation

/// The finished work of a run stopped by SIGINT/SIGTERM. Committing it would replace a complete
/// generation with a shorter one (readers of a nightly corpus would see it shrink), so the stopped
/// run's staging directory — complete shards, rejects, state and report, fsynced, but not committed —
/// is parked as `OUTPUT/.winnow/resume[-RRRRR]/` instead. Readers keep the last complete generation;
/// the next run of the task copies from here the lines of every input the stopped run finished (same
/// source, size and mtime, config hash and Winnow version) and processes the rest. The directory is
/// removed when a generation is committed, and replaced when a resumed run is stopped again (its
/// staging holds the copied lines too, so nothing finished is ever lost).
enum ResumePoint {
    /// Moves the finished staging directory into place (replacing an older resume point).
    static func park(staging: String, output: String, layout: TaskLayout) throws {
        let target = output + "/" + layout.resumePath
        if FileManager.default.fileExists(atPath: target) { try FileManager.default.removeItem(atPath: target) }
        guard rename(staging, target) == 0 else {
            throw AtomicFile.Failure(description: "cannot move \(staging) to \(target): \(String(cString: strerror(errno)))")
        }
        AtomicFile.syncDirectory(output + "/.winnow")
    }

    /// The parked run's state, with every record's shard named relative to OUTPUT so the copy path
    /// (CarryReader, which reads below OUTPUT) finds it; nil when there is none or it is damaged.
    static func load(output: String, layout: TaskLayout) -> PreviousState? {
        let directory = output + "/" + layout.resumePath
        guard var state = try? PreviousState.load(path: directory + "/" + Generation.stateName) else { return nil }
        var present: [String: Bool] = [:]
        for (source, input) in state.inputs {
            var documents = input.documents
            for index in documents.indices {
                guard let shard = documents[index].shard else { continue }
                // A shard that is gone (removed by hand) makes the whole point unusable, not the run fail.
                if present[shard] == nil { present[shard] = FileManager.default.fileExists(atPath: directory + "/" + shard) }
                guard present[shard] == true else { return nil }
                documents[index].shard = layout.resumePath + "/" + shard
            }
            for index in documents.indices { documents[index].resumed = true }
            state.inputs[source]?.documents = documents
        }
        return state
    }

    static func exists(output: String, layout: TaskLayout) -> Bool {
        FileManager.default.fileExists(atPath: output + "/" + layout.resumePath)
    }

    static func discard(output: String, layout: TaskLayout) {
        try? FileManager.default.removeItem(atPath: output + "/" + layout.resumePath)
    }

    /// The stopped run's report (`status` shows how much is waiting).
    static func report(output: String, layout: TaskLayout) -> ReportFile? {
        ReportFile.read(path: output + "/" + layout.resumePath + "/" + layout.reportName)
    }
}
