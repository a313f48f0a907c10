import Foundation

/// The ordered list of stages built from the config, and the per-document loop over them.
public struct Pipeline: Sendable {
    public let stages: [any Stage]
    public let encoder: RecordEncoder
    let maxDocumentSeconds: Double
    /// Set when `dedup:` is on: records get their signature here, on the workers.
    let signer: DedupSigner?

    public init(config: LoadedConfig, added: String) {
        let settings = config.config
        let parser = HTMLParser(attributeNames: config.rules.attributeNames, maxDepth: settings.limits.maxDepth, maxNodes: settings.limits.maxNodes)
        stages = [
            LoadStage(maxBytes: settings.limits.maxDocumentBytes),
            DecodeStage(),
            ParseStage(parser: parser, dropTags: config.rules.dropTags, keptAttributes: config.rules.attributeNames),
            CleanStage(rules: config.rules, html: settings.html),
            ExtractStage(settings: settings),
            FilterStage(rules: config.rules, minTextChars: settings.extract.minTextChars, filters: settings.filters),
        ]
        encoder = RecordEncoder(added: added, rulesVersion: config.hash)
        maxDocumentSeconds = settings.limits.maxDocumentSeconds
        signer = settings.dedup.enabled ? DedupSigner(settings: settings.dedup) : nil
    }

    public var stageNames: [String] { stages.map(\.name) }
    /// The stages' names without building them (`winnow dedup apply` copies documents, it runs no stage).
    static let standardStageNames = ["load", "decode", "parse", "clean", "extract", "filter"]

    public func process(_ input: InputItem, sequence: Int) -> DocumentResult {
        var result = processDocument(input, sequence: sequence)
        result.entry = input.entryIndex
        // Formatted here, in parallel, rather than by the single writer that stores it.
        result.ruleHitsText = RuleHitsText.format(result.ruleHits)
        return result
    }

    private func processDocument(_ input: InputItem, sequence: Int) -> DocumentResult {
        if let rejected = input.preRejected {
            return DocumentResult(sequence: sequence, source: input.source, outcome: .reject(stage: rejected.stage, reason: rejected.reason, detail: rejected.detail),
                                  bytesIn: input.size, stageSeconds: Array(repeating: 0, count: stages.count), ruleHits: [:])
        }
        var document = WorkingDocument(input: input)
        document.deadline = CPUClock.thread() + maxDocumentSeconds
        var seconds = [Double](repeating: 0, count: stages.count)
        for (index, stage) in stages.enumerated() {
            let start = DispatchTime.now().uptimeNanoseconds
            var outcome = stage.run(&document)
            // Stages check the budget inside their long loops; this catches the rest between stages.
            if outcome == .keep && CPUClock.thread() > document.deadline {
                outcome = .drop(reason: "budget.time", detail: "more than \(maxDocumentSeconds) CPU seconds (limits.max_document_seconds), over in \(stage.name)")
            }
            seconds[index] = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if case .drop(let reason, let detail) = outcome {
                return DocumentResult(sequence: sequence, source: input.source, outcome: .reject(stage: stage.name, reason: reason, detail: detail),
                                      bytesIn: document.bytesRead, stageSeconds: seconds, ruleHits: document.ruleHits,
                                      encoding: Self.encodingLabel(document))
            }
        }
        let text = RecordEncoder.text(of: document)
        let line = encoder.encode(document, text: text)
        var result = DocumentResult(sequence: sequence, source: input.source, outcome: .record(line), bytesIn: document.bytesRead,
                                    stageSeconds: seconds, ruleHits: document.ruleHits, encoding: Self.encodingLabel(document))
        if let signer {
            let start = DispatchTime.now().uptimeNanoseconds
            result.dedup = signer.sign(text: text, id: document.input.idOverride ?? RecordEncoder.id(forSource: input.source), source: input.source)
            result.dedupSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        return result
    }

    /// "utf-8 (meta)": the report counts documents by encoding and by how it was chosen.
    static func encodingLabel(_ document: WorkingDocument) -> String? {
        document.encoding.isEmpty ? nil : document.encoding + " (" + document.encodingMethod + ")"
    }

    /// Runs one document and returns the finished `WorkingDocument` (or the drop), for tests and tools.
    public func run(_ input: InputItem) -> (document: WorkingDocument, drop: (stage: String, reason: String, detail: String)?) {
        var document = WorkingDocument(input: input)
        for stage in stages {
            if case .drop(let reason, let detail) = stage.run(&document) { return (document, (stage.name, reason, detail)) }
        }
        return (document, nil)
    }
}
