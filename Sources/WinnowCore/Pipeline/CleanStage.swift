/// Removes what is not content: element rules on HTML trees, line rules on text lines.
public struct CleanStage: Stage {
    public let name = "clean"
    let cleaner: TreeCleaner
    let lineFilter: LineFilter

    public init(rules: CompiledRules, html: WinnowConfig.HTMLSettings) {
        // Every rule is guarded (see TreeCleaner): an element that holds most of the page's text is the
        // page, whatever matched it — a mis-nested form control that swallowed the rest, a `<noscript>`
        // copy of a script-built page, a `hidden` wrapper that script reveals (streamed rendering).
        var elementRules: [any ElementRule] = [DropTagsRule(tags: rules.dropTags)]
        if html.dropHidden { elementRules.append(HiddenElementRule()) }
        elementRules += rules.selectorRules.map(SelectorRule.init)
        cleaner = TreeCleaner(rules: elementRules, guarded: elementRules.map { _ in true }, maxRemovalShare: html.maxRemovalShare)
        lineFilter = LineFilter(rules: rules.lineRules)
    }

    public func run(_ document: inout WorkingDocument) -> StageOutcome {
        if var tree = document.tree {
            document.tree = nil  // keep the tree uniquely referenced while it is mutated
            let hits = cleaner.clean(&tree, deadline: document.deadline)
            document.tree = tree
            for (reason, count) in hits { document.hit(reason, count) }
        } else {
            document.lines = lineFilter.filter(document.lines, hits: &document.ruleHits, deadline: document.deadline)
        }
        return .keep
    }
}
