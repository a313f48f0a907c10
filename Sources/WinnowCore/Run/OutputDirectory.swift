import Foundation

/// Prepares the output directory: creates it, proves it writable, and clears what an earlier run left
/// (its shards, rejects and report, and temporary files of a crashed run). A run replaces the previous
/// run's output in the same directory.
enum OutputDirectory {
    static func prepare(_ path: String) throws(RunError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw RunError(.cannotCreateOutput, "cannot create the output directory \(path): \(error.localizedDescription)")
        }
        let probe = path + "/.winnow-write-test-\(getpid())"
        guard FileManager.default.createFile(atPath: probe, contents: Data()) else {
            throw RunError(.cannotCreateOutput, "the output directory \(path) is not writable")
        }
        unlink(probe)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for name in names where isRunOutput(name) {
            guard unlink(path + "/" + name) == 0 else {
                throw RunError(.cannotCreateOutput, "cannot remove \(path)/\(name) left by an earlier run: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Files a run writes; nothing else in the directory is touched.
    static func isRunOutput(_ name: String) -> Bool {
        (name.hasPrefix("part-") && (name.hasSuffix(".jsonl") || name.hasSuffix(".jsonl.gz") || name.hasSuffix(".jsonl.zst")))
            || name == "rejects.jsonl" || name == "report.json"
            || name.hasPrefix(".tmp-part-") || name == ".tmp-rejects.jsonl" || name == ".tmp-report.json"
    }
}
