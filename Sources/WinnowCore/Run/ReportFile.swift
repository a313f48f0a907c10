import Foundation

/// The format of `report.json` (and of a failed or parked run's copy of it), and of the merged report
/// `winnow report` prints: one model, written by `RunReport.json()` through `OrderedJSONEncoder` (keys
/// in the order declared, numbers rounded as the fields say) and read back with JSONDecoder by
/// `status`, `report` and `winnow dedup apply`: every field is `@Lenient`, as a damaged or older file
/// must not stop them. `winnow report` prints it with keys sorted; the fields it adds (`mixed`,
/// `tasks_merged`, `tasks_total`) are nil in a run's report.
struct ReportFile: Codable, Equatable, Sendable {
    struct Inputs: Codable, Equatable, Sendable {
        @Lenient var documents: Int? = nil
        @Lenient var processed: Int? = nil
        @Lenient var bytes: Int? = nil
        @Lenient var skippedByExtension: KeyedValues<Int>? = nil
        @Lenient var duplicates: Int? = nil
        @Lenient var unreadableDirs: Int? = nil
        @Lenient var skippedOutputDirs: Int? = nil
        @Lenient var skippedRecords: KeyedValues<Int>? = nil
        @Lenient var rejectsOverCap: KeyedValues<Int>? = nil

        enum CodingKeys: String, CodingKey {
            case documents, processed, bytes, skippedByExtension = "skipped_by_extension", duplicates, unreadableDirs = "unreadable_dirs"
            case skippedOutputDirs = "skipped_output_dirs", skippedRecords = "skipped_records", rejectsOverCap = "rejects_over_cap"
        }
    }

    /// One pipeline stage: documents in, dropped, seconds (4 decimals).
    struct Stage: Codable, Equatable, Sendable {
        @Lenient var documents: Int? = nil
        @Lenient var dropped: Int? = nil
        @Lenient var seconds: Double? = nil

        enum CodingKeys: String, CodingKey { case documents = "in", dropped, seconds }
    }

    /// `--incremental` counts.
    struct Incremental: Codable, Equatable, Sendable {
        @Lenient var new: Int? = nil
        @Lenient var changed: Int? = nil
        @Lenient var unchanged: Int? = nil
        @Lenient var deleted: Int? = nil
        @Lenient var carriedDocuments: Int? = nil
        @Lenient var rulesChanged: Bool? = nil
        @Lenient var previousGeneration: Bool? = nil

        enum CodingKeys: String, CodingKey {
            case new, changed, unchanged, deleted
            case carriedDocuments = "carried_documents", rulesChanged = "rules_changed", previousGeneration = "previous_generation"
        }
    }

    /// What was copied from a stopped run's parked work.
    struct Resumed: Codable, Equatable, Sendable {
        @Lenient var inputs: Int? = nil
        @Lenient var documents: Int? = nil
    }

    /// The `dedup` object: settings, then this run's counts (`DedupReport`).
    struct Dedup: Codable, Equatable, Sendable {
        @Lenient var exact: Bool? = nil
        @Lenient var near: Bool? = nil
        @Lenient var shingleWords: Int? = nil
        @Lenient var bands: Int? = nil
        @Lenient var rows: Int? = nil
        @Lenient var against: [String]? = nil
        @Lenient var stage: String? = nil
        @Lenient var checked: Int? = nil
        /// `dedup.exact` and `dedup.near` → documents removed.
        @Lenient var removed: KeyedValues<Int>? = nil
        @Lenient var removedAgainstCorpus: Int? = nil
        /// Cluster size (as text, a JSON key) → clusters, by size.
        @Lenient var clusterSizes: KeyedValues<Int>? = nil
        @Lenient var indexGeneration: Int? = nil
        @Lenient var indexDocuments: Int? = nil
        @Lenient var indexReset: Bool? = nil

        enum CodingKeys: String, CodingKey {
            case exact, near, shingleWords = "shingle_words", bands, rows, against, stage, checked, removed
            case removedAgainstCorpus = "removed_against_corpus", clusterSizes = "cluster_sizes"
            case indexGeneration = "index_generation", indexDocuments = "index_documents", indexReset = "index_reset"
        }
    }

    @Lenient var status: String? = nil
    @Lenient var exitCode: Int? = nil
    /// `.some(nil)`: null, as a run's report states it when there is none; nil: no key (a merged report).
    @Lenient var message: String?? = nil
    @Lenient var winnowVersion: String? = nil
    @Lenient var rulesVersion: String? = nil
    @Lenient var config: String? = nil
    @Lenient var output: String? = nil
    @Lenient var started: String? = nil
    @Lenient var workers: Int? = nil
    @Lenient var tasks: Int? = nil
    @Lenient var rank: Int? = nil
    @Lenient var inputs: Inputs? = nil
    @Lenient var records: Int? = nil
    @Lenient var rejects: Int? = nil
    /// In the pipeline's order.
    @Lenient var stages: KeyedValues<Stage>? = nil
    @Lenient var rejectsByReason: KeyedValues<Int>? = nil
    @Lenient var encodings: KeyedValues<Int>? = nil
    @Lenient var ruleHits: KeyedValues<Int>? = nil
    @Lenient var shards: [String]? = nil
    @Lenient var incremental: Incremental? = nil
    @Lenient var resumed: Resumed? = nil
    @Lenient var dedup: Dedup? = nil
    /// 3 decimals.
    @Lenient var wallSeconds: Double? = nil
    /// 3 decimals.
    @Lenient var cpuSeconds: Double? = nil
    /// 1 decimal (unrounded in the merged report).
    @Lenient var docsPerSecond: Double? = nil
    /// 2 decimals (unrounded in the merged report).
    @Lenient var mbPerSecond: Double? = nil
    @Lenient var peakRSSBytes: Int? = nil
    /// `winnow report` only: what the directory mixes, the reports merged, the tasks in all.
    @Lenient var mixed: String? = nil
    @Lenient var tasksMerged: Int? = nil
    @Lenient var tasksTotal: Int? = nil

    enum CodingKeys: String, CodingKey {
        case status, exitCode = "exit_code", message, winnowVersion = "winnow_version", rulesVersion = "rules_version"
        case config, output, started, workers, tasks, rank, inputs, records, rejects, stages
        case rejectsByReason = "rejects_by_reason", encodings, ruleHits = "rule_hits", shards, incremental, resumed, dedup
        case wallSeconds = "wall_seconds", cpuSeconds = "cpu_seconds", docsPerSecond = "docs_per_second", mbPerSecond = "mb_per_second"
        case peakRSSBytes = "peak_rss_bytes", mixed, tasksMerged = "tasks_merged", tasksTotal = "tasks_total"
    }

    /// Nil when the file is missing or not a JSON object.
    static func read(path: String) -> ReportFile? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(ReportFile.self, from: data)
    }
}
