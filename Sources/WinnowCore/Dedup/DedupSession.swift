import Foundation

/// A run's dedup: opens this task's index (settling an earlier run's generation against the manifest)
/// and the indexes of `--dedup-against` outputs, hands the writer its `Deduplicator`, and takes part
/// in the generation commit.
final class DedupSession {
    let deduplicator: Deduplicator
    let settings: DedupSettings
    let against: [String]
    /// The stage name of dedup rejects (and of dedup's row in the report's `stages`).
    static let stageName = "dedup"

    enum SetupError: Error {
        /// `--dedup-against DIR` has no usable index.
        case noIndex(String)
        /// The other index was built under other settings.
        case mismatch(String)
        case storage(String)
    }

    init(output: String, layout: TaskLayout, settings: DedupSettings, against: [String]) throws(SetupError) {
        self.settings = settings
        self.against = against
        let parameters = settings.canonical
        let manifest = Manifest.read(path: output + "/" + layout.manifestName)
        let own: DedupIndex
        do {
            own = try DedupIndex.openForRun(path: output + "/" + layout.dedupIndexPath, parameters: parameters,
                                            committedGeneration: manifest?.dedupGeneration)
        } catch {
            throw .storage("cannot open the dedup index \(output)/\(layout.dedupIndexPath): \(error)")
        }
        var corpora: [DedupIndex] = []
        for directory in against {
            let found = Self.indexes(in: directory)
            guard !found.isEmpty else {
                own.abandon()
                throw .noIndex("--dedup-against \(directory): no committed dedup index there (.winnow/dedup*.sqlite with a manifest naming its generation); run it with dedup on first")
            }
            for (path, generation) in found {
                do {
                    corpora.append(try DedupIndex.openReadOnly(path: path, parameters: parameters, visibleGeneration: generation))
                } catch let failure as DedupIndex.Failure {
                    own.abandon()
                    throw .mismatch("--dedup-against \(directory): \(failure.description)")
                } catch {
                    own.abandon()
                    throw .storage("--dedup-against \(directory): cannot open \(path): \(error)")
                }
            }
        }
        deduplicator = Deduplicator(own: own, corpora: corpora)
    }

    /// Each task index of an output with the generation its manifest commits.
    static func indexes(in directory: String) -> [(path: String, generation: Int)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/.winnow")) ?? []
        return names.sorted().compactMap { name in
            guard name.hasPrefix("dedup"), name.hasSuffix(".sqlite") else { return nil }
            let suffix = name.dropFirst("dedup".count).dropLast(".sqlite".count)
            guard let manifest = Manifest.read(path: directory + "/manifest\(suffix).json"), let generation = manifest.dedupGeneration else { return nil }
            return (directory + "/.winnow/" + name, generation)
        }
    }

    var generation: Int { deduplicator.own.generation }

    /// The report's `dedup` object (call after the writer is done).
    func report(removed: [String: Int]) -> DedupReport {
        var report = DedupReport(settings: settings, against: against, generation: generation)
        report.checked = deduplicator.checked
        report.exact = removed["dedup.exact", default: 0]
        report.near = removed["dedup.near", default: 0]
        report.againstCorpus = deduplicator.removedAgainstCorpus
        report.clusterSizes = (try? deduplicator.own.runClusterSizes()) ?? [:]
        report.indexDocuments = (try? deduplicator.own.rootCount()) ?? 0
        report.indexReset = deduplicator.own.wasReset
        return report
    }

    /// Before the generation's commit point.
    func finishRun() throws { try deduplicator.own.finishRun() }

    /// After the generation was committed.
    func committed() {
        try? deduplicator.own.markCommitted()
        for corpus in deduplicator.corpora { corpus.close() }
    }

    func abandon() {
        deduplicator.own.abandon()
        for corpus in deduplicator.corpora { corpus.close() }
    }
}

/// `report.json`'s `dedup` object.
public struct DedupReport: Sendable, Equatable {
    public var settings: DedupSettings
    public var against: [String]
    /// This run's generation in the task's index.
    public var generation: Int
    /// Records looked up (records with no words after normalisation are not).
    public var checked = 0
    public var exact = 0
    public var near = 0
    /// Of those removed, how many copy a document of a `--dedup-against` output.
    public var againstCorpus = 0
    /// Cluster size (the kept document plus the copies this run removed) → clusters.
    public var clusterSizes: [Int: Int] = [:]
    /// Kept documents in the index after this run (all generations).
    public var indexDocuments = 0
    /// The index had been built under other dedup settings and was started afresh.
    public var indexReset = false
    /// Ranked outputs (`--tasks`): `signatures` for a rank's run (nothing removed yet), `applied` for
    /// `winnow dedup apply`; nil on one machine.
    public var stage: String?

    /// Its object in `report.json` (the index keys only on one machine: ranked outputs keep no index,
    /// the stage files under .winnow/dedup/ take its place).
    var file: ReportFile.Dedup {
        let indexed = stage == nil
        return ReportFile.Dedup(
            exact: settings.exact, near: settings.near, shingleWords: settings.shingleWords, bands: settings.bands, rows: settings.rows,
            against: against, stage: stage, checked: checked, removed: KeyedValues(sorting: ["dedup.exact": exact, "dedup.near": near]),
            removedAgainstCorpus: againstCorpus,
            clusterSizes: KeyedValues(clusterSizes.keys.sorted().map { KeyedValues.Entry(key: String($0), value: clusterSizes[$0] ?? 0) }),
            indexGeneration: indexed ? generation : nil, indexDocuments: indexed ? indexDocuments : nil, indexReset: indexed ? indexReset : nil)
    }

    var summary: String {
        if stage == "signatures" {
            return "winnow: dedup: signatures of \(checked) records written; nothing removed yet: run winnow dedup buckets, clusters and apply to remove copies across all ranks"
        }
        let sizes = clusterSizes.keys.sorted().map { "\($0):\(clusterSizes[$0] ?? 0)" }.joined(separator: " ")
        return "winnow: dedup: \(exact) exact and \(near) near copies removed of \(checked) records"
            + (against.isEmpty ? "" : " (\(againstCorpus) of the corpus in \(against.joined(separator: ", ")))")
            + "; clusters by size \(sizes.isEmpty ? "none" : sizes)" + (stage == nil ? "; index holds \(indexDocuments) documents" : "")
            + (indexReset ? " (started afresh: the dedup settings changed)" : "")
    }
}

extension JSONBuffer {
    /// `{"dedup.exact": N, "dedup.near": M}`: removed documents by reason.
    mutating func dedupRemoved(exact: Int, near: Int) {
        beginObject()
        key("dedup.exact"); int(exact)
        key("dedup.near"); int(near)
        endObject()
    }

    /// `{"2": 310, "3": 12}`: cluster size (the kept document and its removed copies) → clusters.
    mutating func clusterSizes(_ sizes: [Int: Int]) {
        beginObject()
        for size in sizes.keys.sorted() { key(String(size)); int(sizes[size] ?? 0) }
        endObject()
    }
}
