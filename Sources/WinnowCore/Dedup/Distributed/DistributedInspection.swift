import Foundation

/// `winnow inspect --output DIR` on a ranked output deduplicated by the distributed stages (it has no
/// index): finds, in the ranks' signatures, the documents that share a key with the page, and decides
/// as the clusters stage does — the first kept document of its exact group, else the head of its first
/// shared band, followed to the kept document it was removed for — then names that cluster from the
/// clusters stage's removed lists. A diagnostic: it reads every signature once.
enum DistributedInspection {
    static func lines(signature: DedupSignature, output: String, settings: DedupSettings) -> [String]? {
        guard let inputs = try? DedupInputs.read(output: output) else { return nil }
        guard inputs.clustersSummary() != nil else {
            return ["dedup: \(output)'s ranks wrote signatures but the dedup stages have not run (winnow status \(output))"]
        }
        guard let first = try? DedupFileReader(path: inputs.path(DedupStageFile.signatures(rank: 0))),
              first.header["parameters"] as? String == settings.canonical else {
            return ["dedup: \(output) was deduplicated with other dedup settings than this config's"]
        }
        let layout = inputs.keyLayout
        let keys = layout.keys(signature)
        // Per key: the earliest document sharing it (for the exact key: all of them, in order).
        var earliest: [Int: (DedupPosition, String)] = [:]
        var exactGroup: [(DedupPosition, String)] = []
        var removed: [DedupPosition: (exact: Bool, survivor: DedupPosition, id: String)] = [:]
        do {
            for rank in 0..<inputs.tasks {
                let reader = try DedupFileReader(path: inputs.path(DedupStageFile.signatures(rank: rank)))
                while try !reader.atEnd() {
                    let position = DedupPosition(entry: try reader.int64(), seq: try reader.int64())
                    var shared: [Int] = []
                    for k in 0..<layout.count where try reader.int64() == keys[k] { shared.append(k) }
                    let id = try reader.string()
                    for k in shared {
                        if k == layout.exactKey { exactGroup.append((position, id)) }
                        if earliest[k].map({ position < $0.0 }) ?? true { earliest[k] = (position, id) }
                    }
                }
                let list = try DedupFileReader(path: inputs.path(DedupStageFile.removed(rank: rank)))
                while try !list.atEnd() {
                    let seq = try list.int64(), entry = try list.int64()
                    let exact = try list.byte() == 0
                    let survivor = DedupPosition(entry: try list.int64(), seq: try list.int64())
                    removed[DedupPosition(entry: entry, seq: seq)] = (exact, survivor, try list.string())
                }
            }
        } catch {
            return ["dedup: cannot read \(output)'s dedup files: \(error)"]
        }
        var match: (how: String, reason: String, root: DedupPosition, id: String)?
        if let kept = exactGroup.sorted(by: { $0.0 < $1.0 }).first(where: { removed[$0.0] == nil }) {
            match = ("exact text", "dedup.exact", kept.0, kept.1)
        } else if let band = (0..<layout.bands).first(where: { earliest[$0] != nil }), let (head, id) = earliest[band] {
            let root = removed[head].map { ($0.survivor, $0.id) } ?? (head, id)
            match = ("band \(band)", "dedup.near", root.0, root.1)
        }
        guard let match else { return ["dedup: no copy in \(output)'s signatures: kept"] }
        let members = removed.values.filter { $0.survivor == match.root }.count
        return ["dedup: \(match.reason) copy of \(match.id) (matched by \(match.how)); cluster \(match.id): the kept document and \(members) removed cop\(members == 1 ? "y" : "ies") in \(output) (rank \(match.root.rank(tasks: inputs.tasks)))"]
    }
}
