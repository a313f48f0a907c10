/// Last word on a document: line rules over the HTML paragraphs, then the minimum-length check.
public struct FilterStage: Stage {
    public let name = "filter"
    let lineFilter: LineFilter
    let minTextChars: Int

    public init(rules: CompiledRules, minTextChars: Int) {
        lineFilter = LineFilter(rules: rules.lineRules, cutsAtArticleEnd: false)
        self.minTextChars = minTextChars
    }

    public func run(_ document: inout WorkingDocument) -> StageOutcome {
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
        return .keep
    }
}
