/// Removes what is not content: element rules on HTML trees, line rules on text lines.
public struct CleanStage: Stage {
    public let name = "clean"
    let cleaner: TreeCleaner
    let lineFilter: LineFilter

    public init(rules: CompiledRules, html: WinnowConfig.HTMLSettings) {
        var elementRules: [any ElementRule] = [DropTagsRule(tags: rules.dropTags)]
        if html.dropHidden { elementRules.append(HiddenElementRule()) }
        let builtIn = elementRules.count
        elementRules += rules.selectorRules.map(SelectorRule.init)
        cleaner = TreeCleaner(rules: elementRules, guarded: elementRules.indices.map { $0 >= builtIn }, maxRemovalShare: html.maxRemovalShare)
        lineFilter = LineFilter(rules: rules.lineRules)
    }

    public func run(_ document: inout WorkingDocument) -> StageOutcome {
        if var tree = document.tree {
            document.tree = nil  // keep the tree uniquely referenced while it is mutated
            let hits = cleaner.clean(&tree, deadline: document.deadline)
            document.tree = tree
            for (reason, count) in hits { document.hit(reason, count) }
        } else {
            document.lines = lineFilter.filter(document.lines, hits: &document.ruleHits)
        }
        return .keep
    }
}
