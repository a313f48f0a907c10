/// The format of `winnow status --json`: one object, keys in the order declared (`OrderedJSONEncoder`),
/// every key present (`@Nullable`: null when it has no value) but `dedup`, which only a ranked output
/// with dedup on has.
struct StatusFile: Codable, Equatable, Sendable {
    struct Task: Codable, Equatable, Sendable {
        /// Nil: the unranked task.
        @Nullable var rank: Int?
        var state: String
        /// Only while the task is running.
        @Nullable var pid: Int? = nil
        var documents: Int
        var records: Int
        var rejects: Int
        /// The last committed generation's status (nil: none).
        @Nullable var generationStatus: String? = nil
        @Nullable var detail: String? = nil
        @Nullable var resumableDocuments: Int? = nil

        enum CodingKeys: String, CodingKey {
            case rank, state, pid, documents, records, rejects
            case generationStatus = "generation_status", detail, resumableDocuments = "resumable_documents"
        }
    }

    /// Where the distributed dedup stands (`DedupStageStatus`).
    struct Dedup: Codable, Equatable, Sendable {
        var signatures: Int
        @Nullable var bands: Int?
        var bandsDone: Int
        var clustersDone: Bool
        /// `dedup.exact` and `dedup.near` → copies the clusters remove.
        var removed: KeyedValues<Int>
        var applied: Int
        var complete: Bool
        var next: String

        enum CodingKeys: String, CodingKey {
            case signatures, bands, bandsDone = "bands_done", clustersDone = "clusters_done", removed, applied, complete, next
        }
    }

    var output: String
    var allDone: Bool
    /// What the directory mixes and how to start over (nil: one layout).
    @Nullable var mixed: String?
    var tasks: [Task]
    var dedup: Dedup? = nil

    enum CodingKeys: String, CodingKey { case output, allDone = "all_done", mixed, tasks, dedup }
}
