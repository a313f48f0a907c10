/// The format of `winnow status --json`: one object, keys in this order (`OrderedJSONEncoder`), every
/// key present (null when it has no value) but `dedup`, which only a ranked output with dedup on has.
struct StatusFile: Codable, Equatable, Sendable {
    struct Task: Codable, Equatable, Sendable {
        /// Nil: the unranked task.
        var rank: Int?
        var state: String
        /// Only while the task is running.
        var pid: Int?
        var documents: Int
        var records: Int
        var rejects: Int
        /// The last committed generation's status (nil: none).
        var generationStatus: String?
        var detail: String?
        var resumableDocuments: Int?

        enum CodingKeys: String, CodingKey {
            case rank, state, pid, documents, records, rejects, detail
            case generationStatus = "generation_status", resumableDocuments = "resumable_documents"
        }

        func encode(to encoder: any Encoder) throws {
            var values = encoder.container(keyedBy: CodingKeys.self)
            try values.encode(rank, forKey: .rank)
            try values.encode(state, forKey: .state)
            try values.encode(pid, forKey: .pid)
            try values.encode(documents, forKey: .documents)
            try values.encode(records, forKey: .records)
            try values.encode(rejects, forKey: .rejects)
            try values.encode(generationStatus, forKey: .generationStatus)
            try values.encode(detail, forKey: .detail)
            try values.encode(resumableDocuments, forKey: .resumableDocuments)
        }
    }

    /// Where the distributed dedup stands (`DedupStageStatus`).
    struct Dedup: Codable, Equatable, Sendable {
        var signatures: Int
        var bands: Int?
        var bandsDone: Int
        var clustersDone: Bool
        /// `dedup.exact` and `dedup.near` → copies the clusters remove.
        var removed: [String: Int]
        var applied: Int
        var complete: Bool
        var next: String

        enum CodingKeys: String, CodingKey {
            case signatures, bands, removed, applied, complete, next
            case bandsDone = "bands_done", clustersDone = "clusters_done"
        }

        func encode(to encoder: any Encoder) throws {
            var values = encoder.container(keyedBy: CodingKeys.self)
            try values.encode(signatures, forKey: .signatures)
            try values.encode(bands, forKey: .bands)
            try values.encode(bandsDone, forKey: .bandsDone)
            try values.encode(clustersDone, forKey: .clustersDone)
            try values.encode(KeyedValues(sorting: removed), forKey: .removed)
            try values.encode(applied, forKey: .applied)
            try values.encode(complete, forKey: .complete)
            try values.encode(next, forKey: .next)
        }
    }

    var output: String
    var allDone: Bool
    /// What the directory mixes and how to start over (nil: one layout).
    var mixed: String?
    var tasks: [Task]
    var dedup: Dedup?

    enum CodingKeys: String, CodingKey {
        case output, mixed, tasks, dedup
        case allDone = "all_done"
    }

    func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(output, forKey: .output)
        try values.encode(allDone, forKey: .allDone)
        try values.encode(mixed, forKey: .mixed)
        try values.encode(tasks, forKey: .tasks)
        try values.encodeIfPresent(dedup, forKey: .dedup)
    }
}
