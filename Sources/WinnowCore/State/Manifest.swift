import Foundation

/// `manifest.json` / `manifest-RRRRR.json`: the list of a generation's valid files, written last. A
/// reader that takes the shard list from the manifest never sees a half-committed generation's files
/// listed as valid.
public struct Manifest: Sendable, Equatable {
    public struct Shard: Sendable, Equatable {
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
        json.key(CodingKeys.format); json.int(1)
        json.key(CodingKeys.status); json.string(status)
        json.key(CodingKeys.created); json.string(created)
        json.key(CodingKeys.tasks); if let tasks { json.int(tasks) } else { json.null() }
        json.key(CodingKeys.rank); if let rank { json.int(rank) } else { json.null() }
        json.key(CodingKeys.rulesVersion); json.string(rulesVersion)
        json.key(CodingKeys.winnowVersion); json.string(winnowVersion)
        json.key(CodingKeys.documents); json.int(documents)
        json.key(CodingKeys.records); json.int(records)
        json.key(CodingKeys.rejects); json.int(rejects)
        json.key(CodingKeys.shards)
        json.beginArray()
        for shard in shards {
            json.beginObject()
            json.key(Shard.CodingKeys.name); json.string(shard.name)
            json.key(Shard.CodingKeys.records); json.int(shard.records)
            json.key(Shard.CodingKeys.bytes); json.int(shard.bytes)
            json.endObject()
        }
        json.endArray()
        json.key(CodingKeys.rejectsFile); json.string(rejectsFile)
        json.key(CodingKeys.reportFile); json.string(reportFile)
        if let dedupGeneration { json.key(CodingKeys.dedupGeneration); json.int(dedupGeneration) }
        if let dedupSignatures { json.key(CodingKeys.dedupSignatures); json.string(dedupSignatures) }
        if let dedupApplied { json.key(CodingKeys.dedupApplied); json.string(dedupApplied) }
        json.endObject()
        json.newline()
        return json.bytes
    }

    public static func read(path: String) -> Manifest? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? parse([UInt8](data))
    }

    /// Reads the JSON `bytes` writes (files of earlier versions too: keys they lack take defaults).
    public static func parse(_ data: [UInt8]) throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: Data(data))
    }
}

/// Read back as leniently as the files were always read: only `rejects_file` and `report_file` are
/// required, a missing or mistyped value takes its default, and a shard without a name is left out.
/// Written by `bytes`, under the same `CodingKeys` (JSONEncoder does not keep the key order).
extension Manifest: Decodable {
    enum CodingKeys: String, CodingKey {
        case format, status, created, tasks, rank, documents, records, rejects, shards
        case rulesVersion = "rules_version", winnowVersion = "winnow_version", rejectsFile = "rejects_file", reportFile = "report_file"
        case dedupGeneration = "dedup_generation", dedupSignatures = "dedup_signatures", dedupApplied = "dedup_applied"
    }

    /// A shard entry as found; those without a name are dropped.
    private struct StoredShard: Decodable {
        var name: String?
        var records: Int?
        var bytes: Int?

        init(from decoder: any Decoder) throws {
            let values = try decoder.container(keyedBy: Manifest.Shard.CodingKeys.self)
            name = values.lenient(String.self, .name)
            records = values.lenient(Int.self, .records)
            bytes = values.lenient(Int.self, .bytes)
        }
    }

    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        rejectsFile = try values.decode(String.self, forKey: .rejectsFile)
        reportFile = try values.decode(String.self, forKey: .reportFile)
        status = values.lenient(String.self, .status) ?? "unknown"
        created = values.lenient(String.self, .created) ?? ""
        tasks = values.lenient(Int.self, .tasks)
        rank = values.lenient(Int.self, .rank)
        rulesVersion = values.lenient(String.self, .rulesVersion) ?? ""
        winnowVersion = values.lenient(String.self, .winnowVersion) ?? ""
        documents = values.lenient(Int.self, .documents) ?? 0
        records = values.lenient(Int.self, .records) ?? 0
        rejects = values.lenient(Int.self, .rejects) ?? 0
        shards = (values.lenient([StoredShard].self, .shards) ?? []).compactMap { entry in
            entry.name.map { Shard(name: $0, records: entry.records ?? 0, bytes: entry.bytes ?? 0) }
        }
        dedupGeneration = values.lenient(Int.self, .dedupGeneration)
        dedupSignatures = values.lenient(String.self, .dedupSignatures)
        dedupApplied = values.lenient(String.self, .dedupApplied)
    }
}

extension Manifest.Shard {
    enum CodingKeys: String, CodingKey { case name, records, bytes }
}
