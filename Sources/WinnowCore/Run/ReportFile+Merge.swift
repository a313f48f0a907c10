/// How `winnow report` adds one task's report to the others: counts add up; `workers`, `tasks`,
/// `wall_seconds` and `peak_rss_bytes` take the largest; other seconds and rates add up; the
/// incremental flags are true if any is; texts that differ are joined with ", " (`started`: the
/// earliest); lists are joined; the dedup settings are the first report's. A field one report lacks
/// is the other's.
extension ReportFile {
    func adding(_ other: ReportFile) -> ReportFile {
        typealias M = ReportFile
        var out = self
        out.status = M.join(status, other.status)
        out.exitCode = M.sum(exitCode, other.exitCode)
        out.message = M.both(message, other.message) { M.join($0, $1) }
        out.winnowVersion = M.join(winnowVersion, other.winnowVersion)
        out.rulesVersion = M.join(rulesVersion, other.rulesVersion)
        out.config = M.join(config, other.config)
        out.output = M.join(output, other.output)
        out.started = M.both(started, other.started, min)
        out.workers = M.both(workers, other.workers, max)
        out.tasks = M.both(tasks, other.tasks, max)
        out.rank = M.sum(rank, other.rank)
        out.inputs = M.both(inputs, other.inputs) { $0.adding($1) }
        out.records = M.sum(records, other.records)
        out.rejects = M.sum(rejects, other.rejects)
        out.stages = M.both(stages, other.stages) { $0.merging($1) { $0.adding($1) } }
        out.rejectsByReason = M.counts(rejectsByReason, other.rejectsByReason)
        out.encodings = M.counts(encodings, other.encodings)
        out.ruleHits = M.counts(ruleHits, other.ruleHits)
        out.shards = M.both(shards, other.shards, +)
        out.incremental = M.both(incremental, other.incremental) { $0.adding($1) }
        out.resumed = M.both(resumed, other.resumed) { Resumed(inputs: M.sum($0.inputs, $1.inputs), documents: M.sum($0.documents, $1.documents)) }
        out.dedup = M.both(dedup, other.dedup) { $0.adding($1) }
        out.wallSeconds = M.both(wallSeconds, other.wallSeconds, max)
        out.cpuSeconds = M.sum(cpuSeconds, other.cpuSeconds)
        out.docsPerSecond = M.sum(docsPerSecond, other.docsPerSecond)
        out.mbPerSecond = M.sum(mbPerSecond, other.mbPerSecond)
        out.peakRSSBytes = M.both(peakRSSBytes, other.peakRSSBytes, max)
        out.mixed = M.join(mixed, other.mixed)
        out.tasksMerged = M.sum(tasksMerged, other.tasksMerged)
        out.tasksTotal = M.sum(tasksTotal, other.tasksTotal)
        return out
    }

    /// `combine` of both values, or the one there is.
    static func both<T>(_ a: T?, _ b: T?, _ combine: (T, T) -> T) -> T? {
        guard let a else { return b }
        guard let b else { return a }
        return combine(a, b)
    }

    static func sum<T: AdditiveArithmetic>(_ a: T?, _ b: T?) -> T? { both(a, b, +) }

    static func join(_ a: String?, _ b: String?) -> String? { both(a, b) { $0 == $1 ? $0 : $0 + ", " + $1 } }

    static func counts(_ a: KeyedValues<Int>?, _ b: KeyedValues<Int>?) -> KeyedValues<Int>? { both(a, b) { $0.merging($1, +) } }
}

extension ReportFile.Inputs {
    func adding(_ other: Self) -> Self {
        typealias M = ReportFile
        return Self(documents: M.sum(documents, other.documents), processed: M.sum(processed, other.processed), bytes: M.sum(bytes, other.bytes),
                    skippedByExtension: M.counts(skippedByExtension, other.skippedByExtension), duplicates: M.sum(duplicates, other.duplicates),
                    unreadableDirs: M.sum(unreadableDirs, other.unreadableDirs), skippedOutputDirs: M.sum(skippedOutputDirs, other.skippedOutputDirs),
                    skippedRecords: M.counts(skippedRecords, other.skippedRecords), rejectsOverCap: M.counts(rejectsOverCap, other.rejectsOverCap))
    }
}

extension ReportFile.Stage {
    func adding(_ other: Self) -> Self {
        Self(documents: ReportFile.sum(documents, other.documents), dropped: ReportFile.sum(dropped, other.dropped), seconds: ReportFile.sum(seconds, other.seconds))
    }
}

extension ReportFile.Incremental {
    func adding(_ other: Self) -> Self {
        typealias M = ReportFile
        return Self(new: M.sum(new, other.new), changed: M.sum(changed, other.changed), unchanged: M.sum(unchanged, other.unchanged),
                    deleted: M.sum(deleted, other.deleted), carriedDocuments: M.sum(carriedDocuments, other.carriedDocuments),
                    rulesChanged: M.both(rulesChanged, other.rulesChanged) { $0 || $1 },
                    previousGeneration: M.both(previousGeneration, other.previousGeneration) { $0 || $1 })
    }
}

extension ReportFile.Dedup {
    /// The settings (`exact`, `near`, `shingle_words`, `bands`, `rows`) are the same for every rank: kept.
    func adding(_ other: Self) -> Self {
        typealias M = ReportFile
        return Self(exact: exact ?? other.exact, near: near ?? other.near, shingleWords: shingleWords ?? other.shingleWords,
                    bands: bands ?? other.bands, rows: rows ?? other.rows, against: M.both(against, other.against, +),
                    stage: M.join(stage, other.stage), checked: M.sum(checked, other.checked), removed: M.counts(removed, other.removed),
                    removedAgainstCorpus: M.sum(removedAgainstCorpus, other.removedAgainstCorpus),
                    clusterSizes: M.counts(clusterSizes, other.clusterSizes), indexGeneration: M.sum(indexGeneration, other.indexGeneration),
                    indexDocuments: M.sum(indexDocuments, other.indexDocuments),
                    indexReset: M.both(indexReset, other.indexReset) { $0 || $1 })
    }
}
