/// Last word on a document: line rules over the HTML paragraphs, the minimum-length check, then the
/// configured quality filters (`filters:`), which drop with `filter.<name>.<check>`.
public struct FilterStage: Stage {
    public let name = "filter"
    let lineFilter: LineFilter
    let minTextChars: Int
    public let chain: FilterChain

    public init(rules: CompiledRules, minTextChars: Int, filters: [FilterSpec] = []) {
        lineFilter = LineFilter(rules: rules.lineRules, cutsAtArticleEnd: false)
        self.minTextChars = minTextChars
        chain = FilterChain(filters)
    }

    public func run(_ document: inout WorkingDocument) -> StageOutcome {
        if let drop = prepare(&document) { return drop }
        guard !chain.isEmpty else { return .keep }
        var filtered = filterDocument(document)
        let drop = chain.run(&filtered)
        for (reason, count) in filtered.lineHits { document.hit(reason, count) }
        if let drop { return .drop(reason: drop.reason, detail: drop.detail) }
        if filtered.changed {
            // A filter edited the text (C4's line removal): its lines are the record's text now.
            document.paragraphs = [filtered.text]
            document.separators = []
        }
        return .keep
    }

    /// The line rules over HTML paragraphs and the length checks: the drop, or nil to go on to the filters.
    func prepare(_ document: inout WorkingDocument) -> StageOutcome? {
        if document.contentType == .html {
            let kept = lineFilter.keptIndices(document.paragraphs, hits: &document.ruleHits, deadline: document.deadline)
            // A line regex gave up at the budget: the pipeline rejects the document as budget.time.
            if CPUClock.thread() > document.deadline { return .keep }
            if kept.count < document.paragraphs.count {
                document.paragraphs = kept.map { document.paragraphs[$0] }
                document.separators = kept.map { $0 < document.separators.count ? document.separators[$0] : TextLayout.blankLine }
                document.markdown?.keep(kept)
            }
        }
        let chars = document.paragraphs.reduce(0) { $0 + ByteText.scalarCount($1) }
        if chars == 0 { return .drop(reason: "extract.empty", detail: "no main text found") }
        if chars < minTextChars {
            return .drop(reason: "extract.too_short", detail: "\(chars) characters, minimum \(minTextChars) (extract.min_text_chars)")
        }
        return nil
    }

    /// The record's text and language as the filters see them.
    public func filterDocument(_ document: WorkingDocument) -> FilterDocument {
        FilterDocument(text: document.text, language: document.metadata.language, languageConfidence: document.metadata.languageConfidence)
    }
}
