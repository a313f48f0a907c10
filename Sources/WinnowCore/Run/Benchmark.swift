import Foundation

/// `winnow bench`: CPU time of the pipeline on inputs already in memory (files are read and gunzipped
/// first, untimed), on one thread, so figures compare with peers measured the same way
/// (`../shared/tools/peers.py` times only the extraction calls).
public struct Benchmark: Sendable {
    public struct Result: Sendable {
        public var mode: String
        public var documents: Int
        public var bytes: Int
        public var records: Int
        public var cpuSeconds: Double
        /// CPU seconds per stage (plus "encode" for the record line), in pipeline order.
        public var stageSeconds: [(name: String, seconds: Double)] = []
        public var docsPerCPUSecond: Double { cpuSeconds > 0 ? Double(documents) / cpuSeconds : 0 }
        public var megabytesPerCPUSecond: Double { cpuSeconds > 0 ? Double(bytes) / 1_048_576 / cpuSeconds : 0 }

        public var line: String {
            String(format: "%@\t%d docs\t%.1f MB\t%.3f cpu_s\t%.0f docs/cpu_s\t%.1f MB/cpu_s",
                   mode, documents, Double(bytes) / 1_048_576, cpuSeconds, docsPerCPUSecond, megabytesPerCPUSecond)
        }

        /// One line per stage: its CPU time per document in microseconds.
        public var stageLines: [String] {
            stageSeconds.map { String(format: "  %@\t%.0f us/doc", $0.name, documents > 0 ? $0.seconds * 1e6 / Double(documents) : 0) }
        }
    }

    let pipeline: Pipeline

    public init(config: LoadedConfig) {
        pipeline = Pipeline(config: config, added: "1970-01-01T00:00:00Z")
    }

    /// `parseOnly`: decode and parse (libxml2 SAX into the tree) and nothing else. Otherwise every
    /// stage after loading, plus encoding the record line. `timeStages`: also CPU time per stage (a
    /// thread-clock system call around each stage, which the totals then include).
    public func run(inputs: [InputItem], parseOnly: Bool, repeats: Int, timeStages: Bool = false) -> Result {
        HTMLParser.initializeLibrary()
        let chain = pipeline.chain
        let load = chain.through(LoadStage.self)
        var loaded: [WorkingDocument] = []
        var bytes = 0
        for input in inputs {
            var document = WorkingDocument(input: input)
            if load.run(&document) == nil {
                bytes += document.raw.count
                loaded.append(document)
            }
        }
        let timed = parseOnly ? chain.after(LoadStage.self).through(ParseStage.self) : chain.after(LoadStage.self)
        var records = 0
        var sink = 0
        var timer = StageTimer(stages: timed.stages.count) { CPUClock.thread() }
        var encodeSeconds = 0.0
        let start = Benchmark.cpuTime()
        for _ in 0..<max(1, repeats) {
            for original in loaded {
                var document = original
                let drop: StageChain.Drop?
                if timeStages { drop = timed.run(&document, observer: &timer) } else { drop = timed.run(&document) }
                if drop == nil {
                    records += 1
                    let before = timeStages ? Benchmark.threadCPUTime() : 0
                    if !parseOnly { sink &+= pipeline.encoder.encode(document).count } else { sink &+= document.tree?.nodes.count ?? 0 }
                    if timeStages { encodeSeconds += Benchmark.threadCPUTime() - before }
                }
            }
        }
        let seconds = Benchmark.cpuTime() - start
        precondition(sink >= 0)  // keeps the work observable so it is not optimised away
        let n = max(1, repeats)
        var result = Result(mode: parseOnly ? "winnow-parse-only" : "winnow", documents: loaded.count * n, bytes: bytes * n,
                            records: records, cpuSeconds: seconds)
        if timeStages {
            result.stageSeconds = zip(timed.names + [parseOnly ? "count" : "encode"], timer.seconds + [encodeSeconds]).map { ($0, $1) }
        }
        return result
    }

    static func threadCPUTime() -> Double { CPUClock.thread() }
    static func cpuTime() -> Double { CPUClock.process() }
}
