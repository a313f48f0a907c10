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

/// `manifest.json` / `manifest-RRRRR.json`: the list of a generation's valid files, written last. A
/// reader that takes the shard list from the manifest never sees a half-committed generation's files
/// listed as valid.
public struct Manifest: Sendable {
    public struct Shard: Sendable {
        public var name: String
        public var records: Int
        public var bytes: Int
    }

    /// The shards a run wrote into `staging`, with their record counts and sizes on disk.
    static func shards(names: [String], records: [Int], in staging: String) -> [Shard] {
        zip(names, records).map { name, records in
            Shard(name: name, records: records, bytes: InputIdentity.of(path: staging + "/" + name)?.size ?? 0)
        }
    }

    /// Writes a run's report into its staging directory (committed with the generation, or parked).
    static func writeReport(_ json: [UInt8], staging: String, layout: TaskLayout) throws {
        let file = try AtomicFile(directory: staging, name: layout.reportName)
        try file.write(json)
        try file.commit()
    }

    public var status: String
    public var created: String
    public var tasks: Int?
    public var rank: Int?
    public var rulesVersion: String
    public var winnowVersion: String
    public var documents: Int
    public var records: Int
    public var rejects: Int
    public var shards: [Shard]
    public var rejectsFile: String
    public var reportFile: String
    /// The generation this commit makes of the task's dedup index (nil without dedup).
    public var dedupGeneration: Int? = nil
    /// A ranked run with dedup on: the token of the signatures it wrote (`.winnow/dedup/signatures-RRRRR.bin`).
    public var dedupSignatures: String? = nil
    /// `winnow dedup apply`: the input token of the clusters this generation applied.
    public var dedupApplied: String? = nil

    /// Every file of the generation, shards first.
    public var files: [String] { shards.map(\.name) + [rejectsFile, reportFile] }

    public var bytes: [UInt8] {
        var json = JSONBuffer()
        json.beginObject()
        json.key("format"); json.int(1)
        json.key("status"); json.string(status)
        json.key("created"); json.string(created)
        json.key("tasks"); if let tasks { json.int(tasks) } else { json.null() }
        json.key("rank"); if let rank { json.int(rank) } else { json.null() }
        json.key("rules_version"); json.string(rulesVersion)
        json.key("winnow_version"); json.string(winnowVersion)
        json.key("documents"); json.int(documents)
        json.key("records"); json.int(records)
        json.key("rejects"); json.int(rejects)
        json.key("shards")
        json.beginArray()
        for shard in shards {
            json.beginObject()
            json.key("name"); json.string(shard.name)
            json.key("records"); json.int(shard.records)
            json.key("bytes"); json.int(shard.bytes)
            json.endObject()
        }
        json.endArray()
        json.key("rejects_file"); json.string(rejectsFile)
        json.key("report_file"); json.string(reportFile)
        if let dedupGeneration { json.key("dedup_generation"); json.int(dedupGeneration) }
        if let dedupSignatures { json.key("dedup_signatures"); json.string(dedupSignatures) }
        if let dedupApplied { json.key("dedup_applied"); json.string(dedupApplied) }
        json.endObject()
        json.newline()
        return json.bytes
    }

    struct Invalid: Error {}

    public static func parse(_ data: [UInt8]) throws -> Manifest {
        guard let object = try JSONSerialization.jsonObject(with: Data(data)) as? [String: Any] else { throw Invalid() }
        let shards = (object["shards"] as? [[String: Any]] ?? []).compactMap { entry -> Shard? in
            guard let name = entry["name"] as? String else { return nil }
            return Shard(name: name, records: entry["records"] as? Int ?? 0, bytes: entry["bytes"] as? Int ?? 0)
        }
        guard let rejectsFile = object["rejects_file"] as? String, let reportFile = object["report_file"] as? String else { throw Invalid() }
        return Manifest(status: object["status"] as? String ?? "unknown", created: object["created"] as? String ?? "",
                        tasks: object["tasks"] as? Int, rank: object["rank"] as? Int,
                        rulesVersion: object["rules_version"] as? String ?? "", winnowVersion: object["winnow_version"] as? String ?? "",
                        documents: object["documents"] as? Int ?? 0, records: object["records"] as? Int ?? 0,
                        rejects: object["rejects"] as? Int ?? 0, shards: shards, rejectsFile: rejectsFile, reportFile: reportFile,
                        dedupGeneration: object["dedup_generation"] as? Int, dedupSignatures: object["dedup_signatures"] as? String,
                        dedupApplied: object["dedup_applied"] as? String)
    }

    public static func read(path: String) -> Manifest? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? parse([UInt8](data))
    }
}
