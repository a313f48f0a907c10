import ArgumentParser
import Foundation
import WinnowCore

/// `winnow dedup buckets|clusters|apply`: the distributed dedup stages over a ranked output.
struct DedupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup",
        abstract: "Deduplicate a ranked output (--tasks N) across its ranks: buckets per band, clusters, then apply per rank.",
        discussion: "The ranks' `winnow run` with dedup on writes signatures; `buckets` (one task per band), `clusters` (one task) and `apply` (one task per rank) remove the copies one unranked run would remove. `winnow status OUTPUT` shows where each stage stands.",
        subcommands: [DedupBucketsCommand.self, DedupClustersCommand.self, DedupApplyCommand.self]
    )
}

/// Exit with the code and message of a `RunError`.
enum StageExit {
    static func fail(_ error: RunError) -> ArgumentParser.ExitCode {
        StandardStream.error("winnow: error: \(error.message)\n")
        return ArgumentParser.ExitCode(error.code.rawValue)
    }

    /// Runs a stage; its `RunError` becomes the message and the exit code.
    static func run(_ body: () throws(RunError) -> Void) throws {
        do { try body() } catch { throw fail(error) }
    }

    /// Said when a stage found its work done already.
    static func again(_ written: Bool) -> String { written ? "" : " (already done for these generations)" }
}

struct DedupBucketsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "buckets",
        abstract: "Group the ranks' signatures by one band (or a range of bands) and write the candidate pairs.",
        discussion: "Bands are 0 to K-1: the MinHash bands, then (with dedup.exact on) the exact text as the last one. Default: all. Under Slurm or Kubernetes without --band: the band is $SLURM_ARRAY_TASK_ID / $JOB_COMPLETION_INDEX."
    )

    @Option(name: .long, help: ArgumentHelp("A band B, or a range A-B.", valueName: "B"))
    var band: String?

    @Flag(name: .long, help: "Print the number of bands K (what a Slurm array or Indexed Job needs) and exit: from OUTPUT's signatures, or from --config before the ranks ran.")
    var count = false

    @Option(name: .long, help: ArgumentHelp("With --count: the config whose dedup settings give K.", valueName: "FILE"))
    var config: String?

    @Argument(help: "The ranked output directory.")
    var output: String?

    func validate() throws {
        if output == nil && !(count && config != nil) { throw ValidationError("give the OUTPUT directory") }
        if config != nil && !count { throw ValidationError("--config is for --count only (the stages read the settings from the ranks' signatures)") }
    }

    func run() throws {
        if count, let config {
            let settings = try ConfigOption.load(config).config.dedup
            guard settings.enabled else { throw StageExit.fail(RunError(.usage, "\(config) has dedup off (dedup.exact and dedup.near are false)")) }
            StandardStream.write(Array("\(DedupStages.keyCount(settings: settings))\n".utf8), to: STDOUT_FILENO)
            return
        }
        let output = output ?? ""
        try StageExit.run { () throws(RunError) in
            if count {
                StandardStream.write(Array("\(try DedupStages.keyCount(output: output))\n".utf8), to: STDOUT_FILENO)
                return
            }
            let range = try DedupStages.bandRange(band, environment: ProcessInfo.processInfo.environment)
            for outcome in try DedupStages.buckets(output: output, keys: range) {
                StandardStream.error("winnow: dedup buckets: band \(outcome.key): \(outcome.documents) documents, \(outcome.pairs) candidate pairs\(StageExit.again(outcome.written))\n")
            }
        }
    }
}

struct DedupClustersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clusters",
        abstract: "Join every band's candidate pairs into clusters (first copy in input order kept) and write what each rank removes."
    )

    @Argument(help: "The ranked output directory.")
    var output: String

    func run() throws {
        try StageExit.run { () throws(RunError) in
            let outcome = try DedupStages.clusters(output: output)
            StandardStream.error("winnow: dedup clusters: \(outcome.exact) exact and \(outcome.near) near copies to remove; clusters by size \(outcome.sizes)\(StageExit.again(outcome.written))\n")
        }
    }
}

struct DedupApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Commit one rank's deduplicated output as a new generation (the copies become dedup.exact / dedup.near rejects).",
        discussion: "Without --rank: $SLURM_ARRAY_TASK_ID, else $JOB_COMPLETION_INDEX."
    )

    @Option(name: .long, help: ArgumentHelp("The rank to apply.", valueName: "R"))
    var rank: Int?

    @Argument(help: "The ranked output directory.")
    var output: String

    func run() throws {
        guard let rank = rank ?? TaskLayout.environmentRank() else {
            throw StageExit.fail(RunError(.usage, "dedup apply needs --rank R (or $SLURM_ARRAY_TASK_ID / $JOB_COMPLETION_INDEX)"))
        }
        try StageExit.run { () throws(RunError) in
            let outcome = try DedupApply.run(output: output, rank: rank)
            StandardStream.error(outcome.report?.summary() ?? "winnow: dedup apply: rank \(rank) already holds these clusters' result; nothing to do\n")
        }
    }
}
