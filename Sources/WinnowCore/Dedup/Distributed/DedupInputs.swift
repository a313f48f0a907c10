import Foundation

/// What the distributed dedup stages start from: every rank's committed generation and the signatures
/// it wrote. The *input token* is a hash of the settings, the task count and each rank's signature
/// token; every stage file records the token it was made from, so a stage never mixes files of
/// different generations, and a stage whose output already carries the current token is done
/// (re-running it does nothing).
struct DedupInputs {
    let output: String
    let tasks: Int
    let keyLayout: DedupKeyLayout
    /// The settings the ranks signed with (as far as the report names them).
    let settings: DedupSettings
    /// Each rank's signature token, by rank.
    let tokens: [String]
    let token: String
    let rulesVersion: String

    /// Exit 64 when OUTPUT is not a ranked output; 66 when a rank is not done or wrote no signatures.
    static func read(output: String) throws(RunError) -> DedupInputs {
        let holdings = OutputHoldings.read(output: output)
        guard let tasks = holdings.tasks else {
            if holdings.isMixed { throw RunError(.usage, "\(output) holds \(holdings.summary); the dedup stages need the output of one ranked run") }
            if holdings.unranked { throw RunError(.usage, "\(output) holds the output of an unranked run: it was deduplicated by `winnow run` itself; the dedup stages are for ranked outputs (--tasks N)") }
            throw RunError(.noInput, "\(output) holds no ranked Winnow output (run the ranks with --tasks N and dedup on first)")
        }
        var tokens: [String] = []
        var problems: [String] = []
        var header: [String: Any]?
        var rules: Set<String> = []
        for rank in 0..<tasks {
            let layout = TaskLayout(tasks: tasks, rank: rank)
            guard let manifest = Manifest.read(path: output + "/" + layout.manifestName) else {
                problems.append("rank \(rank) has no committed generation"); continue
            }
            guard manifest.status == "complete", FileManager.default.fileExists(atPath: output + "/" + layout.completionPath) else {
                problems.append("rank \(rank) is not done (\(manifest.status))"); continue
            }
            guard let token = manifest.dedupSignatures else {
                problems.append("rank \(rank) was run without dedup (no dedup_signatures in \(layout.manifestName))"); continue
            }
            let path = output + "/" + DedupStageFile.signatures(rank: rank)
            guard let reader = try? DedupFileReader(path: path), reader.header["token"] as? String == token else {
                problems.append("rank \(rank)'s signatures \(DedupStageFile.signatures(rank: rank)) are missing or belong to another generation"); continue
            }
            if let first = header, first["parameters"] as? String != reader.header["parameters"] as? String {
                throw RunError(.usage, "rank \(rank) signed with other dedup settings than rank 0 (\(reader.header["parameters"] ?? "?")); run all ranks with one config")
            }
            header = header ?? reader.header
            rules.insert(manifest.rulesVersion)
            tokens.append(token)
        }
        guard problems.isEmpty, let header else {
            throw RunError(.noInput, "the dedup stages need every rank done with dedup on: " + problems.joined(separator: "; "))
        }
        guard rules.count == 1, let rulesVersion = rules.first else {
            throw RunError(.usage, "the ranks were run with different configs (rules_version \(rules.sorted().joined(separator: ", "))); run them all with one config")
        }
        var settings = DedupSettings()
        settings.exact = header["exact"] as? Bool ?? false
        settings.near = (header["bands"] as? Int ?? 0) > 0
        settings.bands = header["bands"] as? Int ?? 0
        settings.rows = header["rows"] as? Int ?? settings.rows
        settings.shingleWords = header["shingle_words"] as? Int ?? settings.shingleWords
        let parameters = header["parameters"] as? String ?? ""
        let combined = XXHash64.hash(Array("\(parameters)|\(tasks)|\(tokens.joined(separator: ","))".utf8))
        return DedupInputs(output: output, tasks: tasks, keyLayout: DedupKeyLayout(bands: settings.near ? settings.bands : 0, exact: settings.exact),
                           settings: settings, tokens: tokens, token: SignatureWriter.hex(combined), rulesVersion: rulesVersion)
    }

    func path(_ relative: String) -> String { output + "/" + relative }

    /// The header of a stage file, if it exists and was made from these inputs.
    func currentHeader(_ relative: String) -> [String: Any]? {
        guard let reader = try? DedupFileReader(path: path(relative)), reader.header["input"] as? String == token else { return nil }
        return reader.header
    }

    /// clusters.json, if made from these inputs.
    func clustersSummary() -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: path(DedupStageFile.clusters)),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], object["input"] as? String == token else { return nil }
        return object
    }
}
