/// Everything `winnow run` needs besides the config.
public struct RunOptions: Sendable {
    public var inputs: [String]
    public var inputList: String?
    public var output: String
    public var workers: Int
    public var shardLimits: ShardWriter.Limits
    public var progress: ProgressReporter.Mode
    /// Fixed `added` timestamp (tests, reproducible re-runs); default: the run's start time.
    public var added: String?
    /// How JSONL inputs are read (`--jsonl-*`).
    public var jsonl = JSONLOptions()
    /// Output shard compression (`--compress`).
    public var compression = ShardCompression.none
    /// `--incremental`: carry unchanged inputs' lines from the previous generation.
    public var incremental = false
    /// `--tasks N --rank R`: this task's share of the inputs and its file names.
    public var layout = TaskLayout()
    /// `--dedup-against DIR`: other Winnow outputs whose documents count as already seen.
    public var dedupAgainst: [String] = []

    public init(inputs: [String], inputList: String? = nil, output: String, workers: Int = 1,
                shardLimits: ShardWriter.Limits = .init(maxBytes: 256 * 1024 * 1024), progress: ProgressReporter.Mode = .quiet, added: String? = nil) {
        self.inputs = inputs
        self.inputList = inputList
        self.output = output
        self.workers = workers
        self.shardLimits = shardLimits
        self.progress = progress
        self.added = added
    }
}
