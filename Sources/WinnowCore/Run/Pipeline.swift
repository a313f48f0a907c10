import Foundation

/// The stages built from the config (`StageChain`, which runs them) and what a record needs after them.
public struct Pipeline: Sendable {
    public let chain: StageChain
    public let encoder: RecordEncoder
    /// Set when `dedup:` is on: records get their signature here, on the workers.
    let signer: DedupSigner?

    public init(config: LoadedConfig, added: String) {
        let settings = config.config
        let parser = HTMLParser(attributeNames: config.rules.attributeNames, maxDepth: settings.limits.maxDepth, maxNodes: settings.limits.maxNodes)
        chain = StageChain([
            LoadStage(maxBytes: settings.limits.maxDocumentBytes),
            DecodeStage(),
            ParseStage(parser: parser, dropTags: config.rules.dropTags, keptAttributes: config.rules.attributeNames),
            CleanStage(rules: config.rules, html: settings.html),
            ExtractStage(settings: settings),
            FilterStage(rules: config.rules, minTextChars: settings.extract.minTextChars, filters: settings.filters),
        ], maxDocumentSeconds: settings.limits.maxDocumentSeconds)
        encoder = RecordEncoder(added: added, rulesVersion: config.hash)
        signer = settings.dedup.enabled ? DedupSigner(settings: settings.dedup) : nil
    }

    public var stageNames: [String] { chain.names }
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
                                  bytesIn: input.size, stageSeconds: Array(repeating: 0, count: chain.stages.count), ruleHits: [:])
        }
        var document = WorkingDocument(input: input)
        // Wall time per stage, as the report has always given it.
        var timer = StageTimer(stages: chain.stages.count) { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
        if let drop = chain.run(&document, observer: &timer) {
            return DocumentResult(sequence: sequence, source: input.source, outcome: .reject(stage: drop.stage, reason: drop.reason, detail: drop.detail),
                                  bytesIn: document.bytesRead, stageSeconds: timer.seconds, ruleHits: document.ruleHits,
                                  encoding: Self.encodingLabel(document))
        }
        let text = RecordEncoder.text(of: document)
        let line = encoder.encode(document, text: text)
        var result = DocumentResult(sequence: sequence, source: input.source, outcome: .record(line), bytesIn: document.bytesRead,
                                    stageSeconds: timer.seconds, ruleHits: document.ruleHits, encoding: Self.encodingLabel(document))
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
    public func run(_ input: InputItem) -> (document: WorkingDocument, drop: StageChain.Drop?) {
        var document = WorkingDocument(input: input)
        let drop = chain.run(&document)
        return (document, drop)
    }
}
