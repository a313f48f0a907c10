/// A cleaning rule over HTML elements: when `matches` is true the element and its subtree are removed,
/// and the removal is counted under `reason`.
public protocol ElementRule: Sendable {
    /// Dotted reason code, e.g. `clean.drop_tags` or `rule.selector.navigation`.
    var reason: String { get }
    func matches(_ node: Int32, in context: MatchContext) -> Bool
    /// A cheap pre-test: false when the rule cannot match an element with this tag that has (or has no)
    /// kept attributes, so the cleaner skips `matches`. Default: true.
    func mayMatch(tag: HTMLTag, hasAttributes: Bool) -> Bool
    /// For the cleaner's candidate filter (`RuleCandidates`): the kinds of element the rule can match,
    /// or nil for "any element" (the rule is then tried on every element). Default: nil.
    var subjects: [SelectorMatcher.SubjectNeeds]? { get }
}

extension ElementRule {
    /// Convenience for single checks (tests, tools); the cleaner uses the context form.
    public func matches(_ node: Int32, in tree: DocumentTree) -> Bool { tree.withMatchContext { matches(node, in: $0) } }

    public func mayMatch(tag: HTMLTag, hasAttributes: Bool) -> Bool { true }

    public var subjects: [SelectorMatcher.SubjectNeeds]? { nil }
}
