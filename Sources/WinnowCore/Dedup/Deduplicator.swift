import Foundation

/// The dedup step, on the ordered writer (documents arrive in input order, so which copy survives
/// depends only on the inputs and the config): looks each record's keys up in the indexes — other
/// outputs' (`--dedup-against`) first, then this output's — and either keeps the record (its keys
/// are added, owned by it) or removes it as a copy of the owner found first.
final class Deduplicator {
    struct Verdict: Equatable {
        /// `dedup.exact` or `dedup.near`.
        let reason: String
        /// The kept document's `id`.
        let survivor: String
    }

    let own: DedupIndex
    let corpora: [DedupIndex]
    private(set) var checked = 0
    private(set) var removedAgainstCorpus = 0
    private var sinceCheckpoint = 0

    init(own: DedupIndex, corpora: [DedupIndex]) {
        self.own = own
        self.corpora = corpora
    }

    /// A document that owns a key: in this index or another output's.
    private struct Owner {
        let doc: Int64
        let index: DedupIndex
    }

    private enum Lookup {
        case absent
        case mine
        case owned(Owner)
    }

    private func lookup(_ key: Int64, document: Int64) throws -> Lookup {
        for corpus in corpora {
            if let owner = try corpus.owner(of: key) { return .owned(Owner(doc: owner, index: corpus)) }
        }
        guard let owner = try own.owner(of: key) else { return .absent }
        // A key of the document itself (an earlier generation's copy of it, or a carried line).
        return owner == document ? .mine : .owned(Owner(doc: owner, index: own))
    }

    /// nil: keep the record. Writes the index rows either way.
    func check(_ signature: DedupSignature) throws -> Verdict? {
        checked += 1
        sinceCheckpoint += 1
        if sinceCheckpoint >= 20_000 {
            try own.checkpoint()
            sinceCheckpoint = 0
        }
        var survivor: (Owner, String)?
        var missing: [Int64] = []
        if let exact = signature.exact {
            switch try lookup(exact, document: signature.document) {
            case .owned(let owner): survivor = (owner, "dedup.exact")
            case .absent: missing.append(exact)
            case .mine: break
            }
        }
        for band in signature.bands {
            switch try lookup(band, document: signature.document) {
            case .owned(let owner): if survivor == nil { survivor = (owner, "dedup.near") }
            case .absent: missing.append(band)
            case .mine: break
            }
            // An exact copy shares every band: no need to look further.
            if survivor?.1 == "dedup.exact" { break }
        }
        guard let (owner, reason) = survivor else {
            for key in missing { try own.insert(key: key, owner: signature.document) }
            try own.addRoot(signature.document, id: signature.id)
            return nil
        }
        guard let id = try owner.index.id(of: owner.doc) else {
            throw DedupIndex.Failure(description: "\(owner.index.path): a key leads to document \(owner.doc), which is not in the index")
        }
        // The copy's other keys lead to the same survivor: a later copy of this copy joins the cluster
        // (as union-find would put it) instead of surviving.
        if owner.index !== own {
            removedAgainstCorpus += 1
            try own.addRoot(owner.doc, id: id)
        }
        // Not its exact key: a later exact copy of this near copy stays a near copy of the survivor, in
        // this run and in every later one.
        for key in missing where key != signature.exact { try own.insert(key: key, owner: owner.doc) }
        try own.addMember(signature.document, owner: owner.doc, reason: reason)
        return Verdict(reason: reason, survivor: id)
    }
}

extension DocumentResult {
    /// The result as the writer stores it once dedup has looked at it: a removed copy becomes a
    /// `dedup` reject naming the survivor; the dedup seconds are the last stage's.
    func deduplicated(_ verdict: Deduplicator.Verdict?, writerSeconds: Double) -> DocumentResult {
        let outcome = verdict.map { DocumentResult.Outcome.reject(stage: DedupSession.stageName, reason: $0.reason, detail: $0.survivor) } ?? self.outcome
        return DocumentResult(sequence: sequence, source: source, outcome: outcome, bytesIn: bytesIn, stageSeconds: stageSeconds + [dedupSeconds + writerSeconds],
                              ruleHits: ruleHits, encoding: encoding, entry: entry, carried: carried, ruleHitsText: ruleHitsText,
                              dedup: dedup, dedupSeconds: dedupSeconds)
    }
}
