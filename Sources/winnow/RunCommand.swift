import ArgumentParser
import Dispatch
import Foundation
import Logging
import WinnowCore

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Process INPUT files and directories into sharded JSONL.",
        discussion: """
            Writes part-NNNNN.jsonl shards (.jsonl.gz or .jsonl.zst with --compress),
            rejects.jsonl and report.json into --output. WARC and JSONL inputs are
            streamed record by record.
            Exit codes: 0 done (rejects are normal), 64 usage or config error, 66 no input,
            73 output not writable, 74 I/O error during the run, 75 another run holds the output's lock,
            130/143 stopped by SIGINT/SIGTERM (the published output is unchanged; what was finished waits in .winnow/resume for the next run), 1 other.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Rules file (YAML). Default: the built-in copy of Config/winnow.yml, or $WINNOW_CONFIG.", valueName: "FILE"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Worker threads. Default: the number of CPU cores.", valueName: "N"))
    var workers: Int?

    @OptionGroup var formatOptions: FormatOptions

    @Option(name: .long, help: ArgumentHelp("Output directory; created if missing. A run's output replaces the previous run's (same task) when it is committed.", valueName: "DIR"))
    var output: String = "winnow-out"

    @Option(name: .long, help: ArgumentHelp("Start a new shard before one exceeds this size (suffixes K, M, G). Default 256M.", valueName: "BYTES"))
    var shardSize: String?

    @Option(name: .long, help: ArgumentHelp("Start a new shard after this many records.", valueName: "N"))
    var shardRecords: Int?

    @Option(name: .long, help: ArgumentHelp("Read input paths from FILE, one a line ('-' = standard input).", valueName: "FILE"))
    var inputList: String?

    @Option(name: .long, help: ArgumentHelp("Use this RFC 3339 timestamp as every record's 'added' (reproducible re-runs). Default: the run's start.", valueName: "TIME"))
    var added: String?

    @Option(name: .long, help: ArgumentHelp("Compress output shards: none, gzip (.jsonl.gz) or zstd (.jsonl.zst). --shard-size counts uncompressed bytes.", valueName: "KIND"))
    var compress: String = "none"

    @Option(name: .long, help: ArgumentHelp("JSONL inputs: the field that holds the document (dotted path for nested objects).", valueName: "NAME"))
    var jsonlField: String = "text"

    @Option(name: .long, help: ArgumentHelp("JSONL inputs: read the field as html or text. Default: html when the field name contains 'html', else text.", valueName: "KIND"))
    var jsonlKind: String?

    @Option(name: .long, help: ArgumentHelp("JSONL inputs: the field whose value becomes the record's id (missing: a hash of the source).", valueName: "NAME"))
    var jsonlIdField: String = "id"

    @Option(name: .long, help: ArgumentHelp("JSONL inputs: the field whose value becomes metadata.url (dotted path).", valueName: "NAME"))
    var jsonlUrlField: String = "metadata.url"

    @Flag(name: .long, help: "No progress output (the summary and errors are still printed).")
    var quiet = false

    @Flag(name: .long, help: "Do not reprocess inputs whose size, mtime, rules (config hash) and Winnow version are unchanged: copy their previous lines.")
    var incremental = false

    @Option(name: .long, help: ArgumentHelp("Split the sorted inputs over N tasks (ranks); this process does one. Default: the count the output directory holds, else $SLURM_ARRAY_TASK_MAX+1 under Slurm. With dedup on, each rank writes signatures and `winnow dedup` removes copies across the ranks.", valueName: "N"))
    var tasks: Int?

    @Option(name: .long, help: ArgumentHelp("This task's rank, 0..N-1. Default: $SLURM_ARRAY_TASK_ID or $JOB_COMPLETION_INDEX (Kubernetes).", valueName: "R"))
    var rank: Int?

    @Option(name: .long, help: ArgumentHelp("After SIGINT/SIGTERM, seconds to let in-flight documents finish before the process ends anyway (a second signal ends it at once). Default 30.", valueName: "SECONDS"))
    var stopGrace: Double = 30

    @Option(name: .long, help: ArgumentHelp("With dedup on: documents of this other Winnow output (its dedup index) count as already seen; repeatable. Not with --tasks.", valueName: "DIR"))
    var dedupAgainst: [String] = []

    @Argument(help: ArgumentHelp("Files or directories (walked recursively). .html .htm .xhtml .txt, optionally .gz; .warc .warc.gz .jsonl .jsonl.gz .jsonl.zst.", valueName: "INPUT"))
    var inputs: [String] = []

    /// `--tasks`/`--rank` with their defaults (the output directory's count, then the scheduler's
    /// environment); nil for an unranked run.
    func taskLayout() throws -> TaskLayout? {
        do {
            return try TaskLayout.resolve(tasks: tasks, rank: rank, holdings: OutputHoldings.read(output: output))
        } catch {
            throw ValidationError(error.message)
        }
    }

    func validate() throws {
        if inputs.isEmpty && inputList == nil { throw ValidationError("give at least one INPUT or --input-list FILE") }
        if let workers, workers < 1 || workers > 1024 { throw ValidationError("--workers must be between 1 and 1024") }
        if shardSize != nil && shardRecords != nil { throw ValidationError("use either --shard-size or --shard-records, not both") }
        if let shardSize, ByteSize.parse(shardSize) == nil { throw ValidationError("--shard-size '\(shardSize)' is not a size (e.g. 500M, 1G, 1048576)") }
        if let shardRecords, shardRecords < 1 { throw ValidationError("--shard-records must be at least 1") }
        if let added, !RFC3339.isValid(added) {
            throw ValidationError("--added '\(added)' is not an RFC 3339 timestamp such as 2026-11-27T02:00:00Z or 2026-11-27T03:00:00+01:00")
        }
        if ShardCompression(rawValue: compress) == nil { throw ValidationError("--compress must be none, gzip or zstd, not '\(compress)'") }
        if let jsonlKind, InputItem.Kind(rawValue: jsonlKind) == nil { throw ValidationError("--jsonl-kind must be html or text, not '\(jsonlKind)'") }
        if !(stopGrace >= 0 && stopGrace <= 86_400) { throw ValidationError("--stop-grace must be between 0 and 86400 seconds") }
        if let tasks, tasks < 1 || tasks > 99_999 { throw ValidationError("--tasks must be between 1 and 99999") }
        if let rank, rank < 0 { throw ValidationError("--rank must be 0 or more") }
        _ = try taskLayout()
        for (flag, value) in [("--jsonl-field", jsonlField), ("--jsonl-id-field", jsonlIdField), ("--jsonl-url-field", jsonlUrlField)]
        where value.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("\(flag) must name a field")
        }
    }

    func run() throws {
        let log = Logger(label: "winnow")
        let loaded = formatOptions.apply(to: try ConfigOption.load(config))
        var limits = ShardWriter.Limits(maxBytes: 256 * 1024 * 1024)
        if let shardSize { limits = .init(maxBytes: ByteSize.parse(shardSize)) }
        if let shardRecords { limits = .init(maxRecords: shardRecords) }
        var options = RunOptions(
            inputs: inputs, inputList: inputList, output: output,
            workers: workers ?? ProcessInfo.processInfo.activeProcessorCount,
            shardLimits: limits, progress: ProgressReporter.defaultMode(quiet: quiet), added: added)
        options.compression = ShardCompression(rawValue: compress) ?? .none
        options.jsonl = JSONLOptions(field: jsonlField, kind: jsonlKind.flatMap(InputItem.Kind.init(rawValue:)),
                                     idField: jsonlIdField, urlField: jsonlUrlField)
        options.incremental = incremental
        options.dedupAgainst = dedupAgainst
        if let layout = try taskLayout() { options.layout = layout }
        let stop = StopRequest()
        let signals = SignalWatcher(stop: stop, grace: stopGrace)
        defer { signals.cancel() }
        do {
            let report = try WinnowRunner(options: options, config: loaded, stop: stop).run()
            StandardStream.error(report.summary())
            if report.exitCode != .success { throw ArgumentParser.ExitCode(report.exitCode.rawValue) }
        } catch let error as RunError {
            log.error("\(error.message)")
            throw ArgumentParser.ExitCode(error.code.rawValue)
        }
    }
}

enum ByteSize {
    /// "1048576", "512K", "256M", "1G" (powers of 1024).
    static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        var multiplier = 1
        var digits = trimmed
        for (suffix, value) in [("KB", 1 << 10), ("MB", 1 << 20), ("GB", 1 << 30), ("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30), ("B", 1)] where trimmed.hasSuffix(suffix) {
            multiplier = value
            digits = String(trimmed.dropLast(suffix.count))
            break
        }
        guard let number = Int(digits), number > 0 else { return nil }
        let (product, overflow) = number.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : product
    }
}
