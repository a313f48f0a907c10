import Foundation

/// One run's output is a *generation*: the task's shards, rejects file, report and run state. It is
/// built in `OUTPUT/.winnow/staging[-RRRRR]/` while the previous generation stays untouched in OUTPUT,
/// then committed:
///
/// 1. every file in staging is complete and fsynced (AtomicFile, the state database is closed and
///    fsynced);
/// 2. the new manifest is written as `staging/COMMIT` (atomic, fsynced): the commit point;
/// 3. roll forward: each staged file is renamed into OUTPUT (replacing the previous generation's file of
///    the same name), the state database to `.winnow/state[-RRRRR].sqlite`, shards of this task that
///    the manifest does not list are removed, then `manifest[-RRRRR].json` is written atomically and
///    the completion marker `.winnow/completions/<rank>` is written; a stopped run's parked work
///    (`.winnow/resume[-RRRRR]`, see ResumePoint) and staging are removed.
///
/// A run killed before step 2 leaves the previous generation as it was plus a staging directory that
/// the next run deletes. Killed after step 2, the next run (of that task) finishes step 3 from COMMIT
/// before it does anything else. Either way no input is lost or written twice.
public enum Generation {
    static let commitName = "COMMIT"
    static let stateName = "state.sqlite"

    /// Finishes a commit interrupted after its commit point, or deletes an unfinished staging directory.
    /// Call with the task's lock held. Returns true when an interrupted commit was rolled forward.
    @discardableResult
    public static func recover(output: String, layout: TaskLayout) throws -> Bool {
        let staging = output + "/" + layout.stagingPath
        guard FileManager.default.fileExists(atPath: staging) else { return false }
        if FileManager.default.fileExists(atPath: staging + "/" + commitName) {
            try rollForward(output: output, layout: layout)
            return true
        }
        try FileManager.default.removeItem(atPath: staging)
        return false
    }

    /// A fresh, empty staging directory.
    static func makeStaging(output: String, layout: TaskLayout) throws -> String {
        let staging = output + "/" + layout.stagingPath
        if FileManager.default.fileExists(atPath: staging) { try FileManager.default.removeItem(atPath: staging) }
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        return staging
    }

    /// Steps 2 and 3 above. `manifest` is the complete manifest JSON.
    static func commit(output: String, layout: TaskLayout, manifest: [UInt8]) throws {
        let staging = output + "/" + layout.stagingPath
        let file = try AtomicFile(directory: staging, name: commitName)
        try file.write(manifest)
        try file.commit()
        try rollForward(output: output, layout: layout)
    }

    static func rollForward(output: String, layout: TaskLayout) throws {
        let staging = output + "/" + layout.stagingPath
        guard let data = FileManager.default.contents(atPath: staging + "/" + commitName),
              let manifest = try? Manifest.parse([UInt8](data)) else {
            throw AtomicFile.Failure(description: "\(staging)/\(commitName) is unreadable; delete \(staging) to discard that run")
        }
        for name in manifest.files where FileManager.default.fileExists(atPath: staging + "/" + name) {
            guard rename(staging + "/" + name, output + "/" + name) == 0 else {
                throw AtomicFile.Failure(description: "cannot rename \(staging)/\(name) into \(output): \(String(cString: strerror(errno)))")
            }
        }
        if FileManager.default.fileExists(atPath: staging + "/" + stateName) {
            guard rename(staging + "/" + stateName, output + "/" + layout.statePath) == 0 else {
                throw AtomicFile.Failure(description: "cannot rename the run state into \(output)/\(layout.statePath): \(String(cString: strerror(errno)))")
            }
        }
        // A ranked run's dedup signatures (the first distributed dedup stage) belong to this generation.
        if FileManager.default.fileExists(atPath: staging + "/" + DedupStageFile.stagedSignatures) {
            try FileManager.default.createDirectory(atPath: output + "/" + DedupStageFile.directory, withIntermediateDirectories: true)
            let target = output + "/" + DedupStageFile.signatures(rank: layout.rank)
            guard rename(staging + "/" + DedupStageFile.stagedSignatures, target) == 0 else {
                throw AtomicFile.Failure(description: "cannot rename the dedup signatures into \(target): \(String(cString: strerror(errno)))")
            }
        }
        // Files of this task that the new generation does not list: shards of an older, longer
        // generation (or another compression), temporaries of crashed pre-generation runs.
        let listed = Set(manifest.files)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? [] where !listed.contains(name) {
            let temporary = name.hasPrefix(".tmp-") && (layout.ownsShard(String(name.dropFirst(5)))
                || name == ".tmp-" + layout.rejectsName || name == ".tmp-" + layout.reportName || name == ".tmp-" + layout.manifestName)
            if layout.ownsShard(name) || temporary { unlink(output + "/" + name) }
        }
        AtomicFile.syncDirectory(output)
        AtomicFile.syncDirectory(output + "/.winnow")
        let final = try AtomicFile(directory: output, name: layout.manifestName)
        try final.write(manifest.bytes)
        try final.commit()
        let marker = output + "/" + layout.completionPath
        if manifest.status == "complete" {
            try FileManager.default.createDirectory(atPath: output + "/.winnow/completions", withIntermediateDirectories: true)
            let done = try AtomicFile(directory: output + "/.winnow/completions", name: layout.label)
            try done.write(Array("\(manifest.status) \(manifest.created)\n".utf8))
            try done.commit()
        } else {
            unlink(marker)
        }
        // Whatever a stopped run had parked is in this generation now (or was made under other rules).
        ResumePoint.discard(output: output, layout: layout)
        try FileManager.default.removeItem(atPath: staging)
        AtomicFile.syncDirectory(output + "/.winnow")
    }
}
