import Foundation

/// The format of `report.json` (and of a failed or parked run's copy of it), and of the merged report
/// `winnow report` prints: one model, written by `RunReport.json()` through `OrderedJSONEncoder` (keys
/// in the order below, numbers rounded as the fields say) and read back leniently with JSONDecoder by
/// `status`, `report` and `winnow dedup apply`: every field is optional, and a missing or mistyped value
/// is nil, as a damaged or older file must not stop them. `winnow report` writes it with JSONEncoder,
/// keys sorted; the fields it adds (`mixed`, `tasks_merged`, `tasks_total`) are nil in a run's report.
struct ReportFile: Codable, Equatable, Sendable {
    struct Inputs: Codable, Equatable, Sendable {
        var documents: Int?
        var processed: Int?
        var bytes: Int?
        var skippedByExtension: [String: Int]?
        var duplicates: Int?
        var unreadableDirs: Int?
        var skippedOutputDirs: Int?
        var skippedRecords: [String: Int]?
        var rejectsOverCap: [String: Int]?

        enum CodingKeys: String, CodingKey {
            case documents, processed, bytes, duplicates
            case skippedByExtension = "skipped_by_extension", unreadableDirs = "unreadable_dirs", skippedOutputDirs = "skipped_output_dirs"
            case skippedRecords = "skipped_records", rejectsOverCap = "rejects_over_cap"
        }
    }

    /// One pipeline stage: documents in, dropped, seconds (4 decimals).
    struct Stage: Codable, Equatable, Sendable {
        var documents: Int?
        var dropped: Int?
        var seconds: Double?

        enum CodingKeys: String, CodingKey { case documents = "in", dropped, seconds }
    }

    /// `--incremental` counts.
    struct Incremental: Codable, Equatable, Sendable {
        var new: Int?
        var changed: Int?
        var unchanged: Int?
        var deleted: Int?
        var carriedDocuments: Int?
        var rulesChanged: Bool?
        var previousGeneration: Bool?

        enum CodingKeys: String, CodingKey {
            case new, changed, unchanged, deleted
            case carriedDocuments = "carried_documents", rulesChanged = "rules_changed", previousGeneration = "previous_generation"
        }
    }

    /// What was copied from a stopped run's parked work.
    struct Resumed: Codable, Equatable, Sendable {
        var inputs: Int?
        var documents: Int?
    }

    /// The `dedup` object: settings, then this run's counts (`DedupReport`).
    struct Dedup: Codable, Equatable, Sendable {
        var exact: Bool?
        var near: Bool?
        var shingleWords: Int?
        var bands: Int?
        var rows: Int?
        var against: [String]?
        var stage: String?
        var checked: Int?
        /// `dedup.exact` and `dedup.near` → documents removed.
        var removed: [String: Int]?
        var removedAgainstCorpus: Int?
        /// Cluster size (as text, a JSON key) → clusters; written in numeric order.
        var clusterSizes: [String: Int]?
        var indexGeneration: Int?
        var indexDocuments: Int?
        var indexReset: Bool?

        enum CodingKeys: String, CodingKey {
            case exact, near, bands, rows, against, stage, checked, removed
            case shingleWords = "shingle_words", removedAgainstCorpus = "removed_against_corpus", clusterSizes = "cluster_sizes"
            case indexGeneration = "index_generation", indexDocuments = "index_documents", indexReset = "index_reset"
        }
    }

    var status: String?
    var exitCode: Int?
    var message: String?
    var winnowVersion: String?
    var rulesVersion: String?
    var config: String?
    var output: String?
    var started: String?
    var workers: Int?
    var tasks: Int?
    var rank: Int?
    var inputs: Inputs?
    var records: Int?
    var rejects: Int?
    /// In the pipeline's order.
    var stages: KeyedValues<Stage>?
    var rejectsByReason: [String: Int]?
    var encodings: [String: Int]?
    var ruleHits: [String: Int]?
    var shards: [String]?
    var incremental: Incremental?
    var resumed: Resumed?
    var dedup: Dedup?
    /// 3 decimals.
    var wallSeconds: Double?
    /// 3 decimals.
    var cpuSeconds: Double?
    /// 1 decimal (unrounded in the merged report).
    var docsPerSecond: Double?
    /// 2 decimals (unrounded in the merged report).
    var mbPerSecond: Double?
    var peakRSSBytes: Int?
    /// `winnow report` only: what the directory mixes, the reports merged, the tasks in all.
    var mixed: String?
    var tasksMerged: Int?
    var tasksTotal: Int?

    enum CodingKeys: String, CodingKey {
        case status, message, config, output, started, workers, tasks, rank, inputs, records, rejects, stages, encodings, shards
        case incremental, resumed, dedup, mixed
        case exitCode = "exit_code", winnowVersion = "winnow_version", rulesVersion = "rules_version"
        case rejectsByReason = "rejects_by_reason", ruleHits = "rule_hits"
        case wallSeconds = "wall_seconds", cpuSeconds = "cpu_seconds", docsPerSecond = "docs_per_second", mbPerSecond = "mb_per_second"
        case peakRSSBytes = "peak_rss_bytes", tasksMerged = "tasks_merged", tasksTotal = "tasks_total"
    }

    /// Nil when the file is missing or not a JSON object.
    static func read(path: String) -> ReportFile? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(ReportFile.self, from: data)
    }
}

/// Read leniently (see the type's comment).
extension ReportFile {
    init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        status = values.lenient(String.self, .status)
        exitCode = values.lenient(Int.self, .exitCode)
        message = values.lenient(String.self, .message)
        winnowVersion = values.lenient(String.self, .winnowVersion)
        rulesVersion = values.lenient(String.self, .rulesVersion)
        config = values.lenient(String.self, .config)
        output = values.lenient(String.self, .output)
        started = values.lenient(String.self, .started)
        workers = values.lenient(Int.self, .workers)
        tasks = values.lenient(Int.self, .tasks)
        rank = values.lenient(Int.self, .rank)
        inputs = values.lenient(Inputs.self, .inputs)
        records = values.lenient(Int.self, .records)
        rejects = values.lenient(Int.self, .rejects)
        stages = values.lenient(KeyedValues<Stage>.self, .stages)
        rejectsByReason = values.lenient([String: Int].self, .rejectsByReason)
        encodings = values.lenient([String: Int].self, .encodings)
        ruleHits = values.lenient([String: Int].self, .ruleHits)
        shards = values.lenient([String].self, .shards)
        incremental = values.lenient(Incremental.self, .incremental)
        resumed = values.lenient(Resumed.self, .resumed)
        dedup = values.lenient(Dedup.self, .dedup)
        wallSeconds = values.lenient(Double.self, .wallSeconds)
        cpuSeconds = values.lenient(Double.self, .cpuSeconds)
        docsPerSecond = values.lenient(Double.self, .docsPerSecond)
        mbPerSecond = values.lenient(Double.self, .mbPerSecond)
        peakRSSBytes = values.lenient(Int.self, .peakRSSBytes)
        mixed = values.lenient(String.self, .mixed)
        tasksMerged = values.lenient(Int.self, .tasksMerged)
        tasksTotal = values.lenient(Int.self, .tasksTotal)
    }

    /// In the file's key order; a run's report (it has an exit code) states `message` null when there is none.
    func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encodeIfPresent(status, forKey: .status)
        try values.encodeIfPresent(exitCode, forKey: .exitCode)
        if let message { try values.encode(message, forKey: .message) } else if exitCode != nil { try values.encodeNil(forKey: .message) }
        try values.encodeIfPresent(winnowVersion, forKey: .winnowVersion)
        try values.encodeIfPresent(rulesVersion, forKey: .rulesVersion)
        try values.encodeIfPresent(config, forKey: .config)
        try values.encodeIfPresent(output, forKey: .output)
        try values.encodeIfPresent(started, forKey: .started)
        try values.encodeIfPresent(workers, forKey: .workers)
        try values.encodeIfPresent(tasks, forKey: .tasks)
        try values.encodeIfPresent(rank, forKey: .rank)
        try values.encodeIfPresent(inputs, forKey: .inputs)
        try values.encodeIfPresent(records, forKey: .records)
        try values.encodeIfPresent(rejects, forKey: .rejects)
        try values.encodeIfPresent(stages, forKey: .stages)
        try values.encodeIfPresent(rejectsByReason.map(KeyedValues.init(sorting:)), forKey: .rejectsByReason)
        try values.encodeIfPresent(encodings.map(KeyedValues.init(sorting:)), forKey: .encodings)
        try values.encodeIfPresent(ruleHits.map(KeyedValues.init(sorting:)), forKey: .ruleHits)
        try values.encodeIfPresent(shards, forKey: .shards)
        try values.encodeIfPresent(incremental, forKey: .incremental)
        try values.encodeIfPresent(resumed, forKey: .resumed)
        try values.encodeIfPresent(dedup, forKey: .dedup)
        try values.encodeIfPresent(wallSeconds, forKey: .wallSeconds)
        try values.encodeIfPresent(cpuSeconds, forKey: .cpuSeconds)
        try values.encodeIfPresent(docsPerSecond, forKey: .docsPerSecond)
        try values.encodeIfPresent(mbPerSecond, forKey: .mbPerSecond)
        try values.encodeIfPresent(peakRSSBytes, forKey: .peakRSSBytes)
        try values.encodeIfPresent(mixed, forKey: .mixed)
        try values.encodeIfPresent(tasksMerged, forKey: .tasksMerged)
        try values.encodeIfPresent(tasksTotal, forKey: .tasksTotal)
    }
}

extension ReportFile.Inputs {
    init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        documents = values.lenient(Int.self, .documents)
        processed = values.lenient(Int.self, .processed)
        bytes = values.lenient(Int.self, .bytes)
        skippedByExtension = values.lenient([String: Int].self, .skippedByExtension)
        duplicates = values.lenient(Int.self, .duplicates)
        unreadableDirs = values.lenient(Int.self, .unreadableDirs)
        skippedOutputDirs = values.lenient(Int.self, .skippedOutputDirs)
        skippedRecords = values.lenient([String: Int].self, .skippedRecords)
        rejectsOverCap = values.lenient([String: Int].self, .rejectsOverCap)
    }

    func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encodeIfPresent(documents, forKey: .documents)
        try values.encodeIfPresent(processed, forKey: .processed)
        try values.encodeIfPresent(bytes, forKey: .bytes)
        try values.encodeIfPresent(skippedByExtension.map(KeyedValues.init(sorting:)), forKey: .skippedByExtension)
        try values.encodeIfPresent(duplicates, forKey: .duplicates)
        try values.encodeIfPresent(unreadableDirs, forKey: .unreadableDirs)
        try values.encodeIfPresent(skippedOutputDirs, forKey: .skippedOutputDirs)
        try values.encodeIfPresent(skippedRecords.map(KeyedValues.init(sorting:)), forKey: .skippedRecords)
        try values.encodeIfPresent(rejectsOverCap.map(KeyedValues.init(sorting:)), forKey: .rejectsOverCap)
    }
}

extension ReportFile.Stage {
    init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        documents = values.lenient(Int.self, .documents)
        dropped = values.lenient(Int.self, .dropped)
        seconds = values.lenient(Double.self, .seconds)
    }
}

extension ReportFile.Incremental {
    init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        new = values.lenient(Int.self, .new)
        changed = values.lenient(Int.self, .changed)
        unchanged = values.lenient(Int.self, .unchanged)
        deleted = values.lenient(Int.self, .deleted)
        carriedDocuments = values.lenient(Int.self, .carriedDocuments)
        rulesChanged = values.lenient(Bool.self, .rulesChanged)
        previousGeneration = values.lenient(Bool.self, .previousGeneration)
    }
}

extension ReportFile.Resumed {
    init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        inputs = values.lenient(Int.self, .inputs)
        documents = values.lenient(Int.self, .documents)
    }
}

extension ReportFile.Dedup {
    init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        exact = values.lenient(Bool.self, .exact)
        near = values.lenient(Bool.self, .near)
        shingleWords = values.lenient(Int.self, .shingleWords)
        bands = values.lenient(Int.self, .bands)
        rows = values.lenient(Int.self, .rows)
        against = values.lenient([String].self, .against)
        stage = values.lenient(String.self, .stage)
        checked = values.lenient(Int.self, .checked)
        removed = values.lenient([String: Int].self, .removed)
        removedAgainstCorpus = values.lenient(Int.self, .removedAgainstCorpus)
        clusterSizes = values.lenient([String: Int].self, .clusterSizes)
        indexGeneration = values.lenient(Int.self, .indexGeneration)
        indexDocuments = values.lenient(Int.self, .indexDocuments)
        indexReset = values.lenient(Bool.self, .indexReset)
    }

    func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encodeIfPresent(exact, forKey: .exact)
        try values.encodeIfPresent(near, forKey: .near)
        try values.encodeIfPresent(shingleWords, forKey: .shingleWords)
        try values.encodeIfPresent(bands, forKey: .bands)
        try values.encodeIfPresent(rows, forKey: .rows)
        try values.encodeIfPresent(against, forKey: .against)
        try values.encodeIfPresent(stage, forKey: .stage)
        try values.encodeIfPresent(checked, forKey: .checked)
        try values.encodeIfPresent(removed.map(KeyedValues.init(sorting:)), forKey: .removed)
        try values.encodeIfPresent(removedAgainstCorpus, forKey: .removedAgainstCorpus)
        // Numeric order: 2, 3, 10.
        let sizes = clusterSizes.map { sizes in
            KeyedValues(sizes.keys.sorted { (Int($0) ?? .max, $0) < (Int($1) ?? .max, $1) }.map { KeyedValues.Entry(key: $0, value: sizes[$0] ?? 0) })
        }
        try values.encodeIfPresent(sizes, forKey: .clusterSizes)
        try values.encodeIfPresent(indexGeneration, forKey: .indexGeneration)
        try values.encodeIfPresent(indexDocuments, forKey: .indexDocuments)
        try values.encodeIfPresent(indexReset, forKey: .indexReset)
    }
}
