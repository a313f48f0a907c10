import Foundation

/// `winnow dedup clusters`: joins the pairs of every band into clusters and decides, for every
/// document that shares a key with an earlier one, whether it is removed and which kept document it
/// copies, exactly as the one-machine writer decides in input order (`Deduplicator`):
///
/// - exact: removed as `dedup.exact` when an earlier document with the same text was *kept* (the
///   first kept one of its exact group); a removed near copy's text key leads nowhere, as on one machine;
/// - near: otherwise, the first band (in band order) whose head is earlier names the kept document:
///   the head itself when it was kept, else the document the head was removed for (union-find, the
///   smallest input position as the root, without ever re-rooting a kept document).
///
/// Documents are visited in global input order, so every head is decided before the documents that
/// point to it. Writes `removed-RRRRR.bin` for each rank, then `clusters.json` (the stage's commit point).
enum DedupClusters {
    struct Outcome {
        let written: Bool
        let exact: Int
        let near: Int
        /// Cluster size (the kept document and its removed copies) → clusters.
        let clusterSizes: [Int: Int]
    }

    struct Verdict {
        let exact: Bool
        let survivor: DedupPosition
    }

    static func run(output: String) throws(RunError) -> Outcome {
        let inputs = try DedupInputs.read(output: output)
        if let summary = inputs.clustersSummary(),
           (0..<inputs.tasks).allSatisfy({ inputs.currentHeader(DedupStageFile.removed(rank: $0)) != nil }) {
            let removed = summary["removed"] as? [String: Int] ?? [:]
            return Outcome(written: false, exact: removed["dedup.exact"] ?? 0, near: removed["dedup.near"] ?? 0,
                           clusterSizes: sizes(summary["cluster_sizes"]))
        }
        let missing = (0..<inputs.keyLayout.count).filter { inputs.currentHeader(DedupStageFile.band($0)) == nil }
        guard missing.isEmpty else {
            throw RunError(.noInput, "dedup clusters needs every band's buckets for the ranks' current generations; missing or older: "
                           + missing.map { "--band \($0)" }.joined(separator: ", ") + " (run winnow dedup buckets)")
        }
        do {
            return try cluster(inputs)
        } catch {
            throw RunError(.ioError, "dedup clusters: \(error)")
        }
    }

    static func sizes(_ value: Any?) -> [Int: Int] {
        var sizes: [Int: Int] = [:]
        for (key, count) in value as? [String: Int] ?? [:] { if let size = Int(key) { sizes[size] = count } }
        return sizes
    }

    private static func cluster(_ inputs: DedupInputs) throws -> Outcome {
        let layout = inputs.keyLayout
        // member → (key, head) for each key it shares with an earlier document.
        var links: [DedupPosition: [(key: Int, head: DedupPosition)]] = [:]
        var ids: [DedupPosition: String] = [:]
        var documentsPerRank: [Int] = Array(repeating: 0, count: inputs.tasks)
        for key in 0..<layout.count {
            let reader = try DedupFileReader(path: inputs.path(DedupStageFile.band(key)))
            if key == 0, let counts = reader.header["documents_per_rank"] as? [Int], counts.count == inputs.tasks { documentsPerRank = counts }
            while try !reader.atEnd() {
                let member = DedupPosition(entry: try reader.int64(), seq: try reader.int64())
                let memberID = try reader.string()
                let head = DedupPosition(entry: try reader.int64(), seq: try reader.int64())
                let headID = try reader.string()
                links[member, default: []].append((key, head))
                ids[member] = memberID
                ids[head] = headID
            }
        }
        var removed: [DedupPosition: Verdict] = [:]
        // Exact group (by its head) → its first kept document.
        var exactRoot: [DedupPosition: DedupPosition] = [:]
        for member in links.keys.sorted() {
            let shared = (links[member] ?? []).sorted { $0.key < $1.key }
            var verdict: Verdict?
            var group: DedupPosition?
            if let exactKey = layout.exactKey, let head = shared.first(where: { $0.key == exactKey })?.head {
                group = head
                if exactRoot[head] == nil && removed[head] == nil { exactRoot[head] = head }
                if let root = exactRoot[head] { verdict = Verdict(exact: true, survivor: root) }
            }
            if verdict == nil, let band = shared.first(where: { $0.key != layout.exactKey }) {
                verdict = Verdict(exact: false, survivor: removed[band.head]?.survivor ?? band.head)
            }
            if let verdict {
                removed[member] = verdict
            } else if let group, exactRoot[group] == nil {
                exactRoot[group] = member
            }
        }
        // Per rank: the documents it removes, and the clusters whose kept document it holds.
        var perRank = Array(repeating: [(seq: Int64, position: DedupPosition, verdict: Verdict)](), count: inputs.tasks)
        var copies: [DedupPosition: Int] = [:]
        for (position, verdict) in removed {
            perRank[position.rank(tasks: inputs.tasks)].append((position.seq, position, verdict))
            copies[verdict.survivor, default: 0] += 1
        }
        var rankSizes = Array(repeating: [Int: Int](), count: inputs.tasks)
        for (root, count) in copies { rankSizes[root.rank(tasks: inputs.tasks)][count + 1, default: 0] += 1 }
        let directory = inputs.path(DedupStageFile.directory)
        for rank in 0..<inputs.tasks {
            let rows = perRank[rank].sorted { $0.seq < $1.seq }
            var header = JSONBuffer()
            header.beginObject()
            header.key("kind"); header.string("removed")
            header.key("format"); header.int(1)
            header.key("rank"); header.int(rank)
            header.key("input"); header.string(inputs.token)
            header.key("count"); header.int(rows.count)
            header.endObject()
            let writer = try DedupFileWriter(directory: directory, name: (DedupStageFile.removed(rank: rank) as NSString).lastPathComponent, header: header.bytes)
            do {
                for row in rows {
                    guard let survivorID = ids[row.verdict.survivor] else {
                        throw DedupStageFile.Failure(description: "no id for the kept document at input \(row.verdict.survivor.entry), row \(row.verdict.survivor.seq)")
                    }
                    try writer.int64(row.seq)
                    try writer.int64(row.position.entry)
                    try writer.byte(row.verdict.exact ? 0 : 1)
                    try writer.int64(row.verdict.survivor.entry)
                    try writer.int64(row.verdict.survivor.seq)
                    try writer.string(survivorID)
                }
                try writer.commit()
            } catch {
                writer.discard()
                throw error
            }
        }
        var total: [Int: Int] = [:]
        for sizes in rankSizes { for (size, n) in sizes { total[size, default: 0] += n } }
        let exact = removed.values.filter(\.exact).count
        var json = JSONBuffer()
        json.beginObject()
        json.key("kind"); json.string("clusters")
        json.key("format"); json.int(1)
        json.key("input"); json.string(inputs.token)
        json.key("tasks"); json.int(inputs.tasks)
        json.key("keys"); json.int(layout.count)
        json.key("candidates"); json.int(links.count)
        json.key("removed"); json.dedupRemoved(exact: exact, near: removed.count - exact)
        json.key("cluster_sizes"); json.clusterSizes(total)
        json.key("ranks")
        json.beginArray()
        for rank in 0..<inputs.tasks {
            json.beginObject()
            json.key("rank"); json.int(rank)
            json.key("checked"); json.int(documentsPerRank[rank])
            json.key("dedup.exact"); json.int(perRank[rank].filter { $0.verdict.exact }.count)
            json.key("dedup.near"); json.int(perRank[rank].filter { !$0.verdict.exact }.count)
            json.key("cluster_sizes"); json.clusterSizes(rankSizes[rank])
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.newline()
        let summary = try AtomicFile(directory: directory, name: (DedupStageFile.clusters as NSString).lastPathComponent)
        try summary.write(json.bytes)
        try summary.commit()
        return Outcome(written: true, exact: exact, near: removed.count - exact, clusterSizes: total)
    }
}
