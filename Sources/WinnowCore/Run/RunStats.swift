/// Counters for a run, accumulated on the writer queue from `DocumentResult`s.
public struct RunStats: Sendable {
    public var stageNames: [String]
    public var documents = 0
    public var records = 0
    public var rejects = 0
    public var bytesIn = 0
    /// Documents that entered each stage, and that each stage dropped.
    public var stageIn: [Int]
    public var stageDropped: [Int]
    public var stageSeconds: [Double]
    public var rejectsByReason: [String: Int] = [:]
    public var ruleHits: [String: Int] = [:]
    /// Decoded documents by encoding and method, e.g. "utf-8 (meta)".
    public var encodings: [String: Int] = [:]

    public init(stageNames: [String]) {
        self.stageNames = stageNames
        stageIn = Array(repeating: 0, count: stageNames.count)
        stageDropped = Array(repeating: 0, count: stageNames.count)
        stageSeconds = Array(repeating: 0, count: stageNames.count)
    }

    public mutating func add(_ result: DocumentResult) {
        documents += 1
        bytesIn += result.bytesIn
        for (reason, count) in result.ruleHits { ruleHits[reason, default: 0] += count }
        if let encoding = result.encoding { encodings[encoding, default: 0] += 1 }
        var reached = stageNames.count
        switch result.outcome {
        case .record:
            records += 1
        case .reject(let stage, let reason, _):
            rejects += 1
            rejectsByReason[reason, default: 0] += 1
            if let index = stageNames.firstIndex(of: stage) {
                stageDropped[index] += 1
                reached = index + 1
            } else {
                // Rejected by the container reader ("input"): it entered no stage.
                reached = 0
            }
        }
        for index in 0..<reached { stageIn[index] += 1 }
        for (index, seconds) in result.stageSeconds.enumerated() where index < stageSeconds.count { stageSeconds[index] += seconds }
    }
}
