/// What a worker hands the writer for one input: a record line or a reject, plus its measurements.
public struct DocumentResult: Sendable {
    public enum Outcome: Sendable {
        case record([UInt8])
        case reject(stage: String, reason: String, detail: String)
    }

    public let sequence: Int
    public let source: String
    public let outcome: Outcome
    /// Bytes read for this input (after gunzip when it got that far).
    public let bytesIn: Int
    /// Seconds spent in each stage, by pipeline position; stages after a drop are 0.
    public let stageSeconds: [Double]
    public let ruleHits: [String: Int]
    /// The encoding and how it was chosen, e.g. "utf-8 (meta)", for documents that were decoded.
    public var encoding: String? = nil
    /// Position of the discovered input this document comes from (-1: unknown).
    public var entry = -1
    /// True when the line was copied from the previous generation (`--incremental`).
    public var carried = false
    /// True when the line was copied from the parked work of a stopped run (ResumePoint).
    public var resumed = false
    /// The stored `rule_hits` text of a carried document (written back to the state as it is).
    var ruleHitsText: String?
    /// A record's dedup keys, computed by the worker when `dedup:` is on.
    public var dedup: DedupSignature?
    /// Worker seconds spent on `dedup` (the writer adds its own).
    public var dedupSeconds = 0.0
}
