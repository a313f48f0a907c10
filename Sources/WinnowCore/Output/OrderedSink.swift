import Foundation

/// The writer side: shards, rejects and the run state, fed in sequence order on the scheduler's writer
/// queue, all inside the staging directory.
final class OrderedSink: @unchecked Sendable {
    // Only touched from the scheduler's serial writer queue, then read after it has drained.
    private let shards: ShardWriter
    private let rejects: AtomicFile
    private let state: StateWriter
    /// The task's entries in order, read as they are closed.
    private let entries: any InputEntryCursor
    private let entryCount: Int
    private let dedup: Deduplicator?
    /// Ranked runs with dedup on: every record's signature goes here instead of `dedup`.
    private let signatures: SignatureWriter?
    private var closedEntries = 0
    private var lastEntry = -1
    private(set) var stats: RunStats
    private(set) var carried = 0
    /// Of those, copied from a stopped run's parked work.
    private(set) var resumed = 0
    private var error: String?

    init(directory: String, layout: TaskLayout, limits: ShardWriter.Limits, compression: ShardCompression = .none, stageNames: [String],
         configHash: String, entries: any InputEntryCursor, entryCount: Int, dedup: Deduplicator? = nil,
         signatures: SignatureWriter? = nil) throws {
        shards = ShardWriter(directory: directory, limits: limits, compression: compression,
                             naming: { layout.shardName(index: $0, compression: compression) })
        rejects = try AtomicFile(directory: directory, name: layout.rejectsName)
        state = try StateWriter(path: directory + "/" + Generation.stateName, configHash: configHash, layout: layout)
        stats = RunStats(stageNames: stageNames)
        self.entries = entries
        self.entryCount = entryCount
        self.dedup = dedup
        self.signatures = signatures
    }

    var shardNames: [String] { shards.shardNames }
    var shardRecords: [Int] { shards.shardRecords }

    /// False once writing has failed; the caller then stops the run.
    func write(_ processed: DocumentResult) -> Bool {
        guard error == nil else { return false }
        do {
            var result = processed
            if let dedup, case .record = result.outcome {
                // Here, in input order, so that the first copy wins whatever the number of workers.
                let start = DispatchTime.now().uptimeNanoseconds
                let verdict = try result.dedup.flatMap { try dedup.check($0) }
                result = result.deduplicated(verdict, writerSeconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            if result.entry >= 0 {
                try closeEntries(upTo: result.entry)
                lastEntry = result.entry
            }
            if let signatures, case .record = result.outcome, let signature = result.dedup {
                // The row this document gets in the state (`seq`): `winnow dedup apply` finds it there.
                try signatures.add(localEntry: max(result.entry, lastEntry, 0), seq: stats.documents, signature: signature)
            }
            switch result.outcome {
            case .record(let line):
                let before = shards.shardNames.count
                try shards.write(line)
                // A new shard means the previous one was committed: commit its state rows with it.
                if shards.shardNames.count != before && before > 0 { try state.checkpoint() }
                try state.addDocument(result, location: (shards.shardNames[shards.shardNames.count - 1], shards.lastOffset, line.count))
            case .reject(let stage, let reason, let detail):
                try rejects.write(RecordEncoder.reject(source: result.source, stage: stage, reason: reason, detail: detail))
                try state.addDocument(result, location: nil)
            }
            if result.carried { carried += 1 }
            if result.resumed { resumed += 1 }
            stats.add(result)
            return true
        } catch {
            self.error = "\(error)"
            return false
        }
    }

    /// Inputs before `entry` are finished: record their identity as complete.
    private func closeEntries(upTo entry: Int) throws {
        while closedEntries < min(entry, entryCount) {
            let next = try nextEntry()
            try state.addInput(entry: closedEntries, source: next.source, path: next.path, identity: next.identity, complete: true)
            closedEntries += 1
        }
    }

    /// The entry at `closedEntries`.
    private func nextEntry() throws -> InputEntry {
        guard let entry = entries.next() else {
            throw InputDiscovery.Failure.storage(entries.failure ?? "the list of inputs ended after \(closedEntries) of \(entryCount) entries")
        }
        return entry
    }

    /// Commits the last shard, the rejects file and the state; returns the first write error, if any.
    /// `allInputsDone`: false when the run stopped early (the input in progress is marked incomplete).
    func finish(allInputsDone: Bool) -> String? {
        if error == nil {
            do {
                if allInputsDone {
                    try closeEntries(upTo: entryCount)
                } else if lastEntry >= 0 {
                    try closeEntries(upTo: lastEntry)
                    if closedEntries == lastEntry {
                        // A document file has one result, written: finished. A container may have more to come.
                        let last = try nextEntry()
                        var finished = false
                        if case .document = last { finished = true }
                        try state.addInput(entry: lastEntry, source: last.source, path: last.path, identity: last.identity, complete: finished)
                    }
                }
                try shards.finish()
                try rejects.commit()
                try state.finish()
                try signatures?.finish()
            } catch {
                self.error = "\(error)"
            }
        }
        if error != nil {
            shards.discard()
            rejects.discard()
            state.discard()
            signatures?.discard()
        }
        return error
    }
}
