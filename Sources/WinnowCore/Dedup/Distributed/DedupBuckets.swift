import Foundation

/// `winnow dedup buckets --band K`: groups every rank's documents by their key K (a MinHash band, or
/// the exact text) and writes, for each group of two or more, one pair per later document: the
/// document and the group's first one in global input order (its *head*), with both ids. That is all
/// the clusters stage needs: on one machine a key found in the index leads to the document that put
/// it there first. One key per task: bands run in parallel (one Slurm array task or Kubernetes index
/// each), and each reads only its key of each signature.
enum DedupBuckets {
    struct Outcome: Equatable {
        let key: Int
        /// False when the band file was already there for these inputs (nothing done).
        let written: Bool
        let documents: Int
        let pairs: Int
    }

    static func run(output: String, keys wanted: ClosedRange<Int>?) throws(RunError) -> [Outcome] {
        let inputs = try DedupInputs.read(output: output)
        let all = 0...(inputs.keyLayout.count - 1)
        guard inputs.keyLayout.count > 0 else { throw RunError(.usage, "the ranks' signatures have no keys") }
        let keys = wanted ?? all
        guard all.contains(keys.lowerBound) && all.contains(keys.upperBound) else {
            throw RunError(.usage, "--band \(keys.lowerBound == keys.upperBound ? "\(keys.lowerBound)" : "\(keys.lowerBound)-\(keys.upperBound)") is outside 0-\(all.upperBound) "
                           + "(\(inputs.keyLayout.bands) MinHash bands\(inputs.keyLayout.exact ? " and the exact text as \(inputs.keyLayout.bands)" : ""))")
        }
        var outcomes: [Outcome] = []
        for key in keys {
            if let header = inputs.currentHeader(DedupStageFile.band(key)) {
                outcomes.append(Outcome(key: key, written: false, documents: header["documents"] as? Int ?? 0, pairs: header["pairs"] as? Int ?? 0))
                continue
            }
            do {
                outcomes.append(try bucket(inputs, key: key))
            } catch {
                throw RunError(.ioError, "dedup buckets, \(inputs.keyLayout.name(key)): \(error)")
            }
        }
        return outcomes
    }

    private struct Entry {
        var key: Int64
        var position: DedupPosition
    }

    /// Two passes over the signatures: keys and positions first (24 bytes a document, sorted in
    /// memory), then the ids of the documents that are in a pair only.
    private static func bucket(_ inputs: DedupInputs, key: Int) throws -> Outcome {
        var entries: [Entry] = []
        var perRank: [Int] = []
        let count = inputs.keyLayout.count
        for rank in 0..<inputs.tasks {
            let reader = try DedupFileReader(path: inputs.path(DedupStageFile.signatures(rank: rank)))
            var documents = 0
            while try !reader.atEnd() {
                let position = DedupPosition(entry: try reader.int64(), seq: try reader.int64())
                var value: Int64 = 0
                for k in 0..<count {
                    let v = try reader.int64()
                    if k == key { value = v }
                }
                try reader.skipString()
                entries.append(Entry(key: value, position: position))
                documents += 1
            }
            perRank.append(documents)
        }
        entries.sort { $0.key != $1.key ? $0.key < $1.key : $0.position < $1.position }
        var pairs: [(member: DedupPosition, head: DedupPosition)] = []
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count && entries[end].key == entries[start].key { end += 1 }
            for i in (start + 1)..<max(start + 1, end) { pairs.append((entries[i].position, entries[start].position)) }
            start = end
        }
        let total = entries.count
        entries = []
        var ids: [DedupPosition: String] = [:]
        for (member, head) in pairs { ids[member] = ""; ids[head] = "" }
        if !ids.isEmpty {
            for rank in 0..<inputs.tasks {
                let reader = try DedupFileReader(path: inputs.path(DedupStageFile.signatures(rank: rank)))
                while try !reader.atEnd() {
                    let position = DedupPosition(entry: try reader.int64(), seq: try reader.int64())
                    for _ in 0..<count { _ = try reader.int64() }
                    if ids[position] != nil { ids[position] = try reader.string() } else { try reader.skipString() }
                }
            }
        }
        var header = JSONBuffer()
        header.beginObject()
        header.key("kind"); header.string("band")
        header.key("format"); header.int(1)
        header.key("key"); header.int(key)
        header.key("name"); header.string(inputs.keyLayout.name(key))
        header.key("input"); header.string(inputs.token)
        header.key("tasks"); header.int(inputs.tasks)
        header.key("documents"); header.int(total)
        header.key("documents_per_rank"); header.beginArray(); for n in perRank { header.int(n) }; header.endArray()
        header.key("pairs"); header.int(pairs.count)
        header.endObject()
        let relative = DedupStageFile.band(key)
        let writer = try DedupFileWriter(directory: inputs.path(DedupStageFile.directory), name: (relative as NSString).lastPathComponent, header: header.bytes)
        do {
            for (member, head) in pairs {
                for position in [member, head] {
                    try writer.int64(position.entry)
                    try writer.int64(position.seq)
                    try writer.string(ids[position] ?? "")
                }
            }
            try writer.commit()
        } catch {
            writer.discard()
            throw error
        }
        return Outcome(key: key, written: true, documents: total, pairs: pairs.count)
    }
}
