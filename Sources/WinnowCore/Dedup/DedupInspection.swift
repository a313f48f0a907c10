/// `winnow inspect --output DIR`: what dedup makes of a page against the committed index of a Winnow
/// output: the kept document it copies (the root of its cluster), how it matched, the cluster's size.
enum DedupInspection {
    static func lines(text: [UInt8], source: String, output: String, settings: DedupSettings) -> [String] {
        guard settings.enabled else { return ["dedup: off in this config (dedup.exact, dedup.near)"] }
        let signer = DedupSigner(settings: settings)
        guard let signature = signer.sign(text: text, id: RecordEncoder.id(forSource: source), source: source) else {
            return ["dedup: no words after normalisation; not deduplicated"]
        }
        let found = DedupSession.indexes(in: output)
        if found.isEmpty, let distributed = DistributedInspection.lines(signature: signature, output: output, settings: settings) { return distributed }
        guard !found.isEmpty else { return ["dedup: \(output) has no committed dedup index"] }
        for (path, generation) in found {
            guard let index = try? DedupIndex.openReadOnly(path: path, parameters: settings.canonical, visibleGeneration: generation) else {
                return ["dedup: \(path) was built with other dedup settings than this config's"]
            }
            defer { index.close() }
            let keys = (signature.exact.map { [("exact text", $0)] } ?? []) + signature.bands.enumerated().map { ("band \($0.offset)", $0.element) }
            for (how, key) in keys {
                guard let root = try? index.owner(of: key) else { continue }
                let id = (try? index.id(of: root)) ?? nil
                let members = (try? index.members(of: root)) ?? 0
                let reason = how == "exact text" ? "dedup.exact" : "dedup.near"
                return ["dedup: \(reason) copy of \(id ?? "?") (matched by \(how)); cluster \(id ?? "?"): the kept document and \(members) removed cop\(members == 1 ? "y" : "ies") in \(output)"]
            }
        }
        return ["dedup: no copy in \(output)'s index: kept"]
    }
}
