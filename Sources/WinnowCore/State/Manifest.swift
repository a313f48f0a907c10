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

    /// The file: `OrderedJSONEncoder` writes the keys in `encode(to:)`'s order.
    public var bytes: [UInt8] {
        get throws { try OrderedJSONEncoder().encode(self) }
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

/// The file's format: written in this key order, `tasks` and `rank` null when unranked, the dedup keys
/// only when set; read back as leniently as the files were always read: only `rejects_file` and
/// `report_file` are required, a missing or mistyped value takes its default, and a shard without a
/// name is left out.
extension Manifest: Codable {
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

    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(1, forKey: .format)
        try values.encode(status, forKey: .status)
        try values.encode(created, forKey: .created)
        try values.encode(tasks, forKey: .tasks)
        try values.encode(rank, forKey: .rank)
        try values.encode(rulesVersion, forKey: .rulesVersion)
        try values.encode(winnowVersion, forKey: .winnowVersion)
        try values.encode(documents, forKey: .documents)
        try values.encode(records, forKey: .records)
        try values.encode(rejects, forKey: .rejects)
        try values.encode(shards, forKey: .shards)
        try values.encode(rejectsFile, forKey: .rejectsFile)
        try values.encode(reportFile, forKey: .reportFile)
        try values.encodeIfPresent(dedupGeneration, forKey: .dedupGeneration)
        try values.encodeIfPresent(dedupSignatures, forKey: .dedupSignatures)
        try values.encodeIfPresent(dedupApplied, forKey: .dedupApplied)
    }
}

/// Written in this key order (synthesized); read through `StoredShard`.
extension Manifest.Shard: Encodable {
    enum CodingKeys: String, CodingKey { case name, records, bytes }
}
